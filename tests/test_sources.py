"""Sources (issue 23): initiatives, events and news name where their facts come
from; each page lists them under "Källor" / "Sources", and the open data carries
them. Built from the tests' own content (the showcase site)."""

from __future__ import annotations

import csv
import io
import json

import pytest

ABBORREN_SOURCES = [
    ("https://www.example.org/abborren/om-oss", "Om Abborrklubben & vänner"),
    ("https://example.net/rapport?år=2016&del=2", "Årsrapport 2016"),
]


def csv_rows(site) -> dict[str, dict[str, str]]:
    table = site.path("data/initiatives.csv").read_text("utf-8-sig")
    return {row["slug"]: row for row in csv.DictReader(io.StringIO(table))}


def listed_sources(page, heading: str) -> list[tuple[str, str]]:
    (section,) = page.xpath("//section[contains(@class, 'sis-sources')]")
    assert section.xpath("string(h2)") == heading
    links = section.xpath(".//a")
    for link in links:
        assert "external" in link.get("rel").split()
    return [(link.get("href"), link.text_content()) for link in links]


@pytest.mark.parametrize(
    ("url", "heading"), [("initiativ/abborren/", "Källor"), ("en/initiatives/abborren/", "Sources")]
)
def test_initiative_page_lists_its_sources(showcase_site, url, heading):
    assert listed_sources(showcase_site.page(url), heading) == ABBORREN_SOURCES


def test_a_title_is_escaped_text(showcase_site):
    raw = showcase_site.path("initiativ/abborren/").read_text("utf-8")
    assert ">Om Abborrklubben &amp; vänner<" in raw


@pytest.mark.parametrize(
    ("url", "heading", "expected"),
    [
        ("evenemang/varmote/", "Källor", [("https://example.org/program", "Programmet för vårmötet")]),
        ("en/events/varmote/", "Sources", [("https://example.org/program", "Programmet för vårmötet")]),
        (
            "aktuellt/ny-samverkan/",
            "Källor",
            [("https://example.org/pressmeddelande", "Pressmeddelande om samverkan")],
        ),
    ],
)
def test_event_and_news_pages_list_their_sources(showcase_site, url, heading, expected):
    assert listed_sources(showcase_site.page(url), heading) == expected


def test_a_page_without_sources_has_no_sources_heading(showcase_site):
    page = showcase_site.page("initiativ/akerlyckan/")
    assert not page.xpath("//section[contains(@class, 'sis-sources')]")
    assert "Källor" not in page.text_content()


def test_open_data_carries_the_sources(showcase_site):
    export = json.loads(showcase_site.path("data/initiatives.json").read_text("utf-8"))
    records = {record["slug"]: record for record in export["initiatives"]}
    assert records["abborren"]["sources"] == [{"url": u, "title": t} for u, t in ABBORREN_SOURCES]
    assert records["akerlyckan"]["sources"] == []
    rows = {
        row["slug"]: row
        for row in csv.DictReader(
            io.StringIO(showcase_site.path("data/initiatives.csv").read_text("utf-8-sig"))
        )
    }
    assert rows["abborren"]["source_urls"] == ";".join(u for u, _t in ABBORREN_SOURCES)
    assert rows["akerlyckan"]["source_urls"] == ""


# --- Only what the sources say (issue 23) --------------------------------------
# Ängsbacken's file gives no organisation type, stage or start year.


def test_an_initiative_without_stage_type_or_year_shows_only_what_it_has(showcase_site):
    page = showcase_site.page("initiativ/angsbacken/")
    terms = page.xpath("//dl[contains(@class, 'sis-facts')]/dt")
    labels = [dt.text_content() for dt in terms]
    assert "Fas" not in labels and "Startår" not in labels
    (organisation,) = [dt for dt in terms if dt.text == "Organisation"]
    assert organisation.getnext().text_content().strip() == "Ängsbacken"


def test_open_data_says_null_for_what_is_not_known(showcase_site):
    export = json.loads(showcase_site.path("data/initiatives.json").read_text("utf-8"))
    record = {r["slug"]: r for r in export["initiatives"]}["angsbacken"]
    assert record["organisation"] == {"name": "Ängsbacken", "type": None}
    assert record["stage"] is None and record["started"] is None
    rows = csv_rows(showcase_site)
    assert rows["angsbacken"]["stage"] == rows["angsbacken"]["started"] == ""
    assert rows["angsbacken"]["organisation_type"] == ""
