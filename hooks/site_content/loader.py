"""Load, validate and cross-reference every content file.

All problems of a run are collected and raised together (ContentProblems), each
naming the file, line, column and field, so a partner can fix them in one go.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import hashlib
import os
import re
import zlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import docs_html, fields, filenames, forked, images, published_files, routes, schemas
from .content_cache import ContentCache, Reference
from .mistakes import source_mistakes
from .model import (
    Content,
    Event,
    Initiative,
    NewsItem,
    Partner,
    Term,
    Vocabulary,
    newest_news,
    sorted_events,
)
from .page_translations import page_key_problems, page_translation_problems
from .problems import (
    DEFAULT_HINTS,
    ContentProblems,
    Hints,
    Problem,
    hints_from,
)
from .reader import FieldReader, Known, given, read_fields, written
from .schemas import field_names, schema_folder_problems, schema_problems
from .slugs import fold_slug, is_valid_slug
from .yamlsource import read_source, read_yaml

VOCABULARY_FILES = {
    "themes": "themes.yml",
    "municipalities": "municipalities.yml",
    "organisation_types": "organisation-types.yml",
    "stages": "stages.yml",
}


@dataclass(frozen=True)
class ContentPaths:
    """Where content lives; ``display_root`` makes paths in messages repo-relative."""

    partners: Path
    initiatives: Path
    vocabulary: Path
    docs: Path
    schemas: Path
    display_root: Path
    events: Path | None = None
    news: Path | None = None

    @classmethod
    def under(cls, root: Path, docs: Path, initiatives: Path | None = None) -> ContentPaths:
        root = Path(root)
        return cls(
            partners=root / "content" / "partners",
            initiatives=Path(initiatives) if initiatives else root / "content" / "initiatives",
            vocabulary=root / "content" / "vocabulary",
            docs=Path(docs),
            schemas=root / "schemas",
            display_root=root,
            events=root / "content" / "events",
            news=root / "content" / "news",
        )

    def display(self, path: Path) -> str:
        # Not resolved first: a symbolic link is named as written, not by where it points.
        # Strings first: this runs for every file on every load, and pathlib costs.
        shown, root = os.path.abspath(path), os.path.abspath(self.display_root)
        prefix = root.rstrip(os.sep) + os.sep
        if shown.startswith(prefix):
            return shown[len(prefix) :].replace(os.sep, "/")
        for pair in (
            lambda: (Path(shown), Path(root)),
            lambda: (path.resolve(), self.display_root.resolve()),  # a link in the root's path
        ):
            shown_path, root_path = pair()
            try:
                return shown_path.relative_to(root_path).as_posix()
            except ValueError:
                continue
        return path.as_posix()


# -----------------------------------------------------------------------------
# Files
# -----------------------------------------------------------------------------


@dataclass
class FileTrace:
    """One file's load as the content cache sees it: the bytes it read already
    (``source``, from ``read_source``) and the images the check looked at."""

    source: tuple[bytes | None, list[Problem]] | None = None
    images: list[str] = field(default_factory=list)
    named: list[tuple[str, str]] = field(default_factory=list)  # FieldReader.named


class _CheckedFile:
    """One content file: parsed once, checked once against its schema, then read.

    The reader reads only what the schema found sound, so a mistake is told
    once; where the reader can name the right value its message replaces the
    schema's for that field.
    """

    def __init__(
        self,
        path: Path,
        paths: ContentPaths,
        schema: str,
        problems: list[Problem],
        hints: Hints = DEFAULT_HINTS,
        trace: FileTrace | None = None,
    ):
        self.problems = problems
        self.display = paths.display(path)
        self.schema_found: list[Problem] = []
        self.reader_found: list[Problem] = []
        self.reader: FieldReader | None = None
        trace = trace or FileTrace()
        document, found = read_yaml(path, self.display, trace.source)
        problems.extend(found)
        self.digest = document.digest if document is not None else ""
        if document is not None and document.data is None:
            problems.append(Problem(self.display, 1, 1, "", "empty-file"))
            document = None
        if document is not None:
            self.schema_found = schema_problems(document, schema, paths.schemas, hints)
            flagged = frozenset(p.field for p in self.schema_found)
            self.reader = FieldReader(document, self.reader_found, flagged, trace.images, trace.named)
            self.reader_found.extend(source_mistakes(document, *field_names(paths.schemas, schema)))

    def fields(self) -> dict | None:
        """The file's top level; None (with its problems recorded) when it is not a mapping."""
        data = self.reader.mapping(()) if self.reader is not None else None
        if self.reader is not None and data is None:
            self.finish()
        return data

    def finish(self) -> bool:
        """Record this file's problems; True when it has no errors."""
        merged = merge_problems(self.schema_found, self.reader_found)
        self.problems.extend(merged)
        return not any(p.severity == "error" for p in merged)


# The reader's own message for these says what to write; the schema's only what is wrong.
PRECISE = ("unknown-term", "unknown-partner", "unknown-initiative", "bad-hash", "quoted-year")


def merge_problems(schema_found: list[Problem], reader_found: list[Problem]) -> list[Problem]:
    """The schema's problems (less those a precise one replaces) and the reader's, each once."""
    replaced = {p.field for p in reader_found if p.code in PRECISE}
    # A dict, not a list: a hostile file can have thousands of problems. Keyed by
    # the message too: two findings in one field (two tags removed) are two problems.
    kept: dict[tuple[Problem, str], Problem] = {}
    for problem in [*(p for p in schema_found if p.field not in replaced), *reader_found]:
        kept.setdefault((problem, problem.message("en")), problem)  # one keyword failing twice is one mistake
    return sorted(kept.values(), key=lambda p: (p.line or 0, p.column or 0, p.severity))


# File names that would become a section's address (routes): initiativ/tema/ is the
# folder of every theme's page, not a place for an initiative called 'tema'.
RESERVED_SLUGS = routes.section_segments()


def _check_slug(path: Path, display: str, seen: dict[str, str], problems: list[Problem]) -> str | None:
    slug = path.stem
    if not is_valid_slug(slug):
        problems.append(
            Problem(
                display,
                None,
                None,
                "",
                "bad-file-name",
                {"value": path.name, "suggestion": filenames.suggested_name(path.name)},
            )
        )
        return None
    if slug in RESERVED_SLUGS:
        shown = [f"/{url}" for url in routes.section_addresses() if slug in url.split("/")]
        addresses = ", ".join(shown[:2])
        params = {"value": path.name, "slug": slug, "addresses": addresses, "example": f"{slug}-skane.yml"}
        problems.append(Problem(display, None, None, "", "slug-reserved", params))
        return None
    folded = fold_slug(slug)
    if folded in seen:
        problems.append(
            Problem(display, None, None, "", "slug-collision", {"value": slug, "other": seen[folded]})
        )
        return None
    seen[folded] = display
    return slug


def load_vocabulary(
    name: str, path: Path, paths: ContentPaths, problems: list[Problem], trace: FileTrace | None = None
) -> Vocabulary:
    checked = _CheckedFile(path, paths, "vocabulary", problems, trace=trace)
    terms: dict[str, Term] = {}
    taken: dict[tuple[str, str], str] = {}  # (language, slug) -> key: one URL per term
    reader = checked.reader
    data = checked.fields()
    if data is None:
        return Vocabulary(name, checked.display, terms)
    for key in data:
        entry = reader.mapping((key,))  # None when the schema found the key or the entry wrong
        if entry is None or not given(entry.get("label")):
            continue
        label = reader.optional_localized((key, "label"))
        slugs = {"sv": key, "en": key}
        written = reader.mapping((key, "slug")) or {}
        slugs.update({lang: slug for lang, slug in written.items() if isinstance(slug, str)})
        for lang, slug in slugs.items():
            if (lang, slug) in taken:
                reader.problem(
                    (key, "slug", lang) if written else (key,),
                    "slug-collision",
                    value=slug,
                    other=f"{checked.display} ({taken[lang, slug]})",
                )
            taken[lang, slug] = key
        code = entry.get("scb_code")
        if label:
            terms[key] = Term(name, key, label, slugs, str(code) if code is not None else None)
    checked.finish()
    return Vocabulary(name, checked.display, terms)


def _entry(checked: _CheckedFile, kind: fields.EntryKind, values: dict, slug: str, make):
    """The entry ``make(**values)``; None when its file has errors or a required field is empty."""
    if not checked.finish():
        return None
    if any(values[f.name] in (None, []) for f in kind.fields if f.required):
        return None  # told by the schema already
    return make(slug=slug, source=checked.display, digest=checked.digest, **values)


def load_partner(
    path: Path, slug: str, paths: ContentPaths, problems: list[Problem], trace: FileTrace | None = None
) -> Partner | None:
    checked = _CheckedFile(path, paths, "partner", problems, trace=trace)
    data = checked.fields()
    if data is None:
        return None
    values = read_fields(checked.reader, data, fields.PARTNER, Known(paths.docs))
    return _entry(checked, fields.PARTNER, values, slug, Partner)


def vocabulary_hints(vocabularies: dict[str, Vocabulary]) -> Hints:
    """Hints naming the allowed terms, read from the vocabularies as loaded."""
    return hints_from({name: list(vocabulary.terms) for name, vocabulary in vocabularies.items()})


def load_initiative(
    path: Path,
    slug: str,
    paths: ContentPaths,
    partners: dict[str, Partner],
    vocabularies: dict[str, Vocabulary],
    problems: list[Problem],
    partner_files: frozenset[str] = frozenset(),
    hints: Hints | None = None,
    trace: FileTrace | None = None,
) -> Initiative | None:
    """``partner_files``: the slugs of every partner file, loaded or not; naming one whose
    file has errors is no error here (they are told in that file only)."""
    hints = hints or vocabulary_hints(vocabularies)
    checked = _CheckedFile(path, paths, "initiative", problems, hints, trace)
    data = checked.fields()
    if data is None:
        return None
    reader = checked.reader
    known = Known(paths.docs, vocabularies, partners, partner_files)
    values = read_fields(reader, data, fields.INITIATIVE, known)
    reader.dates_in_order(values, "added")
    _published_example(reader, values, ("name", "summary", "description"))
    return _entry(checked, fields.INITIATIVE, values, slug, Initiative)


# -----------------------------------------------------------------------------
# The made-up examples are never published
# -----------------------------------------------------------------------------

# The marks every example in content/ carries: a name that starts "Exempel" and
# a Swedish text that says "Påhittat exempel". A copy of an example keeps them.
EXAMPLE_NAME = re.compile(r"exempel\b", re.IGNORECASE)
EXAMPLE_TEXT = re.compile(r"påhittat\s+exempel", re.IGNORECASE)


def _published_example(reader: FieldReader, values: dict, texts: tuple[str, ...]) -> None:
    """An entry to be published that is still one of the examples, or a copy of one:
    told at its name (the first of ``texts``) or at the text that says so."""
    if values["draft"]:
        return
    name_field, *others = texts
    name = values[name_field]
    if name and EXAMPLE_NAME.match(name.sv):
        reader.problem((name_field, "sv"), "published-example-name", value=name.sv)
        return
    for text_field in others:
        text = values[text_field]
        if text and EXAMPLE_TEXT.search(text.sv):
            reader.problem((text_field, "sv"), "published-example-text")
            return


def load_event(
    path: Path,
    slug: str,
    paths: ContentPaths,
    partners: dict[str, Partner],
    vocabularies: dict[str, Vocabulary],
    problems: list[Problem],
    hints: Hints | None = None,
    partner_files: frozenset[str] = frozenset(),
    trace: FileTrace | None = None,
) -> Event | None:
    """``partner_files`` as for an initiative: an organiser whose file has errors is told there only."""
    hints = hints or vocabulary_hints(vocabularies)
    checked = _CheckedFile(path, paths, "event", problems, hints, trace)
    data = checked.fields()
    if data is None:
        return None
    reader = checked.reader
    known = Known(paths.docs, vocabularies, partners, partner_files)
    values = read_fields(reader, data, fields.EVENT, known)
    start, end = values["start"], values["end"]
    if start is not None and end is not None:
        if isinstance(start, datetime.datetime) != isinstance(end, datetime.datetime):
            reader.problem(("end",), "end-kind")
        elif end < start:
            reader.problem(("end",), "end-before-start", end=written(end), start=written(start))
    if not given(data.get("location")) and not given(data.get("online")):
        reader.problem((), "event-no-place")  # the schema could say it, but not so plainly
    reader.dates_in_order(values, "added")
    _published_example(reader, values, ("title", "summary", "description"))
    return _entry(checked, fields.EVENT, values, slug, Event)


def load_news(
    path: Path,
    slug: str,
    paths: ContentPaths,
    partners: dict[str, Partner],
    initiatives: dict[str, Initiative],
    problems: list[Problem],
    partner_files: frozenset[str] = frozenset(),
    initiative_files: frozenset[str] = frozenset(),
    trace: FileTrace | None = None,
) -> NewsItem | None:
    """``partner_files``, ``initiative_files``: every such file, loaded or not; naming one
    whose file has errors is no error here (they are told in that file only)."""
    checked = _CheckedFile(path, paths, "news", problems, trace=trace)
    data = checked.fields()
    if data is None:
        return None
    reader = checked.reader
    known = Known(paths.docs, {}, partners, partner_files, initiatives, initiative_files)
    values = read_fields(reader, data, fields.NEWS, known)
    reader.dates_in_order(values, "published")
    if not values["draft"]:  # a draft initiative has no page yet: the news cannot link to it
        for index, initiative in enumerate(values["initiatives"] or []):
            if initiative.draft:
                reader.warning(("initiatives", index), "news-names-draft", slug=initiative.slug)
    _published_example(reader, values, ("title", "summary", "body"))
    return _entry(checked, fields.NEWS, values, slug, NewsItem)


# -----------------------------------------------------------------------------
# The whole content
# -----------------------------------------------------------------------------


RELATED_LIMIT = 3


def check_content(
    paths: ContentPaths, cache: ContentCache | None = None, processes: int = 1
) -> tuple[Content | None, list[Problem]]:
    """Load and check everything; return the content (None on errors) and all problems.

    With a ``cache``, a file whose bytes and dependencies are unchanged since the cache
    saw it is taken from there, not parsed and checked again: the results are the same.
    Without one, ``processes`` (``forked.processes()``) may share a large folder's files.
    """
    # Every file is checked against the schemas: none is read when they cannot be.
    unreadable = schema_folder_problems(paths.schemas, paths.display)
    if unreadable:
        return None, unreadable
    with schemas.pinned(paths.schemas):
        return _check_content(paths, cache, processes)


def _check_content(
    paths: ContentPaths, cache: ContentCache | None, processes: int
) -> tuple[Content | None, list[Problem]]:
    problems: list[Problem] = []
    files = _FileLoads(paths, cache, processes)
    vocabularies = {
        name: files.load(
            paths.vocabulary / filename,
            paths.display(paths.vocabulary / filename),
            problems,
            ("schemas",),
            lambda own, trace, name=name, filename=filename: load_vocabulary(
                name, paths.vocabulary / filename, paths, own, trace
            ),
        )
        for name, filename in VOCABULARY_FILES.items()
    }
    # A vocabulary whose file has errors may lack a term that entries rightly name:
    # told in its own file only, not once more in every entry that names the term.
    broken = {problem.file for problem in problems if problem.severity == "error"}
    vocabularies = {
        name: dataclasses.replace(vocabulary, complete=False) if vocabulary.source in broken else vocabulary
        for name, vocabulary in vocabularies.items()
    }
    files.vocabularies = vocabularies

    # Every file under content/ is read, known to belong, or reported (filenames.py).
    vocabulary_files = set(VOCABULARY_FILES.values())
    problems.extend(filenames.stray_files(paths.partners.parent, vocabulary_files, paths.display))
    # Pages in docs/: each paired with its translation by its key; English ones
    # unverified or outdated, with the line that marks them.
    problems.extend(page_key_problems(paths.docs, paths.display))
    problems.extend(docs_html.page_problems(paths.docs, paths.display))
    problems.extend(page_translation_problems(paths.docs, paths.display))

    partners, partner_files = _load_folder(
        files,
        paths,
        paths.partners,
        problems,
        ("schemas",),
        lambda path, slug, own, trace: load_partner(path, slug, paths, own, trace),
    )
    files.partners, files.partner_files = partners, partner_files

    # Every partner file is a known partner, loaded or not: its errors are told in its own file.
    known_partners = frozenset(partner_files)
    hints = vocabulary_hints(vocabularies)  # made once, from the vocabularies as loaded
    initiatives, initiative_files = _load_folder(
        files,
        paths,
        paths.initiatives,
        problems,
        ("schemas", "year", "vocabulary-keys"),
        lambda path, slug, own, trace: load_initiative(
            path, slug, paths, partners, vocabularies, own, known_partners, hints, trace
        ),
    )
    files.initiatives, files.initiative_files = initiatives, initiative_files

    # Likewise every initiative file, for the news that name them.
    known_initiatives = frozenset(initiative_files)
    events, _event_files = _load_folder(
        files,
        paths,
        paths.events,
        problems,
        ("schemas", "vocabulary-keys"),
        lambda path, slug, own, trace: load_event(
            path, slug, paths, partners, vocabularies, own, hints, known_partners, trace
        ),
    )
    news, _news_files = _load_folder(
        files,
        paths,
        paths.news,
        problems,
        ("schemas",),
        lambda path, slug, own, trace: load_news(
            path, slug, paths, partners, initiatives, own, known_partners, known_initiatives, trace
        ),
    )

    files.finish()
    # Last: a link another check has named already is not told twice.
    entries = [*partners.values(), *initiatives.values(), *events.values(), *news.values()]
    named = {image.src for entry in entries for image in _images_of(entry)}
    problems.extend(_published_files_problems(paths, problems, named))
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Content(partners, initiatives, vocabularies, events=events, news=news), problems


def _images_of(entry) -> list:
    """The images an entry names (a partner's logo, another entry's picture)."""
    return [image for image in (getattr(entry, "image", None), getattr(entry, "logo", None)) if image]


def _published_files_problems(paths: ContentPaths, problems: list[Problem], named: set[str]) -> list[Problem]:
    """Links anywhere a build reads from, files docs/ may not hold and images the build would
    refuse (published_files.py); ``named``: images the entries that name them had checked."""
    told = {p.file for p in problems if p.code == "file-symlink"}
    told |= {paths.display(paths.docs / p.params["value"]) for p in problems if p.code == "image-symlink"}
    # An image of a format we do not publish, named by an entry: told there, at its field.
    told |= {paths.display(paths.docs / p.params["value"]) for p in problems if p.code == "image-unsupported"}
    content = paths.partners.parent
    outside = [paths.initiatives] if content not in paths.initiatives.parents else []
    # An image an entry names with a problem is told there, at its field.
    inspected = named | {p.params["value"] for p in problems if p.code.startswith(("image-", "svg-"))}
    return published_files.problems(paths.display_root, paths.docs, paths.display, outside, told, inspected)


def _load_folder(files, paths: ContentPaths, folder: Path | None, problems, depends_on, load):
    """Every entry of one folder: ({slug: entry} of those that loaded, the slugs of every file).

    ``load(path, slug, own_problems, trace)`` checks one file (through the cache);
    partners are plain entries, the others refer to entries loaded before them.
    """
    entries: dict = {}
    slugs: set[str] = set()
    seen: dict[str, str] = {}
    found = filenames.content_files(folder, paths.display, problems) if folder else []
    references = folder != paths.partners
    shares = files.shares(found, load, references)
    try:
        for path in found:
            if files.too_many_errors(problems):
                break
            display = paths.display(path)
            slug = _check_slug(path, display, seen, problems)
            if not slug:
                continue
            slugs.add(slug)
            loaded = shares.result(path, files.resolve) if shares else None
            if loaded is not None:
                entry, own = loaded
                problems.extend(own)
            else:
                entry = files.load(
                    path,
                    display,
                    problems,
                    depends_on,
                    lambda own, trace, path=path, slug=slug: load(path, slug, own, trace),
                    references=references,
                )
            if entry:
                entries[slug] = entry
    finally:
        if shares:
            shares.close()
    return entries, slugs


def load_content(
    paths: ContentPaths, include_drafts: bool = False, cache: ContentCache | None = None
) -> Content:
    """The checked, cross-referenced content; raise ContentProblems listing every error.

    ``cache``: see ``check_content``. Every entry handed out is a new object, and every
    list filled by cross-referencing is filled anew.
    """
    content, problems = check_content(paths, cache)
    if content is None:
        raise ContentProblems([p for p in problems if p.severity == "error"])
    if not include_drafts:
        drafts = [i for i in content.initiatives.values() if i.draft]
        content.unpublished_images = {i.image.src for i in drafts if i.image}
        content.initiatives = {slug: i for slug, i in content.initiatives.items() if not i.draft}
        # Events and news: drafts out of every page, list, feed and calendar.
        for entry in [*content.events.values(), *content.news.values()]:
            if entry.draft and entry.image:
                content.unpublished_images.add(entry.image.src)
        content.events = {slug: e for slug, e in content.events.items() if not e.draft}
        content.news = {slug: n for slug, n in content.news.items() if not n.draft}
        for item in content.news.values():  # news about a draft initiative names no page
            item.initiatives = [i for i in item.initiatives if i.slug in content.initiatives]
    content.warnings = [p for p in problems if p.severity == "warning"]
    _cross_reference(content, cache)
    return content


# -----------------------------------------------------------------------------
# One file at a time, through the cache
# -----------------------------------------------------------------------------


# The reader's code for an unknown key, and the kind of entry the key names.
REFERENCE_KINDS = {"unknown-partner": "partner", "unknown-initiative": "initiative"}


# Errors after which the check stops reading further files (fix these first).
MAX_ERRORS = 1000


class _FileLoads:
    """Loads each content file, or takes its result from the cache.

    What a file's result depends on besides its bytes, by name (``depends`` of
    ``load``), each told to the cache as a digest of this load's state:

    - ``schemas``: every schema file;
    - ``year``: this year (an initiative's start year may be at most next year);
    - ``vocabulary-keys``: each vocabulary's keys in order and whether its file is
      free of errors (terms found, and the schema messages' hints), and
      ``vocabulary-terms`` (labels and slugs too) only for a file with an unknown
      term, whose message suggests the term meant;
    - ``partner:<slug>``, ``initiative:<slug>``: for each one a file names, whether it
      loaded and whether its file exists; ``partners``, ``initiatives`` (every slug
      loaded and every file) only for a file naming an unknown one, whose message
      lists them all;
    - ``image:<src>``: each image the check looked at (``_image_state``).

    An entry's references to terms, partners and initiatives are kept as keys and
    bound to this load's objects: a new label or description needs no check again.
    """

    def __init__(self, paths: ContentPaths, cache: ContentCache | None, processes: int = 1):
        self.paths = paths
        self.cache = cache
        self.processes = processes
        self._errors = self._counted = 0
        self._stopped = False
        self.digests: dict[str, str] = {}  # dependency -> digest, in this load
        self.vocabularies: dict[str, Vocabulary] = {}
        self.partners: dict[str, Partner] = {}
        self.partner_files: set[str] = set()
        self.initiatives: dict[str, Initiative] = {}
        self.initiative_files: set[str] = set()
        if cache is not None:
            cache.start()

    def load(
        self,
        path: Path,
        key: str,
        problems: list[Problem],
        depends: tuple[str, ...],
        load_file: Callable[[list[Problem], FileTrace], object],
        references: bool = False,
    ):
        """``load_file(problems, trace)``'s entry, its problems added to ``problems``;
        ``key``: the file's display path."""
        if self.cache is None:
            return load_file(problems, None)
        # A file whose status (inode, size, times) is as when it was last read has
        # the bytes it had then: 1,000 unchanged files are not read again.
        status = os.lstat(path)
        signature = (status.st_ino, status.st_mode, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
        digest = self.cache.digest_of(key, signature)
        source = None
        if digest is None:
            source = read_source(path, key)
            if source[0] is None:  # refused before parsing (a link, too large): nothing to keep
                return load_file(problems, FileTrace(source))
            digest = hashlib.sha256(source[0]).hexdigest()
            self.cache.note_digest(key, signature, digest)
        found = self.cache.get(key, digest, self.digest, self.resolve if references else None)
        if found is None:
            if source is None:
                source = read_source(path, key)
                if source[0] is None:
                    return load_file(problems, FileTrace(source))
            trace = FileTrace(source)
            own: list[Problem] = []
            entry = load_file(own, trace)
            names = [
                *depends,
                *(f"image:{src}" for src in trace.images),
                *(f"{REFERENCE_KINDS[code]}:{key}" for code, key in trace.named),
            ]
            codes = {p.code for p in own}
            if "unknown-term" in codes:  # the suggestion reads labels and slugs
                names.append("vocabulary-terms")
            # Only a message for an unknown key lists every one: a new partner or
            # initiative file concerns the files that name it, and these.
            names.extend(REFERENCE_KINDS[code] + "s" for code in codes & set(REFERENCE_KINDS))
            names = list(dict.fromkeys(names))
            dependencies = {name: self.digest(name) for name in names}
            self.cache.put(key, digest, dependencies, (entry, own), self.refer if references else None)
            found = entry, own
        entry, own = found
        problems.extend(own)
        return entry

    def shares(self, paths: list[Path], load, references: bool) -> forked.Shares | None:
        """Children loading the later shares of a large folder (``load`` as ``_load_folder``
        takes it); None where this process loads every file (through its cache, if any)."""
        if self.cache is not None or self.processes < 2 or len(paths) < 2 * forked.MIN_SHARE:
            return None

        def load_one(path: Path) -> tuple:
            own: list[Problem] = []
            slug = _check_slug(path, "", {}, [])  # the loop's own rules; it tells their problems
            if slug is None:
                return None, own  # the loop never asks for it
            return load(path, slug, own, None), own

        errors = 0

        def stop(result: tuple) -> bool:
            nonlocal errors
            errors += sum(p.severity == "error" for p in result[1])
            return errors >= MAX_ERRORS

        shares = forked.Shares(paths, self.processes, load_one, self.refer if references else None, stop)
        return shares if shares.forked else None

    def finish(self) -> None:
        if self.cache is not None:
            self.cache.finish()

    def too_many_errors(self, problems: list[Problem]) -> bool:
        """True once the run has MAX_ERRORS errors: the files after are not checked (said
        once, in a problem of its own), so twenty thousand broken files cost seconds."""
        self._errors += sum(p.severity == "error" for p in problems[self._counted :])
        self._counted = len(problems)
        if self._errors < MAX_ERRORS:
            return False
        if not self._stopped:
            self._stopped = True
            problems.append(Problem("content", None, None, "", "check-stopped", {"limit": MAX_ERRORS}))
            self._counted += 1
        return True

    # --- References kept as keys ----------------------------------------------

    @staticmethod
    def refer(obj) -> Reference | None:
        if isinstance(obj, Term):
            return ("term", obj.vocabulary, obj.key)
        if isinstance(obj, Partner):
            return ("partner", obj.slug)
        if isinstance(obj, Initiative):
            return ("initiative", obj.slug)
        return None

    def resolve(self, reference: Reference):
        kind, *key = reference
        if kind == "term":
            return self.vocabularies[key[0]].terms[key[1]]
        if kind == "partner":
            return self.partners[key[0]]
        if kind == "initiative":
            return self.initiatives[key[0]]
        raise KeyError(reference)

    # --- Dependencies -----------------------------------------------------------

    def digest(self, name: str) -> str:
        if name not in self.digests:
            self.digests[name] = hashlib.sha256(repr(self._state(name)).encode()).hexdigest()
        return self.digests[name]

    def _state(self, name: str):
        if name == "schemas":
            return [(path.name, path.read_bytes()) for path in sorted(self.paths.schemas.glob("*.json"))]
        if name == "year":
            return datetime.date.today().year
        if name == "vocabulary-keys":
            return [(v.name, v.source, v.complete, list(v.terms)) for v in self.vocabularies.values()]
        if name == "vocabulary-terms":
            return [
                (v.name, v.source, [(t.key, t.label.sv, t.label.en, sorted(t.slugs.items())) for t in terms])
                for v in self.vocabularies.values()
                for terms in [v.terms.values()]
            ]
        if name == "partners":
            return sorted(self.partners), sorted(self.partner_files)
        if name == "initiatives":
            return sorted(self.initiatives), sorted(self.initiative_files)
        if name.startswith("partner:"):
            slug = name.removeprefix("partner:")
            return slug in self.partners, slug in self.partner_files
        if name.startswith("initiative:"):
            slug = name.removeprefix("initiative:")
            draft = slug in self.initiatives and self.initiatives[slug].draft  # news warn of drafts
            return slug in self.initiatives, slug in self.initiative_files, draft
        if name.startswith("image:"):
            return _image_state(self.paths.docs, name.removeprefix("image:"))
        raise KeyError(name)


def _image_state(docs: Path, src: str) -> tuple:
    """All that FieldReader.image reads of the files: a link, the file's case and
    near misses, and (by its size and times) the file itself."""
    if images.outside_image_folder(src):
        return ("outside",)
    if filenames.is_link(docs, src):
        return ("link",)
    if not filenames.exact_file(docs, src):
        elsewhere = filenames.elsewhere(docs, src, images.IMAGE_FOLDER)
        return ("missing", filenames.near_miss(docs, src), elsewhere)
    try:
        stat = (docs / src).stat()
    except OSError:
        return ("gone",)
    return ("file", stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def _cross_reference(content: Content, cache: ContentCache | None = None) -> None:
    for initiative in content.sorted_initiatives("sv"):
        for partner in initiative.partners:
            partner.initiatives.append(initiative)
    for event in sorted_events(content.events.values()):
        for partner in event.organisers:
            partner.events.append(event)
    for item in newest_news(content.news.values()):
        for partner in item.partners:
            partner.news.append(item)
        for initiative in item.initiatives:
            initiative.news.append(item)
    initiatives = content.initiatives
    if cache is None:
        related = _relate(initiatives.values())
    else:  # worked out again only when a slug or an initiative's themes changed
        key = sorted((slug, sorted(t.key for t in i.themes)) for slug, i in initiatives.items())
        related = cache.derived("related", key, lambda: _relate(initiatives.values()))
    for slug, others in related.items():
        initiatives[slug].related = [initiatives[other] for other in others]


def _relate(initiatives) -> dict[str, list[str]]:
    """Related: most themes in common first; among equals, the ones that follow the
    initiative on a ring ordered by a checksum of the slugs.

    A tie broken by slug alone made the first initiatives by slug related to
    hundreds of others (and an edit of one rebuild all their pages). On the
    ring each initiative has its own starting point, and an initiative added
    or removed changes the related lists of only the few just before it.
    Comparing every pair is quadratic (25 million pairs at 5,000); but two
    initiatives share as many themes as their sets of themes do, and there are
    few distinct sets: within each set the initiatives that follow on the ring
    are found by bisection, level by level of themes shared.
    """
    related: dict[str, list[str]] = {}  # slug -> the related initiatives' slugs
    ring = {initiative.slug: zlib.crc32(initiative.slug.encode()) for initiative in initiatives}
    by_set: dict[frozenset, list[Initiative]] = defaultdict(list)
    for initiative in initiatives:
        by_set[frozenset(initiative.themes)].append(initiative)
    for members in by_set.values():
        members.sort(key=lambda i: (ring[i.slug], i.slug))
    positions = {themes: [ring[i.slug] for i in members] for themes, members in by_set.items()}
    for themes, members in by_set.items():
        levels: dict[int, list[frozenset]] = defaultdict(list)
        for other_themes in by_set:
            shared = len(themes & other_themes)
            if shared:
                levels[shared].append(other_themes)
        ranked_levels = sorted(levels.items(), reverse=True)
        for initiative in members:
            own = ring[initiative.slug]
            candidates = []
            for shared, level in ranked_levels:
                for other_themes in level:
                    others, start = by_set[other_themes], bisect.bisect_right(positions[other_themes], own)
                    for step in range(min(len(others), RELATED_LIMIT + 1)):
                        other = others[(start + step) % len(others)]
                        if other is not initiative:
                            distance = (ring[other.slug] - own) % 2**32
                            candidates.append((-shared, distance, other.slug, other))
                if len(candidates) >= RELATED_LIMIT:
                    break
            candidates.sort(key=lambda c: c[:3])
            related[initiative.slug] = [c[3].slug for c in candidates[:RELATED_LIMIT]]
    return related
