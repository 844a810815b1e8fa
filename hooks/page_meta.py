"""What every page tells search engines and link previews about itself.

A meta description (from the front matter, the initiative's summary, or the
page's first paragraph), an Open Graph and Twitter card, and JSON-LD built by
``site_content.linked_data``. ``overrides/main.html`` writes them in the head.
"""

from __future__ import annotations

import html
from urllib.parse import urljoin

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from site_build import SiteBuild, page_language
from site_content import linked_data, routes
from site_content.images import SOCIAL_SIZE
from site_content.page_text import first_paragraph, shorten

LOCALES = {"sv": "sv_SE", "en": "en_GB"}
DEFAULT_CARD = "assets/images/social-card.png"
PAGE_TYPES = {
    "initiative": "ItemPage",
    "partner": "ItemPage",
    "term": "CollectionPage",
    "catalogue": "CollectionPage",
    "partners": "CollectionPage",
    "event": "ItemPage",
    "events": "CollectionPage",
    "news-item": "ItemPage",
    "news": "CollectionPage",
}


# -----------------------------------------------------------------------------
# Titles: escaped before any template sees them
# -----------------------------------------------------------------------------


def safe_title(page: Page) -> str:
    """Make ``page``'s title escaped HTML (Markup) and return it as plain text.

    Material's templates are not autoescaped: they write ``page.title`` and
    ``page.meta.title`` as they are, into <title>, the header, the navigation
    and the search index. A title from front matter or from content is plain
    text (``</title><script>`` would be markup there); one MkDocs takes from
    the first heading is HTML text already. Both become the same escaped text,
    as Markup, so our autoescaped templates (sis/…) do not escape it twice.
    """
    written = page.meta.get("title")
    if written is not None and not isinstance(written, Markup):
        plain = str(written)
    else:
        plain = html.unescape(str(page.title or ""))
    escaped = escape(plain)
    if written is not None:
        page.meta["title"] = escaped
    page.title = escaped
    return plain


def plain_title(page: Page) -> str:
    """The title of ``page`` as text (after ``safe_title``), for JSON-LD and share cards."""
    return html.unescape(str(page.title or ""))


# -----------------------------------------------------------------------------
# Descriptions
# -----------------------------------------------------------------------------


def add_description(build: SiteBuild, page: Page) -> None:
    """The page's meta description, unless its front matter has one (after its body is rendered)."""
    if not page.meta.get("description"):
        page.meta["description"] = describe(build, page, page.content or "")


def describe(build: SiteBuild, page: Page, html: str) -> str:
    lang = page_language(page)
    generated = build.page(page.file.src_uri)
    view = generated.view if generated else None
    if view and view.name == "initiative":
        return view.data["initiative"].summary.get(lang)
    if view and view.name == "partner":
        return shorten(view.data["partner"].description.get(lang))
    if view and view.name in ("events", "news"):
        return build.strings[lang][f"{view.name}_intro"]
    if view and view.name == "event":
        return view.data["event"].summary.get(lang)
    if view and view.name == "news-item":
        return view.data["item"].summary.get(lang)
    if view and view.name == "term":
        t = build.strings[lang]
        return t("term_description", title=view.title, count=t.count(len(view.data["members"])))
    return shorten(first_paragraph(html))


# -----------------------------------------------------------------------------
# Share cards and JSON-LD
# -----------------------------------------------------------------------------


def share_and_linked_data(build: SiteBuild, context: dict, page: Page, config: MkDocsConfig) -> None:
    """Breadcrumbs, the share card and JSON-LD (after ``languages.set_page_language``)."""
    lang = page_language(page)
    trail = breadcrumb_trail(build, page, lang)
    # Shown, and described in JSON-LD, on pages below a section (an initiative,
    # a partner, a theme): the tabs already say where a top-level page is.
    context["sis_breadcrumb"] = trail if len(trail) > 2 else []
    context["sis_meta"] = {
        "share": share_card(build, page, lang, context["sis"], config),
        "jsonld": linked_data.script_json(page_graph(build, page, lang, config, context["sis_breadcrumb"])),
    }


def share_card(build: SiteBuild, page: Page, lang: str, sis: dict, config: MkDocsConfig) -> dict:
    """Open Graph and Twitter card fields; the image is the initiative's own or the site's card."""
    card = {
        "title": config.site_name if _is_home(page, lang) else plain_title(page),
        "description": page.meta.get("description") or sis["site_description"],
        # The canonical address: a fallback's Swedish original (hooks/languages.py).
        "url": sis["canonical"] or page.canonical_url,
        "locale": LOCALES[lang],
        "locale_alternates": [
            LOCALES[code] for code, _href in sis["hreflang"] if code in LOCALES and code != lang
        ],
        "image": None,
        "image_alt": None,
    }
    # An initiative's own photo, cropped to 1200 × 630 by hooks/images.py. SVG
    # images and logos are no card: previews do not show SVG, and a logo cut
    # to 1200 × 630 loses its edges.
    if page.meta.get("social_image"):
        card["image"] = page.meta["social_image"]
        card["image_alt"] = page.meta.get("social_image_alt")
    else:  # the site's own card (tools/make_brand_images.py), never a third-party service
        card["image"] = _absolute(config, DEFAULT_CARD)
        card["image_alt"] = build.strings[lang]["social_card_alt"]
    card["image_width"], card["image_height"] = SOCIAL_SIZE  # the default card's size too
    return card


def page_graph(
    build: SiteBuild, page: Page, lang: str, config: MkDocsConfig, trail: list[tuple[str, str]]
) -> dict:
    def absolute(path: str) -> str:
        return _absolute(config, path)

    generated = build.page(page.file.src_uri)
    view = generated.view if generated else None
    view_name = view.name if view else page.meta.get("view")
    url = absolute(page.url)
    node = linked_data.web_page(
        PAGE_TYPES.get(view_name, "WebPage"),
        url,
        plain_title(page),
        page.meta.get("description"),
        lang,
        linked_data.website_id(absolute, lang),
    )
    nodes = [node]
    if trail:  # the visible breadcrumb's names, with absolute addresses
        node["breadcrumb"] = linked_data.breadcrumbs([(title, absolute(url)) for title, url in trail])

    if _is_home(page, lang):
        t = build.strings[lang]
        partners = build.content.sorted_partners(lang)
        description = page.meta.get("description") or config.site_description
        nodes.append(linked_data.website(absolute, lang, config.site_name, description))
        nodes.append(
            linked_data.collaboration(absolute, lang, config.site_name, partners, t("eu_union"), t("eu_fund"))
        )
    elif view_name == "initiative":
        initiative = view.data["initiative"]
        project = linked_data.project(initiative, absolute, lang)
        node["inLanguage"] = initiative.summary.lang_of(lang)
        node["mainEntity"] = {"@id": project["@id"]}
        node["about"] = [{"@id": project["@id"]}] + [
            linked_data.theme(term, absolute, lang) for term in initiative.themes
        ]
        nodes.append(project)
    elif view_name == "partner":
        organization = linked_data.organization(view.data["partner"], absolute, lang)
        node["mainEntity"] = {"@id": organization["@id"]}
        nodes.append(organization)
    elif view_name == "partners":
        node["mainEntity"] = {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": n,
                    "item": linked_data.organization(partner, absolute, lang),
                }
                for n, partner in enumerate(build.content.sorted_partners(lang), start=1)
            ],
        }
    elif view_name == "event":
        found = linked_data.event(view.data["event"], absolute, lang)
        node["inLanguage"] = found["inLanguage"]
        node["mainEntity"] = {"@id": found["@id"]}
        nodes.append(found)
    elif view_name == "news-item":
        article = linked_data.news_article(view.data["item"], absolute, lang)
        node["inLanguage"] = article["inLanguage"]
        node["mainEntity"] = {"@id": article["@id"]}
        nodes.append(article)
    elif view_name == "term":
        term = view.data["term"]
        about = linked_data.area if term.vocabulary == "municipalities" else linked_data.theme
        node["about"] = about(term, absolute, lang)
    return linked_data.graph(nodes)


def breadcrumb_trail(build: SiteBuild, page: Page, lang: str) -> list[tuple[str, str]]:
    """(title, site-relative URL) of the home page, each page above this one, and this one."""
    home = routes.home(lang)
    rest = page.url[len(home) :].strip("/")
    parts = rest.split("/") if rest else []
    urls = [home] + [home + "/".join(parts[: n + 1]) + "/" for n in range(len(parts))]
    trail = []
    for url in urls:
        found = build.titles.get(url)
        if found is not None:
            title = build.strings[lang]["breadcrumb_home"] if url == home else found
            trail.append((title, url))
    return trail


def _is_home(page: Page, lang: str) -> bool:
    return page.url == routes.home(lang)


def _absolute(config: MkDocsConfig, path: str) -> str:
    return urljoin(config.site_url or "", path)
