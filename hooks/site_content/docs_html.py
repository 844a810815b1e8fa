"""Hand-written pages (docs/) through the same sanitiser as content's Markdown.

docs/ is in the repository, so a pull request can change it like content.
MkDocs renders its pages with the site's extensions (``attr_list`` too) and
lets raw HTML through; this passes that HTML through nh3 with the content
allow-list of ``markup.py`` plus the maintainers' short list below, never
``<script>``, ``on…`` or the theme's ids. What the sanitiser removed is
reported (``removed``): the build stops, the preview shows it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path

import markdown
import nh3

from . import markup
from .page_translations import page_text, pages, read_front_matter
from .problems import Problem, removal_params

# A page of docs/ is longer than a content text (the longest about 13,000 characters);
# the other limits of markup.excess hold as they are: they bound Python-Markdown's work.
MAX_PAGE_CHARACTERS = 100_000
# The extensions of mkdocs.yml's markdown_extensions and those MkDocs always adds
# (tables, fenced_code): the check renders a page as MkDocs does.
EXTENSIONS = ("attr_list", "md_in_html", "toc", "tables", "fenced_code")
# A long page has a few dozen headings; the search index's and the table of contents'
# work grows with their square (24,000 headings made a build take 50 s).
MAX_HEADINGS = 300
# A heading's id, as {#id} may set it: Material writes it unescaped into the table of
# contents' links, so only letters, digits, '-' and '_' (what Markdown's own ids use).
HEADING_ID = re.compile(r"^[\w-]+$")

# -----------------------------------------------------------------------------
# Front matter: what a page may say about itself
# -----------------------------------------------------------------------------

# The theme reads many front-matter keys and writes some of them unescaped (subtitle,
# status, icon, pagination) or as templates to load (template): a page may use only
# these, and each only with a value the site knows. Anything else is an error.
VIEWS = ("catalogue", "partners", "contact", "open-data")  # sis/views/ that hand-written pages use
TEMPLATES = ("home.html", "suggest.html")
HIDE = ("navigation", "toc")
TEXT_KEYS = ("title", "description")
FRONT_MATTER_KEYS = ("key", *TEXT_KEYS, "view", "template", "hide", "en_from")

# The maintainers' list, beside content's: the page's own heading, pictures
# from docs/ (Markdown's ![alt](…)), and class and id from attribute lists
# ({.class}, {#id}; an id never one of the theme's: markup.attribute_filter).
EXTRA_TAGS = frozenset({"h1", "img"})
EXTRA_ATTRIBUTES = {
    "*": {"class", "id"},
    "img": {"src", "alt", "width", "height", "loading"},
}
TAGS = markup.ALLOWED_TAGS | EXTRA_TAGS
ATTRIBUTES = {
    tag: set(markup.ALLOWED_ATTRIBUTES.get(tag, set())) | EXTRA_ATTRIBUTES.get(tag, set())
    for tag in {*markup.ALLOWED_ATTRIBUTES, *EXTRA_ATTRIBUTES}
}


def sanitise(html: str) -> str:
    """A docs/ page's rendered HTML with only the allowed tags, attributes and schemes."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(markup.URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
        attribute_filter=attribute_filter,
    )


# A picture's address with a scheme or a host ('https://…', '//…'): it would load from
# another site, which no page does (the privacy statement says so).
_ELSEWHERE = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:|[/\\]{2})")


# What a browser takes out of an address before reading it: tabs and line breaks
# anywhere, control characters and spaces at the ends ('ht\ttps://…', '/\n/host').
_IGNORED_IN_ADDRESS = re.compile(r"[\t\n\r]")


def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """Content's filter, and a picture only from the site itself (docs/images/)."""
    if tag == "img" and attribute == "src":
        address = _IGNORED_IN_ADDRESS.sub("", value).strip("".join(map(chr, range(0x21))))
        if _ELSEWHERE.match(address):
            return None
    return markup.attribute_filter(tag, attribute, value)


def front_matter_problems(meta: dict, text: str, shown: str) -> list[Problem]:
    """Each front-matter key a page may not use, or uses with a value the site does not know."""
    problems: list[Problem] = []
    allowed = {"view": VIEWS, "template": TEMPLATES}
    for key, value in meta.items():
        line = _key_line(text, str(key))
        if key not in FRONT_MATTER_KEYS:
            params = {"key": key, "allowed": ", ".join(FRONT_MATTER_KEYS)}
            problems.append(Problem(shown, line, None, "", "front-matter-unknown", params))
        elif key in allowed and value not in allowed[key]:
            params = {"key": key, "value": _as_written(value), "allowed": ", ".join(allowed[key])}
            problems.append(Problem(shown, line, None, "", "front-matter-value", params))
        elif key == "hide" and not (isinstance(value, list) and set(map(str, value)) <= set(HIDE)):
            params = {"key": key, "value": _as_written(value), "allowed": _as_written(list(HIDE))}
            problems.append(Problem(shown, line, None, "", "front-matter-value", params))
        elif key in TEXT_KEYS and not isinstance(value, str):
            problems.append(Problem(shown, line, None, "", "front-matter-text", {"key": key}))
    return problems


def _as_written(value) -> str:
    """A front-matter value as YAML writes it in brackets ([toc, footer]), not as Python does."""
    if isinstance(value, list):
        return "[" + ", ".join(map(_as_written, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_as_written(item)}" for key, item in value.items()) + "}"
    return str(value)


def _key_line(text: str, key: str) -> int | None:
    match = re.search(rf"^{re.escape(key)}[ \t]*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def heading_problems(toc_tokens: list[dict], text: str, shown: str) -> list[Problem]:
    """Too many headings, or a heading id with more than letters, digits, '-' and '_'."""
    tokens, stack = [], list(toc_tokens)
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(token.get("children", []))
    if len(tokens) > MAX_HEADINGS:
        params = {"found": len(tokens), "limit": MAX_HEADINGS}
        return [Problem(shown, None, None, "", "page-too-many-headings", params)]
    problems = []
    for token in tokens:
        if not HEADING_ID.match(token["id"]):
            at = text.find(token["id"])
            line = text.count("\n", 0, at) + 1 if at >= 0 else None
            params = {"value": token["id"][:60], "heading": token.get("name", "")[:60]}
            problems.append(Problem(shown, line, None, "", "heading-id", params))
    return problems


# What the sanitiser removed: the same comparison as content's (one pass, counts).
Removal = markup.Removal


def removed(before: str, after: str) -> list[Removal]:
    """The tags and attributes of ``before`` missing from ``after`` (its sanitised form)."""
    return markup.removed_between(before, after)


# -----------------------------------------------------------------------------
# The check: every page measured, then rendered and sanitised as the build will
# -----------------------------------------------------------------------------


def _line_of(text: str, removal: Removal) -> int | None:
    """The line of the page where what was removed is written, as far as the text shows it:
    the address, the attribute (as HTML or as an attribute list's value, {#id}) or the tag,
    the first place it stands; None if none is found."""
    if removal.attribute in ("href", "src"):
        needles = [removal.value]
    elif removal.attribute:
        needles = [removal.attribute + "=", removal.value]
    else:
        needles = ["<" + removal.tag]
    lowered = text.lower()
    for needle in filter(None, needles):
        at = lowered.find(needle.lower())
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return None


def page_problems(docs: Path, display: Callable[[Path], str]) -> list[Problem]:
    """Each docs/ page over a limit of ``markup.excess`` (told before it is parsed, so a
    hostile page never costs the check or the build more than its size), or holding what
    the sanitiser would remove: ``make check`` tells what the build would stop on."""
    problems: list[Problem] = []
    for path in pages(docs):
        problems.extend(_problems_of(page_text(path), display(path)))
    return problems


# A memo of a pure function, bounded: the preview checks every page after each save,
# and a page not saved since gives the same problems.
@functools.lru_cache(maxsize=256)
def _problems_of(text: str, shown: str) -> tuple[Problem, ...]:
    front = read_front_matter(text)
    if front.problems:
        return ()  # told by page_key_problems
    problems = front_matter_problems(front.meta, text, shown)
    first_line = text[: len(text) - len(front.body)].count("\n") if front.present else 0
    over = markup.excess(front.body, MAX_PAGE_CHARACTERS)
    if over:
        params = {"found": over.found, "length": over.found, "limit": over.limit, "line": over.line}
        return (*problems, Problem(shown, first_line + over.line, None, "", over.code, params))
    converter = markdown.Markdown(
        extensions=list(EXTENSIONS), extension_configs={"toc": {"slugify": markup.slugify}}
    )
    try:
        html = converter.convert(front.body)
    except RecursionError:
        return (*problems, Problem(shown, None, None, "", "markdown-too-complex", {}))
    problems.extend(heading_problems(converter.toc_tokens, text, shown))
    for removal in removed(html, sanitise(html)):
        params = removal_params(removal.tag, removal.attribute, removal.value)
        problems.append(Problem(shown, _line_of(text, removal), None, "", "sanitised", params))
    return tuple(problems)
