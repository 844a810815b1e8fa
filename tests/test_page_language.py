"""A page's language is decided once, when the navigation is made
(languages.decide_page_languages), and carried with the page: no hook works it
out again from the page's address (issue 27)."""

from __future__ import annotations

import re

from conftest import ROOT

DECIDED_IN = "hooks/languages.py"


def test_no_hook_works_out_a_pages_language_from_its_address():
    again = []
    for path in sorted((ROOT / "hooks").rglob("*.py")):
        text = path.read_text("utf-8")
        for match in re.finditer(r"language_of\((?:file\.)?page\.url\)", text):
            line = text.count("\n", 0, match.start()) + 1
            again.append(f"{path.relative_to(ROOT).as_posix()}:{line}")
    # Only where it is decided, once for every page.
    assert [place for place in again if not place.startswith(DECIDED_IN)] == []
    assert len(again) == 1, again


def test_every_page_carries_the_language_it_is_published_in(showcase_site):
    for url, lang in (("", "sv"), ("en/", "en"), ("initiativ/abborren/", "sv"), ("en/partners/", "en")):
        assert showcase_site.page(url).get("lang") == lang, url
