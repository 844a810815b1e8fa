"""Reading YAML safely: the same messages with either PyYAML loader, in both languages,
and positions recorded without recursion.
"""

from __future__ import annotations

import sys

import pytest
import yaml

from site_content import ContentPaths, check_content, yamlsource
from test_bad_content import CASES, content_root_with, expected_lines

YAML_CASES = [case for case in CASES if case.name.startswith(("yaml-", "trasig-yaml"))]


class _PurePythonLoader(yaml.SafeLoader):
    """As _Loader, on PyYAML's Python parser: CI could lack libyaml."""


_PurePythonLoader.add_constructor("tag:yaml.org,2002:timestamp", yamlsource.timestamp_or_text)
_PurePythonLoader.add_constructor("tag:yaml.org,2002:int", yamlsource.core_int)
_PurePythonLoader.yaml_implicit_resolvers = yamlsource.ContentLoader.yaml_implicit_resolvers


def test_there_is_a_case_for_each_kind_of_yaml_mistake():
    codes = set()
    for case in YAML_CASES:
        document, problems = yamlsource.parse(case.read_bytes(), case.name, "")
        codes |= {p.code for p in problems}
    assert codes >= {
        "yaml-anchor", "yaml-merge-key", "yaml-tag", "yaml-too-deep", "yaml-too-many-values",
        "yaml-complex-key", "yaml-several-documents", "yaml-typographic-quote", "yaml-typographic-open",
        "yaml-unclosed-quote", "yaml-missing-space", "yaml-missing-colon", "yaml-colon-in-text",
        "yaml-indentation", "yaml-unclosed-bracket", "yaml-reserved-start", "yaml-control-character",
        "yaml-text-start", "yaml-block-indent", "translation-at-left",
    }  # fmt: skip


@pytest.mark.parametrize("case", YAML_CASES, ids=[case.name for case in YAML_CASES])
def test_the_python_parser_gives_the_same_messages(tmp_path, monkeypatch, case_template, case):
    monkeypatch.setattr(yamlsource, "ContentLoader", _PurePythonLoader)
    root = content_root_with(tmp_path, case, template=case_template)
    _content, problems = check_content(ContentPaths.under(root, docs=root / "docs"))
    assert [f"Fel: {p.format('sv')}" for p in problems if p.severity == "error"] == expected_lines(case)


def test_syntax_messages_are_in_english_on_request():
    text = 'name:\n  sv: "Läxhjälp”\n  en: Homework help\nstage: "test"\n'
    _document, problems = yamlsource.parse(text.encode(), "f.yml", "")
    assert [p.format("en") for p in problems] == [
        "f.yml:2:16: The text ends with the typographic quote ”, which YAML does not read as the end "
        'of the text (it reads on into the next lines). Replace ” with " (a straight quote).'
    ]
    _document, problems = yamlsource.parse(b"name: {sv: Tips: read more}\n", "f.yml", "")
    assert problems[0].message("en") == (
        "The text contains a colon followed by a space, which YAML reads as a new field. "
        'Put the text in quotes: sv: "Tips: read more"'
    )


def test_positions_are_recorded_without_recursion():
    depth = sys.getrecursionlimit() * 3
    node = yaml.compose("a: " + "[" * depth + "]" * depth + "\n", Loader=yaml.CSafeLoader)
    problems = []
    positions, flow, _written = yamlsource.record_positions(node, problems, "f.yml")
    assert len(positions) == depth + 1 and problems == [] and flow == set()  # the root and each list
    assert positions[("a", *[0] * (depth - 1))] == (1, depth + 3)


def test_a_harmless_file_is_read_whole_with_its_positions():
    text = "name: {sv: Projekt, en: Example}\nthemes:\n  - skola\n  - arbete\ndraft: true\n"
    document, problems = yamlsource.parse(text.encode(), "f.yml", "")
    assert problems == []
    assert document.data == {
        "name": {"sv": "Projekt", "en": "Example"},
        "themes": ["skola", "arbete"],
        "draft": True,
    }
    assert document.position(("themes", 1)) == (4, 5)
    assert document.flow == {("name",)}  # written in braces: told how to add en_from there


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("16:30", "16:30"),  # YAML 1.1: 990 (base 60)
        ("1:20:30", "1:20:30"),
        ("no", "no"),  # YAML 1.1: false
        ("on", "on"),
        ("Yes", "Yes"),
        ("off", "off"),
        ("010", 10),  # YAML 1.1: 8 (octal)
        ("0o10", 8),
        ("0x1F", 31),
        ("1_000", "1_000"),
        ("-3", -3),
        ("1.5", 1.5),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("=", "="),
        ("2026-11-20", __import__("datetime").date(2026, 11, 20)),
        ("2027-03-28T10:00", "2027-03-28T10:00"),
    ],
)
def test_values_are_read_as_yaml_1_2_reads_them(written, read):
    document, problems = yamlsource.parse(f"a: {written}\n".encode(), "f.yml", "")
    assert problems == []
    assert document.data == {"a": read} and type(document.data["a"]) is type(read)
    if not isinstance(read, str):
        assert document.as_written(("a",), read) == written  # messages quote this


def test_keys_no_and_on_stay_text():
    document, _problems = yamlsource.parse(b"no: 1\non: 2\n", "f.yml", "")
    assert document.data == {"no": 1, "on": 2}


def test_a_text_block_and_the_comments_outside_it_are_kept_as_written():
    text = "# head\ndescription:\n  sv: |\n    Rad\n    # Rubrik\n  # website: https://x.se\n"
    document, _problems = yamlsource.parse(text.encode(), "f.yml", "")
    assert document.blocks == {("description", "sv"): (4, ("    Rad", "    # Rubrik"), 2)}
    assert document.comments == ((1, "# head"), (6, "  # website: https://x.se"))
