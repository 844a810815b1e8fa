"""Files partners create in the web editor: the template to copy, and names that are read.

The catalogue of wrong names with their exact messages is in tests/bad_content/
(see test_bad_content.py); here, what must *not* be an error, and the template.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, content_only_repository
from site_content import ContentPaths, check_content, load_content
from site_content.filenames import TEMPLATE_NAME

TEMPLATE = ROOT / "content" / "initiatives" / TEMPLATE_NAME

# What a partner writes into a copy of the template, field by field.
FILLED_IN = (
    ("name:\n  sv:\n", "name:\n  sv: Läxhjälp i Höör\n"),
    ("summary:\n  sv:\n", "summary:\n  sv: Unga volontärer hjälper barn med läxorna.\n"),
    ("\nthemes:\n", "\nthemes: [skola]\n"),
    ("\nmunicipalities:\n", "\nmunicipalities: [hoor]\n"),
    ("organisation:\n  name:\n  type:\n", "organisation:\n  name: Läxföreningen\n  type: ideell-forening\n"),
    ("\nstage:\n", "\nstage: ide\n"),
    ("\nstarted:\n", "\nstarted: 2024\n"),
    ("\nadded:\n", "\nadded: 2026-11-20\n"),
)


@pytest.fixture
def root(tmp_path) -> Path:
    """Fixture content: the real partners and vocabularies, the template, no initiatives."""
    root = content_only_repository(tmp_path / "repo")
    shutil.copy2(TEMPLATE, root / "content" / "initiatives" / TEMPLATE_NAME)
    return root


def problems_of(root: Path) -> list:
    _content, problems = check_content(ContentPaths.under(root, docs=root / "docs"))
    return problems


# --- The template -------------------------------------------------------------


def test_the_template_is_never_an_error_never_content(root):
    assert problems_of(root) == []
    content = load_content(ContentPaths.under(root, docs=root / "docs"), include_drafts=True)
    assert content.initiatives == {}


def test_the_template_explains_every_field_and_marks_no_translation():
    text = TEMPLATE.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/initiative.schema.json\n")
    assert "en_from" not in text
    lines = text.splitlines()
    top_level = [index for index, line in enumerate(lines) if re.match(r"[a-z_]+:", line)]
    # The schema is the one list of an initiative's fields, in the template's order.
    schema = json.loads((ROOT / "schemas" / "initiative.schema.json").read_text("utf-8"))
    assert [lines[index].split(":")[0] for index in top_level] == list(schema["properties"])
    for index in top_level:
        assert lines[index - 1].startswith("# "), f"no comment above {lines[index]}"
    for comment in (line for line in lines if line.startswith("#")):
        assert "make " not in comment, comment  # partners are never told to run a command


def test_a_copy_names_what_to_fill_in_and_is_valid_once_filled_in(root):
    copy = root / "content" / "initiatives" / "laxhjalp-i-hoor.yml"
    text = TEMPLATE.read_text("utf-8")
    copy.write_text(text, "utf-8")
    missing = {(p.file, p.field, p.code) for p in problems_of(root) if p.severity == "error"}
    required = ("name", "summary", "themes", "municipalities", "added")
    assert missing == {("content/initiatives/laxhjalp-i-hoor.yml", field, "required") for field in required}
    for empty, filled in FILLED_IN:
        assert empty in text, empty
        text = text.replace(empty, filled, 1)
    copy.write_text(text, "utf-8")
    assert [p for p in problems_of(root) if p.severity == "error"] == []
    content = load_content(ContentPaths.under(root, docs=root / "docs"))
    assert list(content.initiatives) == ["laxhjalp-i-hoor"]  # published: the template says draft: false
    assert yaml.safe_load(text)["image"] == {"src": None, "alt": {"sv": None, "en": None}}


# --- Names that are read, and files that belong -----------------------------------


def test_readme_and_hidden_files_belong_in_content_folders(root):
    for folder in ("content", "content/initiatives", "content/partners", "content/vocabulary"):
        (root / folder / "README.md").write_text("# Om mappen\n", "utf-8")
        (root / folder / ".gitkeep").write_text("", "utf-8")
    (root / "content" / "partners" / TEMPLATE_NAME).write_text("name:\n", "utf-8")
    (root / "content" / "redirects.yml").write_text("/om-oss/: background\n", "utf-8")
    (root / "content" / "geo").mkdir()
    (root / "content" / "geo" / "skane-kommuner.json").write_text("{}", "utf-8")
    assert problems_of(root) == []


def test_an_editors_backup_copies_are_not_read(root):
    # Emacs keeps 'x.yml~' after the first save and '#x.yml#' while editing: neither is
    # another initiative, nor a file to rename (the suggestion was a duplicate initiative).
    folder = root / "content" / "initiatives"
    (folder / "odlingslotten.yml~").write_text("name: [\n", "utf-8")
    (folder / "#odlingslotten.yml#").write_text("name: [\n", "utf-8")
    (root / "content" / "themes.yml~").write_text("name: [\n", "utf-8")
    assert problems_of(root) == []


def test_only_the_template_name_may_begin_with_an_underscore(root):
    (root / "content" / "initiatives" / "_mall-kopia.yml").write_text("name:\n", "utf-8")
    (problem,) = problems_of(root)
    assert (problem.file, problem.code) == ("content/initiatives/_mall-kopia.yml", "file-underscore")
    assert problem.message("en").endswith("Rename the file to 'mall-kopia.yml'.")


@pytest.mark.parametrize(
    ("place", "code", "right"),
    [
        ("initiatives/Läxhjälp i Höör.yml", "bad-file-name", "'laxhjalp-i-hoor.yml'"),
        ("initiatives/Läxhjälp i Höör.YML", "file-wrong-extension", "'laxhjalp-i-hoor.yml'"),
        ("initiatives/laxhjalp-i-hoor.yaml", "file-wrong-extension", "'laxhjalp-i-hoor.yml'"),
        ("initiatives/laxhjalp-i-hoor.yml.txt", "file-wrong-extension", "'laxhjalp-i-hoor.yml'"),
        ("initiatives/laxhjalp-i-hoor", "file-wrong-extension", "'laxhjalp-i-hoor.yml'"),
        ("initiatives/2026/Laxhjalp.yml", "file-in-subfolder", "'content/initiatives/laxhjalp.yml'"),
        ("Initiatives/laxhjalp.yml", "file-wrong-folder", "'content/initiatives/laxhjalp.yml'"),
        ("samverkansparter/forening.yml", "file-wrong-folder", "'content/partners/forening.yml'"),
        ("nytt/laxhjalp.yml", "file-outside-folders", "'content/initiatives/laxhjalp.yml'"),
        ("laxhjalp.yml", "file-outside-folders", "'content/partners/laxhjalp.yml'"),
        ("partners/logga.png", "file-image-in-content", "docs/images/partners/"),
    ],
)
def test_every_file_that_would_not_be_read_is_named_with_its_right_name(root, place, code, right):
    path = root / "content" / place
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("name: {sv: Projekt}\n", "utf-8")
    (problem,) = problems_of(root)
    assert (problem.file, problem.code, problem.severity) == (f"content/{place}", code, "error")
    assert right in problem.message("sv") and right in problem.message("en")


def test_a_file_whose_fields_do_not_say_its_kind_is_offered_all_four_folders(root):
    (root / "content" / "nytt").mkdir()
    (root / "content" / "nytt" / "vad.yml").write_text("name: {sv: Projekt}\n", "utf-8")
    (problem,) = problems_of(root)
    for folder in ("initiatives", "partners", "events", "news"):
        assert f"'content/{folder}/vad.yml'" in problem.message("sv"), folder
        assert f"'content/{folder}/vad.yml'" in problem.message("en"), folder
    assert "evenemang" in problem.message("sv") and "nyhet" in problem.message("sv")


@pytest.mark.parametrize(
    ("text", "folder"),
    [
        ("name: {sv: Vårmöte}\nsummary: {sv: Text.}\nstart: 2027-03-28\n", "events"),
        ("title: {sv: Nytt}\norganisers: [coompanion-skane]\n", "events"),
        ("title: {sv: Nytt}\nsummary: {sv: Text.}\npublished: 2026-11-25\n", "news"),
        ("title: {sv: Nytt}\nbody: {sv: Text.}\n", "news"),
        ("name: {sv: Abborren}\nsummary: {sv: Text.}\nthemes: [skola]\n", "initiatives"),
        ("name: {sv: Föreningen}\ndescription: {sv: Text.}\n", "partners"),
    ],
)
def test_a_misplaced_file_is_sent_to_the_folder_its_fields_belong_in(root, text, folder):
    (root / "content" / "nytt").mkdir()
    (root / "content" / "nytt" / "Min fil.yml").write_text(text, "utf-8")
    (root / "content" / "lost.yml").write_text(text, "utf-8")
    problems = problems_of(root)
    assert [(p.file, p.code) for p in problems] == [
        ("content/lost.yml", "file-wrong-folder"),
        ("content/nytt/Min fil.yml", "file-wrong-folder"),
    ]
    assert f"'content/{folder}/lost.yml'" in problems[0].message("sv")
    assert f"'content/{folder}/min-fil.yml'" in problems[1].message("en")


def test_a_misplaced_link_is_not_read_to_guess_its_kind(root, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "hemlig.yml"
    outside.write_text("start: 2027-03-28\n", "utf-8")
    (root / "content" / "nytt").mkdir()
    (root / "content" / "nytt" / "lank.yml").symlink_to(outside)
    codes = [p.code for p in problems_of(root)]
    assert codes and "file-wrong-folder" not in codes
