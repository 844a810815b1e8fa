"""No built file has a browser fetch fonts, scripts, styles or images from another host.

Every HTML, CSS, JavaScript, XML, SVG and manifest file of both builds is read
for what a browser would load from it: in HTML the sources of scripts, images,
frames and media, stylesheet, icon and manifest links, inline styles; in CSS
url() and @import; in JavaScript every address of another host written as a
string; in the feeds their icons and the HTML of their entries; in SVG images
and uses; in the manifest its icons. Links that a visitor follows (<a>, the
hreflang and canonical <link>s) are not loads. The browser tests
(tests/test_accessibility_browser.py) watch the network as well.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree, html

from conftest import CONTENT_SITES

ABSOLUTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_LOADS = re.compile(r"url\(\s*['\"]?([^'\")\s]+)|@import\s+['\"]([^'\"]+)", re.IGNORECASE)
# A host has a dot, or is a template's placeholder (`https://${host}/`); "//"
# that ends a string and starts a comment is no address.
JS_ADDRESS = re.compile(
    r"[\"'`]((?:https?:)?//(?:[a-z0-9-]+(?:\.[a-z0-9-]+)+|\$\{[^}]*\})[^\"'`\s]*)", re.IGNORECASE
)
# Material's script names the APIs that its repository widget asks for stars
# and forks; ours (overrides/partials/source.html) asks neither, and neither
# serves fonts, scripts, styles or images. tests/test_bilingual_site.py checks
# that no page has Material's widget.
REPOSITORY_APIS = ("https://api.github.com/", "https://${e}/api/v4/")
HTML_LOADS = (
    "//script/@src | //img/@src | //img/@srcset | //source/@src | //source/@srcset"
    " | //iframe/@src | //frame/@src | //video/@src | //video/@poster | //audio/@src | //track/@src"
    " | //embed/@src | //object/@data | //input/@src"
    " | //link[not(contains(concat(' ', normalize-space(@rel), ' '), ' alternate '))"
    "   and not(normalize-space(@rel)='canonical')]/@href"
    " | //*[local-name()='image' or local-name()='use' or local-name()='feImage']/@href"
    " | //@*[local-name()='href' and namespace-uri()='http://www.w3.org/1999/xlink']"
    " | //@*[name()='xlink:href']"
)
ATOM = "{http://www.w3.org/2005/Atom}"


def foreign(address: str, own: str) -> bool:
    """An address on another host than the site's own."""
    if not ABSOLUTE.match(address):
        return False
    return urlsplit(address.strip()).netloc != urlsplit(own).netloc


def candidates(value: str) -> list[str]:
    """The addresses of a src or srcset value."""
    return [part.split()[0] for part in value.split(",") if part.strip()] if " " in value.strip() else [value]


def html_loads(document) -> list[str]:
    loads = []
    for value in document.xpath(HTML_LOADS):
        loads += candidates(str(value))
    for style in document.xpath("//*[local-name()='style']/text() | //@style"):
        loads += css_loads(str(style))
    return loads


def css_loads(text: str) -> list[str]:
    return [url or imported for url, imported in CSS_LOADS.findall(text)]


def loads_in(path: Path) -> list[str]:
    """What a browser would fetch because of this file."""
    text = path.read_text("utf-8", errors="replace")
    if path.suffix == ".html":
        return html_loads(html.fromstring(text.encode("utf-8")))
    if path.suffix == ".css":
        return css_loads(text)
    if path.suffix == ".js":
        return [address for address in JS_ADDRESS.findall(text) if not address.startswith(REPOSITORY_APIS)]
    if path.suffix == ".svg":
        return html_loads(etree.fromstring(text.encode("utf-8")))
    if path.suffix == ".webmanifest":
        return [icon["src"] for icon in json.loads(text).get("icons", [])]
    if path.suffix == ".xml":
        document = etree.fromstring(text.encode("utf-8"))
        loads = [
            pi.get("href")
            for pi in document.itersiblings(preceding=True)
            if isinstance(pi, etree._ProcessingInstruction)
        ]
        loads += [element.text or "" for element in document.iter(f"{ATOM}icon", f"{ATOM}logo")]
        for element in document.iter(f"{ATOM}content", f"{ATOM}summary"):
            if element.get("type") == "html" and (element.text or "").strip():
                loads += html_loads(html.fromstring(element.text))
        return [load for load in loads if load]
    return []


KINDS = (".html", ".css", ".js", ".xml", ".svg", ".webmanifest")


def loads_from_other_hosts(root: Path, own: str) -> tuple[int, list[str]]:
    """(files read, '<file>: <address>' for each load from another host)."""
    files = [path for path in sorted(root.rglob("*")) if path.suffix in KINDS]
    found = []
    for path in files:
        for address in loads_in(path):
            if foreign(address, own):
                found.append(f"{path.relative_to(root)}: {address}")
    return len(files), found


@pytest.mark.parametrize("site", [*CONTENT_SITES, "showcase_site"])
def test_no_built_file_loads_anything_from_another_host(site, request):
    built = request.getfixturevalue(site)
    read, found = loads_from_other_hosts(built.root, built.site_url)
    assert not found, "\n".join(found)
    kinds = {path.suffix for path in built.root.rglob("*")}
    assert set(KINDS) <= kinds and read > 60


def test_material_script_names_no_cdn_and_points_to_no_stale_map(real_site):
    """hooks/no_third_party.py empties the two addresses on unpkg.com that Material's bundle had;
    the map no longer matches the rewritten bundle, so neither it nor a reference to it is published."""
    files = sorted(real_site.root.glob("assets/javascripts/bundle.*.min.js*"))
    assert [path.suffix for path in files] == [".js"]
    text = files[0].read_text("utf-8")
    assert "https://unpkg.com/" not in text
    assert "sourceMappingURL" not in text
    assert text.rstrip().endswith(";})();")  # only the comment went, not the code
    # Every script that still names a map names one that is published.
    for script in real_site.root.glob("assets/javascripts/**/*.js"):
        for name in re.findall(r"//# sourceMappingURL=(\S+)", script.read_text("utf-8")):
            mapped = script.parent / name
            assert mapped.is_file(), script
            json.loads(mapped.read_text("utf-8"))


# --- The scan itself finds each kind of load ---------------------------------------

PLANTED = {
    "page.html": '<img src="https://cdn.example/a.png" alt="">'
    '<link rel="stylesheet" href="//cdn.example/s.css">'
    '<p style="background: url(https://cdn.example/b.png)">x</p>'
    '<img src="a.png" srcset="a.png 1x, https://cdn.example/c.png 2x" alt="">'
    '<link rel=" alternate" hreflang="en" href="https://elsewhere.example/en/"><a href="https://ok.example/">ok</a>',
    "style.css": "@import 'https://fonts.example/css';\nbody { background: url(/ok.png); }",
    "script.js": 'load("https://unpkg.com/x"); var api = "https://api.github.com/repos/" // https://comment.example',
    "feed.xml": '<feed xmlns="http://www.w3.org/2005/Atom"><icon>https://cdn.example/i.png</icon>'
    '<entry><content type="html">&lt;img src="https://cdn.example/d.png"&gt;</content></entry></feed>',
    "picture.svg": '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://cdn.example/e.png"/></svg>',
    "site.webmanifest": '{"icons": [{"src": "https://cdn.example/f.png"}]}',
}


def test_the_scan_finds_every_kind_of_load(tmp_path):
    for name, text in PLANTED.items():
        (tmp_path / name).write_text(text, "utf-8")
    read, found = loads_from_other_hosts(tmp_path, "https://social-innovation.example/")
    assert read == len(PLANTED)
    assert sorted(found) == [
        "feed.xml: https://cdn.example/d.png",
        "feed.xml: https://cdn.example/i.png",
        "page.html: //cdn.example/s.css",
        "page.html: https://cdn.example/a.png",
        "page.html: https://cdn.example/b.png",
        "page.html: https://cdn.example/c.png",
        "picture.svg: https://cdn.example/e.png",
        "script.js: https://unpkg.com/x",
        "site.webmanifest: https://cdn.example/f.png",
        "style.css: https://fonts.example/css",
    ]
