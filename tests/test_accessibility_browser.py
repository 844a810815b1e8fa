"""Accessibility in a real browser, on every kind of page, in both languages.

Each kind of page (the search with its results, and the 404 page, among them)
is opened once on a phone (360×740) and once on a desktop (1280×800), in one
language on the one and in the other on the other. axe-core with the WCAG 2.0,
2.1 and 2.2 rules of levels A and AA and its best practices must find nothing,
light and then, on the same load, with the dark scheme emulated (the order of
headings is left to the writers of docs/); nothing may be asked of any host but
the local server; nothing may be wider than a phone's screen. A screenshot of each
page, language and size is written to test-results/screenshots/ by
`make screenshots` (CI runs it and keeps the folder as an artifact).

Then the keyboard: the skip link is the first stop and leads past the header;
every stop is in sight and shows that it has focus; the menu, the search, the
language switcher and the catalogue's filters work from the keyboard. Last,
what the browser keeps: no cookie, only the settings the privacy statement
names.

The browser is shared with the other browser tests, and each size and scheme's
context and tab with the other tests of this module (conftest.py, ``Tabs``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DESKTOP, PHONE, full_page_screenshot

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices (landmarks,
# heading order, …): what axe runs by default, named so that a new axe keeps to it.
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SIZES = {"phone": PHONE, "desktop": DESKTOP}
# Every kind of page: (Swedish, English).
PAGES = {
    "home": ("", "en/"),
    "background": ("bakgrund/", "en/background/"),
    "results": ("resultat/", "en/results/"),
    "partners": ("samverkansparter/", "en/partners/"),
    # The fixture partner with a former name, role, contact page and sources.
    "partner": (
        "samverkansparter/motesplats-social-innovation/",
        "en/partners/motesplats-social-innovation/",
    ),
    "contact": ("kontakt/", "en/contact/"),
    "suggest": ("tipsa/", "en/suggest/"),
    "catalogue": ("initiativ/", "en/initiatives/"),
    "initiative": ("initiativ/abborren/", "en/initiatives/abborren/"),
    "term": ("initiativ/tema/skola/", "en/initiatives/theme/school/"),
    "events": ("evenemang/", "en/events/"),
    "event": ("evenemang/varmote/", "en/events/varmote/"),
    "news": ("aktuellt/", "en/news/"),
    "news-item": ("aktuellt/ny-samverkan/", "en/news/ny-samverkan/"),
    "open-data": ("oppna-data/", "en/open-data/"),
    "accessibility": ("tillganglighet/", "en/accessibility/"),
    "privacy": ("integritet/", "en/privacy/"),
    "search": ("", "en/"),  # the search opened there, a query typed, its results shown
    "404": ("finns-inte/", "en/finns-inte/"),  # any missing address gets 404.html
}
# The kinds whose text (with its headings) is the repository's own, in docs/; the
# others are made from the tests' fixture content by our templates.
WRITTEN_IN_DOCS = {"home", "search", "background", "results", "partners", "contact", "suggest"}
WRITTEN_IN_DOCS |= {"catalogue", "open-data", "accessibility", "privacy"}
assert PAGES.keys() >= WRITTEN_IN_DOCS
LANGUAGES = {"sv": 0, "en": 1}
QUERIES = {"sv": "samverkan", "en": "innovation"}


@pytest.fixture
def new_page(open_page):
    """new_page(size, scheme) -> conftest's open_page by this module's names of sizes."""
    return lambda size="desktop", scheme="light": open_page(viewport=SIZES[size], color_scheme=scheme)


# Material searches as each letter is typed and redraws the results each
# time: they are final once the list has been still for a moment.
RESULTS_STILL = """list => new Promise(resolve => {
  let timer;
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, 300); });
  const done = () => { observer.disconnect(); resolve(); };
  observer.observe(list, {childList: true, subtree: true, characterData: true});
  timer = setTimeout(done, 300);
})"""


def search_for(page, query: str) -> None:
    """Type into the focused search field and wait for the final results."""
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item")
    page.locator(".md-search-result__list").evaluate(RESULTS_STILL)


def visit(page, server, name: str, lang: str, size: str) -> None:
    """Open a kind of page and wait until it is ready to be looked at."""
    response = page.goto(server + PAGES[name][LANGUAGES[lang]])
    assert response.status == (404 if name == "404" else 200), response.url
    if name == "catalogue":
        page.wait_for_selector("#sis-filters:not([hidden])")
    if name == "suggest":
        page.wait_for_selector("#sis-suggest:not([hidden])")
    if name == "search":
        if size == "phone":
            page.click("button[data-sis-toggle='__search']")
        else:
            page.click(".md-search__input")
        search_for(page, QUERIES[lang])


def axe_violations(page, axe_source: Path, headings: bool = True) -> list[str]:
    """What axe finds on the open page. ``headings=False`` leaves out the order of
    headings, a best practice that the page's writer decides: on pages whose text is
    the repository's own (docs/), which partners may change as they see fit."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        # Evaluated by the test, not added as an inline <script>, which the
        # page's Content-Security-Policy would (rightly) refuse to run.
        page.evaluate(axe_source.read_text(encoding="utf-8") + "\n;undefined")
    # Only violations are read: axe details every node of them and skips listing
    # each node that passes (half its time on a long page).
    options = {"runOnly": {"type": "tag", "values": AXE_RULES}, "resultTypes": ["violations"]}
    if not headings:
        options["rules"] = {"heading-order": {"enabled": False}}
    result = page.evaluate("options => axe.run(document, options)", options)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
    ]


# --- axe on every kind of page, the network, reflow, screenshots --------------


# Each kind of page once per size: in Swedish on a phone and English on a desktop,
# or the other way round, every other kind, so that each language is seen on each size.
KINDS_AND_SIZES = [
    (name, size, list(LANGUAGES)[(index + position) % 2])
    for index, name in enumerate(PAGES)
    for position, size in enumerate(SIZES)
]


# Material's input for the dark scheme: what its toggle and a dark system choose.
DARK_INPUT = "input[data-md-color-media='(prefers-color-scheme: dark)']"


SETTLED_COLOURS = """() => {
    for (const element of document.querySelectorAll("*")) getComputedStyle(element).color;
    document.getAnimations().forEach(animation => { try { animation.finish(); } catch (endless) {} });
}"""


def emulate_dark(page) -> None:
    """The open page turned dark: the system's scheme emulated and Material's dark
    palette chosen (Material reads the system's scheme only as a page loads)."""
    page.emulate_media(color_scheme="dark")
    page.evaluate(f"document.querySelector({DARK_INPUT!r}).click()")
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
    # Elements the browser skipped painting (cards under `content-visibility: auto`)
    # take the new colours only when next looked at, through their transition:
    # looked at now, and the transitions ended, the colours are final, as a
    # visitor sees them a moment after the switch.
    page.evaluate(SETTLED_COLOURS)


# Form fields shown with text under 16px: iOS Safari zooms the page into them on focus.
SMALL_FIELDS = """() => [...document.querySelectorAll("input, select, textarea")]
    .filter(field => !["hidden", "checkbox", "radio", "submit", "button", "reset"].includes(field.type))
    .filter(field => field.getClientRects().length && parseFloat(getComputedStyle(field).fontSize) < 16)
    .map(field => `${field.tagName.toLowerCase()}#${field.id} ${getComputedStyle(field).fontSize}`)"""


@pytest.mark.parametrize(("name", "size", "lang"), KINDS_AND_SIZES)
def test_every_kind_of_page_passes_axe_light_and_dark(new_page, server, axe_source, name, size, lang):
    page = new_page(size)
    visit(page, server, name, lang, size)
    # The 404 page speaks both languages, Swedish first.
    assert page.evaluate("document.documentElement.lang") == ("sv" if name == "404" else lang)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    headings = name not in WRITTEN_IN_DOCS
    violations = axe_violations(page, axe_source, headings)
    assert not violations, "\n".join(violations)
    # Nothing wider than the screen: no sideways scrolling on a phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"], f"{width}px wide"
    if size == "phone":
        small = page.evaluate(SMALL_FIELDS)
        assert not small, f"fields under 16px, which iOS zooms into on focus: {small}"
    emulate_dark(page)
    violations = axe_violations(page, axe_source, headings)
    assert not violations, "dark: " + "\n".join(violations)


def test_the_dark_scheme_emulated_on_a_loaded_page_is_the_one_a_dark_system_loads(new_page, server):
    """What the test above checks in the dark is what a visitor with a dark system gets."""
    emulated, loaded = new_page("desktop"), new_page("desktop", "dark")
    for page in (emulated, loaded):
        visit(page, server, "initiative", "sv", "desktop")
    emulate_dark(emulated)
    colours = """() => [document.body, document.querySelector('.md-header')]
        .map(element => [getComputedStyle(element).color, getComputedStyle(element).backgroundColor])"""
    assert emulated.evaluate(colours) == loaded.evaluate(colours)
    assert loaded.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("name", list(PAGES))
def test_screenshot_of_every_kind_of_page(new_page, server, screenshots, name, lang, size):
    page = new_page(size)
    visit(page, server, name, lang, size)
    path = screenshots / f"a11y-{name}-{lang}-{size}.png"
    full_page_screenshot(page, path)
    assert path.stat().st_size > 10_000, path


def test_axe_with_these_rules_finds_a_planted_fault(new_page, server, axe_source):
    """The checks above can fail: an unnamed button and grey on grey are caught."""
    page = new_page()
    visit(page, server, "partner", "sv", "desktop")
    # Styled through the DOM: a style attribute would break the page's policy.
    page.evaluate(
        "document.querySelector('article h1').insertAdjacentHTML('afterend',"
        ' \'<button><svg width="10" height="10"></svg></button><p id="sis-plant">grå</p>\');'
        " document.getElementById('sis-plant').style.color = '#bbb'"
    )
    found = {violation.split(" ")[0] for violation in axe_violations(page, axe_source)}
    assert {"button-name", "color-contrast"} <= found


def test_a_request_to_another_host_fails_a_test(browser, server):
    """The network check above can fail: a planted image from elsewhere is seen."""
    context = browser.new_context()
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.route("https://elsewhere.example/**", lambda route: route.abort())
    page.goto(server)
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<img src=\"https://elsewhere.example/x.png\">')"
    )
    page.wait_for_function("() => document.querySelector('img[src^=\"https://elsewhere\"]').complete")
    context.close()
    assert [url for url in requests if not url.startswith(server)] == ["https://elsewhere.example/x.png"]


# --- Keyboard ---------------------------------------------------------------------

FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  return {
    tag: element.tagName.toLowerCase(),
    id: element.id,
    classes: element.className && element.className.baseVal === undefined ? element.className : "",
    name: (element.getAttribute("aria-label") || element.innerText || element.value || "").trim(),
    href: element.getAttribute("href"),
    inHeader: !!element.closest(".md-header, .md-tabs, .md-sidebar, .md-banner"),
  };
}"""

# The box in which the focused element shows its focus: its own, or, for an
# input drawn as a label (Material's light/dark switch: the label after it), the label's.
FOCUS_BOX = """() => {
  let element = document.activeElement;
  let box = element.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) {
    const labels = [...(element.labels || []), element.nextElementSibling];
    element = labels.find(label => label && label.getBoundingClientRect().width > 0) || element;
    box = element.getBoundingClientRect();
  }
  const shown = element.checkVisibility({opacityProperty: true, visibilityProperty: true});
  return {x: box.x, y: box.y, width: box.width, height: box.height, shown};
}"""


# Transitions (a skip link fading in, a menu sliding open) jump to their end,
# as Playwright's screenshots make them do; endless animations cannot.
SETTLED = """() => document.getAnimations().forEach(animation => {
  try { animation.finish(); } catch (endless) {}
})"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def tab(page) -> dict | None:
    page.keyboard.press("Tab")
    return focused(page)


def tab_to(page, predicate, limit: int = 60) -> dict:
    for _ in range(limit):
        stop = tab(page)
        if stop and predicate(stop):
            return stop
    pytest.fail(f"not reached by Tab within {limit} stops")


def in_sight(box: dict, viewport: dict) -> tuple[str | None, dict | None]:
    """(why a focus box cannot be seen, None) when it is hidden or outside the
    screen, else (None, the part of the screen around it: where its focus shows)."""
    if not box["shown"]:
        return "hidden (visibility or opacity)", None
    margin = 4
    left, top = max(box["x"] - margin, 0), max(box["y"] - margin, 0)
    right = min(box["x"] + box["width"] + margin, viewport["width"])
    bottom = min(box["y"] + box["height"] + margin, viewport["height"])
    if right - left < 2 or bottom - top < 2:
        return f"outside the screen ({box})", None
    return None, {"x": left, "y": top, "width": right - left, "height": bottom - top}


def focus_problem(page, viewport: dict, box: dict | None = None) -> str | None:
    """Why the focused element's focus cannot be seen, or None when it can.

    It must be in the viewport, not hidden, and look different focused than
    not: a screenshot of its surroundings with and without focus. ``box``: its
    FOCUS_BOX, when the caller has read it already (with the animations settled).
    """
    if box is None:
        page.evaluate(SETTLED)
        box = page.evaluate(FOCUS_BOX)
    problem, clip = in_sight(box, viewport)
    if problem:
        return problem
    element = page.evaluate_handle("document.activeElement")
    with_focus = page.screenshot(clip=clip, animations="disabled")
    element.evaluate("e => e.blur()")
    without_focus = page.screenshot(clip=clip, animations="disabled")
    element.focus()
    if with_focus == without_focus:
        return "looks the same with and without focus"
    return None


# One Tab stop as the walk below sees it, in one call: what is focused, where
# its focus shows (FOCUS_BOX), whether anything is drawn over its middle (a
# sticky header over a scrolled-to link), and its look: its own and its three
# nearest ancestors' tags and classes, which decide how its focus is drawn.
STOP = (
    "() => {\n  ("
    + SETTLED
    + ")();\n  const stop = ("
    + FOCUSED
    + ")();\n  if (!stop) return null;\n  const box = ("
    + FOCUS_BOX
    + """)();
  const drawn = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  const element = document.activeElement;
  stop.box = box;
  stop.covered = !!drawn && !element.contains(drawn) && !drawn.contains(element)
    && ![...(element.labels || []), element.nextElementSibling].some(label => label && label.contains(drawn));
  const looks = [];
  for (let node = element; node && looks.length < 4; node = node.parentElement) {
    const classes = typeof node.className === "string" ? node.className.replace("focus-visible", "") : "";
    looks.push(node.tagName + "." + classes.trim());
  }
  stop.look = looks.join(" < ");
  return stop;
}"""
)


WHO = ("tag", "id", "classes", "name", "href", "inHeader")  # FOCUSED's, not where it is


def walk(page, viewport: dict, limit: int = 250) -> list[dict]:
    """Every tab stop from the top of the page: each in sight, not hidden and not
    covered; each look of stop (the catalogue's cards, the footer's links, the
    map's municipalities) seen to show its focus (focus_problem), once."""
    stops, problems, looks = [], [], set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(STOP)
        if stop is None or (stops and all(stop[key] == stops[0][key] for key in WHO)):
            break  # back at the first
        stops.append(stop)
        problem, _ = in_sight(stop["box"], viewport)
        if not problem and stop["covered"]:
            problem = f"covered by something drawn over it ({stop['box']})"
        if not problem and stop["look"] not in looks:
            looks.add(stop["look"])
            problem = focus_problem(page, viewport, stop["box"])
        if problem:
            problems.append(f"{stop['tag']}.{stop['classes']} {stop['name'][:30]!r}: {problem}")
    assert not problems, "\n".join(problems)
    return stops


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("bakgrund/", "a Markdown page: Material's skip link"),
        ("en/partners/coompanion-skane/", "a generated page: ours"),
        ("initiativ/abborren/", "a generated page: ours"),
        ("en/finns-inte/", "the 404 page: ours"),
        ("", "the landing page"),
    ],
)
def test_skip_link_is_the_first_stop_and_leads_past_the_header(new_page, server, url, label, size):
    page = new_page(size)
    page.goto(server + url)
    first = tab(page)
    assert first and "md-skip" in first["classes"], (label, first)
    assert focus_problem(page, SIZES[size]) is None, label
    target = first["href"]
    assert target.startswith("#") and page.locator(target).count() == 1, target
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target
    after = tab(page)
    assert after and not after["inHeader"], (label, after)
    assert page.evaluate(
        "t => !!(document.querySelector(t).compareDocumentPosition(document.activeElement)"
        " & Node.DOCUMENT_POSITION_FOLLOWING)",
        target,
    ), (label, after)


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("url", ["initiativ/", "en/initiatives/abborren/"])
def test_every_stop_is_in_sight_and_shows_its_focus(new_page, server, url, size):
    page = new_page(size)
    page.goto(server + url)
    page.wait_for_load_state("networkidle")
    stops = walk(page, SIZES[size])
    assert "md-skip" in stops[0]["classes"]
    names = [stop["name"] for stop in stops]
    # The language switch: one link, named by the other language.
    other = "English" if url.startswith("initiativ") else "Svenska"
    assert other in names, names[:12]
    if size == "phone":
        assert {"Meny", "Sök"} <= set(names) or {"Menu", "Search"} <= set(names), names[:12]
    else:
        assert any("md-search__input" in stop["classes"] for stop in stops)
        assert any("md-tabs__link" in stop["classes"] for stop in stops)
    if url == "initiativ/":
        ids = {stop["id"] for stop in stops}
        filters = ["sis-filter-text", "sis-filter-themes", "sis-filter-municipalities"]
        filters += ["sis-filter-stage", "sis-filter-partners"]
        assert set(filters) <= ids, ids
        assert any(stop["tag"] == "button" and stop["name"] == "Visa alla" for stop in stops)


def test_the_walk_finds_a_stop_covered_by_something_drawn_over_it(new_page, server):
    """As a sticky header can cover a link scrolled to: a layer over the page is seen."""
    page = new_page()
    page.goto(server + "kontakt/")
    page.evaluate(
        "const layer = document.body.appendChild(document.createElement('div'));"
        " Object.assign(layer.style, {position: 'fixed', inset: '0', zIndex: '9', background: '#fff'})"
    )
    with pytest.raises(AssertionError, match="covered by something drawn over it"):
        walk(page, DESKTOP)


def test_the_focus_check_can_fail(new_page, server):
    """A control whose focus cannot be seen is caught."""
    page = new_page()
    page.goto(server + "kontakt/")
    # A constructed style sheet: an added <style> would break the page's policy.
    page.evaluate(
        """css => {
          const sheet = new CSSStyleSheet();
          sheet.replaceSync(css);
          document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        }""",
        "article a, article a:focus, article a:focus-visible"
        " { outline: none !important; color: #000 !important; box-shadow: none !important; }",
    )
    page.focus("article a[href]")
    assert focus_problem(page, DESKTOP) == "looks the same with and without focus"


@pytest.mark.parametrize("size", list(SIZES))
def test_language_switcher_by_keyboard(new_page, server, size):
    page = new_page(size)
    page.goto(server + "bakgrund/")
    # One link, named by the other language (not a menu of two behind an icon).
    link = tab_to(page, lambda stop: stop["name"] == "English")
    assert link["tag"] == "a" and link["inHeader"]
    assert focus_problem(page, SIZES[size]) is None
    page.keyboard.press("Enter")
    page.wait_for_url(server + "en/background/")
    assert page.evaluate("document.documentElement.lang") == "en"


def test_menu_by_keyboard_on_a_phone(new_page, server, axe_source):
    page = new_page("phone")
    page.goto(server + "bakgrund/")
    tab(page)  # the skip link
    menu = tab(page)
    assert (menu["tag"], menu["name"]) == ("button", "Meny")
    assert page.get_attribute("button[data-sis-toggle='__drawer']", "aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert page.is_checked("#__drawer")
    assert page.get_attribute("button[data-sis-toggle='__drawer']", "aria-expanded") == "true"
    link = tab_to(page, lambda stop: stop["name"] == "Kontakt" and stop["inHeader"])
    assert link["href"]
    assert focus_problem(page, PHONE) is None
    violations = axe_violations(page, axe_source)
    assert not violations, "\n".join(violations)
    # Escape closes the menu and gives focus back to its button.
    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer")
    assert focused(page)["name"] == "Meny"
    assert page.get_attribute("button[data-sis-toggle='__drawer']", "aria-expanded") == "false"
    # Opened again, a link in it is followed with Enter.
    page.keyboard.press("Enter")
    tab_to(page, lambda stop: stop["name"] == "Kontakt" and stop["inHeader"])
    page.keyboard.press("Enter")
    page.wait_for_url(server + "kontakt/")


def test_closed_menu_takes_no_focus_on_a_phone(new_page, server):
    page = new_page("phone")
    page.goto(server + "bakgrund/")
    for _ in range(12):
        stop = tab(page)
        assert not (stop and page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")), stop


def test_without_javascript_the_menu_still_opens_from_its_label(browser, server):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "bakgrund/")
    assert page.locator("button[data-sis-toggle]").count() == 2
    assert not page.locator("button[data-sis-toggle]").first.is_visible()
    link = page.locator(".md-sidebar--primary").get_by_role("link", name="Kontakt")
    assert not link.is_visible()
    page.click("label.md-header__button[for='__drawer']")
    assert page.is_checked("#__drawer")
    link.wait_for(state="visible")
    context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_search_by_keyboard(new_page, server, size):
    page = new_page(size)
    page.goto(server + "en/")
    if size == "phone":
        button = tab_to(page, lambda stop: stop["name"] == "Search" and stop["tag"] == "button")
        assert button
        page.keyboard.press("Enter")
    else:
        tab_to(page, lambda stop: "md-search__input" in stop["classes"])
    assert "md-search__input" in focused(page)["classes"]
    assert focus_problem(page, SIZES[size]) is None
    search_for(page, QUERIES["en"])
    # The number of results is a status, announced by screen readers.
    meta = page.locator(".md-search-result__meta")
    assert meta.get_attribute("role") == "status"
    assert re.fullmatch(r"\d+ matching documents?", meta.inner_text()), meta.inner_text()
    # Material's keys: arrows move through the results, Enter follows one.
    page.keyboard.press("ArrowDown")
    result = focused(page)
    assert "md-search-result__link" in result["classes"], result
    assert focus_problem(page, SIZES[size]) is None
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url != server + "en/")
    assert page.url.startswith(server + "en/")
    # Escape closes the search; on a phone focus goes back to its button.
    page.goto(server + "en/")
    if size == "phone":
        tab_to(page, lambda stop: stop["name"] == "Search" and stop["tag"] == "button")
        page.keyboard.press("Enter")
    else:
        tab_to(page, lambda stop: "md-search__input" in stop["classes"])
    search_for(page, QUERIES["en"])
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    if size == "phone":
        assert focused(page)["name"] == "Search"


def test_filter_count_is_announced_and_follows_the_keyboard(new_page, server):
    page = new_page("phone")
    page.goto(server + "initiativ/")
    page.wait_for_selector("#sis-filters:not([hidden])")
    count = page.locator("#sis-count")
    assert count.get_attribute("aria-live") == "polite"
    assert count.get_attribute("role") == "status"
    assert count.inner_text() == "Visar 5 av 5 initiativ"
    tab_to(page, lambda stop: stop["id"] == "sis-filter-text", limit=120)
    assert focus_problem(page, PHONE) is None
    page.keyboard.type("zebra")
    assert count.inner_text() == "Visar 1 av 5 initiativ"
    tab(page)  # the theme
    page.keyboard.press("ArrowDown")
    page.wait_for_function("() => document.getElementById('sis-filter-themes').value !== ''")
    assert count.inner_text() in {"Visar 0 av 5 initiativ", "Visar 1 av 5 initiativ"}


# --- What the browser keeps --------------------------------------------------------


def test_the_browser_keeps_only_what_the_privacy_statement_names(open_page, server):
    page = open_page()  # as new: nothing stored, no cookie (conftest.Tabs)
    for name in ("home", "catalogue", "initiative", "search", "404"):
        visit(page, server, name, "sv", "desktop")
    page.locator("form[data-md-component=palette] label:visible").click()  # the one setting kept
    page.goto(server + "en/initiatives/?q=jetty")
    page.wait_for_selector("#sis-filters:not([hidden])")
    assert page.context.cookies() == []
    local = page.evaluate("Object.keys(localStorage)")
    session = page.evaluate("Object.keys(sessionStorage)")
    # Material prefixes its keys with the site's path ("/" here).
    assert sorted(local) == ["/.__palette"], local
    assert session == [], session
    page.goto(server + "integritet/")
    named = set(page.locator("article code").all_inner_texts())
    assert {key.split(".", 1)[1] for key in local} == {name for name in named if name.startswith("__")}


def test_a_tab_is_handed_to_the_next_test_as_new(tabs, server):
    """What one test leaves in its tab (conftest.Tabs) is gone when the next takes it."""
    first = []
    page = tabs.take(first, viewport=PHONE)
    visit(page, server, "initiative", "sv", "phone")
    emulate_dark(page)
    page.evaluate("() => { localStorage.setItem('left', '1'); sessionStorage.setItem('left', '1'); }")
    page.context.add_cookies([{"name": "left", "value": "1", "url": server}])
    page.emulate_media(media="print")
    page.set_viewport_size(DESKTOP)
    page.route("**/*.css", lambda route: route.abort())
    tabs.hand_back(first)
    second = []
    again = tabs.take(second, viewport=PHONE)
    assert again is page  # the same tab, taken again
    visit(again, server, "initiative", "sv", "phone")
    assert again.evaluate("[localStorage.getItem('left'), sessionStorage.getItem('left')]") == [None, None]
    assert again.context.cookies() == []
    assert again.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    assert again.evaluate("matchMedia('print').matches") is False
    assert again.viewport_size == PHONE
    loaded = """() => [[...document.styleSheets].filter(sheet => sheet.href && sheet.cssRules.length).length,
        document.querySelectorAll("link[rel=stylesheet]").length]"""
    sheets, links = again.evaluate(loaded)
    assert sheets == links > 0  # no route left to stop its stylesheets
    tabs.hand_back(second)
