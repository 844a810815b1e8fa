"""The catalogue's filters in a real browser (``browser`` in conftest.py)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

# The browser, the server of the showcase site and `page` are in conftest.py.
import pytest


def visible_titles(page) -> list[str]:
    """The titles of the cards the filters leave shown, read from the document.

    Not with innerText: it depends on layout, and the cards have
    `content-visibility: auto` (sis.css). catalogue.js takes the list out of the
    document while filtering and puts it back; until the browser's next rendering
    update has found the cards near the screen again, their content is skipped and
    innerText gives '' (a test read it so whenever a loaded machine delayed that
    frame). What a visitor sees is settled in that same frame; the filtering
    itself is finished when the event that caused it returns (see
    test_filtering_is_complete_when_the_event_returns).
    """
    catalogue = page.locator("#sis-catalogue")
    # Hidden cards are really out of sight (display: none), not only marked.
    assert catalogue.locator(".sis-card[hidden]:visible").count() == 0
    titles = catalogue.locator(".sis-card:not([hidden]) .sis-card__title").all_text_contents()
    return [" ".join(title.split()) for title in titles]


def option_counts(page, field: str) -> dict[str, int]:
    """Each option's count, as its label shows it: "Malmö (3)"."""
    texts = page.locator(f"#sis-filter-{field} option[value]:not([value=''])").evaluate_all(
        "options => options.map((o) => [o.value, o.textContent])"
    )
    return {value: int(re.search(r"\((\d+)\)$", text).group(1)) for value, text in texts}


def query(page) -> dict:
    return {key: values[0] for key, values in parse_qs(urlsplit(page.url).query).items()}


def ready(page) -> None:
    """Wait until catalogue.js has drawn the list (it says data-state="ready")."""
    page.wait_for_selector("#sis-catalogue[data-state=ready]", state="attached")


def act(page, action) -> None:
    """Do ``action`` and wait until the script has drawn the list again."""
    page.evaluate("document.getElementById('sis-catalogue').removeAttribute('data-state')")
    action()
    ready(page)


def test_filters_by_mouse_update_list_count_and_url(page, server):
    page.goto(server + "initiativ/")
    ready(page)
    assert len(visible_titles(page)) == 5
    as_built = page.inner_html("#initiative-abborren")
    act(page, lambda: page.select_option("#sis-filter-themes", "skola"))
    assert visible_titles(page) == ["Abborren", "Zebrastigen", "Ängsbacken"]
    assert page.inner_text("#sis-count") == "Visar 3 av 5 initiativ"
    assert query(page) == {"tema": "skola"}
    act(page, lambda: page.select_option("#sis-filter-municipalities", "malmo"))
    # Ängsbacken is for all of Skåne: Malmö's too.
    assert visible_titles(page) == ["Abborren", "Zebrastigen", "Ängsbacken"]
    act(page, lambda: page.select_option("#sis-filter-partners", "motesplats-social-innovation"))
    assert visible_titles(page) == ["Abborren"]
    assert query(page) == {"tema": "skola", "kommun": "malmo", "part": "motesplats-social-innovation"}
    # The cards drawn from the data are the cards of the page: same link, same tags.
    drawn = page.inner_html("#initiative-abborren")
    # Its picture's addresses from the site's root, not from the page.
    as_built = as_built.replace('href="abborren/"', 'href="/initiativ/abborren/"')
    as_built = as_built.replace("../images/", "/images/")
    assert re.sub(r"\s+", "", drawn) == re.sub(r"\s+", "", as_built)


def test_a_card_shown_again_is_the_card_shown_before(page, server):
    # Not made anew: its picture is not fetched or decoded again, and 24 cards cost less.
    page.goto(server + "initiativ/")
    act(page, lambda: page.select_option("#sis-filter-themes", "skola"))
    page.evaluate("document.getElementById('initiative-abborren').dataset.seen = 'yes'")
    act(page, lambda: page.select_option("#sis-filter-themes", "vard-och-omsorg"))
    assert "Abborren" not in visible_titles(page)
    act(page, lambda: page.select_option("#sis-filter-themes", "skola"))
    assert page.get_attribute("#initiative-abborren", "data-seen") == "yes"


def test_filtered_view_survives_reload_and_back_forward(page, server):
    page.goto(server + "initiativ/?fas=etablerad")
    ready(page)
    assert page.input_value("#sis-filter-stage") == "etablerad"
    assert visible_titles(page) == ["Zebrastigen", "Östra bryggan"]
    act(page, lambda: page.select_option("#sis-filter-themes", "skola"))
    assert visible_titles(page) == ["Zebrastigen"]
    page.reload()
    ready(page)
    assert visible_titles(page) == ["Zebrastigen"]
    act(page, page.go_back)
    assert page.input_value("#sis-filter-themes") == ""
    assert visible_titles(page) == ["Zebrastigen", "Östra bryggan"]
    act(page, page.go_forward)
    assert page.input_value("#sis-filter-themes") == "skola"
    assert visible_titles(page) == ["Zebrastigen"]


def test_free_text_filter_ignores_case_and_diacritics(page, server):
    page.goto(server + "en/initiatives/")
    ready(page)
    act(page, lambda: page.fill("#sis-filter-text", "akerlyckan"))
    assert visible_titles(page) == ["Åkerlyckan"]
    assert page.inner_text("#sis-count") == "Showing 1 of 5 initiatives"
    assert query(page) == {"q": "akerlyckan"}
    # A name shown in Swedish on the English page says so, as on the page itself.
    assert page.locator("#initiative-akerlyckan .sis-card__title a").get_attribute("lang") == "sv"
    act(page, lambda: page.fill("#sis-filter-text", "JETTY café"))
    assert visible_titles(page) == ["The East Jetty"]


def test_filters_work_by_keyboard(page, server):
    page.goto(server + "initiativ/")
    ready(page)
    page.focus("#sis-filter-text")
    act(page, lambda: page.keyboard.type("zebra"))
    page.wait_for_function("() => document.querySelectorAll('#sis-catalogue .sis-card').length === 1")
    assert visible_titles(page) == ["Zebrastigen"]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "sis-filter-themes"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "reset"
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.getElementById('sis-count').textContent === 'Visar 5 av 5 initiativ'"
    )
    assert len(visible_titles(page)) == 5
    assert page.input_value("#sis-filter-text") == ""
    # A select changed from the keyboard filters too.
    page.focus("#sis-filter-stage")
    act(page, lambda: page.keyboard.press("ArrowDown"))
    stage = page.input_value("#sis-filter-stage")
    assert stage and query(page).get("fas") == stage
    assert 0 < len(visible_titles(page)) < 5


def test_what_is_chosen_before_the_script_runs_is_kept(page, server):
    held = []
    page.route("**/catalogue.js", lambda route: held.append(route))
    page.goto(server + "initiativ/", wait_until="commit")
    # The filters work as soon as they are seen, before the script has come.
    page.select_option("#sis-filter-themes", "skola")
    while not held:
        page.wait_for_timeout(50)
    held[0].continue_()
    ready(page)
    assert visible_titles(page) == ["Abborren", "Zebrastigen", "Ängsbacken"]
    assert query(page) == {"tema": "skola"}


def test_count_is_announced_to_screen_readers(page, server):
    page.goto(server + "initiativ/")
    ready(page)
    count = page.locator("#sis-count")
    assert count.get_attribute("aria-live") == "polite" and count.get_attribute("role") == "status"
    act(page, lambda: page.select_option("#sis-filter-municipalities", "hoor"))
    assert count.inner_text() == "Visar 2 av 5 initiativ"  # Höör's and all of Skåne's
    act(page, lambda: page.fill("#sis-filter-text", "ingenting sådant"))
    assert count.inner_text() == "Visar 0 av 5 initiativ"
    assert page.locator("#sis-none").is_visible()


def test_without_javascript_the_list_and_numbered_pages_are_there(browser, server, large_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "initiativ/")
    assert page.locator("#sis-catalogue .sis-card:visible").count() == 5
    assert page.locator("#sis-filters").is_hidden()
    assert page.locator("#sis-pages").is_hidden()
    assert page.locator(".sis-browse a").count() > 0
    # A larger catalogue: page after page, by plain links.
    page.goto(large_server + "initiativ/")
    assert page.locator("#sis-catalogue .sis-card").count() == 24
    # By the keyboard: the cards above render as they come into view (content-visibility),
    # and a mouse click aimed before they settle can land beside the link (seen under load).
    page.get_by_role("link", name="Nästa sida").press("Enter")
    page.wait_for_url(large_server + "initiativ/sida/2/")
    assert page.locator("#sis-catalogue .sis-card").count() == 24
    page.get_by_role("link", name="Sida 3").click()
    page.wait_for_url(large_server + "initiativ/sida/3/")
    assert page.locator("#sis-catalogue .sis-card").count() == 12
    assert page.get_by_role("link", name="Nästa sida").count() == 0
    context.close()


def catalogue_data(page, lang: str = "sv") -> list[dict]:
    data = page.evaluate(f"fetch('/assets/catalogue/{lang}.json').then((r) => r.json())")
    return [dict(zip(data["fields"], row, strict=True)) for row in data["rows"]]


@pytest.fixture
def large_page(browser, large_server):
    """A page for the larger catalogue (conftest.py), failing on requests to other hosts."""
    opened = []

    def open_(**options):
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 800}, **options})
        page = context.new_page()
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        opened.append((context, page))
        return page

    yield open_
    foreign = [url for _context, page in opened for url in page.requests if not url.startswith(large_server)]
    for context, _page in opened:
        context.close()
    assert not foreign, foreign


def test_results_beyond_the_first_page_come_from_the_data_file(large_page, large_server):
    page = large_page()
    page.goto(large_server + "initiativ/")
    ready(page)
    page.wait_for_load_state("networkidle")
    # Not loaded with the page: only when the visitor asks for more.
    assert not [url for url in page.requests if "/assets/catalogue/" in url]
    rows = catalogue_data(page)
    last = rows[-1]
    act(page, lambda: page.fill("#sis-filter-text", last["name"]))
    assert visible_titles(page)[0] == last["name"]
    assert page.locator(f"#initiative-{last['slug']}").count() == 1
    # The next page, drawn from the data, kept in the URL.
    act(page, lambda: page.fill("#sis-filter-text", ""))
    act(page, lambda: page.get_by_role("link", name="Nästa sida").press("Enter"))  # as above
    assert query(page) == {"sida": "2"}
    slugs = page.locator("#sis-catalogue .sis-card").evaluate_all("cards => cards.map((c) => c.dataset.slug)")
    assert slugs == [row["slug"] for row in rows[24:48]]
    assert page.inner_text("#sis-count") == "Visar 25–48 av 60 initiativ"
    page.reload()
    ready(page)
    assert page.locator("#sis-catalogue .sis-card").first.get_attribute("data-slug") == rows[24]["slug"]


def test_an_initiative_for_all_of_skane_that_names_a_municipality_counts_once_there(large_page, large_server):
    """Under a municipality, the whole region's initiatives count too, but one that also
    names the municipality only once: in the build's counts, in the script's, and in the cards."""
    page = large_page()
    page.goto(large_server + "initiativ/")
    ready(page)
    data = page.evaluate("fetch('/assets/catalogue/sv.json').then((r) => r.json())")
    rows = [dict(zip(data["fields"], row, strict=True)) for row in data["rows"]]
    keys = [term[0] for term in data["terms"]["municipalities"]]
    regions = set(data["regions"])
    named = {
        i for r in rows if regions & set(r["municipalities"]) for i in r["municipalities"] if i not in regions
    }
    assert named, "the larger catalogue has an initiative for all of Skåne that names municipalities too"
    for index in sorted(named):
        key = keys[index]
        expected = sum(1 for r in rows if index in r["municipalities"] or regions & set(r["municipalities"]))
        assert expected < 24  # on one page of cards
        assert option_counts(page, "municipalities")[key] == expected, key  # as built
        act(page, lambda key=key: page.select_option("#sis-filter-municipalities", key))
        assert len(visible_titles(page)) == expected, key
        assert page.inner_text("#sis-count") == f"Visar {expected} av {len(rows)} initiativ"
        act(page, lambda: page.select_option("#sis-filter-municipalities", ""))
        assert option_counts(page, "municipalities")[key] == expected, key  # as the script counts


def test_map_click_sets_the_municipality_filter(page, server):
    page.goto(server + "initiativ/")
    ready(page)
    act(page, lambda: page.get_by_role("link", name="Malmö: 2 initiativ").click())
    assert page.url == server + "initiativ/?kommun=malmo"
    assert page.input_value("#sis-filter-municipalities") == "malmo"
    # The map counts a municipality's own; the filter adds all of Skåne's (Ängsbacken).
    assert visible_titles(page) == ["Abborren", "Zebrastigen", "Ängsbacken"]
    # By keyboard: Tab to Lund on the map, Enter (a click on the heading starts Tab there).
    page.click("#sis-map-heading")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "Lund: 1 initiativ":
            break
    else:
        pytest.fail("the map's link to Lund is not reachable by Tab")
    act(page, lambda: page.keyboard.press("Enter"))
    assert query(page) == {"kommun": "lund"}
    assert visible_titles(page) == ["Abborren", "Ängsbacken"]


LAYOUT_SHIFT = """
() => new Promise((done) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => done(total), 500);
})
"""


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}, {"width": 1280, "height": 800}])
def test_catalogue_does_not_shift_while_it_loads(large_page, large_server, viewport):
    page = large_page(viewport=viewport)
    page.goto(large_server + "initiativ/", wait_until="load")
    ready(page)
    assert page.evaluate(LAYOUT_SHIFT) < 0.02


def test_map_works_without_javascript_by_mouse_and_keyboard(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server + "initiativ/")
    malmo = page.get_by_role("link", name="Malmö: 2 initiativ")
    assert malmo.is_visible()
    assert page.get_by_role("img", name="Båstad: 0 initiativ").count() == 1
    malmo.click()
    page.wait_for_url(server + "initiativ/kommun/malmo/")
    # By keyboard: the map's links are in the tab order.
    page.goto(server + "en/initiatives/")
    page.focus("#sis-map-heading")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "Lund: 1 initiative":
            break
    else:
        pytest.fail("the map's link to Lund is not reachable by Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(server + "en/initiatives/municipality/lund/")
    context.close()
    assert all(url.startswith(server) for url in requests), requests


def test_search_index_loads_only_when_search_is_used(page, server):
    page.goto(server + "en/initiatives/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert not [url for url in page.requests if url.endswith("search_index.json")]
    page.keyboard.press("/")  # Material's shortcut: focus the search field
    page.keyboard.type("background")
    page.wait_for_selector(".md-search-result__item")
    assert [url for url in page.requests if url.endswith("search_index.json")] == [
        server + "en/search/search_index.json"
    ]
    assert page.locator(".md-search-result__item a[href*='background/']").count() > 0


@pytest.mark.parametrize(
    ("url", "words"), [("", ["samverkansparter", "innovationerna"]), ("en/", ["innovation", "innovations"])]
)
def test_search_finds_whole_words_and_their_forms(page, server, url, words):
    """Stemmed: "innovations" finds "innovation"; whole words are found although
    Material searches each typed word as a prefix (search-stemming.js)."""
    page.goto(server + url)
    page.click(".md-search__input")
    for word in words:  # one page, its index loaded once: the field emptied for each word
        page.fill(".md-search__input", "")
        page.wait_for_selector(".md-search-result__item", state="detached")
        page.keyboard.type(word, delay=20)
        page.wait_for_selector(".md-search-result__item")
        assert page.locator(".md-search-result__item").count() > 0, word


@pytest.mark.parametrize(
    ("url", "catalogue", "param"),
    [
        ("samverkansparter/coompanion-skane/", "initiativ/", "part"),
        ("en/partners/coompanion-skane/", "en/initiatives/", "partner"),
    ],
)
def test_a_partner_pages_link_opens_the_catalogue_filtered_to_the_partner(
    large_page, large_server, url, catalogue, param
):
    """The partner page shows a few (site_content.catalogue.DETAIL_LIMIT); its link, all of them."""
    page = large_page()
    page.goto(large_server + url)
    link = page.locator("article .sis-more a")
    count = int(re.search(r"\d+", link.inner_text()).group())
    link.click()
    page.wait_for_url(f"{large_server}{catalogue}?{param}=coompanion-skane")
    ready(page)
    assert page.input_value("#sis-filter-partners") == "coompanion-skane"
    lang = "en" if url.startswith("en/") else "sv"
    wanted = [row["slug"] for row in catalogue_data(page, lang) if "coompanion-skane" in row["partners"]]
    slugs = page.locator("#sis-catalogue .sis-card:not([hidden])").evaluate_all(
        "cards => cards.map((c) => c.dataset.slug)"
    )
    assert slugs == wanted[:24]
    assert len(wanted) == count
    assert str(count) in page.inner_text("#sis-count")
