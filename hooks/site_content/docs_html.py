"""Hand-written pages (docs/) through the same sanitiser as content's Markdown.

docs/ is in the repository, so a pull request can change it like content.
MkDocs renders its pages with the site's extensions (``attr_list`` too) and
lets raw HTML through; this passes that HTML through nh3 with the content
allow-list of ``markup.py`` plus the maintainers' short list below, never
``<script>``, ``on…`` or the theme's ids. What the sanitiser removed is
reported (``removed``): the build stops, the preview shows it.
"""

from __future__ import annotations

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
# The extensions of mkdocs.yml's markdown_extensions: the check renders a page as MkDocs does.
EXTENSIONS = ("attr_list", "md_in_html", "toc")

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
        attribute_filter=markup.attribute_filter,
    )


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
        text = page_text(path)
        front = read_front_matter(text)
        if front.problems:
            continue  # told by page_key_problems
        shown = display(path)
        first_line = text[: len(text) - len(front.body)].count("\n") if front.present else 0
        over = markup.excess(front.body, MAX_PAGE_CHARACTERS)
        if over:
            params = {"found": over.found, "length": over.found, "limit": over.limit, "line": over.line}
            problems.append(Problem(shown, first_line + over.line, None, "", over.code, params))
            continue
        try:
            html = markdown.Markdown(extensions=list(EXTENSIONS)).convert(front.body)
        except RecursionError:
            problems.append(Problem(shown, None, None, "", "markdown-too-complex", {}))
            continue
        for removal in removed(html, sanitise(html)):
            params = removal_params(removal.tag, removal.attribute, removal.value)
            problems.append(Problem(shown, _line_of(text, removal), None, "", "sanitised", params))
    return problems
