"""Counts in messages take their singular or plural from i18n/, in both languages.

"1 fel", "2 fel"; "1 error", "2 errors": the forms are interface strings
(``<key>_one`` and ``<key>_other``), never built in Python.
"""

from __future__ import annotations

import re

import pytest

from site_content import ContentProblems, Problem
from site_content.check import count_line
from site_content.strings import load_strings
from site_content.translation_status import STATES, summary

STRINGS = load_strings()

FORMS = [
    ("sv", "errors", 1, "1 fel"),
    ("sv", "errors", 2, "2 fel"),
    ("en", "errors", 1, "1 error"),
    ("en", "errors", 2, "2 errors"),
    ("sv", "warnings", 1, "1 varning"),
    ("sv", "warnings", 2, "2 varningar"),
    ("en", "warnings", 1, "1 warning"),
    ("en", "warnings", 2, "2 warnings"),
    ("sv", "translations_outdated", 1, "1 inaktuell"),
    ("sv", "translations_outdated", 2, "2 inaktuella"),
    ("en", "translations_outdated", 1, "1 outdated"),
    ("en", "translations_outdated", 2, "2 outdated"),
    ("sv", "translations_complete", 1, "1 klar"),
    ("sv", "translations_complete", 0, "0 klara"),
    ("sv", "translations_unverified", 1, "1 okontrollerad"),
    ("sv", "translations_unverified", 3, "3 okontrollerade"),
    ("sv", "images_processed", 1, "1 behandlad"),
    ("sv", "images_processed", 0, "0 behandlade"),
    ("en", "images_processed", 1, "1 processed"),
    ("sv", "count", 1, "1 initiativ"),
    ("en", "count", 1, "1 initiative"),
    ("en", "count", 0, "0 initiatives"),
]


@pytest.mark.parametrize(("lang", "key", "n", "expected"), FORMS)
def test_each_count_has_its_form(lang, key, n, expected):
    assert STRINGS[lang].plural(key, n) == expected


def test_every_plural_key_has_both_forms_in_both_languages():
    for lang, strings in STRINGS.items():
        ones = {key.removesuffix("_one") for key in strings if key.endswith("_one")}
        others = {key.removesuffix("_other") for key in strings if key.endswith("_other")}
        assert ones == others, lang
        assert {"errors", "warnings", "count"} <= ones


@pytest.mark.parametrize(
    ("lang", "errors", "warnings", "expected"),
    [
        ("sv", 1, 1, "1 fel och 1 varning."),
        ("sv", 2, 3, "2 fel och 3 varningar."),
        ("sv", 0, 1, "0 fel och 1 varning."),
        ("en", 1, 1, "1 error and 1 warning."),
        ("en", 2, 3, "2 errors and 3 warnings."),
        ("en", 1, 0, "1 error and 0 warnings."),
    ],
)
def test_make_check_counts_line(lang, errors, warnings, expected):
    assert count_line(STRINGS[lang], errors, warnings) == expected


def test_make_translations_summary():
    one = dict.fromkeys(STATES, 1)
    two = dict.fromkeys(STATES, 2)
    assert summary(STRINGS["sv"], one) == "1 klar, 1 okontrollerad, 1 inaktuell, 1 saknas."
    assert summary(STRINGS["sv"], two) == "2 klara, 2 okontrollerade, 2 inaktuella, 2 saknas."
    assert summary(STRINGS["en"], one) == "1 complete, 1 unverified, 1 outdated, 1 missing."
    assert summary(STRINGS["en"], two) == "2 complete, 2 unverified, 2 outdated, 2 missing."


def test_build_summary_of_warnings_in_the_chosen_language(monkeypatch):
    import content_pages

    def warnings(count: int, files: int = 1) -> list[Problem]:
        paths = [f"content/initiatives/fil-{n % files}.yml" for n in range(count)]
        return [Problem(path, 1, 1, "name", "missing-translation", severity="warning") for path in paths]

    sv, en = STRINGS["sv"], STRINGS["en"]
    # What the warnings are is the check's to say: the line names no kind (they may be of any).
    assert content_pages.warnings_line(sv, warnings(1)) == (
        "Innehållet har 1 varning i content/initiatives/fil-0.yml: "
        "innehållskontrollens meddelanden säger var och vad du kan skriva."
    )
    assert content_pages.warnings_line(sv, warnings(3)).startswith("Innehållet har 3 varningar i ")
    # Partners read the build log on GitHub too: it names no command.
    assert "make" not in content_pages.warnings_line(sv, warnings(3))
    assert "make" not in content_pages.warnings_line(en, warnings(3))
    assert content_pages.warnings_line(en, warnings(1)) == (
        "The content has 1 warning in content/initiatives/fil-0.yml: "
        "the content check's messages say where and what to write."
    )
    assert content_pages.warnings_line(en, warnings(3)).startswith("The content has 3 warnings in ")
    # The files they are in: each once, the first three by name, then how many more.
    assert " i content/initiatives/fil-0.yml:" in content_pages.warnings_line(sv, warnings(3))
    named = "content/initiatives/fil-0.yml, content/initiatives/fil-1.yml, content/initiatives/fil-2.yml"
    assert f" i {named} och 1 fil till:" in content_pages.warnings_line(sv, warnings(8, files=4))
    assert f" in {named} and 2 more files:" in content_pages.warnings_line(en, warnings(8, files=5))
    monkeypatch.setenv("SIS_LANG", "en")
    assert content_pages.terminal_language() == "en"
    monkeypatch.setenv("SIS_LANG", "sv")
    assert content_pages.terminal_language() == "sv"
    monkeypatch.delenv("SIS_LANG")
    assert content_pages.terminal_language() == "sv"


def test_the_content_errors_heading_takes_its_plural_from_the_strings():
    problem = Problem("content/initiatives/a.yml", 1, 1, "name", "empty-text")
    one, two = ContentProblems([problem]), ContentProblems([problem, problem])
    assert one.report("en", STRINGS).startswith("The content has 1 error that must be fixed")
    assert two.report("en", STRINGS).startswith("The content has 2 errors that must be fixed")
    assert one.report("sv", STRINGS).startswith("Innehållet har 1 fel som måste rättas")
    # The words are i18n/'s, not Python's.
    changed = {
        lang: type(t)({**t, "content_errors_heading": "Att rätta: {errors}"}) for lang, t in STRINGS.items()
    }
    assert two.report("sv", changed).startswith("Att rätta: 2 fel\n")


def test_the_build_log_gives_the_chosen_language_first_and_then_the_other():
    problems = ContentProblems([Problem("content/initiatives/a.yml", 1, 1, "name", "empty-text")])
    english_first = problems.bilingual("en", STRINGS)
    assert english_first.startswith("The content has 1 error")
    assert english_first.index("The content has") < english_first.index("Innehållet har")
    assert problems.bilingual("sv", STRINGS).startswith("Innehållet har 1 fel")


def test_no_ui_string_holds_markup():
    """The theme's templates (and suggest.html, 404.html) write i18n/ strings as they are,
    unescaped: a string with a tag, a comment or an entity would be markup on every page,
    whoever's pull request changed it. Strings are text; templates add the markup."""
    for lang, strings in load_strings().items():
        marked = {key: value for key, value in strings.items() if re.search(r"<|&[#\w]+;", str(value))}
        assert not marked, f"{lang}: {marked}"
