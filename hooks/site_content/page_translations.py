"""The translation state of hand-written pages (``docs/``), told like an entry's.

An English page records which Swedish text it translates in its front matter
(``en_from: "<fingerprint>"``). The check warns when that line is missing
(*unverified*) or names another Swedish text (*outdated*), and each warning
gives the exact line to write, so a partner marks a page up to date in
GitHub's web editor without a command.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import yaml

from .model import text_hash
from .problems import Problem
from .yamlerrors import explain

# The C loader where PyYAML has it: the check reads every page's front matter on every load.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def split_front_matter(text: str) -> tuple[dict, str]:
    """Front matter and body of a Markdown page (MkDocs' '---' convention)."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            try:
                meta = yaml.load(text[4:end], Loader=_SafeLoader)
            except yaml.YAMLError:
                meta = None  # MkDocs reports a broken front matter itself
            return meta if isinstance(meta, dict) else {}, text[end + 5 :]
    return {}, text


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
        meta, _body = split_front_matter(path.read_text("utf-8", errors="replace"))
        if isinstance(meta.get("key"), str):
            lang = "en" if path.relative_to(docs).parts[0] == "en" else "sv"
            pairs.setdefault(meta["key"], {})[lang] = path
    return pairs


def page_state(versions: dict[str, Path]) -> str:
    """missing, unverified, outdated or complete."""
    if "en" not in versions or "sv" not in versions:
        return "missing"
    en_meta, _ = split_front_matter(versions["en"].read_text("utf-8", errors="replace"))
    _sv_meta, sv_body = split_front_matter(versions["sv"].read_text("utf-8", errors="replace"))
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
        text = path.read_text("utf-8", errors="replace")
        key, where = _front_matter_key(text)
        lang = "en" if path.relative_to(docs).parts[0] == "en" else "sv"
        if isinstance(where, yaml.YAMLError):  # the front matter is not YAML
            problems.append(_syntax_problem(where, text, display(path)))
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


def _front_matter_key(text: str) -> tuple[str | None, int | yaml.YAMLError]:
    """The page's ``key`` and its line; or None and the line to write it on; or None
    and why the front matter is not YAML."""
    if not text.startswith("---\n") or text.find("\n---\n", 4) == -1:
        return None, 1
    end = text.find("\n---\n", 4)
    try:
        meta = yaml.load(text[4:end], Loader=_SafeLoader)
    except yaml.YAMLError as error:
        return None, error
    key = meta.get("key") if isinstance(meta, dict) else None
    if not isinstance(key, str) or not key.strip():
        return None, 2
    line = next((n for n, row in enumerate(text[4:end].splitlines(), 2) if row.startswith("key:")), 2)
    return key, line


def _syntax_problem(error: yaml.YAMLError, text: str, shown: str) -> Problem:
    """Where the front matter's mistake starts (yamlerrors), counted from the file's first line."""
    front_matter = text[4 : text.find("\n---\n", 4)]
    problem = explain(error, front_matter, shown, _SafeLoader)
    line = problem.line + 1 if problem.line is not None else 2  # after the first "---"
    return dataclasses.replace(problem, line=line)


def _key_line(path: Path) -> int:
    _key, where = _front_matter_key(path.read_text("utf-8", errors="replace"))
    return where if isinstance(where, int) else 2


def page_translation_problems(docs: Path, display: Callable[[Path], str]) -> list[Problem]:
    """A warning for each English page whose translation is unverified or outdated."""
    problems = []
    for versions in page_pairs(docs).values():
        state = page_state(versions)
        if state not in ("unverified", "outdated"):
            continue
        english = versions["en"]
        _meta, sv_body = split_front_matter(versions["sv"].read_text("utf-8", errors="replace"))
        lines = english.read_text("utf-8", errors="replace").splitlines()
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
