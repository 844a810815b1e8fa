"""Translation status: missing and outdated English, make translations, the status page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, content_only_repository
from site_content import ContentPaths, check_content
from site_content.model import text_hash
from site_content.translation_status import STATES, main, stamp_file, status_rows

BLOCK = """\
name:
  sv: Projekt
  en: Example
summary:
  sv: >-
    En mening
    på två rader.
  en: >-
    One sentence
    on two lines.
description: {sv: Text., en: Text.}
themes: [skola]
municipalities: [malmo]
organisation: {name: Föreningen, type: ideell-forening}
stage: test
started: 2016
added: 2026-11-20
"""


@pytest.fixture
def repository(tmp_path) -> Path:
    root = content_only_repository(tmp_path / "repo")
    # A page of its own and its translation, stamped: never the repository's pages.
    (root / "docs" / "en").mkdir()
    (root / "docs" / "bakgrund.md").write_text(
        "---\nkey: background\n---\n\n# Bakgrund\n\nEn mening.\n", "utf-8"
    )
    english = root / "docs" / "en" / "background.md"
    english.write_text("---\nkey: background\n---\n\n# Background\n\nA sentence.\n", "utf-8")
    stamp_file(english)
    (root / "content" / "initiatives" / "exempel.yml").write_text(BLOCK, "utf-8")
    return root


def states(root: Path) -> dict[str, str]:
    paths = ContentPaths.under(root, docs=root / "docs")
    content, _problems = check_content(paths)
    return {row.source: row.state for row in status_rows(content, paths)}


def warnings(root: Path) -> list[tuple[str, str]]:
    _content, problems = check_content(ContentPaths.under(root, docs=root / "docs"))
    return [(p.field, p.code) for p in problems if p.severity == "warning"]


def test_stamping_records_what_each_english_text_translates(repository):
    path = repository / "content" / "initiatives" / "exempel.yml"
    assert stamp_file(path) == 3
    text = path.read_text("utf-8")
    assert f'  en: Example\n  en_from: "{text_hash("Projekt")}"\n' in text
    assert f'    on two lines.\n  en_from: "{text_hash("En mening på två rader.")}"\n' in text
    assert f'description: {{sv: Text., en: Text., en_from: "{text_hash("Text.")}"}}' in text
    assert stamp_file(path) == 3 and path.read_text("utf-8") == text  # stamping again changes nothing
    assert states(repository)["content/initiatives/exempel.yml"] == "complete"


def test_a_changed_swedish_text_makes_its_translation_outdated(repository):
    path = repository / "content" / "initiatives" / "exempel.yml"
    stamp_file(path)
    path.write_text(path.read_text("utf-8").replace("sv: Projekt", "sv: Nytt namn"), "utf-8")
    assert states(repository)["content/initiatives/exempel.yml"] == "outdated"
    assert ("name", "outdated-translation") in warnings(repository)
    stamp_file(path)
    assert states(repository)["content/initiatives/exempel.yml"] == "complete"


def test_a_missing_translation_is_told_apart_from_an_outdated_one(repository):
    path = repository / "content" / "initiatives" / "exempel.yml"
    path.write_text(BLOCK.replace("  en: Example\n", ""), "utf-8")
    assert states(repository)["content/initiatives/exempel.yml"] == "missing"
    assert ("name", "missing-translation") in warnings(repository)


def test_pages_are_outdated_when_the_swedish_page_changes(repository):
    background = repository / "docs" / "bakgrund.md"
    assert states(repository)["docs/bakgrund.md"] == "complete"
    background.write_text(background.read_text("utf-8") + "\nEn ny mening.\n", "utf-8")
    assert states(repository)["docs/bakgrund.md"] == "outdated"
    stamp_file(repository / "docs" / "en" / "background.md")
    assert states(repository)["docs/bakgrund.md"] == "complete"


def test_every_text_of_the_repository_has_a_state():
    """Whatever the content, each page, partner, initiative and term has one row in a known state."""
    paths = ContentPaths.under(ROOT, docs=ROOT / "docs")
    content, _ = check_content(paths)
    rows = status_rows(content, paths)
    assert {row.state for row in rows} <= set(STATES)
    kinds = [row.kind for row in rows]
    assert kinds.count("partner") == len(content.partners)
    assert kinds.count("initiative") == len(content.initiatives)
    assert kinds.count("term") == sum(len(v.terms) for v in content.vocabularies.values())


# --- Marking a translation up to date in the web editor, without a command ---


def translation_warnings(root: Path) -> dict[str, object]:
    """The translation warnings of exempel.yml by field, as Problems."""
    _content, problems = check_content(ContentPaths.under(root, docs=root / "docs"))
    return {p.field: p for p in problems if p.severity == "warning" and p.code.endswith("-translation")}


def the_line(problem) -> str:
    """The en_from value the message tells the partner to write."""
    found = re.findall(r'en_from: "([0-9a-f]{8})"', problem.message("sv"))
    assert len(found) == 1, problem.message("sv")
    assert found == re.findall(r'en_from: "([0-9a-f]{8})"', problem.message("en"))
    return found[0]


def test_english_without_a_mark_is_unverified_never_complete(repository):
    assert states(repository)["content/initiatives/exempel.yml"] == "unverified"
    found = translation_warnings(repository)
    assert {field: p.code for field, p in found.items()} == {
        "name": "unverified-translation",
        "summary": "unverified-translation",
        "description": "unverified-translation",
    }
    message = found["name"].message("sv")
    assert message.endswith(
        f'När den engelska texten stämmer med den svenska: skriv raden en_from: "{text_hash("Projekt")}" '
        "på en egen rad efter den engelska texten, lika långt in som en: (inte lika långt som en text "
        "under en: |)."
    )
    assert (found["name"].line, found["name"].column) == (3, 7)  # at the English text
    assert "make" not in message and "kör" not in message
    assert "run" not in found["name"].message("en")


def test_a_partner_marks_each_text_up_to_date_by_writing_the_line_the_check_gives(repository):
    path = repository / "content" / "initiatives" / "exempel.yml"
    found = translation_warnings(repository)
    text = path.read_text("utf-8")
    # One key a line (also after a folded text on two lines): a line indented like en:.
    name, summary = the_line(found["name"]), the_line(found["summary"])
    text = text.replace("  en: Example\n", f'  en: Example\n  en_from: "{name}"\n')
    text = text.replace("    on two lines.\n", f'    on two lines.\n  en_from: "{summary}"\n')
    # {sv: …, en: …}: the words before the closing brace.
    assert "after the English text, before }." in found["description"].message("en")
    text = text.replace("en: Text.}", f'en: Text., en_from: "{the_line(found["description"])}"}}')
    path.write_text(text, "utf-8")
    assert translation_warnings(repository) == {}
    assert states(repository)["content/initiatives/exempel.yml"] == "complete"


def test_a_swedish_change_after_marking_is_outdated_with_the_new_mark(repository):
    path = repository / "content" / "initiatives" / "exempel.yml"
    marked = f'  en: Example\n  en_from: "{text_hash("Projekt")}"\n'
    path.write_text(path.read_text("utf-8").replace("  en: Example\n", marked), "utf-8")
    assert "name" not in translation_warnings(repository)
    path.write_text(path.read_text("utf-8").replace("sv: Projekt", "sv: Nytt namn"), "utf-8")
    outdated = translation_warnings(repository)["name"]
    assert outdated.code == "outdated-translation"
    assert the_line(outdated) == text_hash("Nytt namn") != text_hash("Projekt")
    assert (outdated.line, outdated.column) == (4, 12)  # the en_from line to change
    assert "make" not in outdated.message("sv")
    assert states(repository)["content/initiatives/exempel.yml"] == "outdated"
    path.write_text(path.read_text("utf-8").replace(text_hash("Projekt"), the_line(outdated)), "utf-8")
    assert "name" not in translation_warnings(repository)


def test_an_english_page_without_a_mark_is_unverified(repository):
    english = repository / "docs" / "en" / "background.md"
    english.write_text(re.sub(r'\nen_from: "[0-9a-f]{8}"', "", english.read_text("utf-8")), "utf-8")
    assert states(repository)["docs/bakgrund.md"] == "unverified"


def test_make_translations_prints_a_table(repository, capsys):
    (repository / "content" / "initiatives" / "exempel.yml").write_text(
        BLOCK.replace("  en: Example\n", ""), "utf-8"
    )
    assert main(["--root", str(repository)]) == 0
    output = capsys.readouterr().out.splitlines()
    assert output[0] == "Översättningar till engelska"
    assert re.match(r"  saknas +initiativ +Projekt +content/initiatives/exempel.yml", output[1])
    assert re.match(r"\d+ klara, \d+ okontrollerade, 0 inaktuella, 1 saknas\.", output[-1])


def test_status_page_for_maintainers(showcase_site):
    for url in ("oversattningsstatus/", "en/translation-status/"):
        page = showcase_site.page(url)
        assert page.xpath("//head/meta[@name='robots']/@content") == ["noindex"]
        rows = {
            tuple(cell.text_content().strip() for cell in row.cssselect("td"))
            for row in page.cssselect("table.sis-status tbody tr")
        }
        if url.startswith("en/"):
            assert ("missing", "initiative", "Åkerlyckan", "content/initiatives/akerlyckan.yml") in rows
            assert ("missing", "page", "Bara på svenska", "docs/bara-pa-svenska.md") in rows
        else:
            assert (
                "klar",
                "samverkanspart",
                "Coompanion Skåne",
                "content/partners/coompanion-skane.yml",
            ) in rows
    sitemap = showcase_site.path("sitemap.xml").read_text("utf-8")
    assert "oversattningsstatus" not in sitemap and "translation-status" not in sitemap
    index = showcase_site.path("search/search_index.json").read_text("utf-8")
    assert "oversattningsstatus" not in index


# --- English pages in docs/: the check gives the line to write, too -----------


def page_warnings(root: Path) -> list:
    _content, problems = check_content(ContentPaths.under(root, docs=root / "docs"))
    return [p for p in problems if p.code.endswith("-page-translation")]


def test_a_stamped_english_page_gets_no_warning(repository):
    assert page_warnings(repository) == []


def test_a_changed_swedish_page_makes_its_english_outdated_until_the_given_line_is_written(repository):
    swedish = repository / "docs" / "bakgrund.md"
    swedish.write_text(swedish.read_text("utf-8") + "\nEn ny mening.\n", "utf-8")
    [warning] = page_warnings(repository)
    assert (warning.file, warning.code, warning.severity) == (
        "docs/en/background.md",
        "outdated-page-translation",
        "warning",
    )
    english = repository / "docs" / "en" / "background.md"
    lines = english.read_text("utf-8").splitlines()
    assert lines[warning.line - 1].startswith("en_from:")  # points at the line to change
    mark = the_line(warning)
    assert mark == text_hash("# Bakgrund\n\nEn mening.\n\nEn ny mening.")
    assert "make" not in warning.message("sv") and "run " not in warning.message("en")
    english.write_text(
        re.sub(r'en_from: "[0-9a-f]{8}"', f'en_from: "{mark}"', english.read_text("utf-8")), "utf-8"
    )
    assert page_warnings(repository) == []


def test_an_english_page_without_a_mark_gets_the_line_to_write(repository):
    english = repository / "docs" / "en" / "background.md"
    english.write_text(re.sub(r'\nen_from: "[0-9a-f]{8}"', "", english.read_text("utf-8")), "utf-8")
    [warning] = page_warnings(repository)
    assert warning.code == "unverified-page-translation" and warning.line == 2
    assert "docs/bakgrund.md" in warning.message("sv")
    text = english.read_text("utf-8").replace(
        "key: background\n", f'key: background\nen_from: "{the_line(warning)}"\n'
    )
    english.write_text(text, "utf-8")
    assert page_warnings(repository) == []


# --- Pages in docs/ the site cannot pair: errors with their line ----------------


def page_errors(root: Path) -> list:
    _content, problems = check_content(ContentPaths.under(root, docs=root / "docs"))
    return [p for p in problems if p.severity == "error"]


def test_a_page_whose_front_matter_is_not_yaml_is_told_where(repository):
    swedish = repository / "docs" / "bakgrund.md"
    swedish.write_text(
        swedish.read_text("utf-8").replace("key: background\n", "key: background\ntitle: [Om\n")
    )
    [error] = page_errors(repository)
    # Line 3 of the file, where the bracket opens; the English page is not told it has no Swedish one.
    assert (error.file, error.line, error.column, error.code) == (
        "docs/bakgrund.md",
        3,
        8,
        "yaml-unclosed-bracket",
    )


def test_a_page_without_a_key_is_told_what_to_write(repository):
    swedish = repository / "docs" / "bakgrund.md"
    swedish.write_text(swedish.read_text("utf-8").replace("key: background\n", "title: Bakgrund\n"))
    [error] = page_errors(repository)
    assert (error.file, error.line, error.field, error.code) == (
        "docs/bakgrund.md",
        2,
        "key",
        "page-key-missing",
    )
    assert "key: <namn>" in error.message("sv") and "key: <name>" in error.message("en")


def test_a_key_two_pages_of_one_language_share_is_told_on_the_second(repository):
    (repository / "docs" / "om.md").write_text("---\nkey: background\n---\n\n# Om\n", "utf-8")
    [error] = page_errors(repository)
    assert (error.file, error.line, error.code) == ("docs/om.md", 2, "page-key-taken")
    assert "docs/bakgrund.md" in error.message("sv")


def test_an_english_page_with_no_swedish_one_is_told(repository):
    english = repository / "docs" / "en" / "background.md"
    english.write_text(english.read_text("utf-8").replace("key: background", "key: backgrund"))
    [error] = page_errors(repository)
    assert (error.file, error.code, error.params["key"]) == (
        "docs/en/background.md",
        "page-no-swedish",
        "backgrund",
    )
