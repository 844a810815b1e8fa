"""Partners' everyday edits never turn the check red.

tests/partner_edits.py makes the edits BIDRA.md describes on a copy of the
repository (``edited_source``); here the content check, the strict build and
the real-content tests run on that copy as on the repository itself. The other
real-content tests take ``content_site`` (conftest.py), so they too run on both.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from lxml import html

from conftest import ROOT, published_image
from partner_edits import ADDED_EN, CHANGED_SV, NEW_INITIATIVE, NEW_WEBSITE, REWRITTEN_SV
from site_content import ContentPaths, check_content

# --- The edits were made -----------------------------------------------------


def test_each_edit_was_made_or_says_why_not(partner_edits):
    source, report = partner_edits
    made = {
        "publish": report.published,
        "translate": report.translated,
        "logo": report.partner,
    }
    for kind, path in made.items():
        assert path or report.skipped.get(kind), f"edit {kind!r} neither made nor explained"
        if path:
            assert (source / path).read_text("utf-8") != _original(path), path
    assert "docs/bakgrund.md" in report.changed_sv
    assert report.new_initiative == f"content/initiatives/{NEW_INITIATIVE}.yml"
    assert (source / "docs" / "images" / "initiatives" / f"{NEW_INITIATIVE}.jpg").is_file()
    if report.published:
        assert not re.search(r"^draft:", (source / report.published).read_text("utf-8"), re.MULTILINE)


def test_the_partner_file_gets_each_key_once(partner_edits):
    source, report = partner_edits
    if not report.partner:
        pytest.skip(report.skipped["logo"])
    text = (source / report.partner).read_text("utf-8")
    assert len(re.findall(r"^logo:", text, re.MULTILINE)) == 1
    assert re.findall(r"^website:.*$", text, re.MULTILINE) == [f"website: {NEW_WEBSITE}"]
    assert not re.search(r"^# *website:", text, re.MULTILINE)


def _original(path: str) -> str | None:
    original = ROOT / path
    return original.read_text("utf-8") if original.is_file() else None


# --- The content check: no error, the changes only warned about ----------------


@pytest.fixture(params=["real", "edited"])
def content_root(request) -> Path:
    return ROOT if request.param == "real" else request.getfixturevalue("edited_source")


def test_content_check_passes(content_root):
    result = subprocess.run(
        [sys.executable, "-m", "site_content.check", "--root", str(content_root)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_edits_give_warnings_not_errors(partner_edits):
    source, report = partner_edits
    _content, problems = check_content(ContentPaths.under(source, docs=source / "docs"))
    assert not [p for p in problems if p.severity == "error"]
    outdated = {p.file for p in problems if p.code == "outdated-translation"}
    for path in report.changed_sv:
        if path.startswith("content/"):
            assert path in outdated, path


# --- The edits reach the built site --------------------------------------------


def test_published_example_has_its_pages(partner_edits, edited_site):
    _source, report = partner_edits
    if not report.published:
        pytest.skip(report.skipped["publish"])
    slug = Path(report.published).stem
    assert edited_site.exists(f"initiativ/{slug}/") and edited_site.exists(f"en/initiatives/{slug}/")


def test_new_initiative_is_published_with_its_photo(edited_site):
    for url in (f"initiativ/{NEW_INITIATIVE}/", f"en/initiatives/{NEW_INITIATIVE}/"):
        srcs = " ".join(edited_site.page(url).xpath("//article//img/@src | //article//source/@srcset"))
        assert f"{NEW_INITIATIVE}-" in srcs, url
    published_image(edited_site, f"images/initiatives/{NEW_INITIATIVE}.jpg")


def test_added_translation_is_published(partner_edits, edited_site):
    _source, report = partner_edits
    if not report.translated:
        pytest.skip(report.skipped["translate"])
    folder, slug = Path(report.translated).parent.name, Path(report.translated).stem
    url = {"initiatives": "en/initiatives/", "partners": "en/partners/"}[folder] + f"{slug}/"
    if not edited_site.exists(url):
        pytest.skip(f"{report.translated} is a draft: the translation is not published")
    assert ADDED_EN in edited_site.page(url).text_content()


def test_partner_page_shows_the_logo_and_website(partner_edits, edited_site):
    _source, report = partner_edits
    if not report.partner:
        pytest.skip(report.skipped["logo"])
    slug = Path(report.partner).stem
    for url in (f"samverkansparter/{slug}/", f"en/partners/{slug}/"):
        page = edited_site.page(url)
        assert NEW_WEBSITE in page.xpath("//article//a/@href"), url
        assert any(f"{slug}-ny" in src for src in page.xpath("//article//img/@src")), url


def test_changed_swedish_text_is_published(edited_site):
    assert CHANGED_SV in edited_site.page("bakgrund/").text_content()


def test_rewritten_partner_description_is_published(partner_edits, edited_site):
    _source, report = partner_edits
    if not report.rewritten:
        pytest.skip(report.skipped["partner-description"])
    slug = Path(report.rewritten).stem
    assert REWRITTEN_SV in edited_site.page(f"samverkansparter/{slug}/").text_content()


# --- What holds for any valid content (run on the real and the edited site) ----


def test_every_published_initiative_has_its_pages_in_both_languages(content_site):
    export = json.loads(content_site.path("data/initiatives.json").read_text("utf-8"))
    assert export["count"] == len(export["initiatives"])
    for initiative in export["initiatives"]:
        for lang in ("sv", "en"):
            url = initiative["url"][lang]
            assert url.startswith(content_site.site_url), url
            assert content_site.exists(url.removeprefix(content_site.site_url)), url


def test_every_partner_has_its_pages_in_both_languages(content_site):
    partners = sorted(path.stem for path in (content_site.source / "content" / "partners").glob("*.yml"))
    for slug in partners:
        assert content_site.exists(f"samverkansparter/{slug}/"), slug
        assert content_site.exists(f"en/partners/{slug}/"), slug
    for overview in ("samverkansparter/", "en/partners/"):
        cards = content_site.page(overview).cssselect(".sis-card--partner")
        assert len(cards) == len(partners), overview


def test_no_draft_is_published(content_site):
    export = (content_site.root / "data" / "initiatives.json").read_text("utf-8")
    sitemap = (content_site.root / "sitemap.xml").read_text("utf-8")
    for path in (content_site.source / "content" / "initiatives").glob("*.yml"):
        if yaml.safe_load(path.read_text("utf-8")).get("draft") is True:
            assert not content_site.exists(f"initiativ/{path.stem}/"), path.name
            assert not content_site.exists(f"en/initiatives/{path.stem}/"), path.name
            assert f"/{path.stem}/" not in export and f"/{path.stem}/" not in sitemap, path.name


def test_published_example_event_and_news_item_have_their_pages(partner_edits, edited_site):
    _source, report = partner_edits
    if not report.published_more:
        pytest.skip("no example event or news item is a draft any more")
    for path in report.published_more:
        slug = Path(path).stem
        url = {"content/events": "evenemang", "content/news": "aktuellt"}[str(Path(path).parent)]
        assert edited_site.exists(f"{url}/{slug}/"), path


def test_nothing_published_is_a_made_up_example(content_site):
    """The examples stay drafts; the check refuses one that is published (issue 23)."""
    for path in content_site.root.rglob("*.html"):
        text = html.fromstring(path.read_bytes()).xpath("string(//article)")
        assert "Påhittat exempel" not in text, path
        for heading in html.fromstring(path.read_bytes()).xpath("//article//h1"):
            assert not heading.text_content().strip().startswith("Exempel"), path
    export = json.loads(content_site.path("data/initiatives.json").read_text("utf-8"))
    assert not [i["slug"] for i in export["initiatives"] if i["name"]["sv"].startswith("Exempel")]


def test_every_source_link_is_https(content_site):
    pages = [path for path in content_site.root.rglob("*.html")]
    links = [
        (path, href)
        for path in pages
        for href in html.fromstring(path.read_bytes()).xpath(
            "//section[contains(@class, 'sis-sources')]//a/@href"
        )
    ]
    for path, href in links:
        assert href.startswith("https://"), (path, href)
    export = json.loads(content_site.path("data/initiatives.json").read_text("utf-8"))
    for initiative in export["initiatives"]:
        assert all(source["url"].startswith("https://") for source in initiative["sources"])


def test_the_contact_page_reaches_every_partner(content_site):
    partners = sorted((content_site.source / "content" / "partners").glob("*.yml"))
    for url in ("kontakt/", "en/contact/"):
        page = content_site.page(url)
        items = page.cssselect(".sis-contacts > li")
        assert len(items) == len(partners), url
        for item in items:
            assert item.xpath(".//h2/a/@href"), url  # the partner's own page, at least
        links = page.xpath("//ul[@class='sis-contacts']//a/@href")
        for path in partners:
            data = yaml.safe_load(path.read_text("utf-8"))
            for key in ("website", "contact_page"):
                if data.get(key):
                    assert data[key] in links, (url, path.name, key)


def test_the_results_page_is_in_the_navigation_and_linked_from_home(content_site):
    for home, results in (("", "resultat/"), ("en/", "en/results/")):
        if not content_site.exists(results):
            pytest.skip("no results page in docs/")
        assert any(
            href.rstrip("/").endswith(results.rstrip("/").split("/")[-1])
            for href in content_site.page(home).xpath("//a/@href")
        )


def test_feeds_and_calendars_stay_valid_whatever_the_events(content_site):
    """With only past events (the real content) or none, the feeds are strict XML and every
    calendar parses alike with two iCalendar libraries."""
    from test_hostile_outputs import parse_twice, strict_xml

    for path in sorted(content_site.root.rglob("*.xml")):
        strict_xml(path.read_bytes())
    calendars = sorted(content_site.root.rglob("*.ics"))
    assert calendars, "the site calendar is published even with no events"
    for path in calendars:
        by_icalendar, by_vobject = parse_twice(path.read_bytes())
        assert by_icalendar == by_vobject, path
