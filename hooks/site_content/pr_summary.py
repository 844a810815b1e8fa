"""What a pull request changes in the content, as Markdown for the run's summary.

    PYTHONPATH=hooks python -m site_content.pr_summary --root . --changed FILE ...
    git diff --name-status -z --no-renames BASE HEAD |
        PYTHONPATH=hooks python -m site_content.pr_summary --root . --git-diff -

The workflow writes the output to ``$GITHUB_STEP_SUMMARY``: for each changed
initiative, partner, event, news item and page, what a reviewer needs to see
without reading YAML (name, summary, themes, municipalities and stage by their
labels; an event's time and place, a news item's date; the warnings and errors
with their lines) and which pages to open in the preview
the workflow built with drafts shown.

Partners' text is untrusted: every piece of it is escaped so that GitHub shows
it as plain text. No HTML, image, table or link of theirs reaches the summary;
the only link is the one to the run's artifacts, which the workflow gives.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from . import fields, forked, routes
from .loader import (
    VOCABULARY_FILES,
    ContentPaths,
    check_content,
    load_event,
    load_initiative,
    load_news,
    load_partner,
    load_vocabulary,
)
from .model import Event, Initiative, NewsItem, Partner, Vocabulary
from .problems import Problem
from .slugs import is_valid_slug
from .strings import load_strings

# The artifact the workflow uploads; the summary tells partners to download it.
ARTIFACT_NAME = "forhandsversion"
# GitHub keeps at most 1 MiB of summary per step: a pull request touching
# hundreds of files is told in part, with a count of the rest.
MAX_ENTRIES = 60
MAX_TEXT = 300
CONTENT_SUFFIXES = (".yml", ".yaml")

# -----------------------------------------------------------------------------
# Words
# -----------------------------------------------------------------------------

WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "heading": "Förhandsversion av ändringen",
        "ready": (
            "**Förhandsversionen är klar:** [öppna körningens bilagor (Artifacts)]({url}) och ladda ner "
            "`{artifact}`. Packa upp zip-filen och öppna sidorna som står under varje fil nedan i "
            "webbläsaren (dubbelklicka på filen `index.html`). Utkast visas. Länkarna mellan sidorna "
            "öppnar en mapplista: klicka där på `index.html`. Sökningen och katalogens filter fungerar "
            "bara när webbplatsen visas genom en webbserver."
        ),
        "not-built-errors": (
            "**Ingen förhandsversion:** innehållet har fel, och webbplatsen byggs inte förrän de är "
            "rättade. Felen står nedan, med rad och tecken."
        ),
        "not-built": (
            "**Ingen förhandsversion:** webbplatsen gick inte att bygga. Se felmeddelandet i jobbets "
            "logg, eller be den som underhåller webbplatsen om hjälp."
        ),
        "no-link": "Förhandsversionen finns under körningens bilagor (Artifacts), som `{artifact}`.",
        "nothing": "Den här ändringen rör inga initiativ, samverkansparter, evenemang, nyheter eller sidor.",
        "changed": "Ändrat innehåll ({count})",
        "more": "… och {count} filer till, som inte visas här.",
        "initiative": "Initiativ",
        "partner": "Samverkanspart",
        "page": "Sida",
        "event": "Evenemang",
        "news": "Nyhet",
        "when": "När",
        "where": "Var",
        "online": "digitalt",
        "organisers": "Arrangörer",
        "published-on": "Publiceringsdatum",
        "initiatives": "Initiativ",
        "added": "ny",
        "modified": "ändrad",
        "present": "ny eller ändrad",
        "deleted": "borttagen",
        "file": "Fil",
        "removed-note": "Filen tas bort: sidan försvinner från webbplatsen.",
        "summary": "Sammanfattning",
        "description": "Beskrivning",
        "website": "Webbplats",
        "logo": "Logotyp",
        "logo-alt": "ja, med alternativtexten: {alt}",
        "no-logo": "ingen",
        "english": "Engelska",
        "themes": "Teman",
        "municipalities": "Kommuner",
        "stage": "Fas",
        "partners": "Samverkansparter",
        "draft": (
            "Utkast: syns i förhandsversionen men inte på den publicerade webbplatsen "
            "(så länge `draft: true` står kvar)."
        ),
        "published": "Publiceras när ändringen har godkänts.",
        "open": "Öppna i förhandsversionen",
        "warnings": "Varningar (sidan kan ändå publiceras)",
        "errors": "Fel (måste rättas)",
        "line": "rad {line}",
        "column": "tecken {column}",
        "field": "fält {field}",
        "whole-file": "hela filen",
        "translation": {
            "complete": "översatt",
            "missing": "översättning saknas",
            "outdated": "översättningen är inaktuell",
            "unverified": "översatt, men inte markerad som kontrollerad (en_from saknas)",
        },
        "other-errors": "Fel i filer som den här ändringen inte rör ({count}); de stoppar också bygget:",
        "known-warnings": "Redan kända: {count} varningar i filer som den här ändringen inte rör",
        "links": "Länkar (kontrollera att de leder rätt)",
        "link-labels": {
            "website": "webbplats",
            "contact": "e-post",
            "contact_page": "kontaktsida",
            "registration": "anmälan",
            "online": "digitalt möte",
            "source": "källa",
        },
    },
    "en": {
        "heading": "Preview of the change",
        "ready": (
            "**The preview is ready:** [open the run's artifacts]({url}) and download `{artifact}`. "
            "Unzip it and open the pages listed under each file below in your browser (double-click "
            "the file `index.html`). Drafts are shown. Links between pages open a folder listing: click "
            "`index.html` there. Search and the catalogue's filters work only when the site is shown "
            "through a web server."
        ),
        "not-built-errors": (
            "**No preview:** the content has errors, and the site is not built until they are fixed. "
            "They are listed below, with line and character."
        ),
        "not-built": (
            "**No preview:** the site could not be built. See the error in the job's log, or ask the "
            "site's maintainers for help."
        ),
        "no-link": "The preview is among the run's artifacts, as `{artifact}`.",
        "nothing": "This change touches no initiative, partner, event, news item or page.",
        "changed": "Changed content ({count})",
        "more": "… and {count} more files, not shown here.",
        "initiative": "Initiative",
        "partner": "Partner",
        "page": "Page",
        "event": "Event",
        "news": "News item",
        "when": "When",
        "where": "Where",
        "online": "online",
        "organisers": "Organisers",
        "published-on": "Publication date",
        "initiatives": "Initiatives",
        "added": "new",
        "modified": "changed",
        "present": "new or changed",
        "deleted": "removed",
        "file": "File",
        "removed-note": "The file is removed: its page disappears from the site.",
        "summary": "Summary",
        "description": "Description",
        "website": "Website",
        "logo": "Logo",
        "logo-alt": "yes, with the alternative text: {alt}",
        "no-logo": "none",
        "english": "English",
        "themes": "Themes",
        "municipalities": "Municipalities",
        "stage": "Stage",
        "partners": "Partners",
        "draft": (
            "Draft: shown in the preview but not on the published site (as long as `draft: true` stays)."
        ),
        "published": "Published once the change is approved.",
        "open": "Open in the preview",
        "warnings": "Warnings (the page can still be published)",
        "errors": "Errors (must be fixed)",
        "line": "line {line}",
        "column": "character {column}",
        "field": "field {field}",
        "whole-file": "the whole file",
        "translation": {
            "complete": "translated",
            "missing": "translation missing",
            "outdated": "translation outdated",
            "unverified": "translated, not marked as checked (no en_from)",
        },
        "other-errors": "Errors in files this change does not touch ({count}); they stop the build too:",
        "known-warnings": "Already known: {count} warnings in files this change does not touch",
        "links": "Links (check where they lead)",
        "link-labels": {
            "website": "website",
            "contact": "e-mail",
            "contact_page": "contact page",
            "registration": "registration",
            "online": "online meeting",
            "source": "source",
        },
    },
}

# -----------------------------------------------------------------------------
# Escaping: partners' text shown as text, never as Markdown or HTML
# -----------------------------------------------------------------------------

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SAFE_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.-]*$")
_OUR_URL = re.compile(r"^https://[A-Za-z0-9.-]+(?::\d+)?/[A-Za-z0-9._~/%-]*(?:#[A-Za-z0-9_-]+)?$")
WORD_JOINER = "\u2060"


def escape(text: object, limit: int | None = MAX_TEXT) -> str:
    """``text`` as GitHub Markdown that renders to exactly that text, on one line.

    CommonMark lets any ASCII punctuation be backslash-escaped, which stops
    HTML, links, images, emphasis, tables and the www./https:// autolinks.
    GitHub still links e-mail addresses and @mentions in plain text, so an
    invisible word joiner follows each '@'. Line breaks, control and
    direction-changing characters become spaces.
    """
    flat = " ".join(_CONTROL.sub(" ", str(text)).split())
    if limit and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    escaped = _PUNCTUATION.sub(r"\\\1", flat)
    return escaped.replace("@", "@" + WORD_JOINER)


def code(path: str) -> str:
    """A path of ours as code; anything unusual (a partner's file name) as escaped text."""
    return f"`{path}`" if _SAFE_PATH.match(path) and ".." not in path else escape(path, limit=None)


# -----------------------------------------------------------------------------
# What changed
# -----------------------------------------------------------------------------

STATUSES = {"A": "added", "M": "modified", "D": "deleted", "T": "modified", "C": "added"}


@dataclass(frozen=True)
class Change:
    path: str  # repository-relative, with '/'
    status: str  # 'added', 'modified', 'present' (new or changed: unknown which) or 'deleted'


def changes_from_paths(root: Path, paths: list[str]) -> list[Change]:
    """Changed paths without git's status: a file no longer there was removed;
    one still there may be new or changed, and the list does not say which."""
    changes = []
    for path in dict.fromkeys(p.strip() for p in paths if p.strip()):
        changes.append(Change(path, "present" if (root / path).exists() else "deleted"))
    return changes


def changes_from_git(output: str) -> list[Change]:
    """Parse ``git diff --name-status -z --no-renames``: status, NUL, path, NUL, …"""
    fields = output.split("\0")
    changes = []
    for status, path in zip(fields[0::2], fields[1::2], strict=False):
        if status and path:
            changes.append(Change(path, STATUSES.get(status[0], "modified")))
    return changes


def kind_of(path: str, paths: ContentPaths) -> str | None:
    """'initiative', 'partner', 'event', 'news', 'page' or None for a file the summary leaves out."""
    folder, _, name = path.rpartition("/")
    if name.endswith(CONTENT_SUFFIXES):
        if folder == paths.display(paths.initiatives):
            return "initiative"
        if folder == paths.display(paths.partners):
            return "partner"
        if paths.events and folder == paths.display(paths.events):
            return "event"
        if paths.news and folder == paths.display(paths.news):
            return "news"
    docs = paths.display(paths.docs) + "/"
    if path.startswith(docs) and path.endswith(".md"):
        return "page"
    return None


def page_file(path: str, paths: ContentPaths) -> str:
    """Where the page of docs/<path>.md lies in the built site (directory URLs)."""
    relative = path[len(paths.display(paths.docs)) + 1 : -len(".md")]
    folder, _, name = relative.rpartition("/")
    if name in ("index", "README"):
        return f"{folder}/index.html" if folder else "index.html"
    return f"{relative}/index.html"


# -----------------------------------------------------------------------------
# Loading the changed files one by one
# -----------------------------------------------------------------------------


class Entries:
    """The vocabularies and partners, loaded on their own so that one file's
    errors do not hide what the others say (check_content gives no content
    as soon as any file has an error)."""

    def __init__(self, paths: ContentPaths):
        self.paths = paths
        scratch: list[Problem] = []
        self.vocabularies: dict[str, Vocabulary] = {
            name: load_vocabulary(name, paths.vocabulary / filename, paths, scratch)
            for name, filename in VOCABULARY_FILES.items()
        }
        self.partners: dict[str, Partner] = {}
        for path in sorted(paths.partners.glob("*.y*ml")) if paths.partners.is_dir() else []:
            if path.suffix in CONTENT_SUFFIXES and is_valid_slug(path.stem):
                partner = load_partner(path, path.stem, paths, scratch)
                if partner:
                    self.partners[path.stem] = partner

        self._initiatives: dict[str, Initiative] | None = None

    def initiative(self, path: Path) -> Initiative | None:
        return load_initiative(path, path.stem, self.paths, self.partners, self.vocabularies, [])

    def initiatives(self) -> dict[str, Initiative]:
        """Every initiative that loads (news names them); read once, when a news item asks."""
        if self._initiatives is None:
            folder = self.paths.initiatives
            found = (self.initiative(path) for path in sorted(folder.glob("*.yml")) if folder.is_dir())
            self._initiatives = {i.slug: i for i in found if i is not None}
        return self._initiatives

    def event(self, path: Path) -> Event | None:
        return load_event(path, path.stem, self.paths, self.partners, self.vocabularies, [])

    def news(self, path: Path) -> NewsItem | None:
        return load_news(path, path.stem, self.paths, self.partners, self.initiatives(), [])

    def partner(self, path: Path) -> Partner | None:
        return self.partners.get(path.stem)


# -----------------------------------------------------------------------------
# Markdown
# -----------------------------------------------------------------------------


def told(problem: Problem, lang: str) -> str:
    """'rad 4, tecken 18, fält themes[0]: what is wrong', escaped."""
    words = WORDS[lang]
    where = []
    if problem.line is not None:
        where.append(words["line"].format(line=problem.line))
        if problem.column is not None:
            where.append(words["column"].format(column=problem.column))
    if problem.field:
        where.append(words["field"].format(field=problem.field))
    place = ", ".join(where) or words["whole-file"]
    return f"{escape(place, limit=None)}: {escape(problem.message(lang), limit=None)}"


def problem_lists(problems: list[Problem], lang: str) -> list[str]:
    lines = []
    for severity, heading in (("error", "errors"), ("warning", "warnings")):
        found = [p for p in problems if p.severity == severity]
        if found:
            lines.append(f"- **{WORDS[lang][heading]}:**")
            lines += [f"  - {told(p, lang)}" for p in found]
    return lines


def localized_line(label: str, text, lang: str) -> str:
    """'Namn: svensk text (Engelska: översatt)' – the text in Swedish, its translation's state."""
    state = WORDS[lang]["translation"][text.translation_state()]
    return f"- **{label}:** {escape(text.sv)} *({escape(WORDS[lang]['english'])}: {escape(state)})*"


def open_line(files: list[str], lang: str) -> str:
    return f"- **{WORDS[lang]['open']}:** " + ", ".join(code(f) for f in files)


def field_label(name: str, lang: str, words: str | None = None) -> str:
    """A field's label: the summary's own word for it, else the site's (``i18n/``, the
    field's name as key), else the name itself."""
    own = WORDS[lang].get(words, {}) if words else WORDS[lang]
    return own.get(name) or _site_strings()[lang].get(name) or name


@functools.cache
def _site_strings():
    return load_strings()


def link_lines(entry, lang: str) -> list[str]:
    """Every address the entry links to, as text: a reviewer checks where each one leads
    (an address of a partner's is never made a link here)."""
    found = [
        (field_label(declared.name, lang, "link-labels"), value)
        for declared in entry.declaration.addresses()
        if isinstance(value := getattr(entry, declared.name), str) and value
    ]
    source = field_label("source", lang, "link-labels")
    found += [(f"{source} ({each.title})", each.url) for each in entry.sources]
    if not found:
        return []
    lines = [f"- **{WORDS[lang]['links']}:**"]
    lines += [f"  - {escape(label)}: {escape(address, limit=None)}" for label, address in found]
    return lines


# A summary field's value as texts, by its kind (each escaped, then joined by field_lines).
_SHOWN = {
    fields.TERMS: lambda value, lang: [term.label.get(lang) for term in value],
    fields.TERM: lambda value, lang: [value.label.get(lang)],
    fields.PARTNERS: lambda value, lang: [each.name.get(lang) for each in value],
    fields.INITIATIVES: lambda value, lang: [each.name.get(lang) for each in value],
    fields.DATE: lambda value, lang: [value.isoformat()],
    fields.TIME: lambda value, lang: [written_time(value)],
}


def field_lines(entry, lang: str) -> list[str]:
    """A line for each field the declaration puts in the summary (``Field.summary``) that
    the entry fills in, in the declaration's order: a text in Swedish with the state of
    its translation, anything else as the words a page shows."""
    lines = []
    for declared in entry.declaration.in_summary():
        value = getattr(entry, declared.name)
        if value is None or value == []:
            continue
        label = field_label(declared.name, lang)
        if declared.kind in (fields.LOCALIZED, fields.MARKDOWN):
            lines.append(localized_line(label, value, lang))
            continue
        parts = _SHOWN.get(declared.kind, lambda value, lang: [str(value)])(value, lang)
        lines.append(f"- **{escape(label)}:** " + ", ".join(escape(part) for part in parts))
    return lines


def initiative_lines(initiative: Initiative, lang: str) -> list[str]:
    state = WORDS[lang]["draft" if initiative.draft else "published"]
    lines = [*field_lines(initiative, lang), f"- {state}"]
    pages = [f"{routes.initiative(other, initiative.slug)}index.html" for other in routes.LANGUAGES]
    return [*lines, open_line(pages, lang)]


def partner_lines(partner: Partner, lang: str) -> list[str]:
    words = WORDS[lang]
    if partner.logo:
        logo = escape(words["logo-alt"].format(alt=partner.logo.alt.sv))
    else:
        logo = escape(words["no-logo"])
    return [
        *field_lines(partner, lang),
        f"- **{words['website']}:** {escape(partner.website or '–')}",
        f"- **{words['logo']}:** {logo}",
        open_line([f"{routes.partner(other, partner.slug)}index.html" for other in routes.LANGUAGES], lang),
    ]


def written_time(moment) -> str:
    """2027-03-28 10:00, or the date alone for an all-day event."""
    return f"{moment:%Y-%m-%d %H:%M}" if isinstance(moment, datetime.datetime) else moment.isoformat()


def event_lines(event: Event, lang: str) -> list[str]:
    words = WORDS[lang]
    when = written_time(event.start) + (f" – {written_time(event.end)}" if event.end else "")
    places = []
    if event.location:
        place = event.location
        parts = [
            place.name,
            place.address,
            place.municipality.label.get(lang) if place.municipality else None,
        ]
        places.append(", ".join(part for part in parts if part))
    if event.online:
        places.append(f"{words['online']}: {event.online}")
    summary, *others = field_lines(event, lang)
    lines = [
        summary,
        f"- **{words['when']}:** {escape(when)}",
        f"- **{words['where']}:** " + "; ".join(escape(place) for place in places),
        *others,
        f"- {words['draft'] if event.draft else words['published']}",
    ]
    pages = [f"{routes.event(other, event.slug)}index.html" for other in routes.LANGUAGES]
    return [*lines, open_line(pages, lang)]


def news_lines(item: NewsItem, lang: str) -> list[str]:
    words = WORDS[lang]
    summary, *others = field_lines(item, lang)
    lines = [
        summary,
        f"- **{words['published-on']}:** {escape(item.published.isoformat())}",
        *others,
        f"- {words['draft'] if item.draft else words['published']}",
    ]
    pages = [f"{routes.news_item(other, item.slug)}index.html" for other in routes.LANGUAGES]
    return [*lines, open_line(pages, lang)]


def entry(change: Change, kind: str, entries: Entries, problems: list[Problem], lang: str) -> list[str]:
    words = WORDS[lang]
    paths = entries.paths
    mine = [p for p in problems if p.file == change.path]
    loaded = None
    if change.status != "deleted" and not any(p.severity == "error" for p in mine):
        path = paths.display_root / change.path
        read = {"initiative": entries.initiative, "partner": entries.partner, "event": entries.event}
        read["news"] = entries.news
        loaded = read[kind](path) if kind in read else None
    name = getattr(loaded, "title", None) or getattr(loaded, "name", None)
    title = escape(name.get(lang)) if name else code(change.path)
    lines = [
        f"#### {words[kind]}: {title} ({words[change.status]})",
        "",
        f"- **{words['file']}:** {code(change.path)}",
    ]
    if change.status == "deleted":
        lines.append(f"- {words['removed-note']}")
    elif kind == "initiative" and loaded:
        lines += initiative_lines(loaded, lang)
    elif kind == "partner" and loaded:
        lines += partner_lines(loaded, lang)
    elif kind == "event" and loaded:
        lines += event_lines(loaded, lang)
    elif kind == "news" and loaded:
        lines += news_lines(loaded, lang)
    elif kind == "page":
        lines.append(open_line([page_file(change.path, paths)], lang))
    if loaded is not None and change.status != "deleted":
        lines += link_lines(loaded, lang)
    lines += problem_lists(mine, lang)
    return [*lines, ""]


def summarize(
    root: Path,
    changes: list[Change],
    *,
    lang: str = "sv",
    artifacts_url: str | None = None,
    preview_built: bool = True,
    initiatives_dir: str | None = None,
) -> str:
    """The whole summary as Markdown."""
    words = WORDS[lang]
    root = Path(root)
    paths = ContentPaths.under(
        root, docs=root / "docs", initiatives=root / initiatives_dir if initiatives_dir else None
    )
    _content, problems = check_content(paths, processes=forked.processes())
    errors = [p for p in problems if p.severity == "error"]

    lines = [f"## {words['heading']}", ""]
    if errors:
        lines.append(words["not-built-errors"])
    elif not preview_built:
        lines.append(words["not-built"])
    elif artifacts_url and _OUR_URL.match(artifacts_url):
        lines.append(words["ready"].format(url=artifacts_url, artifact=ARTIFACT_NAME))
    else:
        lines.append(words["no-link"].format(artifact=ARTIFACT_NAME))
    lines.append("")

    shown = [(change, kind) for change in changes if (kind := kind_of(change.path, paths))]
    if not shown:
        lines += [words["nothing"], ""]
    else:
        lines += [f"### {words['changed'].format(count=len(shown))}", ""]
        entries = Entries(paths)
        for change, kind in shown[:MAX_ENTRIES]:
            lines += entry(change, kind, entries, problems, lang)
        if len(shown) > MAX_ENTRIES:
            lines += [words["more"].format(count=len(shown) - MAX_ENTRIES), ""]

    touched = {change.path for change, _kind in shown}
    elsewhere = [p for p in errors if p.file not in touched]
    if elsewhere:
        lines += [words["other-errors"].format(count=len(elsewhere)), ""]
        for problem in elsewhere[:MAX_ENTRIES]:
            lines.append(f"- {code(problem.file)}, {told(problem, lang)}")
        lines.append("")
    known = [p for p in problems if p.severity == "warning" and p.file not in touched]
    if known:
        # Once, folded: the change is what the partner and the reviewer read about.
        lines += ["<details>", f"<summary>{words['known-warnings'].format(count=len(known))}</summary>", ""]
        for problem in known[:MAX_ENTRIES]:
            lines.append(f"- {code(problem.file)}, {told(problem, lang)}")
        if len(known) > MAX_ENTRIES:
            lines.append(f"- {words['more'].format(count=len(known) - MAX_ENTRIES)}")
        lines += ["", "</details>", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_content.pr_summary", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: here)")
    parser.add_argument("--lang", choices=("sv", "en"), default=os.environ.get("SIS_LANG", "sv"))
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--changed", nargs="*", metavar="FILE", help="changed files, repository-relative")
    source.add_argument(
        "--git-diff", metavar="FILE", help="output of git diff --name-status -z --no-renames ('-': stdin)"
    )
    parser.add_argument("--artifacts-url", help="the run's artifacts page, for the link to the preview")
    parser.add_argument(
        "--preview-built", choices=("true", "false"), default="true", help="whether the preview was built"
    )
    arguments = parser.parse_args(argv)

    if arguments.git_diff is not None:
        # Bytes, not text: a file name git gives need not be UTF-8.
        raw = sys.stdin.buffer.read() if arguments.git_diff == "-" else Path(arguments.git_diff).read_bytes()
        changes = changes_from_git(raw.decode("utf-8", errors="replace"))
    else:
        changes = changes_from_paths(arguments.root, arguments.changed)
    print(
        summarize(
            arguments.root,
            changes,
            lang=arguments.lang,
            artifacts_url=arguments.artifacts_url,
            preview_built=arguments.preview_built == "true",
            initiatives_dir=os.environ.get("SIS_INITIATIVES_DIR"),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
