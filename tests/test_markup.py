"""The sanitiser of Markdown fields (site_content.markup): hostile input in,
harmless HTML out, and every removal reported so the check can refuse it."""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_content.markup import link_targets, plain, removed, render, sanitise
from site_content.mistakes import link_mistakes
from site_content.problems import removal_params
from site_content.safety import unsafe_markup
from test_bounds import errors_of, with_description

SCRIPT_LINKS = [
    "[länk](java&#x09;script:alert(3))",
    "[länk](JaVaScRiPt:alert(1))",
    "[länk](&#106;avascript:alert(1))",
    "[länk](&#x6A;ava&#x0A;script:alert(1))",
    "[länk]( javascript:alert(1))",
    '<a href="java&#10;script:alert(4)">länk</a>',
    '<a href="java\nscript:alert(4)">länk</a>',
    '<a href="  JAVASCRIPT:alert(1)">länk</a>',
    "[länk](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[länk](vbscript:msgbox(1))",
    "[länk](vbscript&#x09;:msgbox(1))",
    "<javascript:alert(1)>",
    "[länk][ref]\n\n[ref]: javascript:alert(1)",
]


@pytest.mark.parametrize("text", SCRIPT_LINKS)
def test_links_that_would_run_code_lose_their_address(text):
    html = render(text).html
    assert "href" not in html
    assert "script:" not in html.lower().replace("&#x09;", "")
    assert removed(text), "a removal the check would not report"


@pytest.mark.parametrize(
    "text",
    [
        '[här](https://example.org){onmouseover="alert(1)"}',
        "*se*{ onfocus=alert(2) tabindex=0 }",
        '<span onclick="alert(1)">x</span>',
        '<p onmouseover="alert(1)">x</p>',
        '<a href="https://example.org" onfocus="alert(1)" autofocus>x</a>',
        '<details open ontoggle="alert(1)">x</details>',
        '<svg><a href="x" onload="alert(1)">s</a></svg>',
        "<script>alert(1)</script>",
        "<style>body{display:none}</style>",
        '<iframe src="https://example.org"></iframe>',
        '<form action="https://example.org"><button>x</button></form>',
    ],
)
def test_no_event_handler_script_or_style_reaches_the_page(text):
    html = render(text).html
    # attr_list is off: {…} stays words, never an attribute.
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", html, re.IGNORECASE)
    assert not re.search(r"<\s*(script|style|iframe|form|button|svg)", html, re.IGNORECASE)
    assert not re.search(r"<[^>]*\s(style|autofocus)\b", html, re.IGNORECASE)


def test_an_attribute_list_is_not_converted():
    html = render('[här](https://example.org){onmouseover="alert(1)"}').html
    assert html == '<p><a href="https://example.org">här</a>{onmouseover="alert(1)"}</p>'
    assert removed("*se*{ onfocus=alert(2) tabindex=0 }") == []  # words, nothing removed


@pytest.mark.parametrize(
    "text",
    [
        "![](https://tracker.example/p.gif)",
        '<img src="https://tracker.example/p.gif" alt="">',
        '<img src="images/initiatives/x.jpg" alt="">',
        "![bild][p]\n\n[p]: //tracker.example/p.gif",
    ],
)
def test_no_image_loads_from_the_text(text):
    assert "<img" not in render(text).html
    assert [r.tag for r in removed(text)] == ["img"]


def test_ordinary_markdown_passes_unchanged():
    text = (
        'Hej **du**, [läs mer](https://example.org/?a=1&b=2 "Titel")'
        " eller skriv till <info@example.org>.\n\n"
        "## Så går det till\n\n1. ett\n2. två\n\n- punkt\n\n> citat\n\n    kod\n\n---\n\n"
        '[relativ](../bakgrund/) och <abbr title="Europeiska regionala utvecklingsfonden">ERUF</abbr>'
    )
    result = render(text)
    assert removed(text) == []
    assert '<a href="https://example.org/?a=1&amp;b=2" title="Titel">läs mer</a>' in result.html
    assert '<a href="mailto:info@example.org">info@example.org</a>' in result.html
    assert '<h2 id="sa-gar-det-till">Så går det till</h2>' in result.html
    assert '<a href="../bakgrund/">relativ</a>' in result.html
    assert "rel=" not in result.html
    assert [token["id"] for token in result.toc_tokens] == ["sa-gar-det-till"]


def test_removals_are_named_with_tag_and_attribute():
    found = removed('<span style="position:fixed" class="md-header">x</span> # a\n\n# Rubrik')
    assert [(r.tag, r.attribute) for r in found] == [("span", "style"), ("span", "class"), ("h1", None)]
    params = removal_params("a", "onmouseover", "alert(1)")
    assert params["what"] == {
        "sv": "Attributet onmouseover på <a> (kör kod)",
        "en": "The attribute onmouseover on <a> (runs code)",
    }


@pytest.mark.parametrize(
    "text",
    [
        "<!--><b id=kommentar>x</b>-->",
        "<!---><b id=kommentar>x</b>-->",
        "<![CDATA[><b id=kommentar>x</b>]]>",
        "<!-- a --!><b id=kommentar>x</b>-->",
        "<?php ><b id=kommentar>x</b>?>",
    ],
)
def test_what_a_comment_only_seems_to_hide_is_told_when_removed(text):
    """A browser ends these comments early and shows the tag after them; so does the
    sanitiser's parser. The comparison reads them the same way: the id it removed is told."""
    assert 'id="kommentar"' not in render(text).html
    assert [(r.tag, r.attribute) for r in removed(text)] == [("b", "id")]


def test_the_sanitiser_is_idempotent_and_allows_only_its_schemes():
    once = sanitise(
        '<a href="https://a.se">a</a><a href="http://b.se">b</a><a href="mailto:c@d.se">c</a>'
        '<a href="tel:123">d</a><a href="ftp://e.se">e</a>'
    )
    assert sanitise(once) == once
    assert re.findall(r'href="([^"]*)"', once) == ["https://a.se", "http://b.se", "mailto:c@d.se"]


def test_autolinks_are_markdown_not_html():
    text = "Läs <https://example.org/om> eller skriv till <info@example.org>."
    assert unsafe_markup(text) == []
    assert removed(text) == []
    assert [finding["what"]["en"] for finding in unsafe_markup("<javascript:alert(1)> <b onclick=x>")] == [
        "The attribute onclick= (runs code)",
        "A link with javascript:",
    ]


def test_the_markdown_memo_holds_every_text_of_the_largest_benched_catalogue():
    # The check renders every description that is not plain and the pages use its
    # result: a memo too small for one build renders those texts twice (make bench builds 5,000 initiatives,
    # two descriptions each, besides partners, events and news).
    assert render.cache_info().maxsize >= 2 * 5000 + 1000


# --- Plain prose: what the check does not need to render --------------------------

# Pieces of Markdown and HTML syntax, prose and whitespace. Only the pieces ``plain``
# lets through are drawn from: were one of its characters left out, a heading, tag or
# link made of it would come into the texts below and the comparison would fail.
SYNTAX_PIECES = [
    "Text", "ord", "Östra Göinge", "café", "😀", "!!", "\u00a0", " ", "  ", "\t", "\n", "\n\n", "  \n",
    "#", "# ", "## ", "###### ", "=", "===", "-", "---", "- ", "* ", "+ ", "1. ", "1) ", "> ",
    "    ", "*", "**", "_", "__", "`", "```", "~~~", "\\", "!", "(", ")", "{", "}", ":", "|",
    "[", "]", "](https://example.org/)", "[text](https://example.org/)", "![bild](a.png)",
    "[ref]: https://example.org/", "<", ">", "<b>", "</b>", "<h1>", "<!-- -->", "<https://example.org/>",
    "&", "&amp;", "&#60;b&#62;", "&lt;", "onclick=x", "{: #id }", "javascript:", "[TOC]",
    "https://example.org/", "www.example.org", "info@example.org",
]  # fmt: skip
PLAIN_PIECES = [piece for piece in SYNTAX_PIECES if plain(piece)]


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(st.lists(st.sampled_from(PLAIN_PIECES), max_size=40).map("".join))
def test_a_plain_text_renders_to_nothing_the_check_would_tell(text):
    assert plain(text)
    html = render(text).html
    assert removed(text) == []
    assert link_targets(html) == [] and "<a" not in html
    assert link_mistakes(text, html) == []


@pytest.mark.parametrize(
    "text",
    [
        "# Rubrik",
        "Rubrik\n===",
        "<b>fet</b>",
        "[länk](https://example.org/)",
        "Se ](https://example.org/)",
        "a &amp; b",
    ],
)
def test_a_text_with_markup_characters_is_not_plain(text):
    assert not plain(text)


@pytest.mark.parametrize("text", ["  \n-", "😀\n---", "Text.\n\n!!\n--\n\n!!\n--"])
def test_a_heading_without_words_keeps_an_id_its_link_can_reach(text):
    # Python-Markdown gave it '_1', which the sanitiser removes (it is the theme's form of id).
    rendered = render(text)
    ids = [token["id"] for token in rendered.toc_tokens]
    assert ids and all(f'id="{id_}"' in rendered.html for id_ in ids)
    assert plain(text) and removed(text) == []


def test_the_check_renders_only_texts_that_are_not_plain(tmp_path, monkeypatch):
    converted: list[str] = []
    convert = markdown.Markdown.convert
    monkeypatch.setattr(
        markdown.Markdown, "convert", lambda self, text: converted.append(text) or convert(self, text)
    )
    render.cache_clear()
    try:
        (tmp_path / "plain").mkdir()
        (tmp_path / "heading").mkdir()
        assert (
            errors_of(with_description(tmp_path / "plain", "*Vanlig* text.\n\n- en lista\n\n    kod")) == []
        )
        assert "*Vanlig* text.\n\n- en lista\n\n    kod" not in converted
        (error,) = errors_of(with_description(tmp_path / "heading", "# Rubrik"))
        assert "description.sv" in error and "# Rubrik" in converted
    finally:
        render.cache_clear()
