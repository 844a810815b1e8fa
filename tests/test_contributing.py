"""What partners get to contribute: guides and templates (code owners: test_workflows.py)."""

from __future__ import annotations

import re
import textwrap

import pytest
import yaml

from conftest import ROOT, content_only_repository
from site_content import ContentPaths, check_content


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


def test_suggestion_form_asks_for_the_fields_declared_asked():
    from site_content.fields import INITIATIVE

    form = yaml.safe_load(
        (ROOT / ".github" / "ISSUE_TEMPLATE" / "tipsa-om-ett-initiativ.yml").read_text("utf-8")
    )
    assert form["name"] == "Tipsa om ett initiativ"
    labels = " ".join(item.get("attributes", {}).get("label", "") for item in form["body"])
    asked = [field.name for field in INITIATIVE.fields if field.asked]
    assert asked, "the declaration asks for nothing"
    for name in asked:
        assert f"({name}" in labels, name
    required = {item["id"] for item in form["body"] if item.get("validations", {}).get("required")}
    assert {"name", "summary", "themes", "municipalities", "organisation"} <= required
    themes = yaml.safe_load((ROOT / "content" / "vocabulary" / "themes.yml").read_text("utf-8"))
    options = next(item for item in form["body"] if item.get("id") == "themes")["attributes"]["options"]
    assert [re.search(r"\((.+)\)$", option).group(1) for option in options] == list(themes)


def test_error_report_form_exists():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "rapportera-ett-fel.yml").read_text("utf-8"))
    assert form["name"] == "Rapportera ett fel"
    assert any(item.get("validations", {}).get("required") for item in form["body"])


@pytest.mark.parametrize("guide", ["BIDRA.md", "CONTRIBUTING.md"])
def test_the_guides_logo_snippet_passes_the_check_as_pasted(tmp_path, guide):
    """A partner pastes the snippet into the partner's file: no error and no warning."""
    text = (ROOT / guide).read_text("utf-8")
    snippet = next(
        textwrap.dedent(block)
        for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
        if textwrap.dedent(block).startswith("logo:")
    )
    root = content_only_repository(tmp_path / "repo")
    partner = root / "content" / "partners" / "coompanion-skane.yml"
    # The fixture's own test logo makes way for the snippet, as a partner's file has none.
    kept = partner.read_text("utf-8").split("# A test logo")[0]
    partner.write_text(kept + snippet, "utf-8")
    src = yaml.safe_load(snippet)["logo"]["src"]
    drawing = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 1"><rect width="4" height="1"/></svg>'
    (root / "docs" / src).write_text(drawing, "utf-8")
    _content, problems = check_content(ContentPaths.under(root, docs=root / "docs"))
    assert [p.format() for p in problems if p.file == "content/partners/coompanion-skane.yml"] == []


@pytest.mark.parametrize("guide", ["BIDRA.md", "CONTRIBUTING.md"])
def test_the_guide_shows_en_from_after_a_multi_line_text_as_far_in_as_en(guide):
    text = (ROOT / guide).read_text("utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL) if "en: |" in b)
    data = yaml.safe_load(block)
    assert set(data["description"]) == {"sv", "en", "en_from"}  # en_from is a field, not text
    assert "en_from" not in data["description"]["en"]
