"""The catalogue's filters in a real browser (``browser`` in conftest.py)."""

from __future__ import annotations

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


def query(page) -> dict:
    return {key: values[0] for key, values in parse_qs(urlsplit(page.url).query).items()}


def test_filters_by_mouse_update_list_count_and_url(page, server):
    page.goto(server + "initiativ/")
    page.wait_for_selector("#sis-filters:not([hidden])")
    assert len(visible_titles(page)) == 5
    page.select_option("#sis-filter-themes", "skola")
    assert visible_titles(page) == ["Abborren", "Zebrastigen", "Ängsbacken"]
    assert page.inner_text("#sis-count") == "Visar 3 av 5 initiativ"
    assert query(page) == {"tema": "skola"}
    page.select_option("#sis-filter-municipalities", "malmo")
    assert visible_titles(page) == ["Abborren", "Zebrastigen"]
    page.select_option("#sis-filter-partners", "motesplats-social-innovation")
    assert visible_titles(page) == ["Abborren"]
    assert query(page) == {"tema": "skola", "kommun": "malmo", "part": "motesplats-social-innovation"}


def test_filtering_is_complete_when_the_event_returns(page, server):
    """No frame, timer or promise between a change and its result: cards, count and
    the list's place in the document are right before the browser renders again."""
    page.goto(server + "initiativ/")
    page.wait_for_selector("#sis-filters:not([hidden])")
    state = page.evaluate(
        """() => {
          const select = document.getElementById("sis-filter-themes");
          const list = document.getElementById("sis-catalogue");
          const parent = list.parentNode;
          select.value = "skola";
          select.dispatchEvent(new Event("change", {bubbles: true}));
          const shown = Array.from(list.querySelectorAll(".sis-card:not([hidden]) .sis-card__title"));
          return {
            titles: shown.map((title) => title.textContent.trim()),
            count: document.getElementById("sis-count").textContent,
            inPlace: list.isConnected && list.parentNode === parent,
          };
        }"""
    )
    assert state == {
        "titles": ["Abborren", "Zebrastigen", "Ängsbacken"],
        "count": "Visar 3 av 5 initiativ",
        "inPlace": True,
    }


def test_filtered_view_survives_reload_and_back_forward(page, server):
    page.goto(server + "initiativ/?fas=etablerad")
    page.wait_for_selector("#sis-filters:not([hidden])")
    assert page.input_value("#sis-filter-stage") == "etablerad"
    assert visible_titles(page) == ["Zebrastigen", "Östra bryggan"]
    page.select_option("#sis-filter-themes", "skola")
    assert visible_titles(page) == ["Zebrastigen"]
    page.reload()
    page.wait_for_selector("#sis-filters:not([hidden])")
    assert visible_titles(page) == ["Zebrastigen"]
    page.go_back()
    page.wait_for_function("() => document.getElementById('sis-filter-themes').value === ''")
    assert visible_titles(page) == ["Zebrastigen", "Östra bryggan"]
    page.go_forward()
    page.wait_for_function("() => document.getElementById('sis-filter-themes').value === 'skola'")
    assert visible_titles(page) == ["Zebrastigen"]


def test_free_text_filter_ignores_case_and_diacritics(page, server):
    page.goto(server + "en/initiatives/")
    page.wait_for_selector("#sis-filters:not([hidden])")
    page.fill("#sis-filter-text", "akerlyckan")
    assert visible_titles(page) == ["Åkerlyckan"]
    assert page.inner_text("#sis-count") == "Showing 1 of 5 initiatives"
    assert query(page) == {"q": "akerlyckan"}
    page.fill("#sis-filter-text", "JETTY café")
    assert visible_titles(page) == ["The East Jetty"]


def test_filters_work_by_keyboard(page, server):
    page.goto(server + "initiativ/")
    page.wait_for_selector("#sis-filters:not([hidden])")
    page.focus("#sis-filter-text")
    page.keyboard.type("zebra")
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
    page.keyboard.press("ArrowDown")
    page.wait_for_function("() => document.getElementById('sis-filter-stage').value !== ''")
    stage = page.input_value("#sis-filter-stage")
    assert query(page).get("fas") == stage
    assert 0 < len(visible_titles(page)) < 5


def test_without_javascript_the_full_list_is_there(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "initiativ/")
    assert page.locator("#sis-catalogue .sis-card:visible").count() == 5
    assert page.locator("#sis-filters").is_hidden()
    assert page.locator(".sis-browse a").count() > 0
    context.close()


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
    ("url", "word"),
    [("", "samverkansparter"), ("", "innovationerna"), ("en/", "innovation"), ("en/", "innovations")],
)
def test_search_finds_whole_words_and_their_forms(page, server, url, word):
    """Stemmed: "innovations" finds "innovation"; whole words are found although
    Material searches each typed word as a prefix (search-stemming.js)."""
    page.goto(server + url)
    page.click(".md-search__input")
    page.keyboard.type(word, delay=20)
    page.wait_for_selector(".md-search-result__item")
    assert page.locator(".md-search-result__item").count() > 0
