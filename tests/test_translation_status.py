"""Translation status: missing and outdated English, make translations, the status page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import content_only_repository
from site_content import ContentPaths, check_content
from site_content.model import text_hash
from site_content.translation_status import main, stamp_file, status_rows

BLOCK = """\
name:
  sv: Exempel
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
    assert f'  en: Example\n  en_from: "{text_hash("Exempel")}"\n' in text
    assert f'    on two lines.\n  en_from: "{text_hash("En mening på två rader.")}"\n' in text
    assert f'description: {{sv: Text., en: Text., en_from: "{text_hash("Text.")}"}}' in text
    assert stamp_file(path) == 3 and path.read_text("utf-8") == text  # stamping again changes nothing
    assert states(repository)["content/initiatives/exempel.yml"] == "complete"


def test_a_changed_swedish_text_makes_its_translation_outdated(repository):
    path = repository / "content" / "initiatives" / "exempel.yml"
    stamp_file(path)
    path.write_text(path.read_text("utf-8").replace("sv: Exempel", "sv: Nytt namn"), "utf-8")
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


def test_make_translations_prints_a_table(repository, capsys):
    (repository / "content" / "initiatives" / "exempel.yml").write_text(
        BLOCK.replace("  en: Example\n", ""), "utf-8"
    )
    assert main(["--root", str(repository)]) == 0
    output = capsys.readouterr().out.splitlines()
    assert output[0] == "Översättningar till engelska"
    assert re.match(r"  saknas +initiativ +Exempel +content/initiatives/exempel.yml", output[1])
    assert re.match(r"\d+ klara, 0 inaktuella, 1 saknas\.", output[-1])


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
