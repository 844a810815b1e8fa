"""Markdown fields of content as HTML that is safe to publish.

Descriptions (of initiatives and partners) come from anyone who can open a pull
request. They are converted with a fixed set of Markdown extensions, not the
site's: ``attr_list`` would let ``{onmouseover=…}`` put attributes on any
element. The HTML then passes an allow-list sanitiser, nh3 (ammonia), which
judges link schemes after decoding entities, tabs, newlines and case as a
browser does. ``safety.py`` answers common mistakes early and in plain words;
this module is the guarantee. What the sanitiser had to remove is reported by
``removed()``, and the check turns each into an error: nothing disappears
from a page without the partner being told.

Python-Markdown's work grows faster than the text for some inputs (link
brackets, nested lists and emphasis, repeated headings), and deep nesting
ends in a RecursionError. ``excess()`` measures a text in one pass, before it
is parsed, against limits no real text comes near; the check refuses a text
over one, so neither the check nor the build ever parses it.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3
from markdown.extensions import toc

# -----------------------------------------------------------------------------
# The allow-list
# -----------------------------------------------------------------------------

# Prose as Markdown writes it, and the harmless HTML partners may add. No <img>:
# a picture of an initiative goes in its `image` field, which the build
# publishes resized and without metadata; an image in the text would load from
# wherever its address points. No <h1>: the page has its heading already.
ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "cite",
        "code",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    }
)
# No on… handlers, no style, no class (our stylesheet is not the partners'),
# no URL attribute but a link's href.
ALLOWED_ATTRIBUTES = {
    "*": {"title", "lang"},
    "a": {"href"},
    "h2": {"id"},  # the table of contents links to headings by id
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "ol": {"start"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "details": {"open"},
}
# Judged by ammonia after the browser's own decoding; relative links pass.
URL_SCHEMES = frozenset({"https", "http", "mailto"})

# Python-Markdown's own syntax plus heading ids; nothing that adds attributes.
EXTENSIONS = ("toc",)


def theme_id(value: str) -> bool:
    """True for an id the theme's own elements use (``__config``, ``__search`` …):
    an element from content with it would replace them."""
    return value.lstrip().startswith("_")


# An address with a login name before the host (https://anmalan@example.org): it leads
# to the host, not to the e-mail address it looks like.
USERINFO = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.-]*://[^/?#\s]*@")


def attribute_filter(_tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href" and USERINFO.match(value):
        return None
    return None if attribute in ("id", "name") and theme_id(value) else value


# The id of a heading whose words give no slug (only signs or emoji): Python-Markdown
# would make it '_1', an id the sanitiser removes as the theme's while the table of
# contents still linked to it.
EMPTY_HEADING_ID = "rubrik"


def slugify(value: str, separator: str) -> str:
    """A heading's id, for content's texts and docs/ pages alike (mkdocs.yml's toc gets it
    from page_html.use_heading_ids)."""
    # A heading "__config" gets the id "config": never one of the theme's.
    return toc.slugify(value, separator).lstrip("_") or EMPTY_HEADING_ID


def sanitise(html: str) -> str:
    """``html`` with only the allow-listed tags, attributes and link schemes."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        # No rel added: the sanitised HTML must differ from the rendered only
        # where something was removed. Links never open new windows (no target).
        link_rel=None,
        strip_comments=True,
        attribute_filter=attribute_filter,
    )


# -----------------------------------------------------------------------------
# Limits, measured before parsing
# -----------------------------------------------------------------------------

# The longest description of the real content is about 450 characters; a long
# news item a few thousand. The schemas (maxLength) and MAINTAINING.md name this limit.
MAX_CHARACTERS = 20_000
# Every link starts with '[': Python-Markdown looks for each one's end across the
# rest of the paragraph, so the cost grows with the square of their number.
MAX_LINK_BRACKETS = 200
# Lists and quotes inside each other, on one line ('> - - 1. x', or indented).
# Python-Markdown recurses per level; ordinary texts use two or three.
MAX_NESTING = 10
# '*' and '_' runs in one paragraph: emphasis inside emphasis recurses too.
MAX_EMPHASIS_MARKS = 200
# '<' starts an HTML tag or an autolink; one left open is looked for to the end of the text.
MAX_ANGLE_BRACKETS = 500


@dataclass(frozen=True)
class Excess:
    """The first limit a text goes over: code, what was found, the limit, the text's line."""

    code: str
    found: int
    limit: int
    line: int = 1


_CONTAINER = re.compile(r"[ \t]*(?:>|[*+-](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$))")
_EMPHASIS = re.compile(r"[*_]+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def excess(text: str, max_characters: int = MAX_CHARACTERS) -> Excess | None:
    """The first of the limits above that ``text`` goes over, or None. Linear in its length.
    ``max_characters``: a page of docs/ may be longer than a content text; the rest holds."""
    if len(text) > max_characters:
        return Excess("too-long", len(text), max_characters)  # the schemas say so too
    brackets = text.count("[")
    if brackets > MAX_LINK_BRACKETS:
        return Excess("markdown-too-many-brackets", brackets, MAX_LINK_BRACKETS)
    angles = text.count("<")
    if angles > MAX_ANGLE_BRACKETS:
        return Excess("markdown-too-many-tags", angles, MAX_ANGLE_BRACKETS)
    for number, line in enumerate(text.split("\n"), start=1):
        depth = _nesting(line)
        if depth > MAX_NESTING:
            return Excess("markdown-too-deep", depth, MAX_NESTING, number)
    start = line_number = 0
    for separator in [*_BLANK_LINE.finditer(text), None]:
        end = separator.start() if separator else len(text)
        marks = sum(1 for _ in _EMPHASIS.finditer(text, start, end))
        if marks > MAX_EMPHASIS_MARKS:
            return Excess("markdown-too-much-emphasis", marks, MAX_EMPHASIS_MARKS, line_number + 1)
        if separator:
            line_number += text.count("\n", start, separator.end())
            start = separator.end()
    return None


def _nesting(line: str) -> int:
    """Levels of quote and list markers at the start of ``line``, plus one per four columns of indentation."""
    depth = position = 0
    while True:
        match = _CONTAINER.match(line, position)
        indent = line[position : match.end() if match else len(line)]
        indent = indent[: len(indent) - len(indent.lstrip(" \t"))]
        depth += len(indent.expandtabs(4)) // 4
        if not match:
            return depth
        depth += 1
        position = match.end()


class TooComplex(ValueError):
    """Python-Markdown ran out of stack on a text within the limits above (a safety net)."""


# -----------------------------------------------------------------------------
# Rendering
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    """A Markdown text as HTML, before and after sanitising, and its headings."""

    raw: str
    html: str
    toc_tokens: list


# A memo of a pure function (the same text, the same HTML), bounded: the check (each
# text that is not plain) and the build render each text once; a long preview session
# does not grow it.
# It must hold every text of one build (two per initiative, partner, event and
# news item): at 4,096 a catalogue of 3,000 rendered every text twice, so the
# build grew faster than the catalogue above about 2,000. Room for 32,768 texts (the
# build's peak memory at 5,000 initiatives went from 584 to 603 MB).
RENDER_MEMO_SIZE = 1 << 15


@functools.lru_cache(maxsize=RENDER_MEMO_SIZE)
def render(text: str) -> Rendered:
    """``text`` (Markdown) as sanitised HTML; the check and the build share it.

    Only for a text within the limits of ``excess()``: the check refuses any other.
    Raises TooComplex if Python-Markdown runs out of stack even so."""
    converter = _converter()
    try:
        raw = converter.convert(text)
    except RecursionError as error:
        converter.reset()
        raise TooComplex(str(error)) from None
    finally:
        toc_tokens = getattr(converter, "toc_tokens", [])
        converter.reset()
    return Rendered(raw, sanitise(raw), toc_tokens)


_CONVERTERS = threading.local()


def _converter() -> markdown.Markdown:
    """One Markdown converter per thread, reset after each text: making one costs
    more than converting a short text (a tenth of a check at 1,000 initiatives)."""
    converter = getattr(_CONVERTERS, "converter", None)
    if converter is None:
        converter = markdown.Markdown(
            extensions=list(EXTENSIONS), extension_configs={"toc": {"slugify": slugify}}
        )
        _CONVERTERS.converter = converter
    return converter


# -----------------------------------------------------------------------------
# Plain prose: nothing the sanitiser could remove
# -----------------------------------------------------------------------------

# Markdown makes an HTML tag or comment only from '<', a link or an image only with ']'
# (and '['), and a level-1 heading (not on the allow-list) only from '#' or a line of '='.
# An entity ('&') only ever becomes text; a text with one is rendered all the same. Every
# other construct (paragraphs, emphasis, lists, quotes, code, rules, line breaks, level-2
# headings with their id) gives tags the allow-list keeps. tests/test_markup.py draws
# texts from every piece of syntax these characters leave and compares.
_MARKUP_CHARACTERS = re.compile(r"[<\[\]&#=]")


def plain(text: str) -> bool:
    """True when ``text`` holds none of those characters: its HTML has nothing the
    sanitiser removes and no link, so the check learns nothing from rendering it (most
    descriptions; rendering is half the check's time). The page renders it all the same."""
    return _MARKUP_CHARACTERS.search(text) is None


# -----------------------------------------------------------------------------
# What the sanitiser removed
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Removal:
    """One tag, or one attribute of a kept tag, that the sanitiser removed."""

    tag: str
    attribute: str | None = None
    value: str | None = None


def removed(text: str) -> list[Removal]:
    """Every tag and attribute of ``text``'s HTML that is not on the page.

    Both HTML versions are read as start tags and compared as counts, in one
    pass: a tag the sanitised HTML has fewer of was removed, and so was an
    attribute (with its value) that kept tags have fewer of. The sanitiser
    only takes away, and its HTML parser may add tags (``<tbody>`` in a
    table, a formatting tag reopened) or move them (out of a table), none of
    which is a removal; it never drops one tag where it adds another alike.
    Comments are not compared (they never show). In document order, each once.
    """
    rendered = render(text)
    return removed_between(rendered.raw, rendered.html)


def removed_between(raw: str, html: str) -> list[Removal]:
    """Every tag and attribute of the HTML ``raw`` missing from ``html``, its sanitised
    form (as ``removed`` tells it; docs/ pages use it for their rendered HTML)."""
    if raw == html:  # the sanitiser changed nothing: most texts, and no parsing needed
        return []
    before, after = _start_tags(_without_comments(raw)), _start_tags(html)
    kept_tags = Counter(tag for tag, _ in after)
    kept_attributes = Counter((tag, *item) for tag, attributes in after for item in attributes.items())
    found: dict[Removal, None] = {}
    for tag, attributes in before:
        if not kept_tags[tag]:
            found.setdefault(Removal(tag))
            continue
        kept_tags[tag] -= 1
        for name, value in attributes.items():
            if kept_attributes[tag, name, value]:
                kept_attributes[tag, name, value] -= 1
            else:
                found.setdefault(Removal(tag, name, value))
    return list(found)


# Comments as a browser (and the sanitiser's parser, html5ever) ends them, which Python's
# HTMLParser does not: '<!-->' and '<!--->' are whole comments, '--!>' closes one, and
# '<!' or '<?' without '--' (<![CDATA[ in HTML too) is a comment up to the first '>'. Read
# Python's way, '<!--><b id=x>…' would hide from the comparison a tag the page shows.
_COMMENT = re.compile(r"<!--(?:-?>|.*?(?:-->|--!>|\Z))|<[!?](?!--)[^>]*>?", re.DOTALL)


def _without_comments(html: str) -> str:
    return _COMMENT.sub("", html) if "<!" in html or "<?" in html else html


def link_targets(html: str) -> list[str]:
    """The address of every link in ``html``, entities decoded, in document order."""
    if "<a" not in html:  # most texts: no parsing needed
        return []
    tags = _start_tags(html)
    return [attributes["href"] for tag, attributes in tags if tag == "a" and "href" in attributes]


def _start_tags(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _StartTags()
    parser.feed(html)
    parser.close()
    return parser.tags


class _StartTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
