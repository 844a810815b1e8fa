"""The preview rebuilds only the pages that changed.

After every save ``make serve`` rebuilds the whole site. At 1,000
initiatives nearly all of that is pages whose HTML cannot have changed. In
the preview only, each page gets a digest of everything it is made from;
when the digest is the one of the previous build, the page's previous HTML
and search entries are reused:

- A generated page (an initiative, a term …) is decided before MkDocs reads
  any page, from the content model (``page_inputs``): an unchanged one is
  left out of MkDocs' page loop (``InclusionLevel.EXCLUDED``) and its
  previous file put back after the build.
- A hand-written page goes through the loop (links from Markdown are checked
  against every page); when its Markdown, metadata, place and what it shows
  of the content are unchanged, its body is not rendered again and it is
  given the tiny template ``sis/preview-unchanged.html`` and its
  previous HTML written in its place.
- The search index gets the reused pages' previous entries, in page order.

The preview server (tools/serve.py) builds without emptying the site folder
first (MkDocs' dirty build), so a reused page's file simply stays where it is;
what no longer belongs to the site (a removed initiative's pages, a picture no
longer shown) is deleted after the build. Every hand-written page is read and
checked again: its previous file is deleted before MkDocs looks at its time.

What the preview keeps from one build to the next (``Memory``: each page's
digest, the hand-written pages' HTML, the search entries, the checked content
files, the compiled templates, the open data records, the files written) lives
in a dictionary that the server keeps for as long as it runs and hands to every
build in its configuration. Without it (``mkdocs serve``, ``mkdocs build``)
every build is whole.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from content_errors import MKDOCS_PAGES
from page_inputs import declared as declared_inputs
from search_languages import entry_text
from site_build import GeneratedPage, SiteBuild, page_language, terminal_language
from site_content import Initiative, Partner, Term, fields, routes
from site_content.content_cache import ContentCache
from site_content.model import Event, Image, NewsItem
from site_content.page_translations import page_text, read_front_matter
from site_content.routes import LANGUAGES
from site_content.translations import normal_url

log = logging.getLogger("mkdocs.hooks.preview_cache")

# The key under which tools/serve.py hands its memory to every build.
MEMORY_KEY = "sis_preview_memory"
UNCHANGED_TEMPLATE = "sis/preview-unchanged.html"
# Folders whose files may shape every page, besides mkdocs.yml and docs/.
SITE_WIDE = ("i18n", "overrides", "hooks", "schemas", "content/geo")
# Views that read more of the content than their own data: the catalogue's
# filters and map, an event's link to its municipality's page.
FACET_VIEWS = ("catalogue", "event")
# What a card shows of an initiative besides its terms and picture
# (overrides/sis/macros.html, ``initiative_card``): the fields declared ``card``
# (site_content/fields.py); lists are ordered by name.
SHOWN_APART = (fields.TERMS, fields.TERM, fields.IMAGE)  # a card's terms and picture: Digests.card
CARD_FIELDS = (
    "slug",
    *(f.name for f in fields.INITIATIVE.on_cards() if f.kind not in SHOWN_APART),
)


@dataclass
class Memory:
    """What the preview keeps from one build to the next."""

    # Source URI -> {"digest", "url", "dest"} of the previous build's pages.
    pages: dict[str, dict] = field(default_factory=dict)
    # Source URI -> HTML, of the pages that went through MkDocs' page loop.
    html: dict[str, str] = field(default_factory=dict)
    # A page's address (as normal_url gives it) -> its search entries as JSON text
    # in its language's index (search_languages.entry_text, comma-separated).
    search: dict[str, str] = field(default_factory=dict)
    content: ContentCache = field(default_factory=ContentCache)
    # Compiled templates by Jinja's key: compiling Material's costs a tenth of a second.
    templates: dict[str, bytes] = field(default_factory=dict)
    # An initiative's open data record as text, by the digest of what it is made from.
    exports: dict[str, tuple[str, str]] = field(default_factory=dict)
    # The files besides pages that the previous build wrote (site-relative), to
    # delete those this one does not write.
    files: set[str] = field(default_factory=set)
    # False from the start of a build to its end: a build that stopped half-way
    # (an exception) may have written pages the digests do not describe.
    finished: bool = True


@dataclass
class PreviewCache:
    """What this build of the preview reuses of the previous one."""

    site: Path
    memory: Memory
    site_wide: str = ""
    files_digest: str = ""
    pictures_digest: str = ""
    shown: Shown | None = None
    digests: dict[str, str] = field(default_factory=dict)
    reused: set[str] = field(default_factory=set)
    # Source URI -> HTML of this build's pages that went through the page loop.
    html: dict[str, str] = field(default_factory=dict)
    exports: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, config: MkDocsConfig) -> PreviewCache | None:
        """This build's, when the preview server handed it a memory; None otherwise."""
        kept = config.get(MEMORY_KEY)
        if not isinstance(kept, dict):
            return None
        memory = kept.setdefault("memory", Memory())
        if not memory.finished:
            memory.pages = {src: {**known, "digest": ""} for src, known in memory.pages.items()}
            memory.html = {}
        memory.finished = False
        return cls(Path(config.site_dir), memory)

    @property
    def previous(self) -> dict[str, dict]:
        return self.memory.pages

    @property
    def content(self) -> ContentCache:
        return self.memory.content

    def bytecode_cache(self, on_disk: BytecodeCache) -> BytecodeCache:
        return _CompiledTemplates(self.memory.templates, on_disk)

    # -------------------------------------------------------------------------
    # Open data: an initiative's record made again when what it shows changed
    # -------------------------------------------------------------------------

    def export_records(self, build: SiteBuild, config: MkDocsConfig):
        """For site_content.export: an initiative's record text, the previous build's
        when what it is made from (its file, its card, its partners, the site's address) is unchanged."""
        shown = self.shown_of(build)

        def encoded(initiative: Initiative, encode) -> tuple[str, str]:
            partners = [shown.partner(partner) for partner in initiative.partners]
            key = _digest([config.site_url, initiative.digest, shown.card(initiative), partners])
            found = self.memory.exports.get(key) or encode(initiative)
            self.exports[key] = found
            return found

        return encoded

    def shown_of(self, build: SiteBuild) -> Shown:
        if self.shown is None:
            self.shown = Shown(build)
        return self.shown

    # -------------------------------------------------------------------------
    # Generated pages: left out of the page loop when unchanged
    # -------------------------------------------------------------------------

    def reuse_generated(self, build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
        pages = files.documentation_pages()
        for file in pages:
            if build.page(file.src_uri) is None:
                # A hand-written page: read and checked every build, so its file must
                # look older than its Markdown to MkDocs' dirty build.
                Path(file.abs_dest_path).unlink(missing_ok=True)
        if build.content_problems is not None:
            return  # every page shows the errors: nothing to reuse, nothing to remember
        self.site_wide = site_wide_digest(build, config)
        shown = self.shown_of(build)
        self.files_digest = _digest(sorted(file.src_uri for file in pages))
        self.pictures_digest = _digest(repr(build.pictures))
        in_nav = set(_nav_sources(config.nav))
        for file in pages:
            generated = build.page(file.src_uri)
            if generated is None:
                continue
            digest = _digest([self.site_wide, page_inputs(build, generated, shown)])
            self.digests[file.src_uri] = digest
            # A page the navigation names (the news, the events) stays a page
            # of MkDocs: its title is the tab's (reuse_written).
            if file.src_uri not in in_nav and self._unchanged(file.src_uri, digest):
                file.inclusion = InclusionLevel.EXCLUDED
                self.reused.add(file.src_uri)
        if self.reused:
            # Until the end of this build (content_errors.show_missing_links).
            build.quiet_links = ReusedPages(self.reused)
            logging.getLogger(MKDOCS_PAGES).addFilter(build.quiet_links)

    def _unchanged(self, src_uri: str, digest: str, in_loop: bool = False) -> bool:
        known = self.previous.get(src_uri)
        if not known or known["digest"] != digest:
            return False
        # A generated page's file stays in the site from the build that wrote it
        # (finish deletes only what no build has any more).
        return not in_loop or src_uri in self.memory.html

    # -------------------------------------------------------------------------
    # Hand-written pages: the template skipped when unchanged
    # -------------------------------------------------------------------------

    def reuse_written(self, build: SiteBuild, page: Page, markdown: str) -> None:
        """Decided as MkDocs reads the page (on_page_markdown), from what its HTML is made of."""
        if build.content_problems is not None:
            return
        if build.page(page.file.src_uri) is not None:
            # A generated page in the loop: named in the navigation, or changed.
            self._reuse(page, self.digests[page.file.src_uri])
            return
        counterpart = build.translations.counterpart(page.url)
        inputs = [
            self.site_wide,
            # Pages added or removed: a link in the Markdown may resolve otherwise.
            self.files_digest,
            self.pictures_digest,
            # A hand-written page with a view or its own template shows content.
            self.shown.written(page) if _shows_content(page) else None,
            page.file.src_uri,
            page.url,
            markdown,
            page.meta,
            page.edit_url,
            page.canonical_url,
            str(page.file.inclusion),
            counterpart.url if counterpart else None,
            build.translations.alternates(page.url),
            build.translations.original_of(page.url),
        ]
        digest = _digest(inputs)
        self.digests[page.file.src_uri] = digest
        self._reuse(page, digest)

    def _reuse(self, page: Page, digest: str) -> None:
        if self._unchanged(page.file.src_uri, digest, in_loop=True):
            self.reused.add(page.file.src_uri)
            page.meta["template"] = UNCHANGED_TEMPLATE
            # Material's search skips it; its previous entries are put back after the build.
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}

    def reuses(self, page: Page) -> bool:
        return page.file.src_uri in self.reused

    def previous_html(self, page: Page) -> str | None:
        """The page's previous HTML when it is reused, for on_post_page."""
        if page.file.src_uri not in self.reused:
            return None
        return self.memory.html[page.file.src_uri]

    def remember_html(self, page: Page, html: str) -> None:
        """A page's HTML as written (on_post_page), for the next build."""
        self.html[page.file.src_uri] = html

    # -------------------------------------------------------------------------
    # After the build: pages and search entries back, remember this build
    # -------------------------------------------------------------------------

    def finish(self, build: SiteBuild, config: MkDocsConfig, files: Files) -> tuple | None:
        """After the search plugin has written its index; returns the index's head
        and each language's entries (for search_languages.split_index)."""
        pages = [
            file
            for file in files.documentation_pages(inclusion=InclusionLevel.all)
            if file.page or file.src_uri in self.reused
        ]
        index, entries = self._search_index(pages)
        memory = self.memory
        written = {file.dest_uri for file in files if not file.is_documentation_page()}
        written |= {redirect.file for redirect in build.redirects}
        if build.content_problems is None:
            self._delete({known["dest"] for known in memory.pages.values()} - {f.dest_uri for f in pages})
            self._delete(memory.files - written)
            memory.pages = {
                file.src_uri: {"digest": self.digests[file.src_uri], "url": file.url, "dest": file.dest_uri}
                for file in pages
                if file.src_uri in self.digests
            }
            memory.html = self.html
            memory.search = entries
            memory.exports = self.exports
            memory.files = written
        else:
            # This build's pages are error pages: keep the addresses (for the
            # next build with errors), never the digests; delete nothing yet.
            memory.pages = {src: {**known, "digest": ""} for src, known in memory.pages.items()}
            memory.html, memory.search, memory.exports = {}, {}, {}
            memory.files |= written
        memory.finished = True
        t = build.strings[terminal_language()]
        rebuilt = [file.src_uri for file in pages if file.src_uri not in self.reused]
        log.debug("Built again: %s", ", ".join(rebuilt))
        if build.content_problems is not None:
            return index  # every page is the error page: the errors are the news
        log.info(
            t(
                "preview_rebuilt",
                rebuilt=t.plural("preview_pages", len(rebuilt)),
                reused=t.plural("preview_pages", len(self.reused)),
            )
        )
        return index

    def _delete(self, stale: set[str]) -> None:
        """Files of the previous build that this one did not write, and folders left empty."""
        for relative in sorted(stale):
            path = self.site / relative
            path.unlink(missing_ok=True)
            for folder in path.parents:
                if folder == self.site or any(folder.iterdir()):
                    break
                folder.rmdir()

    def _search_index(self, pages: list) -> tuple[tuple | None, dict[str, str]]:
        """((the index's head, each language's entries), each page's entries): the search
        plugin's entries for the pages built, the previous ones for those reused, in page order."""
        index_path = self.site / "search" / "search_index.json"
        if not index_path.is_file():
            return None, {}
        index = json.loads(index_path.read_text(encoding="utf-8"))
        fresh = _by_page(index["docs"])
        entries: dict[str, str] = {}
        by_language: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
        for file in pages:
            url = normal_url(file.url)
            if file.src_uri in self.reused:
                text = self.memory.search.get(url, "")
            else:
                text = ",".join(entry_text(doc) for doc in fresh.get(url, []))
            entries[url] = text
            if text:
                by_language[routes.language_of(url)].append(text)
        head = {key: value for key, value in index.items() if key != "docs"}
        return (head, {lang: ",".join(texts) for lang, texts in by_language.items()}), entries

    def previous_urls(self, files: Files) -> list[str]:
        """The addresses of the previous build's pages that this build has not made."""
        made = {file.url for file in files.documentation_pages()}
        return [known["url"] for known in self.previous.values() if known["url"] not in made]


# -----------------------------------------------------------------------------
# Digests: what a page is made from
# -----------------------------------------------------------------------------


def site_wide_digest(build: SiteBuild, config: MkDocsConfig) -> str:
    """Names, sizes and times of the files that shape every page, and of docs/ what
    other pages show of it: each page's front matter and first heading (titles in
    the navigation, the site's description)."""
    root = build.root
    stamps: list = [str(config.site_url), build.show_drafts]
    for path in [Path(config.config_file_path), *_files_under(root, SITE_WIDE)]:
        stat = path.stat()
        stamps.append([str(path), stat.st_size, stat.st_mtime_ns])
    docs = Path(config.docs_dir)
    for path in sorted(docs.rglob("*.md")):
        text = page_text(path)
        meta = read_front_matter(text).meta  # the hardened reader: any page here may be hostile
        heading = next((line for line in text.splitlines() if line.startswith("# ")), "")
        stamps.append([path.relative_to(docs).as_posix(), meta, heading])
    return _digest(stamps)


def _files_under(root: Path, folders) -> list[Path]:
    found = []
    for name in folders:
        for path in sorted((root / name).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                found.append(path)
    return found


def page_inputs(build: SiteBuild, generated: GeneratedPage, shown: Shown) -> list:
    """Everything a generated page shows, as digests of content files and labels."""
    view = generated.view
    counterpart = build.translations.counterpart(generated.url)
    return [
        generated.url,
        generated.src_uri,
        view.name,
        view.title,
        view.draft,
        view.noindex,
        generated.text,
        generated.source,
        shown.of(view.data),
        shown.facets() if view.name in FACET_VIEWS else None,
        counterpart.url if counterpart else None,
        build.translations.alternates(generated.url),
        build.translations.original_of(generated.url),
    ]


class ReusedPages(logging.Filter):
    """MkDocs says of a link to a page it left out "… which is excluded from the
    built site"; a reused page is in the site (its previous file)."""

    NOTICE = re.compile(r"contains a link to '(?P<target>.+)' which is excluded from the built site\.$")

    def __init__(self, reused: set[str]) -> None:
        super().__init__()
        self.reused = reused

    def filter(self, record: logging.LogRecord) -> bool:
        found = self.NOTICE.search(record.getMessage())
        return not (found and found["target"] in self.reused)


class Shown:
    """What of the content a page shows, as short digests, each worked out once per build:
    an entry's file, its terms' labels, its pictures, the partners it names."""

    def __init__(self, build: SiteBuild) -> None:
        self.build = build
        self._digests: dict[tuple[str, int], str] = {}

    def of(self, value, listed: bool = False):
        """A view's data: an entry as its page shows it, entries in a list as lists show them."""
        if isinstance(value, dict):
            return {key: self.of(item, listed) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.of(item, listed=True) for item in value]
        if listed and isinstance(value, Initiative):
            return self.card(value)
        if listed and isinstance(value, Partner):
            return self.partner(value)
        if isinstance(value, Initiative | Partner | Term | Event | NewsItem):
            return self.page_of(value)
        return repr(value)

    def _once(self, kind: str, value, make) -> str:
        key = (kind, id(value))  # the entries live as long as the build
        if key not in self._digests:
            self._digests[key] = _digest(make())
        return self._digests[key]

    def page_of(self, value) -> str:
        """An entry as its own page (or a term as its list) shows it."""
        if isinstance(value, Term):
            return self.term(value)
        return self._once("page", value, lambda: self._page_inputs(value))

    def _page_inputs(self, value) -> list:
        if isinstance(value, Initiative):
            return [
                value.digest,
                self.card(value),
                [self.card(other) for other in value.related],
                [self.page_of(item) for item in value.news],
                [self.partner(partner) for partner in value.partners],
            ]
        if isinstance(value, Partner):
            return [
                value.slug,
                value.digest,
                self.picture(value.logo),
                [self.card(initiative) for initiative in value.initiatives],
                [self.page_of(entry) for entry in [*value.events, *value.news]],
            ]
        if isinstance(value, Event):
            return [
                value.slug,
                value.digest,
                self.picture(value.image),
                [self.partner(p) for p in value.organisers],
                [self.term(t) for t in _terms_of(value)],
            ]
        return [  # a news item
            value.slug,
            value.digest,
            self.picture(value.image),
            [self.partner(p) for p in value.partners],
            [self.card(i) for i in value.initiatives],  # their names
        ]

    def card(self, initiative: Initiative) -> str:
        """An initiative as lists show it (overrides/sis/macros.html, ``initiative_card``):
        the fields in ``CARD_FIELDS``, its terms' labels, its picture. Not its description:
        editing that builds the initiative's own pages again, not the 20 that list it."""
        return self._once(
            "card",
            initiative,
            lambda: [
                [repr(getattr(initiative, name)) for name in CARD_FIELDS],
                [self.term(term) for term in _terms_of(initiative)],
                self.picture(initiative.image),
            ],
        )

    def partner(self, partner: Partner) -> str:
        """A partner as other pages name it."""
        return self._once(
            "partner",
            partner,
            lambda: [repr(partner.name), partner.slug, partner.website, self.picture(partner.logo)],
        )

    def partner_reach(self, partner: Partner) -> list:
        """A partner as the contact and suggestion pages show it: how to reach it."""
        return [
            self.partner(partner),
            partner.contact,
            partner.contact_page,
            repr(partner.helps_with),
            repr(partner.former_name),
        ]

    def term(self, term: Term) -> str:
        return self._once(
            "term", term, lambda: [term.vocabulary, term.key, repr(term.label), term.slugs, term.scb_code]
        )

    def picture(self, image: Image | None) -> str | None:
        if image is None:
            return None
        return self._once(
            "picture", image, lambda: [image.src, repr(image.alt), repr(self.build.pictures.get(image.src))]
        )

    @property
    def page_size(self) -> int:
        """The catalogue's page size (a declaration's first page of cards)."""
        return self.build.page_size

    def written(self, page: Page) -> str:
        """What a hand-written page with a view or template shows of the content, as the
        module that makes the page declares it (page_inputs.py)."""
        found = declared_inputs(page.meta)
        if found is None:
            return content_digest(self.build)  # a page that declares nothing: all of it
        name, inputs = found
        return _digest([name, inputs(self.build.content, page_language(page), self)])

    def facets(self) -> str:
        """The catalogue's filters and map: every used term with its count, partners with initiatives."""
        content = self.build.content
        return self._once(
            "facets",
            content,
            lambda: [
                [
                    [self.term(term), count]
                    for vocabulary in content.vocabularies
                    for term, count in content.used_terms(vocabulary, "sv")
                ],
                [self.partner(p) for p in content.partners.values() if p.initiatives],
                len(content.initiatives),
            ],
        )


def _terms_of(entry) -> list[Term]:
    """The terms an entry names: its term fields, an organisation's type, a place's municipality."""
    found = []
    for declared in entry.declaration.fields:
        value = getattr(entry, declared.name)
        if declared.kind == fields.TERMS:
            found.extend(value)
        elif declared.kind == fields.TERM:
            found.append(value)
        elif declared.kind == fields.ORGANISATION and value is not None:
            found.append(value.type)
        elif declared.kind == fields.LOCATION and value is not None:
            found.append(value.municipality)
    return [term for term in found if term is not None]


def content_digest(build: SiteBuild) -> str:
    """All entries and terms: for hand-written pages that show content (home, lists)."""
    content = build.content
    entries = [
        *content.initiatives.values(),
        *content.partners.values(),
        *content.events.values(),
        *content.news.values(),
    ]
    labels = [
        repr(t.label) for vocabulary in content.vocabularies.values() for t in vocabulary.terms.values()
    ]
    return _digest([sorted((entry.slug, entry.digest) for entry in entries), labels, repr(build.pictures)])


def _shows_content(page: Page) -> bool:
    return bool(page.meta.get("view") or page.meta.get("template"))


def _nav_sources(items) -> list[str]:
    """Every Markdown source the navigation of mkdocs.yml names."""
    if isinstance(items, str):
        return [items]
    if isinstance(items, dict):
        return [source for value in items.values() for source in _nav_sources(value)]
    if isinstance(items, list):
        return [source for item in items for source in _nav_sources(item)]
    return []


def _by_page(docs: list[dict]) -> dict[str, list[dict]]:
    """Search entries by the address of their page (an entry per heading: page#anchor)."""
    pages: dict[str, list[dict]] = {}
    for doc in docs:
        pages.setdefault(doc["location"].split("#")[0], []).append(doc)
    return pages


class _CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, kept in the preview's memory, and on disk for the
    preview's first build and the next preview (Jinja checks each against its
    template's source before using it)."""

    def __init__(self, store: dict[str, bytes], on_disk: BytecodeCache) -> None:
        self.store, self.on_disk = store, on_disk

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
            return
        self.on_disk.load_bytecode(bucket)
        if bucket.code is not None:
            self.store[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
        self.on_disk.dump_bytecode(bucket)


def _digest(inputs) -> str:
    """A digest of plain data (lists, dicts in the order they were built, texts,
    numbers) by its repr: quicker than JSON, and the same inputs give the same text."""
    return hashlib.blake2b(repr(inputs).encode(), digest_size=16).hexdigest()
