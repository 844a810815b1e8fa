"""Structured data and sharing: JSON-LD, Open Graph and Twitter cards, meta descriptions."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import CONTENT_SITES, ROOT, published_image
from site_content.linked_data import script_json
from site_content.page_text import first_paragraph, shorten

# The schema.org types we use, and for each property the types it is defined
# on (directly or by inheritance), as schema.org lists them.
PAGE_TYPES = {"WebPage", "ItemPage", "CollectionPage"}
ORGANIZATIONS = {"Organization", "GovernmentOrganization", "Project"}
TYPES = (
    PAGE_TYPES
    | ORGANIZATIONS
    | {
        "WebSite",
        "BreadcrumbList",
        "ListItem",
        "ItemList",
        "AdministrativeArea",
        "PropertyValue",
        "DefinedTerm",
        "ImageObject",
        "Grant",
        # Events and news (issue 17)
        "Event",
        "NewsArticle",
        "Place",
        "PostalAddress",
        "VirtualLocation",
        "Offer",
    }
)
THINGS = TYPES  # name, url, description, image, identifier, sameAs, mainEntityOfPage: every Thing
CREATIVE_WORKS = PAGE_TYPES | {"WebSite", "ImageObject", "NewsArticle"}
PROPERTIES = {
    "name": THINGS,
    "url": THINGS,
    "description": THINGS,
    "image": THINGS,
    "identifier": THINGS,
    "sameAs": THINGS,
    "mainEntityOfPage": THINGS,
    "inLanguage": CREATIVE_WORKS | {"Event"},
    "about": CREATIVE_WORKS,
    "isPartOf": CREATIVE_WORKS,
    "publisher": CREATIVE_WORKS,
    "mainEntity": CREATIVE_WORKS,
    "breadcrumb": PAGE_TYPES,
    "itemListElement": {"BreadcrumbList", "ItemList"},
    "position": {"ListItem"},
    "item": {"ListItem"},
    "areaServed": ORGANIZATIONS,
    "keywords": ORGANIZATIONS | CREATIVE_WORKS,
    "foundingDate": ORGANIZATIONS,
    "parentOrganization": ORGANIZATIONS,
    "sponsor": ORGANIZATIONS | CREATIVE_WORKS | {"Grant"},
    "member": ORGANIZATIONS,
    "funder": ORGANIZATIONS | CREATIVE_WORKS | {"Grant"},
    "funding": ORGANIZATIONS | CREATIVE_WORKS,
    "logo": ORGANIZATIONS,
    "startDate": {"Event"},
    "endDate": {"Event"},
    "eventStatus": {"Event"},
    "eventAttendanceMode": {"Event"},
    "location": {"Event"},
    "organizer": {"Event"},
    "offers": {"Event"},
    "address": {"Place"},
    "streetAddress": {"PostalAddress"},
    "addressLocality": {"PostalAddress"},
    "addressRegion": {"PostalAddress"},
    "addressCountry": {"PostalAddress"},
    "headline": CREATIVE_WORKS,
    "datePublished": CREATIVE_WORKS,
    "dateModified": CREATIVE_WORKS,
    "mentions": CREATIVE_WORKS,
    "email": ORGANIZATIONS,
    "propertyID": {"PropertyValue"},
    "value": {"PropertyValue"},
    "termCode": {"DefinedTerm"},
    "contentUrl": {"ImageObject"},
}


def json_ld(page) -> dict:
    scripts = page.xpath("//head/script[@type='application/ld+json']")
    assert len(scripts) == 1
    return json.loads(scripts[0].text)


def nodes(data):
    """Every JSON object in the data, depth first."""
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from nodes(value)
    elif isinstance(data, list):
        for value in data:
            yield from nodes(value)


def by_type(data: dict, type_name: str) -> list[dict]:
    return [node for node in data["@graph"] if node.get("@type") == type_name]


def meta(page, key: str) -> list[str]:
    return page.xpath(f"//head/meta[@property='{key}' or @name='{key}']/@content")


# --- JSON-LD on every page ---------------------------------------------------


@pytest.mark.parametrize("site", ["showcase_site", *CONTENT_SITES])
def test_every_page_has_json_ld_with_schema_org_terms_only(request, site):
    built = request.getfixturevalue(site)
    for url in built.page_urls:
        data = json_ld(built.page(url))
        assert data["@context"] == "https://schema.org"
        page_node = data["@graph"][0]
        assert page_node["@type"] in PAGE_TYPES, url
        assert page_node["url"] == built.absolute(url)
        assert page_node["inLanguage"] in ("sv", "en")
        for node in nodes(data["@graph"]):
            if "@type" not in node:
                assert set(node) == {"@id"}, (url, node)
                continue
            assert node["@type"] in TYPES, (url, node["@type"])
            for key in node:
                if key.startswith("@"):
                    continue
                assert node["@type"] in PROPERTIES[key], (url, node["@type"], key)
        # Every @id referred to is a URL of this site.
        for node in nodes(data):
            if "@id" in node:
                assert node["@id"].startswith(built.site_url), (url, node["@id"])


def test_each_home_page_describes_the_site_in_its_own_language(real_site):
    """mkdocs.yml's site_description is Swedish; each home page gives its own front matter's
    description (else its first paragraph) in the meta tags and in the WebSite node."""
    for url, lang, source in (("", "sv", "docs/index.md"), ("en/", "en", "docs/en/index.md")):
        page = real_site.page(url)
        front_matter = yaml.safe_load((ROOT / source).read_text("utf-8").split("---")[1])
        [description] = meta(page, "description")
        if front_matter.get("description"):
            assert description == " ".join(front_matter["description"].split()), url
        assert meta(page, "og:description") == [description]
        assert meta(page, "og:locale") == [{"sv": "sv_SE", "en": "en_GB"}[lang]]
        data = json_ld(page)
        [site] = by_type(data, "WebSite")
        assert site["description"] == description and site["inLanguage"] == lang
        assert data["@graph"][0]["inLanguage"] == lang


def test_home_pages_describe_the_website(showcase_site):
    for url, lang in (("", "sv"), ("en/", "en")):
        data = json_ld(showcase_site.page(url))
        [site] = by_type(data, "WebSite")
        assert site["url"] == showcase_site.absolute(url) and site["inLanguage"] == lang
        [project] = by_type(data, "Project")
        assert site["publisher"] == {"@id": project["@id"]}
        assert len(project["member"]) == 4
        assert project["funder"]["name"] in ("Europeiska unionen", "European Union")
        assert "breadcrumb" not in data["@graph"][0]


def test_partner_pages_describe_the_organization(showcase_site):
    data = json_ld(showcase_site.page("en/partners/coompanion-skane/"))
    [organization] = by_type(data, "Organization")
    assert organization["name"] == "Coompanion Skåne"
    assert organization["description"].startswith("Coompanion is the business advisory service")
    # No website known: its page here is its address.
    assert organization["url"] == showcase_site.absolute("en/partners/coompanion-skane/")
    assert data["@graph"][0]["mainEntity"] == {"@id": organization["@id"]}
    overview = json_ld(showcase_site.page("samverkansparter/"))["@graph"][0]
    items = overview["mainEntity"]["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3, 4]
    assert all(item["item"]["@type"] == "Organization" for item in items)


def test_initiative_pages_describe_the_project(showcase_site):
    data = json_ld(showcase_site.page("initiativ/abborren/"))
    page, project = data["@graph"][0], by_type(data, "Project")[0]
    assert page["@type"] == "ItemPage" and page["inLanguage"] == "sv"
    assert page["mainEntity"] == {"@id": project["@id"]}
    assert project["name"] == "Abborren"
    assert project["description"] == "Fiskeklubb där unga och äldre lär av varandra vid vattnet."
    assert [area["name"] for area in project["areaServed"]] == ["Malmö", "Lund"]
    assert project["areaServed"][0]["identifier"]["value"] == "1280"
    themes = [node["name"] for node in page["about"] if node.get("@type") == "DefinedTerm"]
    assert themes == ["Skola", "Utanförskap"]
    assert [s["name"] for s in project["sponsor"]] == ["Coompanion Skåne", "Mötesplats Social Innovation"]
    assert project["sponsor"][0]["@id"] == showcase_site.absolute(
        "samverkansparter/coompanion-skane/#organization"
    )
    assert project["sameAs"] == "https://www.example.org/abborren"
    assert project["foundingDate"] == "2016"
    assert project["image"]["contentUrl"] == published_image(showcase_site, "images/initiatives/abborren.jpg")
    assert showcase_site.exists(project["image"]["contentUrl"][len(showcase_site.site_url) :])
    # An English page whose text is Swedish says so.
    data = json_ld(showcase_site.page("en/initiatives/akerlyckan/"))
    assert data["@graph"][0]["inLanguage"] == "sv"
    assert "sponsor" not in by_type(data, "Project")[0]


def test_breadcrumbs_follow_the_trail_of_pages(showcase_site):
    for url, names in (
        ("initiativ/tema/skola/", ["Start", "Sociala innovationer i Skåne", "Tema: Skola"]),
        ("en/initiatives/abborren/", ["Home", "Social innovations in Skåne", "The Perch"]),
        ("samverkansparter/coompanion-skane/", ["Start", "Samverkansparter", "Coompanion Skåne"]),
    ):
        trail = json_ld(showcase_site.page(url))["@graph"][0]["breadcrumb"]["itemListElement"]
        assert [item["name"] for item in trail] == names, url
        assert [item["position"] for item in trail] == list(range(1, len(names) + 1))
        assert trail[-1]["item"] == showcase_site.absolute(url)
        for item in trail:
            assert showcase_site.exists(item["item"][len(showcase_site.site_url) :])
    # A top-level page shows no breadcrumb (its tab says where it is), so describes none.
    for url in ("bakgrund/", "en/partners/", ""):
        assert "breadcrumb" not in json_ld(showcase_site.page(url))["@graph"][0], url


def test_json_ld_cannot_end_its_script_early():
    text = script_json({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & <!--"


# --- Open Graph, Twitter, descriptions ---------------------------------------


@pytest.mark.parametrize("site", ["showcase_site", *CONTENT_SITES])
def test_every_page_has_a_description_and_a_share_card(request, site):
    built = request.getfixturevalue(site)
    for url in built.page_urls:
        page = built.page(url)
        lang = "en" if url.startswith("en/") else "sv"
        [description] = meta(page, "description")
        assert len(description) > 20, url
        assert meta(page, "og:description") == [description] == meta(page, "twitter:description")
        # The canonical address: the page's own, a fallback's Swedish original.
        assert meta(page, "og:url") == page.xpath("//head/link[@rel='canonical']/@href"), url
        assert meta(page, "og:locale") == [{"sv": "sv_SE", "en": "en_GB"}[lang]]
        [title] = meta(page, "og:title")
        assert title and meta(page, "twitter:title") == [title]
        assert meta(page, "twitter:card")[0] in ("summary", "summary_large_image")
        assert meta(page, "og:site_name") == ["Social Innovation Skåne"]
        # The other language is announced only where the page has a translation.
        alternates = {"sv", "en"} & set(page.xpath("//head/link[@hreflang]/@hreflang"))
        expected = [{"sv": "sv_SE", "en": "en_GB"}[code] for code in alternates if code != lang]
        assert meta(page, "og:locale:alternate") == expected, url
        for image in meta(page, "og:image"):
            assert image.startswith(built.site_url) and built.exists(image[len(built.site_url) :])


def test_generated_pages_get_their_own_descriptions(showcase_site):
    for url, description in (
        ("initiativ/abborren/", "Fiskeklubb där unga och äldre lär av varandra vid vattnet."),
        (
            "en/initiatives/abborren/",
            "A fishing club where young and old learn from each other by the water.",
        ),
        ("initiativ/tema/skola/", "Tema: Skola – 3 initiativ i katalogen över sociala innovationer i Skåne."),
        (
            "en/initiatives/municipality/malmo/",
            "Municipality: Malmö – 3 initiatives in the catalogue of social innovations in Skåne.",
        ),
        # No description in its front matter: its first paragraph.
        ("bara-pa-svenska/", "Den här testsidan har ingen engelsk översättning."),
    ):
        assert meta(showcase_site.page(url), "description") == [description], url
    partner = meta(showcase_site.page("samverkansparter/coompanion-skane/"), "description")[0]
    assert partner.startswith("Coompanion är företagsrådgivaren") and len(partner) <= 200


def test_share_card_shows_the_initiatives_image(showcase_site):
    page = showcase_site.page("initiativ/abborren/")
    [image] = meta(page, "og:image")
    assert re.fullmatch(showcase_site.absolute(r"images/initiatives/abborren-[0-9a-f]{8}-social\.jpg"), image)
    assert meta(page, "og:image:alt") == ["Solig himmel över en grön äng."]
    assert meta(page, "twitter:card") == ["summary_large_image"]
    # Without an image of its own (or with an SVG one, which previews do not
    # show), a page shares the site's default card; both are 1200 × 630.
    for url in ("initiativ/zebrastigen/", "initiativ/angsbacken/", "samverkansparter/coompanion-skane/"):
        page = showcase_site.page(url)
        assert meta(page, "og:image") == [showcase_site.absolute("assets/images/social-card.png")], url
        assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == (["1200"], ["630"])
    assert showcase_site.exists("assets/images/social-card.png")


# --- Helpers -----------------------------------------------------------------


def test_first_paragraph_skips_notices_and_keeps_inline_text():
    html = (
        '<p class="sis-untranslated" role="note">Only in Swedish.</p><h1>T</h1><p></p>'
        "<p>Första <a href='x'>stycket</a>\n med &amp; länk.</p><p>Andra.</p>"
    )
    assert first_paragraph(html) == "Första stycket med & länk."
    assert first_paragraph("<h1>Bara rubrik</h1>") == ""


def test_shorten_cuts_at_a_word():
    assert shorten("kort text") == "kort text"
    long = "ord " * 80
    short = shorten(long, 50)
    assert len(short) <= 50 and short.endswith("ord…")
    assert re.fullmatch(r"(ord )*ord…", short)
