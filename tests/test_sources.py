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
    ("https://example.org/abborren/about", "About the Perch Club"),
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


@pytest.mark.parametrize(
    ("url", "languages"),
    [("initiativ/abborren/", [None, None, "en"]), ("en/initiatives/abborren/", ["sv", "sv", None])],
)
def test_a_source_title_is_marked_with_its_language_where_the_page_has_another(showcase_site, url, languages):
    """Screen readers read a Swedish title on an English page in Swedish (WCAG 3.1.2):
    sources are Swedish unless the file says `lang: en`."""
    links = showcase_site.page(url).xpath("//section[contains(@class, 'sis-sources')]//a")
    marked = [(link.xpath("string(span/@lang)") or None) for link in links]
    assert marked == languages
    assert [link.get("hreflang") for link in links] == languages


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
    languages = ["sv", "sv", "en"]  # the file's third source says lang: en
    assert records["abborren"]["sources"] == [
        {"url": u, "title": t, "lang": lang} for (u, t), lang in zip(ABBORREN_SOURCES, languages, strict=True)
    ]
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


# --- Partners as they are today ------------------------------------------------
# The fixture Mötesplats Social Innovation has a former name, what it helps with,
# a role, a website, a contact page and a source; Centrum för Publikt Entreprenörskap
# has none of them.

MSI = {
    "sv": "samverkansparter/motesplats-social-innovation/",
    "en": "en/partners/motesplats-social-innovation/",
}
FORMER = {
    "sv": "Tidigare Gamla Mötesplatsen (nytt namn från 2019)",
    "en": "Formerly Gamla Mötesplatsen (renamed in 2019)",
}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_partner_page_shows_its_former_name_role_and_how_to_reach_it(showcase_site, lang):
    page = showcase_site.page(MSI[lang])
    (former,) = page.cssselect(".sis-former-name")
    assert former.text_content().strip() == FORMER[lang]
    headings = [h.text_content() for h in page.xpath("//article//h2")]
    role = {
        "sv": "Roll i Social Innovation Skåne 2015–2018",
        "en": "Role in Social Innovation Skåne 2015–2018",
    }
    assert role[lang] in headings
    links = page.cssselect(".sis-reach a")
    assert [a.get("href") for a in links] == [
        "https://socialinnovation.se/kontakt/",
        "https://socialinnovation.se/",
    ]
    helps = {
        "sv": "Kunskap om social innovation för alla som frågar.",
        "en": "Knowledge about social innovation for anyone who asks.",
    }
    assert page.cssselect(".sis-helps-with")[0].text_content() == helps[lang]
    # A copy in the Internet Archive is told as one in the page's language.
    archived = {"sv": "Om oss (arkiverad kopia)", "en": "Om oss (archived copy)"}[lang]
    assert listed_sources(page, {"sv": "Källor", "en": "Sources"}[lang]) == [
        ("https://socialinnovation.se/om-oss/", "Om oss"),
        ("https://web.archive.org/web/2018/http://socialinnovationskane.se/om-oss/", archived),
    ]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_contact_page_shows_for_each_partner_what_it_helps_with_and_where_to_go(showcase_site, lang):
    contact = {"sv": "kontakt/", "en": "en/contact/"}[lang]
    items = showcase_site.page(contact).cssselect(".sis-contacts > li")
    assert len(items) == len(list((showcase_site.source / "content" / "partners").glob("*.yml")))
    (msi,) = [item for item in items if item.cssselect(".sis-helps-with")]
    assert msi.cssselect(".sis-former-name")[0].text_content().strip() == FORMER[lang]
    assert "https://socialinnovation.se/kontakt/" in msi.xpath(".//a/@href")
    # A partner without a website says so rather than showing nothing.
    none_given = {"sv": "Ingen webbplats är angiven ännu.", "en": "No website has been given yet."}[lang]
    assert any(none_given in item.text_content() for item in items)
