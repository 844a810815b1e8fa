"""Hand-written pages (docs/) through the same sanitiser as content's Markdown.

docs/ is in the repository, so a pull request can change it like content.
MkDocs renders its pages with the site's extensions (``attr_list`` too) and
lets raw HTML through; this passes that HTML through nh3 with the content
allow-list of ``markup.py`` plus the maintainers' short list below, never
``<script>``, ``on…`` or the theme's ids. What the sanitiser removed is
reported (``removed``): the build stops, the preview shows it.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
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


@dataclass(frozen=True)
class Removal:
    tag: str
    attribute: str | None = None
    value: str | None = None


def removed(before: str, after: str) -> list[Removal]:
    """The tags and attributes of ``before`` missing from ``after`` (its sanitised form).

    Sanitising only removes, so ``after``'s start tags are a subsequence of
    ``before``'s: one pass over both (linear). A tag the sanitiser's parser
    adds (<tbody> in a table, a repeated <b> around a misnested block) is
    found nowhere ahead and skipped.
    """
    old, new = _start_tags(before), _start_tags(after)
    ahead: dict[str, deque[int]] = defaultdict(deque)
    for position, (tag, _attributes) in enumerate(old):
        ahead[tag].append(position)
    found: list[Removal] = []
    index = 0
    for tag, attributes in new:
        positions = ahead[tag]
        while positions and positions[0] < index:
            positions.popleft()
        if not positions:
            continue  # added by the parser, not in the page as written
        match = positions.popleft()
        found.extend(Removal(name) for name, _ in old[index:match])
        gone = [name for name, value in old[match][1].items() if attributes.get(name) != value]
        found.extend(Removal(tag, name, old[match][1][name]) for name in gone)
        index = match + 1
    found.extend(Removal(name) for name, _ in old[index:])
    return list(dict.fromkeys(found))


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


# -----------------------------------------------------------------------------
# The check: every page measured, then rendered and sanitised as the build will
# -----------------------------------------------------------------------------


def page_problems(docs: Path, display: Callable[[Path], str]) -> list[Problem]:
    """Each docs/ page over a limit of ``markup.excess`` (told before it is parsed, so a
    hostile page never costs the check or the build more than its size), or holding what
    the sanitiser would remove: ``make check`` tells what the build would stop on."""
    problems: list[Problem] = []
    for path in pages(docs):
        front = read_front_matter(page_text(path))
        if front.problems:
            continue  # told by page_key_problems
        shown = display(path)
        offset = front.present and len(page_text(path)) - len(front.body)
        first_line = page_text(path)[: offset or 0].count("\n")
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
            problems.append(Problem(shown, None, None, "", "sanitised", params))
    return problems
