"""The catalogue at any size: pages of results and the compact data behind the filters.

The catalogue page shows the first ``page_size`` initiatives; visitors without
JavaScript follow numbered pages (``routes.catalogue_page``); the script on the
page filters and pages through :func:`catalogue_json`, one file per language,
fetched only when the visitor filters, types or asks for another page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from . import routes
from .model import Content, Initiative

# Cards on one page of results: a phone's few screens, a desktop's two.
DEFAULT_PAGE_SIZE = 24

# Initiatives a partner's or a term's page lists, in the catalogue's order,
# before it links to the catalogue filtered to the rest: such a page costs the
# same at 5,000 initiatives as at 50 (issue 15).
DETAIL_LIMIT = 12


@dataclass(frozen=True)
class CataloguePage:
    """One page of the catalogue: which initiatives, and where its neighbours are."""

    number: int
    count: int  # pages in all
    initiatives: list[Initiative]
    first: int  # 1-based position of the first card, 0 on an empty page
    last: int
    total: int
    prev_url: str | None
    next_url: str | None

    def url(self, lang: str, number: int) -> str:
        return routes.catalogue_page(lang, number)


def page_count(total: int, page_size: int) -> int:
    return max(1, -(-total // page_size))


def catalogue_page(content: Content, lang: str, number: int, page_size: int) -> CataloguePage:
    ordered = content.sorted_initiatives(lang)
    count = page_count(len(ordered), page_size)
    start = (number - 1) * page_size
    shown = ordered[start : start + page_size]
    return CataloguePage(
        number=number,
        count=count,
        initiatives=shown,
        first=start + 1 if shown else 0,
        last=start + len(shown),
        total=len(ordered),
        prev_url=routes.catalogue_page(lang, number - 1) if number > 1 else None,
        next_url=routes.catalogue_page(lang, number + 1) if number < count else None,
    )


def page_numbers(page: CataloguePage, around: int = 1) -> list[int | None]:
    """The numbers a page navigation shows: first, last and the current one's
    neighbours; None where numbers are left out ("…")."""
    wanted = {1, page.count, *range(page.number - around, page.number + around + 1)}
    numbers: list[int | None] = []
    for number in sorted(n for n in wanted if 1 <= n <= page.count):
        if numbers and number - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


# -----------------------------------------------------------------------------
# The data the script filters and draws cards from
# -----------------------------------------------------------------------------

FIELDS = ["slug", "name", "summary", "themes", "municipalities", "stage", "partners", "organisation", "image"]


def catalogue_json(content: Content, lang: str, pictures: dict | None = None) -> str:
    """Every published initiative in the catalogue's order, as little as a card and the filters need.

    Terms are listed once (``terms``: slug, label and, when the label falls
    back to Swedish, "sv") and rows refer to them by index; ``regions`` are the
    indices of the municipality terms for the whole region. A text that falls
    back to Swedish on an English page is a pair [text, "sv"], so the card can
    say so to screen readers; otherwise it is a plain string. An initiative's
    picture (``pictures``: how hooks/images.py published each image) is
    [src, fallback srcset, WebP srcset, width, height, alt], addresses from the
    site's root, or null.
    """
    terms: dict[str, list] = {"themes": [], "municipalities": []}
    index: dict[str, dict[str, int]] = {"themes": {}, "municipalities": {}}
    for vocabulary in terms:
        for position, (term, _count) in enumerate(content.used_terms(vocabulary, lang)):
            entry = [term.slug(lang), term.label.get(lang)]
            if term.label.lang_of(lang) != lang:
                entry.append(term.label.lang_of(lang))
            terms[vocabulary].append(entry)
            index[vocabulary][term.key] = position

    def text(localized) -> str | list[str]:
        shown = localized.get(lang)
        return shown if localized.lang_of(lang) == lang else [shown, localized.lang_of(lang)]

    rows = [
        [
            initiative.slug,
            text(initiative.name),
            text(initiative.summary),
            [index["themes"][term.key] for term in initiative.themes],
            [index["municipalities"][term.key] for term in initiative.municipalities],
            initiative.stage.key if initiative.stage else None,
            [partner.slug for partner in initiative.partners],
            initiative.organisation.name if initiative.organisation else None,
            card_picture(initiative, lang, pictures or {}, text),
        ]
        for initiative in content.sorted_initiatives(lang)
    ]
    # Municipality terms for the whole region: their initiatives count under every municipality.
    regions = [
        index["municipalities"][term.key]
        for term, _count in content.used_terms("municipalities", lang)
        if term.region_wide
    ]
    data = {"fields": FIELDS, "terms": terms, "regions": regions, "rows": rows}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def card_picture(initiative: Initiative, lang: str, pictures: dict, text) -> list | None:
    """What a card drawn by the script needs to show the initiative's picture, as the
    picture macro (overrides/sis/macros.html) shows it."""
    image = initiative.image
    shown = pictures.get(image.src) if image else None
    if shown is None:
        return None

    def srcset(variants) -> str:
        return ", ".join(f"{v.uri} {v.width}w" for v in variants)

    if shown.webp:
        src, fallback, webp = shown.fallback[-1].uri, srcset(shown.fallback), srcset(shown.webp)
    else:  # SVG: the file itself
        src, fallback, webp = image.src, "", ""
    return [src, fallback, webp, shown.width, shown.height, text(image.alt)]
