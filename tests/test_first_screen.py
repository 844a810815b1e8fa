"""The EU funding statement is seen on arrival, on a phone and on a desktop."""

from __future__ import annotations

import pytest

SIZES = [(360, 740), (1280, 800)]
PAGES = ["", "en/", "initiativ/", "en/initiatives/abborren/", "samverkansparter/coompanion-skane/"]


@pytest.mark.parametrize(("width", "height"), SIZES, ids=["phone", "desktop"])
def test_eu_emblem_and_text_are_inside_the_first_screen(browser, server, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    for url in PAGES:
        page.goto(server + url)
        emblem = page.locator(".sis-eu__emblem").bounding_box()
        union = page.locator(".sis-eu__union").bounding_box()
        fund = page.locator(".sis-eu__fund").bounding_box()
        for name, box in (("emblem", emblem), ("union", union), ("fund", fund)):
            assert box and box["width"] > 0 and box["height"] > 0, (url, name)
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (url, name, box)
            assert box["y"] >= 0 and box["y"] + box["height"] <= height, (url, name, box)
        # In colour, in proportion 3:2, and not smaller than any partner logo on the page.
        assert abs(emblem["width"] / emblem["height"] - 1.5) < 0.05
        for logo in page.locator("img.sis-logo").all():
            box = logo.bounding_box()
            assert box["width"] <= emblem["width"] and box["height"] <= emblem["height"], url
        # The text beside the emblem: a plain font, upright, not underlined.
        style = page.eval_on_selector(
            ".sis-eu__text",
            "e => { const s = getComputedStyle(e); return [s.fontStyle, s.textDecorationLine, s.color]; }",
        )
        assert style == ["normal", "none", "rgb(0, 0, 0)"], (url, style)
    context.close()
