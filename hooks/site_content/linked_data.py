"""Structured data (JSON-LD, schema.org) describing the site's pages.

Plain dictionaries, types and properties from schema.org only:

- every page is a ``WebPage`` (``ItemPage`` for one initiative or partner,
  ``CollectionPage`` for lists) with its language and, below the home page, a
  ``BreadcrumbList``;
- the home pages add the ``WebSite`` and the collaboration behind it, a
  ``Project`` with the partners as members and the EU as funder;
- a partner's page adds its ``Organization``;
- an initiative's page adds the initiative as a ``Project``: the municipalities
  it serves (``areaServed``), its themes (the page is ``about`` them) and the
  partners who support it (``sponsor``).

``inLanguage`` and ``about`` belong to creative works, not to organisations or
projects, so they sit on the page, whose ``mainEntity`` is the project.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from . import fields, routes
from .event_time import machine_time
from .model import Event, Initiative, Localized, NewsItem, Partner, Term

CONTEXT = "https://schema.org"
Absolute = Callable[[str], str]


def graph(nodes: list[dict]) -> dict:
    return {"@context": CONTEXT, "@graph": nodes}


def script_json(data: dict) -> str:
    """JSON for a <script type="application/ld+json"> element.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so that no text in the
    data can end the script element early; the JSON parses to the same value.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# -----------------------------------------------------------------------------
# Pages
# -----------------------------------------------------------------------------


def web_page(
    page_type: str, url: str, name: str, description: str | None, lang: str, website_id: str
) -> dict:
    node = {"@type": page_type, "@id": url, "url": url, "name": name, "inLanguage": lang}
    if description:
        node["description"] = description
    node["isPartOf"] = {"@id": website_id}
    return node


def breadcrumbs(trail: list[tuple[str, str]]) -> dict:
    """A trail of (name, absolute URL) pairs, from the home page to this page."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


# -----------------------------------------------------------------------------
# The site and the collaboration behind it
# -----------------------------------------------------------------------------


def website_id(absolute: Absolute, lang: str) -> str:
    return absolute(routes.home(lang)) + "#website"


def collaboration_id(absolute: Absolute, lang: str) -> str:
    return absolute(routes.home(lang)) + "#collaboration"


def website(absolute: Absolute, lang: str, name: str, description: str | None) -> dict:
    node = {
        "@type": "WebSite",
        "@id": website_id(absolute, lang),
        "url": absolute(routes.home(lang)),
        "name": name,
        "inLanguage": lang,
    }
    if description:
        node["description"] = description
    node["publisher"] = {"@id": collaboration_id(absolute, lang)}
    return node


def collaboration(
    absolute: Absolute, lang: str, name: str, partners: list[Partner], funder: str, fund: str
) -> dict:
    """Social Innovation Skåne itself: a project of the partners, funded by the EU."""
    return {
        "@type": "Project",
        "@id": collaboration_id(absolute, lang),
        "name": name,
        "url": absolute(routes.home(lang)),
        "member": [organization_ref(partner, absolute, lang) for partner in partners],
        "funder": {"@type": "GovernmentOrganization", "name": funder},
        "funding": {"@type": "Grant", "name": fund},
    }


# -----------------------------------------------------------------------------
# Partners
# -----------------------------------------------------------------------------


def organization_id(partner: Partner, absolute: Absolute, lang: str) -> str:
    return absolute(routes.partner(lang, partner.slug)) + "#organization"


def organization_ref(partner: Partner, absolute: Absolute, lang: str) -> dict:
    return {
        "@type": "Organization",
        "@id": organization_id(partner, absolute, lang),
        "name": partner.name.get(lang),
    }


def organization(partner: Partner, absolute: Absolute, lang: str) -> dict:
    """A partner: name, address (its own website, else its page here), logo, description."""
    page = absolute(routes.partner(lang, partner.slug))
    return {
        **organization_ref(partner, absolute, lang),
        "url": partner.website or page,
        "mainEntityOfPage": page,
        **declared_properties(partner, fields.PARTNER, absolute, lang),
    }


# -----------------------------------------------------------------------------
# Initiatives
# -----------------------------------------------------------------------------


def project_id(initiative: Initiative, absolute: Absolute, lang: str) -> str:
    return absolute(routes.initiative(lang, initiative.slug)) + "#initiative"


def project(initiative: Initiative, absolute: Absolute, lang: str) -> dict:
    node = {
        "@type": "Project",
        "@id": project_id(initiative, absolute, lang),
        "url": absolute(routes.initiative(lang, initiative.slug)),
    }
    return {**node, **declared_properties(initiative, fields.INITIATIVE, absolute, lang)}


def declared_properties(entry, kind: fields.EntryKind, absolute: Absolute, lang: str) -> dict:
    """The schema.org properties an entry's declared fields give (``Field.linked_data``),
    in the declaration's order; an empty field gives none."""
    node = {}
    for declared in kind.fields:
        value = getattr(entry, declared.name)
        if declared.linked_data and value not in (None, [], ""):
            node[declared.linked_data] = _VALUES[declared.kind](declared, value, absolute, lang)
    return node


def _terms(declared: fields.Field, terms: list[Term], absolute: Absolute, lang: str) -> list:
    """Municipalities as the areas they are; other terms as keywords."""
    if declared.vocabulary == "municipalities":
        return [area(term, absolute, lang) for term in terms]
    return [term.label.get(lang) for term in terms]


# How each kind of field is written as a schema.org value: (declaration, value, absolute, lang).
_VALUES = {
    fields.TEXT: lambda f, value, absolute, lang: value,
    fields.URL: lambda f, value, absolute, lang: value,
    fields.EMAIL: lambda f, value, absolute, lang: value,
    fields.ADDRESS: lambda f, value, absolute, lang: value,
    fields.YEAR: lambda f, value, absolute, lang: str(value),
    fields.DATE: lambda f, value, absolute, lang: value.isoformat(),
    fields.LOCALIZED: lambda f, value, absolute, lang: value.get(lang),
    fields.MARKDOWN: lambda f, value, absolute, lang: value.get(lang),
    fields.TERMS: _terms,
    fields.TERM: lambda f, value, absolute, lang: value.label.get(lang),
    fields.PARTNERS: lambda f, value, absolute, lang: [organization_ref(p, absolute, lang) for p in value],
    fields.INITIATIVES: lambda f, value, absolute, lang: [
        {"@id": project_id(initiative, absolute, lang)} for initiative in value
    ],
    fields.IMAGE: lambda f, value, absolute, lang: image(absolute(value.url), value.alt, lang),
    fields.ORGANISATION: lambda f, value, absolute, lang: {"@type": "Organization", "name": value.name},
}


def area(term: Term, absolute: Absolute, lang: str) -> dict:
    """A municipality (with Statistics Sweden's code) or the whole region."""
    node = {
        "@type": "AdministrativeArea",
        "name": term.label.get(lang),
        "url": absolute(routes.term(lang, term.vocabulary, term.slug(lang))),
    }
    if term.scb_code:
        node["identifier"] = {"@type": "PropertyValue", "propertyID": "SCB kommunkod", "value": term.scb_code}
    return node


def theme(term: Term, absolute: Absolute, lang: str) -> dict:
    return {
        "@type": "DefinedTerm",
        "name": term.label.get(lang),
        "termCode": term.key,
        "url": absolute(routes.term(lang, term.vocabulary, term.slug(lang))),
    }


def image(url: str, alt: Localized, lang: str) -> dict:
    return {"@type": "ImageObject", "contentUrl": url, "description": alt.get(lang)}


# -----------------------------------------------------------------------------
# Events and news
# -----------------------------------------------------------------------------

ATTENDANCE = {
    (True, False): "https://schema.org/OfflineEventAttendanceMode",
    (False, True): "https://schema.org/OnlineEventAttendanceMode",
    (True, True): "https://schema.org/MixedEventAttendanceMode",
}


def event(e: Event, absolute: Absolute, lang: str) -> dict:
    """An ``Event``: when (local time with its offset), where (``Place``, ``VirtualLocation``), who."""
    url = absolute(routes.event(lang, e.slug))
    node = {
        "@type": "Event",
        "@id": url + "#event",
        **declared_properties(e, fields.EVENT, absolute, lang),
        "url": url,
        "inLanguage": e.summary.lang_of(lang),
        "startDate": machine_time(e.start),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE[(e.location is not None, bool(e.online))],
    }
    if e.end is not None:
        node["endDate"] = machine_time(e.end)
    places = []
    if e.location is not None:
        address = {"@type": "PostalAddress", "addressRegion": "Skåne", "addressCountry": "SE"}
        if e.location.address:
            address["streetAddress"] = e.location.address
        if e.location.municipality and e.location.municipality.scb_code:
            address["addressLocality"] = e.location.municipality.label.get(lang)
        places.append({"@type": "Place", "name": e.location.name, "address": address})
    if e.online:
        places.append({"@type": "VirtualLocation", "url": e.online})
    node["location"] = places[0] if len(places) == 1 else places
    if e.registration and e.registration.startswith("https://"):  # not mailto:
        node["offers"] = {"@type": "Offer", "url": e.registration}
    return node


def news_article(item: NewsItem, absolute: Absolute, lang: str) -> dict:
    """A ``NewsArticle``, published by the collaboration, about its initiatives."""
    url = absolute(routes.news_item(lang, item.slug))
    node = {
        "@type": "NewsArticle",
        "@id": url + "#article",
        **declared_properties(item, fields.NEWS, absolute, lang),
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": item.body.lang_of(lang),
        "datePublished": item.published.isoformat(),
        "dateModified": (item.updated or item.published).isoformat(),
        "publisher": {"@id": collaboration_id(absolute, lang)},
    }
    return node
