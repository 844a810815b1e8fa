"""What partners get to contribute: guides and templates (code owners: test_workflows.py)."""

from __future__ import annotations

import json
import re

import yaml

from conftest import ROOT


def test_guides_exist_in_both_languages_and_are_linked():
    for guide in ("BIDRA.md", "CONTRIBUTING.md"):
        text = (ROOT / guide).read_text("utf-8")
        for topic in ("content/initiatives/", "en:", "logo:", "yaml-language-server", "make check"):
            assert topic in text, (guide, topic)
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "[BIDRA.md](BIDRA.md)" in readme and "[CONTRIBUTING.md](CONTRIBUTING.md)" in readme


def test_contact_pages_link_to_the_guide(content_site):
    for url, guide in (("kontakt/", "BIDRA.md"), ("en/contact/", "CONTRIBUTING.md")):
        links = content_site.page(url).xpath("//article//a/@href")
        assert any(link.endswith(f"/blob/main/{guide}") for link in links), url


def test_pull_request_template_has_the_swedish_checklist():
    text = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text("utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(boxes) >= 4
    joined = " ".join(boxes)
    for topic in ("engelska", "alt-text", "sagt ja", "källa"):
        assert topic in joined


def test_suggestion_form_mirrors_the_initiative_schema():
    schema = json.loads((ROOT / "schemas" / "initiative.schema.json").read_text("utf-8"))
    form = yaml.safe_load(
        (ROOT / ".github" / "ISSUE_TEMPLATE" / "tipsa-om-ett-initiativ.yml").read_text("utf-8")
    )
    assert form["name"] == "Tipsa om ett initiativ"
    labels = " ".join(item.get("attributes", {}).get("label", "") for item in form["body"])
    for field in set(schema["properties"]) - {"image", "added", "updated", "draft"}:
        assert f"({field}" in labels, field
    required = {item["id"] for item in form["body"] if item.get("validations", {}).get("required")}
    assert {"name", "summary", "themes", "municipalities", "organisation"} <= required
    themes = yaml.safe_load((ROOT / "content" / "vocabulary" / "themes.yml").read_text("utf-8"))
    options = next(item for item in form["body"] if item.get("id") == "themes")["attributes"]["options"]
    assert [re.search(r"\((.+)\)$", option).group(1) for option in options] == list(themes)


def test_error_report_form_exists():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "rapportera-ett-fel.yml").read_text("utf-8"))
    assert form["name"] == "Rapportera ett fel"
    assert any(item.get("validations", {}).get("required") for item in form["body"])
