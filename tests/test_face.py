"""A site, not a documentation theme (issue 25), asserted on the built HTML.

No edit pencil and no repository link in the header or the phone menu: the
footer has them. No sidebar or table of contents with one entry. The home
tab says "Start" / "Home"; the language switch names the other language.
"""

from __future__ import annotations

import pytest

from test_bilingual_site import lang_of


def test_no_edit_pencil_and_no_repository_link_in_header_or_menu(showcase_site):
    for url in showcase_site.page_urls:
        page = showcase_site.page(url)
        assert not page.cssselect(".md-content__button"), url  # Material's pencil
        for chrome in page.cssselect("header.md-header, .md-sidebar, .md-tabs"):
            links = chrome.xpath(".//a/@href")
            assert not [href for href in links if "github.com" in href], url
            assert not chrome.cssselect(".md-source, [data-md-component=source]"), url


@pytest.mark.parametrize(
    ("url", "source", "change"),
    [
        ("", "Källkod och innehåll", "Föreslå en ändring"),
        ("en/", "Source code and content", "Suggest a change"),
    ],
)
def test_footer_offers_the_source_and_a_change_to_this_page(showcase_site, url, source, change):
    footer = showcase_site.page(url).cssselect("footer .sis-footer")[0]
    links = {" ".join(a.text_content().split()): a.get("href") for a in footer.cssselect("a")}
    assert links[source].startswith("https://github.com/")
    assert links[change] == f"{links[source]}/edit/main/docs/{'en/' if url else ''}index.md"


def test_generated_pages_suggest_a_change_to_their_content_file(showcase_site):
    footer = showcase_site.page("initiativ/abborren/").cssselect("footer .sis-footer")[0]
    (edit,) = footer.xpath(".//a[@rel='edit']/@href")
    assert edit.endswith("/edit/main/content/initiatives/abborren.yml")


def _sidebar_entries(page, kind: str) -> int | None:
    """Links in the left (navigation) or right (toc) sidebar, None when hidden."""
    (sidebar,) = page.cssselect(f".md-sidebar[data-md-type={kind}]")
    if sidebar.get("hidden") is not None:
        return None
    if kind == "toc":
        return len(sidebar.cssselect(".md-nav--secondary a"))
    # Desktop with tabs: the active tab's section, without its title link.
    active = ".md-nav--primary > .md-nav__list > .md-nav__item--active .md-nav__link[href]"
    return len(sidebar.cssselect(active))


def test_no_sidebar_or_table_of_contents_with_one_entry(showcase_site):
    shown_toc = []
    for url in showcase_site.page_urls:
        page = showcase_site.page(url)
        for kind in ("navigation", "toc"):
            entries = _sidebar_entries(page, kind)
            assert entries is None or entries >= 2, f"/{url}: {kind} with {entries} entry"
            if kind == "toc" and entries:
                shown_toc.append(url)
    # The results page has sections: its table of contents stays.
    assert "resultat/" in shown_toc and "en/results/" in shown_toc
    one_entry = ["initiativ/", "samverkansparter/", "kontakt/", "initiativ/abborren/"]
    one_entry.append("en/initiatives/abborren/")
    for url in one_entry:
        page = showcase_site.page(url)
        assert _sidebar_entries(page, "navigation") is None, url
        assert _sidebar_entries(page, "toc") is None, url


def test_home_tab_says_start_or_home(showcase_site):
    for url in ("", "bakgrund/", "en/", "en/background/"):
        first = showcase_site.page(url).cssselect(".md-tabs__link")[0]
        assert " ".join(first.text_content().split()) == ("Home" if lang_of(url) == "en" else "Start"), url


def test_language_switch_names_the_other_language(showcase_site):
    for url, name, code in (("initiativ/", "English", "en"), ("en/initiatives/", "Svenska", "sv")):
        (switch,) = showcase_site.page(url).cssselect("header a.sis-language__link")
        assert " ".join(switch.text_content().split()) == name
        assert switch.get("hreflang") == code and switch.get("lang") == code
