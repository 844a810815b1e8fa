"""The public face in a real browser: schemes, axe, print, redirects, screenshots.

Screenshots of the landing page, the catalogue and an initiative page, in
both languages, light and dark, on a phone and a desktop, are written to
test-results/screenshots/ by `make screenshots` (CI runs it and keeps the
folder as an artifact).
"""

from __future__ import annotations

import re

import pytest

from conftest import DESKTOP, PHONE, ROOT, full_page_screenshot
from test_accessibility_browser import axe_violations

PAGES = {
    "landing": {"sv": "", "en": "en/"},
    "catalogue": {"sv": "initiativ/", "en": "en/initiatives/"},
    "initiative": {"sv": "initiativ/abborren/", "en": "en/initiatives/abborren/"},
}
SCHEMES = {"light": "default", "dark": "slate"}
DEVICES = {"phone": PHONE, "desktop": DESKTOP}


def open_in(open_page, server, url: str, scheme: str = "light", viewport=DESKTOP):
    page = open_page(viewport=viewport, color_scheme=scheme)
    page.goto(server + url)
    # Material's script picks the scheme of the visitor's system on the first visit.
    page.wait_for_function(
        f"() => document.body.getAttribute('data-md-color-scheme') === '{SCHEMES[scheme]}'", timeout=5000
    )
    return page


# --- Light and dark -----------------------------------------------------------


def test_dark_scheme_follows_the_system_and_the_toggle_switches(open_page, server):
    page = open_in(open_page, server, "", "dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(20, 26, 25)"  # --md-default-bg-color of the dark scheme
    toggle = page.locator("label[for='__palette_0']")
    assert toggle.get_attribute("title") == "Byt till ljust läge"
    toggle.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    # The choice is remembered on the next page.
    page.goto(server + "en/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    assert page.locator("label[for='__palette_1']").get_attribute("title") == "Switch to dark mode"


def test_axe_finds_a_planted_fault(open_page, server, axe_source):
    """axe finds grey on the dark green opening of a page loaded dark (2.2:1; colours
    nearly equal axe leaves undecided, as hidden text). Every kind of page passes axe
    light and dark in test_accessibility_browser.py."""
    page = open_in(open_page, server, "", "dark")
    page.evaluate("document.querySelector('.sis-hero h1').style.color = '#5a6b69'")
    assert any(v.startswith("color-contrast") for v in axe_violations(page, axe_source))


# --- Print -----------------------------------------------------------------------


def test_initiative_prints_as_a_clean_summary(open_page, server):
    page = open_in(open_page, server, PAGES["initiative"]["sv"])
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".sis-related"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article h1").is_visible()
    assert page.locator(".sis-facts").is_visible()
    # The page's own address, and the targets of links in the text, on paper.
    address = page.locator(".sis-print-only")
    assert address.is_visible()
    assert "https://social-innovation.example/initiativ/abborren/" in address.inner_text()
    after = page.evaluate(
        "a => getComputedStyle(a, '::after').content",
        page.locator(".sis-facts a[href^='https://www.example.org']").element_handle(),
    )
    assert after == "none"  # the link's text is already its address
    page.evaluate(
        "document.querySelector('.sis-description').insertAdjacentHTML('beforeend',"
        ' \'<p><a id="planted" href="https://example.org/x">more</a></p>\')'
    )
    after = page.evaluate("getComputedStyle(document.getElementById('planted'), '::after').content")
    assert "https://example.org/x" in after
    # One or two pages of A4.
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, f"{pages} pages"


def test_screen_shows_what_print_hides(open_page, server):
    page = open_in(open_page, server, PAGES["initiative"]["sv"])
    assert page.locator(".md-header").is_visible()
    assert not page.locator(".sis-print-only").is_visible()


# --- Redirects -------------------------------------------------------------------


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize(
    ("old", "target", "title"),
    [
        ("om-oss/", "bakgrund/", "Bakgrund till projektet"),
        ("en/om-oss/", "en/background/", "Background to the project"),
    ],
)
def test_old_address_lands_on_the_page(open_page, server, old, target, title, javascript):
    page = open_page(java_script_enabled=javascript)
    page.goto(server + old + "?from=old#top")
    page.wait_for_url(re.compile(re.escape(server + target)))
    assert page.locator("article h1").inner_text() == title
    if javascript:
        assert page.url == server + target + "?from=old#top"


# --- Screenshots -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_screenshots(open_page, server, screenshots, name, lang):
    for scheme in SCHEMES:
        for device, viewport in DEVICES.items():
            page = open_in(open_page, server, PAGES[name][lang], scheme, viewport)
            path = screenshots / f"{name}-{lang}-{scheme}-{device}.png"
            full_page_screenshot(page, path)
            assert path.stat().st_size > 10_000, path
            # Nothing wider than the screen: no sideways scrolling on a phone.
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{path.name}: {width}px wide"
            page.context.close()
    index = sorted(path.name for path in screenshots.glob(f"{name}-{lang}-*.png"))
    assert len(index) == len(SCHEMES) * len(DEVICES), index


def test_full_page_screenshots_show_the_cards_below_the_first_screen(open_page, server, tmp_path):
    """content-visibility: auto skips cards off the screen; the screenshots must not."""
    page = open_in(open_page, server, PAGES["landing"]["sv"], "light", PHONE)
    # What content-visibility skips is the card's content, not the card.
    skipped = """() => [...document.querySelectorAll('.sis-card > *')]
        .filter(inner => !inner.checkVisibility({contentVisibilityAuto: true})).length"""
    assert page.evaluate(skipped) > 0  # a phone's first screen holds only the top cards
    full_page_screenshot(page, tmp_path / "landing.png")
    assert page.evaluate(skipped) == 0


def test_screenshot_in_readme_exists():
    readme = (ROOT / "README.md").read_text("utf-8")
    shown = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", readme)
    assert shown and all((ROOT / path).is_file() for path in shown)
    assert all(not path.startswith("docs/") for path in shown), "MkDocs would publish it"
