"""The translation state of hand-written pages (``docs/``), told like an entry's.

An English page records which Swedish text it translates in its front matter
(``en_from: "<fingerprint>"``). The check warns when that line is missing
(*unverified*) or names another Swedish text (*outdated*), and each warning
gives the exact line to write, so a partner marks a page up to date in
GitHub's web editor without a command.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from .model import text_hash
from .problems import Problem

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


def page_pairs(docs: Path) -> dict[str, dict[str, Path]]:
    """Hand-written pages by translation key and language."""
    pairs: dict[str, dict[str, Path]] = {}
    for path in sorted(Path(docs).rglob("*.md")):
        if path.is_symlink():
            continue
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
