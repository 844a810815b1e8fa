"""The accessibility statement (DIGG's model) and the privacy statement, both languages.

What the law and DIGG's model ask of an accessibility statement, and what
the privacy statement must say, checked on the built pages. The browser tests
check that what the privacy statement names is all the browser keeps
(tests/test_accessibility_browser.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = json.loads((ROOT / "package.json").read_text("utf-8"))["devDependencies"]
ACCESSIBILITY = {"sv": "tillganglighet/", "en": "en/accessibility/"}
PRIVACY = {"sv": "integritet/", "en": "en/privacy/"}
CONTACT = {"sv": "kontakt/", "en": "en/contact/"}
SITE = "Social Innovation Skåne"
PARTNERS = [
    "Centrum för Publikt Entreprenörskap",
    "Coompanion Skåne",
    "NÄTVERKET – Idéburen sektor Skåne",
    "Mötesplats Social Innovation",
]
# DIGG's model, section by section.
SECTIONS = {
    "sv": [
        "Hur tillgänglig är webbplatsen?",
        "Vad kan du göra om du inte kan använda delar av webbplatsen?",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
        "Teknisk information om webbplatsens tillgänglighet",
        "Innehåll som inte är tillgängligt",
        "Hur vi testat webbplatsen",
        "Om redogörelsen",
    ],
    "en": [
        "How accessible is the site?",
        "What can you do if you cannot use parts of the site?",
        "Report accessibility problems",
        "Enforcement",
        "Technical information about the site's accessibility",
        "Content that is not accessible",
        "How we tested the site",
        "About this statement",
    ],
}
STATUSES = {
    "sv": {"fully": "helt förenlig", "partially": "delvis förenlig", "not": "inte förenlig"},
    "en": {"fully": "fully compliant", "partially": "partially compliant", "not": "not compliant"},
}
MONTHS = {
    "sv": "januari februari mars april maj juni juli augusti september oktober november december",
    "en": "January February March April May June July August September October November December",
}
LAST_REVIEWED = {
    "sv": r"granskades och uppdaterades senast den (\d{1,2}) (\w+) (\d{4})",
    "en": r"last reviewed and updated on (\d{1,2}) (\w+) (\d{4})",
}


def text_of(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def article(site, url: str):
    return site.page(url).cssselect("article")[0]


def resolve(url: str, href: str) -> str:
    """A link's target as a site-relative URL, like 'kontakt/'."""
    return urljoin("https://site.invalid/" + url, href).removeprefix("https://site.invalid/")


# --- Accessibility statement ----------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_statement_names_the_organisation_and_the_site(content_site, lang):
    text = text_of(article(content_site, ACCESSIBILITY[lang]))
    assert text.count(SITE) >= 3
    for partner in PARTNERS:
        assert partner in text, partner


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_statement_follows_diggs_model(content_site, lang):
    headings = [text_of(h) for h in article(content_site, ACCESSIBILITY[lang]).xpath(".//h2 | .//h3")]
    positions = [headings.index(section) for section in SECTIONS[lang]]
    assert positions == sorted(positions), headings


def compliance(site, lang: str) -> list[str]:
    """The levels of compliance the statement declares, in bold as in DIGG's model."""
    declared = [text_of(strong).lower() for strong in article(site, ACCESSIBILITY[lang]).xpath(".//strong")]
    return [level for level, words in STATUSES[lang].items() for text in declared if text == words]


def test_statement_says_how_far_the_site_complies_the_same_in_both_languages(content_site):
    sv, en = compliance(content_site, "sv"), compliance(content_site, "en")
    assert len(sv) == 1 and sv == en, (sv, en)
    # Not "fully" while the statement itself lists content that is not accessible.
    assert sv != ["fully"]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_statement_lists_content_that_is_not_accessible(content_site, lang):
    page = article(content_site, ACCESSIBILITY[lang])
    heading = next(h for h in page.xpath(".//h3") if text_of(h) == SECTIONS[lang][5])
    items = heading.getnext().xpath("./li")
    assert len(items) >= 2
    text = text_of(page)
    assert "JavaScript" in text


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_statement_names_the_tools_and_their_versions(content_site, lang):
    text = text_of(article(content_site, ACCESSIBILITY[lang]))
    assert f"axe-core {PACKAGES['axe-core']}" in text
    assert f"vnu-jar {PACKAGES['vnu-jar']}" in text
    assert "Nu Html Checker" in text
    assert "Playwright" in text and "Chromium" in text
    assert "360 × 740" in text and "1280 × 800" in text
    assert re.search(r"WCAG 2\.0 (and|och) 2\.1", text)
    # The manual checks, described as far as they went.
    assert ("skärmläsare" if lang == "sv" else "screen reader") in text


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_statement_offers_feedback_and_diggs_form(content_site, lang):
    page = article(content_site, ACCESSIBILITY[lang])
    hrefs = page.xpath(".//a/@href")
    assert "https://www.digg.se/tdosanmalan" in hrefs
    contact = [href for href in hrefs if resolve(ACCESSIBILITY[lang], href) == CONTACT[lang]]
    assert len(contact) >= 2, hrefs
    assert ("inom två veckor" if lang == "sv" else "within two weeks") in text_of(page)
    assert "@" not in text_of(page)  # no invented e-mail address


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_statement_says_when_it_was_last_reviewed(content_site, lang):
    match = re.search(LAST_REVIEWED[lang], text_of(article(content_site, ACCESSIBILITY[lang])))
    assert match, "no date of the last review"
    day, month, year = match.groups()
    assert month in MONTHS[lang].split() and 1 <= int(day) <= 31 and int(year) >= 2026


def test_both_statements_give_the_same_date(content_site):
    dates = [
        re.search(LAST_REVIEWED[lang], text_of(article(content_site, ACCESSIBILITY[lang])))
        for lang in ("sv", "en")
    ]
    sv_day, sv_month, sv_year = dates[0].groups()
    en_day, en_month, en_year = dates[1].groups()
    assert (sv_day, MONTHS["sv"].split().index(sv_month), sv_year) == (
        en_day,
        MONTHS["en"].split().index(en_month),
        en_year,
    )


# --- Privacy statement -------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_privacy_statement_says_what_is_stored_and_by_whom(content_site, lang):
    page = article(content_site, PRIVACY[lang])
    text = text_of(page)
    words = {
        "sv": ["inga kakor", "localStorage", "tredje part", "GitHub Pages", "IP-adresser"],
        "en": ["no cookies", "localStorage", "third part", "GitHub Pages", "IP addresses"],
    }[lang]
    for word in words:
        assert word in text, word
    keys = {code for code in page.xpath(".//code/text()") if code.startswith("__")}
    assert keys == {"__palette"}  # Material's only key with our features: see the browser test
    hrefs = page.xpath(".//a/@href")
    assert any(resolve(PRIVACY[lang], href) == CONTACT[lang] for href in hrefs), hrefs
