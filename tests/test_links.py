"""No broken internal link, fragment or image anywhere in the built sites.

The checker (tests/link_checker.py) reads the built files themselves, so
links in raw HTML, in our templates and on generated pages are all seen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CONTENT_SITES
from link_checker import check_links

SITE_URL = "https://social-innovation.example/"
PAGE = """<!doctype html>
<html lang="sv"><head><title>{title}</title>
<link rel="stylesheet" href="{prefix}style.css"></head>
<body><h1 id="top-heading">{title}</h1>{body}</body></html>
"""


@pytest.mark.parametrize("site", [*CONTENT_SITES, "showcase_site", "subpath_site"])
def test_no_broken_link_anywhere_in_the_site(site, request):
    built = request.getfixturevalue(site)
    report = check_links(built.root, built.site_url)
    assert not report.broken, "\n".join(report.broken)
    # Every page's navigation, assets and alternates, at the least.
    assert report.checked > 20 * len(built.page_urls), report.checked


# --- The checker itself, on a small site with one of each fault -----------------


def write_site(root: Path, body: str) -> None:
    (root / "en" / "about").mkdir(parents=True)
    (root / "img").mkdir()
    (root / "img" / "logo.png").write_bytes(b"\x89PNG")
    (root / "style.css").write_text("body { background: url(img/logo.png); }", "utf-8")
    (root / "index.html").write_text(PAGE.format(title="Hem", prefix="", body=body), "utf-8")
    about = '<p id="team">Team</p><a href="../../#top-heading">home</a>'
    (root / "en" / "about" / "index.html").write_text(
        PAGE.format(title="About", prefix="../../", body=about), "utf-8"
    )


GOOD = """
<a href="en/about/">about</a> <a href="en/about/#team">team</a> <a href="#top-heading">up</a>
<a href="#top">top</a> <a href="/en/about/index.html">absolute path</a>
<a href="https://social-innovation.example/en/about/">our own, absolute</a>
<img src="img/logo.png" alt="" srcset="img/logo.png 1x, img/logo.png 2x">
<a href="https://elsewhere.example/missing/">another host</a> <a href="mailto:a@example.org">mail</a>
"""


def test_checker_passes_a_sound_site(tmp_path):
    write_site(tmp_path, GOOD)
    report = check_links(tmp_path, SITE_URL)
    assert report.broken == []
    assert report.checked == 13  # 10 on the home page, 2 on the about page, 1 in the stylesheet


@pytest.mark.parametrize(
    ("fault", "found"),
    [
        ('<a href="en/contact/">contact</a>', "index.html: en/contact/ (no such file)"),
        (
            '<a href="en/about/#board">board</a>',
            "index.html: en/about/#board (no element with id 'board' in en/about/index.html)",
        ),
        ('<a href="#nowhere">x</a>', "index.html: #nowhere (no element with id 'nowhere' in index.html)"),
        ('<img src="img/photo.jpg" alt="">', "index.html: img/photo.jpg (no such file)"),
        (
            '<img src="img/logo.png" srcset="img/logo-2x.png 2x" alt="">',
            "index.html: img/logo-2x.png (no such file)",
        ),
        (
            '<svg><a href="https://social-innovation.example/gone/"><text>x</text></a></svg>',
            "index.html: https://social-innovation.example/gone/ (no such file)",
        ),
    ],
    ids=[
        "missing page",
        "missing anchor",
        "missing anchor on the same page",
        "missing image",
        "srcset",
        "svg",
    ],
)
def test_checker_finds_each_fault(tmp_path, fault, found):
    write_site(tmp_path, GOOD + fault)
    assert check_links(tmp_path, SITE_URL).broken == [found]


def test_checker_finds_a_missing_image_in_a_stylesheet(tmp_path):
    write_site(tmp_path, GOOD)
    (tmp_path / "style.css").write_text("h1 { background: url('img/gone.svg'); }", "utf-8")
    assert check_links(tmp_path, SITE_URL).broken == ["style.css: img/gone.svg (no such file)"]


def test_checker_keeps_links_below_the_sub_path(tmp_path):
    write_site(tmp_path, '<a href="/en/about/">leaves the sub-path</a>')
    report = check_links(tmp_path, "https://example.github.io/webbplats/")
    assert report.broken == ["index.html: /en/about/ (outside the site's path /webbplats/)"]
