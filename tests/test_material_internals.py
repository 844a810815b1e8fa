"""Every copy, wrap or patch of Material's internals is listed, and still matches.

material-internals.yml names each place the site depends on Material's (or
MkDocs') inner workings, with the versions it was checked against and the
sha256 of each of Material's partials we replace. When Material or MkDocs is
updated, these tests say where to look.
"""

from __future__ import annotations

import hashlib
import re
from importlib import metadata, resources
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
LIST = ROOT / "material-internals.yml"
INTERNALS = yaml.safe_load(LIST.read_text("utf-8"))
MATERIAL = resources.files("material")
# An assignment to a method of a prototype: `Worker.prototype.postMessage = …`.
PATCH = re.compile(r"\b\w+\.prototype\.\w+\s*=(?!=)")


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_installed_versions_are_the_ones_checked():
    assert metadata.version("mkdocs-material") == INTERNALS["material_version"], (
        "Material was updated: check every entry of material-internals.yml, then record the version"
    )
    assert metadata.version("mkdocs") == INTERNALS["mkdocs_version"]


def test_every_partial_we_replace_is_listed():
    ours = {path.relative_to(ROOT).as_posix() for path in (ROOT / "overrides" / "partials").rglob("*.html")}
    listed = {entry["file"] for entry in INTERNALS["partials"]}
    assert ours - listed == set(), "add these to material-internals.yml with Material's checksum"
    assert listed - ours == set(), "listed in material-internals.yml but not in overrides/partials/"


@pytest.mark.parametrize("entry", INTERNALS["partials"], ids=lambda entry: entry["file"])
def test_materials_original_of_each_partial_is_unchanged(entry):
    assert entry["kind"] in ("copy", "own")
    assert entry["original"] == "templates/partials/" + Path(entry["file"]).name
    original = MATERIAL / entry["original"]
    assert original.is_file(), f"Material no longer has {entry['original']}"
    assert sha256(original) == entry["sha256"], (
        f"Material's {entry['original']} changed: compare it with {entry['file']} and port the change"
    )


@pytest.mark.parametrize(
    "entry", [e for e in INTERNALS["templates"] if "sha256" in e], ids=lambda entry: entry["file"]
)
def test_the_templates_we_extend_are_unchanged(entry):
    assert sha256(MATERIAL / entry["extends"]) == entry["sha256"], (
        f"Material's {entry['extends']} changed: check the blocks {entry['file']} fills"
    )


def test_every_listed_file_exists_and_says_what_it_relies_on():
    for section in ("partials", "templates", "scripts", "hooks"):
        for entry in INTERNALS[section]:
            assert (ROOT / entry["file"]).is_file(), entry["file"]
            assert entry.get("why") or entry.get("relies_on"), entry["file"]


def test_the_scripts_that_wrap_materials_are_listed():
    # A script of ours that replaces a browser method wraps what Material's bundle calls.
    scripts = ROOT / "overrides" / "assets" / "javascripts"
    wrapping = {
        path.relative_to(ROOT).as_posix()
        for path in scripts.glob("*.js")
        if PATCH.search(path.read_text("utf-8"))
    }
    assert wrapping, "no script patches a prototype: update this test"
    assert wrapping <= {entry["file"] for entry in INTERNALS["scripts"]}


def test_readme_names_the_list():
    assert "material-internals.yml" in (ROOT / "README.md").read_text("utf-8")
