"""Publishing on GitHub Pages: the site under a sub-path, CNAME, the 404 page.

GitHub Pages serves a project at ``https://<owner>.github.io/<repository>/``:
``subpath_site`` is built for such an address, and every address it names
must stay below the sub-path and lead to a file that is there.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ROOT, SUBPATH_SITE_URL, GitHubPagesHandler, build_site, run_build

SUBPATH = urlsplit(SUBPATH_SITE_URL).path  # "/webbplats/"
# Where a visitor may land on 404.html: GitHub Pages serves it at any depth.
MISSING = ["finns-inte", "finns/inte/", "en/a/b/c/", "initiativ/tema/saknas/x.html"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
# Every attribute of ours or Material's that names another address.
ADDRESSES = (
    "//a/@href | //link/@href | //script/@src | //img/@src | //source/@src | //iframe/@src"
    " | //form/@action | //*/@data-source"
)
NOT_ADDRESSES = ("#", "mailto:", "tel:", "data:", "javascript:")


def file_for(site, address: str) -> Path | None:
    """The built file that an absolute address below the site's URL names."""
    path = urlsplit(address).path
    assert path.startswith(SUBPATH), f"{address} is not below {SUBPATH}"
    relative = path[len(SUBPATH) :]
    candidate = site.root / relative
    if relative == "" or relative.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def addresses_in(site, url: str) -> list[str]:
    """Every address a page names; a calendar's webcal:// one as the https address it stands for."""
    found = [a for a in site.page(url).xpath(ADDRESSES) if a and not a.startswith(NOT_ADDRESSES)]
    return ["https://" + a.removeprefix("webcal://") if a.startswith("webcal://") else a for a in found]


def own(address: str) -> bool:
    return urlsplit(address).netloc == urlsplit(SUBPATH_SITE_URL).netloc


# --- Every address under the sub-path --------------------------------------


def test_the_build_covers_every_kind_of_page(subpath_site):
    urls = subpath_site.page_urls
    assert "" in urls and "en/" in urls
    assert any(re.fullmatch(r"initiativ/[a-z0-9-]+/", url) for url in urls)
    assert any(url.startswith("en/initiatives/theme/") for url in urls)
    assert any(url.startswith("samverkansparter/") and url.count("/") == 2 for url in urls)


def test_every_link_and_asset_leads_to_a_file_below_the_subpath(subpath_site):
    checked = 0
    for url in subpath_site.page_urls:
        base = SUBPATH_SITE_URL + url
        for address in addresses_in(subpath_site, url):
            target = urljoin(base, address)
            if not own(target):
                continue
            assert target.startswith(SUBPATH_SITE_URL), f"/{url}: {address} leaves {SUBPATH}"
            assert file_for(subpath_site, target), f"/{url}: {address} ({target}) leads nowhere"
            checked += 1
    assert checked > 15 * len(subpath_site.page_urls)


def test_the_catalogue_reads_its_data_below_the_subpath(subpath_site):
    for url in ("initiativ/", "en/initiatives/"):
        source = subpath_site.page(url).xpath("//*[@data-source]/@data-source")
        assert len(source) == 1, url
        target = urljoin(SUBPATH_SITE_URL + url, source[0])
        assert json.loads(file_for(subpath_site, target).read_text("utf-8"))["rows"], url


def test_canonical_and_hreflang_addresses_are_absolute_under_the_subpath(subpath_site):
    announced = 0
    for url in subpath_site.page_urls:
        page = subpath_site.page(url)
        # Its own address; an English fallback's is its Swedish original's.
        [canonical] = page.xpath("//link[@rel='canonical']/@href")
        assert canonical == SUBPATH_SITE_URL + url or (
            url.startswith("en/") and not canonical.startswith(SUBPATH_SITE_URL + "en/")
        ), url
        assert file_for(subpath_site, canonical), url
        alternates = page.xpath("//link[normalize-space(@rel)='alternate'][@hreflang]/@href")
        # sv, en and x-default; none on a page whose translation is not written yet.
        assert len(alternates) in (0, 3), url
        for href in alternates:
            assert href.startswith(SUBPATH_SITE_URL) and file_for(subpath_site, href), (url, href)
        if alternates:
            assert SUBPATH_SITE_URL + url in alternates, url
            announced += 1
    assert announced > len(subpath_site.page_urls) / 2


def test_sitemap_lists_every_page_under_the_subpath(subpath_site):
    sitemap = subpath_site.xml("sitemap.xml")
    locs = [loc.text for loc in sitemap.iter(SITEMAP + "loc")]
    indexed = [
        url
        for url in subpath_site.page_urls
        if not subpath_site.page(url).xpath("//meta[@name='robots'][@content='noindex']")
        and subpath_site.page(url).xpath("//link[@rel='canonical']/@href") == [SUBPATH_SITE_URL + url]
    ]
    assert sorted(locs) == sorted(SUBPATH_SITE_URL + url for url in indexed)
    links = [link.get("href") for link in sitemap.iter(XHTML + "link")]
    assert links
    for href in links:
        assert href.startswith(SUBPATH_SITE_URL) and file_for(subpath_site, href), href


def test_search_indexes_lead_to_pages_below_the_subpath(subpath_site):
    for home in ("", "en/"):
        index = json.loads(subpath_site.path(home + "search/search_index.json").read_text("utf-8"))
        assert index["docs"], home
        for doc in index["docs"]:
            target = urljoin(SUBPATH_SITE_URL + home, doc["location"])
            assert target.startswith(SUBPATH_SITE_URL + home), doc["location"]
            assert file_for(subpath_site, target), doc["location"]


def test_search_and_scripts_find_their_base_from_any_page(subpath_site):
    for url in subpath_site.page_urls:
        config = json.loads(subpath_site.page(url).get_element_by_id("__config").text)
        home = "en/" if url.startswith("en/") else ""
        assert urljoin(SUBPATH_SITE_URL + url, config["base"] + "/") == SUBPATH_SITE_URL + home, url
        assert file_for(subpath_site, urljoin(SUBPATH_SITE_URL + url, config["search"])), url


def test_no_file_names_the_host_without_the_subpath(subpath_site):
    """Feeds, data and pages alike: an address on the host always has the sub-path."""
    host = f"{urlsplit(SUBPATH_SITE_URL).scheme}://{urlsplit(SUBPATH_SITE_URL).netloc}"
    texts = [p for p in subpath_site.root.rglob("*") if p.suffix in {".html", ".xml", ".json", ".txt", ".js"}]
    assert len(texts) > 20
    for path in texts:
        text = path.read_text("utf-8")
        assert "127.0.0.1" not in text and "social-innovation.example" not in text, path
        for match in re.finditer(re.escape(host) + r"[^\s\"'<]*", text):
            assert match.group().startswith(SUBPATH_SITE_URL), f"{path}: {match.group()}"


# --- CNAME only for a custom domain ----------------------------------------


def test_no_cname_without_a_custom_domain(subpath_site, content_site):
    assert not (subpath_site.root / "CNAME").exists()
    assert not (content_site.root / "CNAME").exists()


@pytest.fixture(scope="module")
def custom_domain_site(tmp_path_factory):
    target = tmp_path_factory.mktemp("custom-domain") / "site"
    return build_site(ROOT, target, SITE_URL="https://www.sis.example/", CUSTOM_DOMAIN="www.sis.example")


def test_a_custom_domain_gets_its_cname(custom_domain_site):
    assert custom_domain_site.path("CNAME").read_text("ascii") == "www.sis.example\n"
    canonical = custom_domain_site.page("bakgrund/").xpath("//link[@rel='canonical']/@href")
    assert canonical == ["https://www.sis.example/bakgrund/"]


def test_a_custom_domain_other_than_the_site_url_stops_the_build(tmp_path):
    result = run_build(
        ROOT,
        tmp_path / "site",
        SITE_URL="https://example.github.io/webbplats/",
        CUSTOM_DOMAIN="www.sis.example",
    )
    assert result.returncode != 0
    assert "CUSTOM_DOMAIN" in result.stderr and "example.github.io" in result.stderr
    assert "Sätt SITE_URL" in result.stderr and "Set SITE_URL" in result.stderr
    assert not (tmp_path / "site" / "CNAME").exists()


# --- The 404 page ----------------------------------------------------------


def test_404_says_in_both_languages_that_the_page_is_missing(subpath_site):
    page = subpath_site.page("404.html")
    assert page.get("lang") == "sv"
    heading = page.cssselect("article h1")[0]
    assert [s.get("lang") for s in heading.xpath(".//span[@lang]")] == ["sv", "en"]
    assert "Sidan finns inte" in heading.text_content() and "Page not found" in heading.text_content()
    sections = {s.get("lang"): s for s in page.cssselect(".sis-not-found__language")}
    assert set(sections) == {"sv", "en"}
    assert "finns inte" in sections["sv"].text_content()
    assert "not here" in sections["en"].text_content()
    assert "Sidan finns inte · Page not found" in page.findtext(".//title")
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert not page.xpath("//link[@rel='canonical']")


def test_404_leads_to_both_home_pages_and_catalogues(subpath_site):
    sections = {s.get("lang"): s for s in subpath_site.page("404.html").cssselect(".sis-not-found__language")}
    targets = {
        lang: [urljoin(SUBPATH_SITE_URL, href) for href in section.xpath(".//a/@href")]
        for lang, section in sections.items()
    }
    assert targets == {
        "sv": [SUBPATH_SITE_URL, SUBPATH_SITE_URL + "initiativ/"],
        "en": [SUBPATH_SITE_URL + "en/", SUBPATH_SITE_URL + "en/initiatives/"],
    }


def test_404_navigation_is_the_swedish_one(subpath_site):
    links = subpath_site.page("404.html").cssselect("nav.md-nav--primary a.md-nav__link")
    targets = [urljoin(SUBPATH_SITE_URL, link.get("href")) for link in links]
    assert SUBPATH_SITE_URL + "bakgrund/" in targets
    assert not [t for t in targets if t.startswith(SUBPATH_SITE_URL + "en/")]


def test_404_addresses_are_absolute_from_the_subpath(subpath_site):
    addresses = addresses_in(subpath_site, "404.html")
    assert len(addresses) > 15
    for address in addresses:
        if own(urljoin(SUBPATH_SITE_URL, address)) and not address.startswith("http"):
            assert address.startswith(SUBPATH), f"404.html: {address} is relative"


@pytest.mark.parametrize("missing", MISSING)
def test_404_links_and_assets_work_at_any_depth(subpath_site, missing):
    for address in addresses_in(subpath_site, "404.html"):
        target = urljoin(SUBPATH_SITE_URL + missing, address)
        if own(target):
            assert file_for(subpath_site, target), f"404.html at /{missing}: {address} leads nowhere"


# --- The 404 page in a browser, served as GitHub Pages serves it -----------


class _PagesHandler(GitHubPagesHandler):
    """The site below a sub-path, as GitHub Pages serves a project site."""

    def __init__(self, *args, root: Path, **kwargs):
        self.root = root
        super().__init__(*args, directory=str(root), **kwargs)

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(SUBPATH):
            return str(self.root / "no-such-file")
        return super().translate_path("/" + path[len(SUBPATH) :])


@pytest.fixture(scope="module")
def pages_server(subpath_site):
    handler = functools.partial(_PagesHandler, root=subpath_site.root)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SUBPATH}"
    httpd.shutdown()


@pytest.mark.parametrize("missing", ["finns-inte", "en/a/b/c/"])
def test_404_in_a_browser_at_any_depth(browser, pages_server, missing):
    context = browser.new_context()
    page = context.new_page()
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    response = page.goto(pages_server + missing)
    assert response.status == 404
    page.wait_for_load_state("networkidle")
    assert failed == [f"404 {pages_server}{missing}"]
    # Material's stylesheet and script, ours, and the EU emblem have all come.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.evaluate("getComputedStyle(document.querySelector('.sis-not-found')).display") == "grid"
    assert page.evaluate("document.querySelector('img.sis-eu__emblem').naturalWidth") > 0
    assert page.evaluate("document.documentElement.classList.contains('js')")
    page.click("section[lang=en] >> text=Home page")
    page.wait_for_url(pages_server + "en/")
    assert page.evaluate("document.documentElement.lang") == "en"
    context.close()
