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
"""

from __future__ import annotations

import difflib
import functools
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


def attribute_filter(_tag: str, attribute: str, value: str) -> str | None:
    return None if attribute in ("id", "name") and theme_id(value) else value


def _slugify(value: str, separator: str) -> str:
    # A heading "__config" gets the id "config": never one of the theme's.
    return toc.slugify(value, separator).lstrip("_")


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
# Rendering
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    """A Markdown text as HTML, before and after sanitising, and its headings."""

    raw: str
    html: str
    toc_tokens: list


# A memo of a pure function (the same text, the same HTML), bounded: the check
# and the build render each text once; a long preview session does not grow it.
@functools.lru_cache(maxsize=4096)
def render(text: str) -> Rendered:
    """``text`` (Markdown) as sanitised HTML; the check and the build share it."""
    converter = markdown.Markdown(
        extensions=list(EXTENSIONS), extension_configs={"toc": {"slugify": _slugify}}
    )
    raw = converter.convert(text)
    return Rendered(raw, sanitise(raw), converter.toc_tokens)


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

    Both HTML versions are read as sequences of start tags; a tag missing after
    sanitising was removed, and a kept tag's missing attributes were removed.
    Comments are not compared (they never show), and tags the parser of the
    sanitiser adds (``<tbody>`` in a table) are not removals.
    """
    rendered = render(text)
    before, after = _start_tags(rendered.raw), _start_tags(rendered.html)
    found: list[Removal] = []
    matcher = difflib.SequenceMatcher(None, [t for t, _ in before], [t for t, _ in after], autojunk=False)
    for operation, b1, b2, a1, _a2 in matcher.get_opcodes():
        if operation in ("delete", "replace"):
            found.extend(Removal(tag) for tag, _ in before[b1:b2])
        elif operation == "equal":
            for (tag, old), (_, new) in zip(before[b1:b2], after[a1 : a1 + (b2 - b1)], strict=True):
                gone = [name for name, value in old.items() if new.get(name) != value]
                found.extend(Removal(tag, name, old[name]) for name in gone)
    unique: list[Removal] = []
    for removal in found:
        if removal not in unique:
            unique.append(removal)
    return unique


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
