"""Which texts are translated: ``make translations``.

Every English text records the fingerprint of the Swedish text it translates
(``en_from`` beside ``en:`` in content, ``en_from:`` in an English page's front
matter). A translation is then *missing*, *unverified* (English without
``en_from``: nobody has said which Swedish it translates), *outdated* (the
Swedish changed since) or *complete*. Partners mark a translation up to date in
the file itself: the check's warning gives them the exact ``en_from`` line.

    PYTHONPATH=hooks python -m site_content.translation_status [--lang en]
    PYTHONPATH=hooks python -m site_content.translation_status --stamp FILE …

``--stamp`` records that the English texts in the given files now translate
the current Swedish: the maintainers' shortcut for the same line.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from .collation import sort_key
from .loader import ContentPaths, check_content
from .model import Content, Localized, text_hash
from .page_translations import page_pairs, page_state, split_front_matter
from .strings import Strings, load_strings

# From best to worst: a row shows the worst state of its texts.
STATES = ("complete", "unverified", "outdated", "missing")
WORDS = {
    "sv": {
        "complete": "klar",
        "unverified": "okontrollerad",
        "outdated": "inaktuell",
        "missing": "saknas",
        "page": "sida",
        "partner": "samverkanspart",
        "initiative": "initiativ",
        "event": "evenemang",
        "news": "nyhet",
        "term": "term",
        "heading": "Översättningar till engelska",
        "stamped": "Markerade {count} engelska texter i {path} som aktuella.",
    },
    "en": {
        "complete": "complete",
        "unverified": "unverified",
        "outdated": "outdated",
        "missing": "missing",
        "page": "page",
        "partner": "partner",
        "initiative": "initiative",
        "event": "event",
        "news": "news",
        "term": "term",
        "heading": "Translations into English",
        "stamped": "Marked {count} English texts in {path} as up to date.",
    },
}


@dataclass(frozen=True)
class StatusRow:
    kind: str  # page, partner, initiative, event, news, term
    name: str  # the Swedish name or title
    source: str  # the file to edit
    state: str  # of the English version: one of STATES

    @property
    def rank(self) -> int:
        """Worst first, for listing what needs doing at the top."""
        return -STATES.index(self.state)


# -----------------------------------------------------------------------------
# Hand-written pages
# -----------------------------------------------------------------------------


# -----------------------------------------------------------------------------
# The table
# -----------------------------------------------------------------------------


def worst(texts: list[Localized]) -> str:
    states = {text.translation_state() for text in texts}
    return next((state for state in reversed(STATES) if state in states), "complete")


def status_rows(content: Content, paths: ContentPaths) -> list[StatusRow]:
    rows = []
    for key, versions in page_pairs(paths.docs).items():
        if "sv" in versions:
            title = split_front_matter(versions["sv"].read_text("utf-8"))[1]
            heading = next((line[2:].strip() for line in title.splitlines() if line.startswith("# ")), key)
            rows.append(StatusRow("page", heading, paths.display(versions["sv"]), page_state(versions)))
    for partner in content.sorted_partners("sv"):
        rows.append(StatusRow("partner", partner.name.sv, partner.source, worst(partner.texts())))
    for initiative in content.sorted_initiatives("sv"):
        rows.append(StatusRow("initiative", initiative.name.sv, initiative.source, worst(initiative.texts())))
    for entry, kind in [
        *((e, "event") for e in content.events.values()),
        *((n, "news") for n in content.news.values()),
    ]:
        rows.append(StatusRow(kind, entry.title.sv, entry.source, worst(entry.texts())))
    for vocabulary in content.vocabularies.values():
        for term in vocabulary.terms.values():
            rows.append(StatusRow("term", term.label.sv, vocabulary.source, worst([term.label])))
    return rows


def counts(rows: list[StatusRow]) -> dict[str, int]:
    return {state: sum(row.state == state for row in rows) for state in STATES}


def summary(t: Strings, numbers: dict[str, int]) -> str:
    """ "3 klara, 1 inaktuell, …": each count in its singular or plural (i18n/)."""
    parts = {state: t.plural(f"translations_{state}", numbers[state]) for state in STATES}
    return t("translation_status_summary", **parts)


# -----------------------------------------------------------------------------
# Stamping: record what the English translates
# -----------------------------------------------------------------------------


def stamp_file(path: Path) -> int:
    """Record ``en_from`` for every English text in a YAML file or English page."""
    text = path.read_text("utf-8")
    if path.suffix == ".md":
        return _stamp_page(path, text)
    edits: list[tuple[int, int, str]] = []
    _collect_stamps(yaml.compose(text, Loader=yaml.SafeLoader), text, edits)
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    path.write_text(text, "utf-8")
    return len(edits)


def _collect_stamps(node, text: str, edits: list, parent_key: str = "") -> None:
    if isinstance(node, yaml.MappingNode):
        pairs = {key.value: (key, value) for key, value in node.value}
        # A text in two languages; a term's URL slugs also have sv and en but are no text.
        if parent_key != "slug" and {"sv", "en"} <= set(pairs) and set(pairs) <= {"sv", "en", "en_from"}:
            sv, en = pairs["sv"][1], pairs["en"][1]
            if isinstance(sv, yaml.ScalarNode) and isinstance(en, yaml.ScalarNode) and en.value.strip():
                edits.append(_stamp_edit(node, pairs, text_hash(sv.value), text))
                return
        for key, value in node.value:
            _collect_stamps(value, text, edits, key.value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _collect_stamps(item, text, edits)


def _stamp_edit(node, pairs: dict, fingerprint: str, text: str) -> tuple[int, int, str]:
    if "en_from" in pairs:
        value = pairs["en_from"][1]
        return value.start_mark.index, value.end_mark.index, f'"{fingerprint}"'
    if node.flow_style:  # {sv: …, en: …}
        closing = node.end_mark.index - 1
        return closing, closing, f', en_from: "{fingerprint}"'
    key, value = pairs["en"]
    indent = " " * key.start_mark.column
    if value.end_mark.column == 0:  # a block scalar ends at the start of the next line
        at = value.end_mark.index
        return at, at, f'{indent}en_from: "{fingerprint}"\n'
    line_end = text.find("\n", value.end_mark.index)
    at = len(text) if line_end == -1 else line_end
    return at, at, f'\n{indent}en_from: "{fingerprint}"'


def _stamp_page(path: Path, text: str) -> int:
    docs = next(parent for parent in path.parents if parent.name == "en").parent
    meta, _ = split_front_matter(text)
    swedish = page_pairs(docs).get(meta.get("key"), {}).get("sv")
    if swedish is None or not text.startswith("---\n"):
        return 0
    fingerprint = text_hash(split_front_matter(swedish.read_text("utf-8"))[1])
    head, rest = text[4:].split("\n---\n", 1)
    lines = [line for line in head.splitlines() if not line.startswith("en_from:")]
    lines.append(f'en_from: "{fingerprint}"')
    path.write_text("---\n" + "\n".join(lines) + "\n---\n" + rest, "utf-8")
    return 1


# -----------------------------------------------------------------------------
# Command
# -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m site_content.translation_status")
    parser.add_argument("--lang", choices=("sv", "en"), default=os.environ.get("SIS_LANG", "sv"))
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument(
        "--stamp",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="record that the English in these files is up to date",
    )
    arguments = parser.parse_args(argv)
    words = WORDS[arguments.lang]

    if arguments.stamp:
        for path in arguments.stamp:
            print(words["stamped"].format(count=stamp_file(path), path=path))
        return 0

    root = arguments.root
    paths = ContentPaths.under(root, docs=root / "docs")
    content, problems = check_content(paths)
    if content is None:
        print("Rätta felen först: make check", file=sys.stderr)
        return 1
    rows = status_rows(content, paths)
    print(words["heading"])
    width = max(len(row.name) for row in rows)
    for row in sorted(rows, key=lambda r: (r.rank, r.kind, sort_key(r.name, "sv"))):
        print(f"  {words[row.state]:<10} {words[row.kind]:<15} {row.name:<{width}}  {row.source}")
    print(summary(load_strings()[arguments.lang], counts(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
