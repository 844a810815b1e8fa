"""The translation state of hand-written pages (``docs/``), told like an entry's.

An English page records which Swedish text it translates in its front matter
(``en_from: "<fingerprint>"``). The check warns when that line is missing
(*unverified*) or names another Swedish text (*outdated*), and each warning
gives the exact line to write, so a partner marks a page up to date in
GitHub's web editor without a command.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlsource
from .model import text_hash
from .problems import Problem

# What MkDocs reads as front matter (mkdocs.utils.meta.YAML_RE), read here first by
# the hardened reader of content files (yamlsource): no anchors, tags, deep nesting
# or thousands of values, so a 'billion laughs' or a list nested 50,000 deep is an
# error with its line, never a crash. A page refused here never reaches MkDocs' reader.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
# A page of docs/ is a few kilobytes (the longest about 6); told before it is read.
MAX_PAGE_BYTES = 256 * 1024


@dataclass(frozen=True)
class FrontMatter:
    """A page's front matter as data ({} when it has none or it is refused), its body,
    and the problems that refuse it (lines counted from the page's first line)."""

    meta: dict
    body: str
    present: bool = False
    problems: list[Problem] = field(default_factory=list)


def read_front_matter(text: str, shown: str = "") -> FrontMatter:
    """``text``'s front matter, read as a content file is (``yamlsource.parse``)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return FrontMatter({}, text)
    document, problems = yamlsource.parse(match.group(1).encode("utf-8"), shown, "")
    # After the first '---' line.
    problems = [dataclasses.replace(p, line=p.line + 1 if p.line is not None else 2) for p in problems]
    data = document.data if document is not None and not problems else None
    return FrontMatter(data if isinstance(data, dict) else {}, text[match.end() :], True, problems)


def split_front_matter(text: str) -> tuple[dict, str]:
    """Front matter and body of a Markdown page (MkDocs' '---' convention); {} when refused."""
    front = read_front_matter(text)
    return front.meta, front.body


def page_size_problem(path: Path, shown: str) -> Problem | None:
    """The page is too large to be read (or a link, which pages() leaves out anyway)."""
    size = os.lstat(path).st_size
    if size <= MAX_PAGE_BYTES:
        return None
    params = {"size": -(-size // 1024), "limit": MAX_PAGE_BYTES // 1024}  # kB, rounded up
    return Problem(shown, None, None, "", "page-too-large", params)


def page_text(path: Path) -> str:
    """A page's text; empty when it is over the size limit (page_key_problems tells it)
    or a symbolic link (never followed)."""
    status = os.lstat(path)
    if stat.S_ISLNK(status.st_mode) or status.st_size > MAX_PAGE_BYTES:
        return ""
    return path.read_text("utf-8", errors="replace")


def pages(docs: Path) -> list[Path]:
    """The Markdown pages MkDocs builds from docs/ (by default it leaves out names
    starting with a dot, and docs/templates/); not symbolic links."""
    found = []
    for path in sorted(Path(docs).rglob("*.md")):
        parts = path.relative_to(docs).parts
        if path.is_symlink() or any(part.startswith(".") for part in parts) or parts[0] == "templates":
            continue
        found.append(path)
    return found


def page_pairs(docs: Path) -> dict[str, dict[str, Path]]:
    """Hand-written pages by translation key and language."""
    pairs: dict[str, dict[str, Path]] = {}
    for path in pages(docs):
        meta, _body = split_front_matter(page_text(path))
        if isinstance(meta.get("key"), str):
            lang = "en" if path.relative_to(docs).parts[0] == "en" else "sv"
            pairs.setdefault(meta["key"], {})[lang] = path
    return pairs


def page_state(versions: dict[str, Path]) -> str:
    """missing, unverified, outdated or complete."""
    if "en" not in versions or "sv" not in versions:
        return "missing"
    en_meta, _ = split_front_matter(page_text(versions["en"]))
    _sv_meta, sv_body = split_front_matter(page_text(versions["sv"]))
    stamp = en_meta.get("en_from")
    if not stamp:
        return "unverified"
    return "outdated" if stamp != text_hash(sv_body) else "complete"


def page_key_problems(docs: Path, display: Callable[[Path], str]) -> list[Problem]:
    """An error for each hand-written page the site cannot pair with its translation:
    a front matter that is not YAML, no ``key``, a ``key`` two pages of one language
    share, an English page with no Swedish one. Told here, with the line, rather than
    when MkDocs reads the pages: the preview shows them in the browser like any content error."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str], Path] = {}
    languages: dict[str, set[str]] = {}
    english: dict[str, Path] = {}
    unknown: set[str] = set()  # languages with a page whose key is not known
    for path in pages(docs):
        lang = "en" if path.relative_to(docs).parts[0] == "en" else "sv"
        too_large = page_size_problem(path, display(path))
        if too_large:
            problems.append(too_large)
            unknown.add(lang)
            continue
        key, where = _front_matter_key(page_text(path), display(path))
        if isinstance(where, list):  # the front matter is refused
            problems.extend(where)
            unknown.add(lang)
            continue
        if not key:
            problems.append(Problem(display(path), where, 1, "key", "page-key-missing"))
            unknown.add(lang)
            continue
        if (key, lang) in seen:
            other = display(seen[key, lang])
            problems.append(
                Problem(display(path), where, 1, "key", "page-key-taken", {"key": key, "other": other})
            )
            continue
        seen[key, lang] = path
        languages.setdefault(key, set()).add(lang)
        if lang == "en":
            english[key] = path
    for key, path in english.items():
        # Not when a Swedish page's key is unknown: it may be that page, told above.
        if "sv" not in languages[key] and "sv" not in unknown:
            problems.append(
                Problem(display(path), _key_line(path), 1, "key", "page-no-swedish", {"key": key})
            )
    return problems


def _front_matter_key(text: str, shown: str = "") -> tuple[str | None, int | list[Problem]]:
    """The page's ``key`` and its line; or None and the line to write it on; or None
    and the problems that refuse the front matter."""
    front = read_front_matter(text, shown)
    if front.problems:
        return None, front.problems
    if not front.present:
        return None, 1
    key = front.meta.get("key")
    if not isinstance(key, str) or not key.strip():
        return None, 2
    lines = text[: len(text) - len(front.body)].splitlines()
    line = next((n for n, row in enumerate(lines[1:], 2) if row.startswith("key:")), 2)
    return key, line


def _key_line(path: Path) -> int:
    _key, where = _front_matter_key(page_text(path))
    return where if isinstance(where, int) else 2


def page_translation_problems(docs: Path, display: Callable[[Path], str]) -> list[Problem]:
    """A warning for each English page whose translation is unverified or outdated."""
    problems = []
    for versions in page_pairs(docs).values():
        state = page_state(versions)
        if state not in ("unverified", "outdated"):
            continue
        english = versions["en"]
        _meta, sv_body = split_front_matter(page_text(versions["sv"]))
        lines = page_text(english).splitlines()
        line = next((number for number, text in enumerate(lines, 1) if text.startswith("en_from:")), 2)
        problems.append(
            Problem(
                display(english),
                line,
                1,
                "en_from",
                f"{state}-page-translation",
                {"swedish": display(versions["sv"]), "hash": text_hash(sv_body)},
                "warning",
            )
        )
    return problems
