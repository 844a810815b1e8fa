"""The catalogue at any size: one page of results, numbered pages, the data file.

On ``large_site`` (conftest.py: 60 synthetic initiatives and a draft, three
pages of 24) and the showcase (five initiatives, one page). The bytes a
first view costs at 1,000 and 5,000 initiatives are measured by ``make
bench``: a 1,000-initiative build takes a minute on a busy machine, and what
could grow with the catalogue on the page (its cards) is capped here.
"""

from __future__ import annotations

import gzip
import json
import re
from posixpath import normpath

import pytest

from conftest import LARGE_CATALOGUE
from site_content.catalogue import DETAIL_LIMIT

PAGE_SIZE = 24
CATALOGUES = [("initiativ/", "sv", "initiativ/sida/"), ("en/initiatives/", "en", "en/initiatives/page/")]


def text_of(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def resolve(base: str, href: str) -> str:
    joined = normpath("/" + base + href.split("#")[0].split("?")[0])
    return (joined.strip("/") + "/") if joined != "/" else ""


def slugs_on(page) -> list[str]:
    return [card.get("data-slug") for card in page.cssselect("#sis-catalogue .sis-card")]


def head_link(page, rel: str) -> str | None:
    links = page.xpath(f"//head/link[@rel='{rel}']/@href")
    assert len(links) <= 1
    return links[0] if links else None


@pytest.mark.parametrize(("url", "lang", "numbered"), CATALOGUES)
def test_first_page_holds_one_page_of_results(large_site, url, lang, numbered):
    page = large_site.page(url)
    assert len(slugs_on(page)) == PAGE_SIZE
    count = text_of(page.get_element_by_id("sis-count"))
    expected = {"sv": "Visar 1–24 av 60 initiativ", "en": "Showing 1–24 of 60 initiatives"}[lang]
    assert count == expected


@pytest.mark.parametrize(("url", "lang", "numbered"), CATALOGUES)
def test_numbered_pages_link_to_each_other_with_rel_prev_and_next(large_site, url, lang, numbered):
    data = json.loads(large_site.path(f"assets/catalogue/{lang}.json").read_text("utf-8"))
    seen, current, previous, number = [], url, None, 1
    while current is not None:
        page = large_site.page(current)
        slugs = slugs_on(page)
        assert 0 < len(slugs) <= PAGE_SIZE, current
        seen += slugs
        # In the head and in the page, the same neighbours.
        prev_href, next_href = head_link(page, "prev"), head_link(page, "next")
        in_page = {
            rel: page.xpath(f"//nav[@id='sis-pages']//a[@rel='{rel}']/@href") for rel in ("prev", "next")
        }
        assert in_page["prev"] == ([prev_href] if prev_href else [])
        assert in_page["next"] == ([next_href] if next_href else [])
        assert (resolve(current, prev_href) if prev_href else None) == previous
        # The numbered navigation marks this page.
        currents = page.xpath("//nav[@id='sis-pages']//a[@aria-current='page']")
        assert [text_of(a) for a in currents] == [str(number)]
        assert page.get_element_by_id("sis-pages").get("hidden") is None
        if number > 1:
            assert current == f"{numbered}{number}/"
            assert head_link(page, "canonical").endswith(current)
        previous, number = current, number + 1
        current = resolve(current, next_href) if next_href else None
    assert number - 1 == 3
    # Every published initiative once, in the catalogue's order, as in the data file.
    assert seen == [row[0] for row in data["rows"]]
    assert len(seen) == LARGE_CATALOGUE


def test_numbered_pages_are_translations_of_each_other(large_site):
    page = large_site.page("initiativ/sida/2/")
    assert page.xpath("//head/link[@hreflang='en']/@href")[0].endswith("/en/initiatives/page/2/")
    assert text_of(page.cssselect("h1")[0]) == "Alla initiativ, sida 2 av 3"


def test_a_small_catalogue_has_one_page_and_no_page_links(showcase_site):
    for url in ("initiativ/", "en/initiatives/"):
        page = showcase_site.page(url)
        assert len(slugs_on(page)) == 5
        assert head_link(page, "next") is None and head_link(page, "prev") is None
        assert page.get_element_by_id("sis-pages").get("hidden") is not None
    assert not showcase_site.exists("initiativ/sida/2/")
    assert not showcase_site.exists("en/initiatives/page/2/")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_data_file_has_every_published_initiative_and_no_draft(large_site, lang):
    data = json.loads(large_site.path(f"assets/catalogue/{lang}.json").read_text("utf-8"))
    slugs = [row[0] for row in data["rows"]]
    assert len(slugs) == len(set(slugs)) == LARGE_CATALOGUE
    published = {
        url.split("/")[-2] for url in large_site.page_urls if re.fullmatch(r"initiativ/[a-z0-9-]+/", url)
    }
    published -= {"sida", "tema", "kommun"}
    assert set(slugs) == published
    fields = data["fields"]
    for row in data["rows"]:
        record = dict(zip(fields, row, strict=True))
        assert record["themes"] and record["municipalities"]
        assert all(0 <= i < len(data["terms"]["themes"]) for i in record["themes"])
        assert all(0 <= i < len(data["terms"]["municipalities"]) for i in record["municipalities"])


def test_filters_and_count_come_first_then_results_then_map_and_term_lists(large_site):
    page = large_site.page("initiativ/")
    order = [
        element.get("id") or element.get("class")
        for element in page.xpath(
            "//*[@id='sis-filters' or @id='sis-count' or @id='sis-catalogue' or @id='sis-pages'"
            " or contains(@class, 'sis-map ') or @class='sis-map' or @class='sis-browse-more']"
        )
    ]
    assert order == ["sis-filters", "sis-count", "sis-catalogue", "sis-pages", "sis-map", "sis-browse-more"]
    # The lists by theme and municipality are folded away, not pushing results down.
    details = page.cssselect("details.sis-browse-more")[0]
    assert details.get("open") is None and details.cssselect(".sis-browse a")


def test_filters_are_in_the_html_from_the_start(large_site):
    """At their final size, nothing to show or enable: nothing moves or changes
    while the script loads (where no script runs, CSS hides them; browser test)."""
    form = large_site.page("initiativ/").get_element_by_id("sis-filters")
    assert form.get("hidden") is None and form.get("autocomplete") == "off"
    controls = form.cssselect("select, input, button")
    assert len(controls) == 6 and not [c for c in controls if c.get("disabled") is not None]


def first_view_files(site, url: str) -> list[str]:
    """What a browser fetches at once for the page: stylesheets, scripts, icons, eager images."""
    page = site.page(url)
    refs = page.xpath("//link[@rel='stylesheet' or @rel='icon']/@href | //script/@src")
    refs += page.xpath("//img[not(@loading='lazy')]/@src")
    return sorted({resolve(url, href).rstrip("/") for href in refs if "//" not in href})


@pytest.mark.parametrize("url", ["initiativ/", "en/initiatives/", "initiativ/sida/2/"])
def test_first_view_transfers_under_100_kb_gzipped(large_site, url):
    total = len(gzip.compress(large_site.path(url).read_bytes()))
    files = first_view_files(large_site, url)
    assert any(f.endswith(".css") for f in files) and any(f.endswith(".js") for f in files)
    for file in files:
        total += len(gzip.compress((large_site.root / file).read_bytes()))
    assert total < 100 * 1024, total
    # The data file is not among them: it comes when the visitor asks for more.
    assert not [f for f in files if "assets/catalogue/" in f]


def test_numbered_pages_are_not_in_search(large_site):
    for index, prefix in (
        ("search/search_index.json", "initiativ/sida/"),
        ("en/search/search_index.json", "initiatives/page/"),
    ):
        docs = json.loads(large_site.path(index).read_text("utf-8"))["docs"]
        assert any(doc["location"].startswith(prefix.split("/")[0] + "/") for doc in docs)
        assert not [doc["location"] for doc in docs if doc["location"].startswith(prefix)]


@pytest.mark.parametrize(
    ("number", "count", "shown"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (5, 10, [1, None, 4, 5, 6, None, 10]),
        (1, 209, [1, 2, None, 209]),
        (209, 209, [1, None, 208, 209]),
        (3, 5, [1, 2, 3, 4, 5]),
    ],
)
def test_page_navigation_shows_first_last_and_neighbours(number, count, shown):
    from site_content.catalogue import CataloguePage, page_numbers

    page = CataloguePage(number, count, [], 0, 0, 0, None, None)
    assert page_numbers(page) == shown


# --- Partner and term pages: the first few, then the filtered catalogue ----

# (language, partner pages, term pages by vocabulary, the catalogue, its filter parameters)
DETAIL_PAGES = [
    (
        "sv",
        "samverkansparter/",
        {"themes": "initiativ/tema/", "municipalities": "initiativ/kommun/"},
        "initiativ/",
        {"partners": "part", "themes": "tema", "municipalities": "kommun"},
        {
            "partners": "Alla {n} initiativ med {name} i katalogen",
            "themes": "Alla {n} initiativ med temat {name} i katalogen",
            "municipalities": "Katalogens alla {n} initiativ i {name}",
        },
    ),
    (
        "en",
        "en/partners/",
        {"themes": "en/initiatives/theme/", "municipalities": "en/initiatives/municipality/"},
        "en/initiatives/",
        {"partners": "partner", "themes": "theme", "municipalities": "municipality"},
        {
            "partners": "All {n} initiatives with {name} in the catalogue",
            "themes": "All {n} initiatives on the theme {name} in the catalogue",
            "municipalities": "All {n} initiatives in {name} in the catalogue",
        },
    ),
]


def members_in_catalogue_order(data: dict) -> dict[tuple[str, str], list[str]]:
    """(field, slug) -> the slugs of its initiatives, in the data file's (the catalogue's) order.

    An initiative for the whole region (data["regions"]) is one of every municipality's."""
    members: dict[tuple[str, str], list[str]] = {}
    regions = set(data["regions"])
    places = data["terms"]["municipalities"]
    for row in data["rows"]:
        record = dict(zip(data["fields"], row, strict=True))
        keys = [("partners", slug) for slug in record["partners"]]
        for vocabulary in ("themes", "municipalities"):
            keys += [(vocabulary, data["terms"][vocabulary][i][0]) for i in record[vocabulary]]
        if regions & set(record["municipalities"]):
            own = set(record["municipalities"])
            keys += [("municipalities", term[0]) for i, term in enumerate(places) if i not in regions | own]
        for key in keys:
            members.setdefault(key, []).append(record["slug"])
    return members


@pytest.mark.parametrize(("lang", "partners", "terms", "catalogue", "params", "texts"), DETAIL_PAGES)
def test_partner_and_term_pages_show_the_first_few_and_link_to_the_filtered_catalogue(
    large_site, lang, partners, terms, catalogue, params, texts
):
    data = json.loads(large_site.path(f"assets/catalogue/{lang}.json").read_text("utf-8"))
    capped = 0
    for (field, slug), slugs in members_in_catalogue_order(data).items():
        url = (partners if field == "partners" else terms[field]) + slug + "/"
        page = large_site.page(url)
        cards = [card.get("data-slug") for card in page.cssselect("article .sis-card[data-slug]")]
        assert cards == slugs[:DETAIL_LIMIT], url
        more = page.cssselect("article .sis-more a")
        if len(slugs) <= DETAIL_LIMIT:
            assert not more, url
            continue
        capped += 1
        assert len(more) == 1, url
        name = text_of(page.cssselect("article h1")[0])
        if field != "partners":
            name = name.split(": ", 1)[1]  # "Tema: Hälsa"
        assert text_of(more[0]) == texts[field].format(n=len(slugs), name=name), url
        href = more[0].get("href")
        assert resolve(url, href) == catalogue, url
        assert href.split("?", 1)[1] == f"{params[field]}={slug}", url
    # The fixture has partners and themes with more than the cap: the link was checked.
    assert capped >= 2


def test_filter_parameters_are_the_catalogues_own(large_site):
    """The links' parameter names are those of the catalogue's filter fields."""
    for lang, _partners, _terms, catalogue, params, _texts in DETAIL_PAGES:
        form = large_site.page(catalogue).get_element_by_id("sis-filters")
        names = {control.get("data-field"): control.get("name") for control in form.cssselect("[data-field]")}
        assert {field: names[field] for field in params} == params, lang


def test_a_partner_with_few_initiatives_lists_them_all_without_a_link(showcase_site):
    few = ("samverkansparter/coompanion-skane/", "en/partners/coompanion-skane/", "initiativ/tema/skola/")
    for url in few:
        page = showcase_site.page(url)
        assert 0 < len(page.cssselect("article .sis-card")) <= DETAIL_LIMIT, url
        assert not page.cssselect("article .sis-more"), url
