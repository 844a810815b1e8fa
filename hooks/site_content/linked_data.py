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

from . import routes
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
    node = {
        **organization_ref(partner, absolute, lang),
        "url": partner.website or page,
        "description": partner.description.get(lang),
        "mainEntityOfPage": page,
    }
    if partner.logo:
        node["logo"] = absolute(partner.logo.url)
    if partner.contact:
        node["email"] = partner.contact
    return node


# -----------------------------------------------------------------------------
# Initiatives
# -----------------------------------------------------------------------------


def project_id(initiative: Initiative, absolute: Absolute, lang: str) -> str:
    return absolute(routes.initiative(lang, initiative.slug)) + "#initiative"


def project(initiative: Initiative, absolute: Absolute, lang: str) -> dict:
    i = initiative
    node = {
        "@type": "Project",
        "@id": project_id(i, absolute, lang),
        "name": i.name.get(lang),
        "description": i.summary.get(lang),
        "url": absolute(routes.initiative(lang, i.slug)),
        "areaServed": [area(term, absolute, lang) for term in i.municipalities],
        "keywords": [term.label.get(lang) for term in i.themes],
    }
    if i.started:
        node["foundingDate"] = str(i.started)
    if i.organisation_name:
        node["parentOrganization"] = {"@type": "Organization", "name": i.organisation_name}
    if i.partners:
        node["sponsor"] = [organization_ref(partner, absolute, lang) for partner in i.partners]
    if i.website:
        node["sameAs"] = i.website
    if i.contact:
        node["email"] = i.contact
    if i.image:
        node["image"] = image(absolute(i.image.url), i.image.alt, lang)
    return node


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
        "name": e.title.get(lang),
        "description": e.summary.get(lang),
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
    if e.organisers:
        node["organizer"] = [organization_ref(partner, absolute, lang) for partner in e.organisers]
    if e.registration and e.registration.startswith("https://"):  # not mailto:
        node["offers"] = {"@type": "Offer", "url": e.registration}
    if e.image:
        node["image"] = image(absolute(e.image.url), e.image.alt, lang)
    return node


def news_article(item: NewsItem, absolute: Absolute, lang: str) -> dict:
    """A ``NewsArticle``, published by the collaboration, about its initiatives."""
    url = absolute(routes.news_item(lang, item.slug))
    node = {
        "@type": "NewsArticle",
        "@id": url + "#article",
        "headline": item.title.get(lang),
        "description": item.summary.get(lang),
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": item.body.lang_of(lang),
        "datePublished": item.published.isoformat(),
        "dateModified": (item.updated or item.published).isoformat(),
        "publisher": {"@id": collaboration_id(absolute, lang)},
    }
    if item.initiatives:
        node["about"] = [{"@id": project_id(i, absolute, lang)} for i in item.initiatives]
    if item.partners:
        node["mentions"] = [organization_ref(partner, absolute, lang) for partner in item.partners]
    if item.image:
        node["image"] = image(absolute(item.image.url), item.image.alt, lang)
    return node
