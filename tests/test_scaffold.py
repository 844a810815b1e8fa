"""make new-initiative / make new-partner: a file that needs only filling in."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, content_only_repository
from site_content import ContentPaths, check_content


@pytest.fixture
def repository(tmp_path) -> Path:
    root = content_only_repository(tmp_path / "repo")
    # The templates are the scaffold's source: new files are written from them.
    for folder in ("initiatives", "events", "news"):
        (root / "content" / folder).mkdir(exist_ok=True)
        shutil.copy2(ROOT / "content" / folder / "_mall.yml", root / "content" / folder)
    return root


def scaffold(root: Path, *arguments: str, answer: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "site_content.scaffold", *arguments, "--root", str(root)],
        input=answer,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "hooks")},
    )


def errors(root: Path) -> list:
    _content, problems = check_content(ContentPaths.under(root, docs=root / "docs"))
    return [p for p in problems if p.severity == "error"]


def test_new_initiative_has_every_field_and_names_what_to_fill_in(repository):
    result = scaffold(repository, "initiative", "Läxhjälp i Östra Göinge")
    assert result.returncode == 0, result.stderr
    path = repository / "content" / "initiatives" / "laxhjalp-i-ostra-goinge.yml"
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/initiative.schema.json")
    for field in (
        "name:",
        "summary:",
        "description:",
        "themes:",
        "municipalities:",
        "partners:",
        "organisation:",
        "stage:",
        "started:",
        "website:",
        "contact:",
        "image:",
        "added:",
        "updated:",
        "draft:",
    ):
        assert f"\n{field}" in text, field
    assert 'sv: "Läxhjälp i Östra Göinge"' in text
    missing = {(p.field, p.code) for p in errors(repository)}
    assert missing == {
        ("summary", "required"),
        ("themes", "required"),
        ("municipalities", "required"),
    }


def test_new_initiative_validates_once_filled_in(repository):
    scaffold(repository, "initiative", "Läxhjälp")
    path = repository / "content" / "initiatives" / "laxhjalp.yml"
    text = path.read_text("utf-8")
    for old, new in (
        ("summary:\n  sv:\n", "summary:\n  sv: Unga hjälper barn med läxorna.\n"),
        ("\nthemes:\n", "\nthemes: [skola]\n"),
        ("\nmunicipalities:\n", "\nmunicipalities: [osby]\n"),
        (
            "organisation:\n  name:\n  type:\n",
            "organisation:\n  name: Läxföreningen\n  type: ideell-forening\n",
        ),
        ("\nstage:\n", "\nstage: ide\n"),
        ("\nstarted:\n", "\nstarted: 2024\n"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, "utf-8")
    assert errors(repository) == []


def test_new_partner_asks_for_the_name(repository):
    result = scaffold(repository, "partner", answer="Nya Föreningen\n")
    assert result.returncode == 0, result.stderr
    assert "Vad heter organisationen?" in result.stdout
    path = repository / "content" / "partners" / "nya-foreningen.yml"
    text = path.read_text("utf-8")
    assert "$schema=../../schemas/partner.schema.json" in text
    assert {p.field for p in errors(repository)} == {"description"}
    path.write_text(text.replace("description:\n  sv:\n", "description:\n  sv: Vi gör gott.\n"), "utf-8")
    assert errors(repository) == []


@pytest.mark.parametrize("answer", ["", "\n"])
def test_no_name_given_is_one_line_not_a_traceback(repository, answer):
    """Enter, Ctrl-D or no terminal at the question (make new-initiative without NAME)."""
    result = scaffold(repository, "initiative", answer=answer)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Namnet behöver minst en bokstav eller siffra." in result.stderr
    assert sorted(path.name for path in (repository / "content" / "initiatives").iterdir()) == ["_mall.yml"]


def test_an_existing_file_is_never_overwritten(repository):
    scaffold(repository, "initiative", "Läxhjälp")
    again = scaffold(repository, "initiative", "Läxhjälp")
    assert again.returncode == 1 and "finns redan" in again.stderr


@pytest.mark.parametrize(
    "kind,folder,date_field,missing",
    [
        (
            "event",
            "events",
            "added",
            {("summary", "required"), ("start", "required")},
        ),
        ("news", "news", "published", {("summary", "required"), ("body", "required")}),
    ],
)
def test_new_event_and_news_come_from_their_templates(repository, kind, folder, date_field, missing):
    result = scaffold(repository, kind, "Träff i Östra Göinge")
    assert result.returncode == 0, result.stderr
    path = repository / "content" / folder / "traff-i-ostra-goinge.yml"
    text = path.read_text("utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n")
    assert 'sv: "Träff i Östra Göinge"' in text
    assert f"\n{date_field}: 20" in text
    found = {(p.field, p.code) for p in errors(repository) if p.file.endswith(path.name)}
    # An event also needs a place: said once, at the top of the file.
    assert found - {("", "event-no-place")} == missing


@pytest.mark.parametrize("kind", ["initiative", "event", "news", "partner"])
def test_a_new_file_leaves_the_templates_instructions_behind(repository, kind):
    """'# MALL FÖR …' says the file is never published: it is the template's alone. A
    file copied by hand with it gets a warning saying to delete the lines."""
    scaffold(repository, kind, "Träffen")
    folder = {"initiative": "initiatives", "event": "events", "news": "news", "partner": "partners"}[kind]
    path = repository / "content" / folder / "traffen.yml"
    assert "MALL FÖR" not in path.read_text("utf-8")
    _content, problems = check_content(ContentPaths.under(repository, docs=repository / "docs"))
    assert not [p for p in problems if p.code in ("template-header", "commented-field")]
    if kind != "partner":
        template = (repository / "content" / folder / "_mall.yml").read_text("utf-8")
        path.write_text(template.split("\n\n", 1)[0] + "\n\n" + path.read_text("utf-8"), "utf-8")
        _content, problems = check_content(ContentPaths.under(repository, docs=repository / "docs"))
        assert [(p.file, p.line, p.code) for p in problems if p.code == "template-header"] == [
            (f"content/{folder}/traffen.yml", 2, "template-header")
        ]
