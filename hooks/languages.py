"""Two languages in one build: Swedish at the root, English under ``en/``.

Pairs each page with its other-language version, writes a Swedish fallback
for a hand-written page that has no English version yet, and gives every page
its language: Material's interface strings, navigation, language switcher,
hreflang links and search index.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from site_build import PAGE_LANGUAGE, SiteBuild, page_language, terminal_language
from site_content import ContentProblems, Problem, docs_html, markup, routes
from site_content.page_translations import page_size_problem, read_front_matter
from site_content.routes import DEFAULT_LANGUAGE, LANGUAGES, language_of
from views import render_view

# -----------------------------------------------------------------------------
# Files: pair hand-written pages, add fallbacks
# -----------------------------------------------------------------------------


def pair_pages(build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
    """Pair hand-written pages by their ``key``; a Swedish fallback where English is missing.

    The content check (site_content.page_translations) reports a page it cannot pair,
    with its line; in the preview, which shows those errors on every page, it is left out."""
    written: dict[str, dict[str, File]] = {}
    shown_elsewhere = build.content_problems is not None
    for file in files.documentation_pages():
        if file.generated_by:
            continue
        meta = _checked_meta(build, files, file)
        if meta is None:
            continue
        key = meta.get("key")
        if shown_elsewhere and (
            not isinstance(key, str) or key in written and language_of(file.src_uri) in written[key]
        ):
            continue
        if not key:
            raise PluginError(
                f"docs/{file.src_uri}: sidhuvudet saknar 'key'. Lägg till en rad 'key: <namn>' "
                "mellan '---'-raderna, samma namn på svenska och engelska sidan.\n"
                f"docs/{file.src_uri}: the front matter has no 'key'. Add 'key: <name>', "
                "the same on the Swedish and the English page."
            )
        lang = language_of(file.src_uri)
        if lang in written.setdefault(key, {}):
            other = written[key][lang].src_uri
            raise PluginError(f"docs/{file.src_uri}: 'key: {key}' används redan av docs/{other}.")
        written[key][lang] = file

    for key, versions in written.items():
        if shown_elsewhere and DEFAULT_LANGUAGE not in versions:
            continue
        if DEFAULT_LANGUAGE not in versions:
            only = next(iter(versions.values())).src_uri
            raise PluginError(f"docs/{only}: sidan saknar svensk version med 'key: {key}'.")
        for lang in LANGUAGES:
            if lang in versions:
                build.translations.add(key, versions[lang].url)
            else:
                files.append(_fallback(build, versions[DEFAULT_LANGUAGE], lang, key, config))


def _checked_meta(build: SiteBuild, files: Files, file: File) -> dict | None:
    """The page's front matter, read as content files are (page_translations); None, and
    the page out of the build, when the check refused it: MkDocs' own reader (plain
    PyYAML) never sees a front matter the check refused, nor a page over the size limit.
    The content check told why; outside the preview it has stopped the build already."""
    shown = f"docs/{file.src_uri}"
    refused = page_size_problem(Path(file.abs_src_path), shown) if file.abs_src_path else None
    front = read_front_matter(file.content_string, shown) if refused is None else None
    # A body over a limit never reaches Python-Markdown either (the check told it).
    over = markup.excess(front.body, docs_html.MAX_PAGE_CHARACTERS) if front and not front.problems else None
    if refused is None and not front.problems and over is None:
        return front.meta
    if build.content_problems is None:  # not expected: the check reads the same pages
        problems = [refused] if refused else front.problems
        if not problems:
            problems = [
                Problem(
                    shown,
                    None,
                    None,
                    "",
                    over.code,
                    {"found": over.found, "length": over.found, "limit": over.limit},
                )
            ]
        raise PluginError(ContentProblems(problems).bilingual(terminal_language(), build.strings))
    files.remove(file)
    return None


def _fallback(build: SiteBuild, swedish: File, lang: str, key: str, config: MkDocsConfig) -> File:
    """An English page showing the Swedish text until a translation is written."""
    file = File.generated(config, f"{routes.home(lang)}{swedish.src_uri}", content=swedish.content_string)
    file.edit_uri = swedish.edit_uri
    build.fallbacks[file.src_uri] = swedish.src_uri
    build.translations.add(key, file.url, translated=False)
    return file


# -----------------------------------------------------------------------------
# Navigation: one per language
# -----------------------------------------------------------------------------


def decide_page_languages(files: Files) -> None:
    """Each page's language, once, from its address (English under /en/): every hook and
    template reads it from the page (site_build.page_language), never from the URL again."""
    for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
        if file.page is not None:
            setattr(file.page, PAGE_LANGUAGE, language_of(file.page.url))


def split_navs(build: SiteBuild, nav: Navigation, files: Files) -> None:
    for lang in LANGUAGES:
        items = [item for item in nav.items if _language_of_item(item) == lang]
        pages = [page for page in nav.pages if page_language(page) == lang]
        language_nav = Navigation(items, pages)
        home = files.get_file_from_path(f"{routes.home(lang)}index.md")
        language_nav.homepage = home.page if home else None
        if home and home.page:
            # The menu names the home page "Start" / "Home", not by its slogan (the tab
            # does so in partials/tabs-item.html): Material's nav-item.html shows a nav
            # item's ``typeset.title`` when it has one, and nothing else reads it.
            home.page.typeset = SimpleNamespace(title=build.strings[lang]["breadcrumb_home"])
        build.navs[lang] = language_nav


def _language_of_item(item) -> str:
    if isinstance(item, Section):
        return _language_of_item(item.children[0]) if item.children else DEFAULT_LANGUAGE
    return language_of(getattr(item, "url", "") or "")


# -----------------------------------------------------------------------------
# Pages: fallback notice, language of the page
# -----------------------------------------------------------------------------


def fallback_body(build: SiteBuild, page: Page) -> None:
    """A Swedish text on an English page: under a notice that says so."""
    if page.file.src_uri in build.fallbacks:
        page.content = render_view(build, "fallback", page, html=page.content)


def set_page_language(build: SiteBuild, context: dict, page: Page, config: MkDocsConfig) -> None:
    """The page's language for Material (interface, switcher, search base) and our templates.

    Material reads the language and the switcher's links from the
    configuration: set for this page, restored by ``restore`` after it.
    """
    lang = page_language(page)
    build.saved_theme["language"] = config.theme["language"]
    build.saved_theme["alternate"] = config.extra.get("alternate")

    config.theme["language"] = lang
    counterpart = build.translations.counterpart(page.url)
    config.extra["alternate"] = [
        {
            "name": build.strings[other]["language_name"],
            "link": page.url if other == lang else (counterpart.url if counterpart else routes.home(other)),
            "lang": other,
        }
        for other in LANGUAGES
    ]
    context["nav"] = build.navs.get(lang, context["nav"])
    # Material's search reads its index below "base": one index per language.
    context["base_url"] = get_relative_url(routes.home(lang) or ".", page.url)
    # Material keeps the visitor's settings (light or dark) under "scope",
    # which defaults to base: keep it the site root, one choice for both languages.
    build.saved_theme["scope"] = config.extra.get("scope")
    config.extra["scope"] = get_relative_url(".", page.url)
    context["sis"] = page_context(build, config, page.url, lang)
    hide_single_entries(page, context["nav"])


def hide_single_entries(page: Page, nav: Navigation) -> None:
    """No sidebar or table of contents that would hold a single entry.

    With tabs, the left column lists the pages of the current tab's section;
    a page that is its own tab (or outside the navigation) would find one link
    there, to itself. The table of contents is hidden below two entries. On a
    phone the menu still opens: Material shows the hidden sidebar as the drawer."""
    hide = list(page.meta.get("hide") or [])
    sections = [item for item in nav.items if isinstance(item, Section)]
    section = next((item for item in sections if page in _pages_of(item)), None)
    if "navigation" not in hide and (section is None or len(_pages_of(section)) < 2):
        hide.append("navigation")
    if "toc" not in hide and _toc_entries(page.toc) < 2:
        hide.append("toc")
    page.meta["hide"] = hide


def _pages_of(section: Section) -> list[Page]:
    pages = []
    for child in section.children:
        if isinstance(child, Section):
            pages += _pages_of(child)
        elif isinstance(child, Page):
            pages.append(child)
    return pages


def _toc_entries(toc) -> int:
    """Entries the table of contents lists: a page's single h1 is its title, not an entry."""
    items = list(toc or [])
    if len(items) == 1 and items[0].level == 1:
        items = list(items[0].children)
    return sum(1 + _toc_entries(item.children) for item in items)


def restore(build: SiteBuild, config: MkDocsConfig) -> None:
    """The configuration as it was before ``page_language``."""
    saved = build.saved_theme
    config.theme["language"] = saved.get("language", DEFAULT_LANGUAGE)
    config.extra["alternate"] = saved.get("alternate")
    if saved.get("scope") is None:
        config.extra.pop("scope", None)
    else:
        config.extra["scope"] = saved["scope"]


def page_context(build: SiteBuild, config: MkDocsConfig, url: str | None, lang: str) -> dict:
    """What our templates need to know about a page's languages and place."""
    alternates = build.translations.alternates(url) if url is not None else []
    original = build.translations.original_of(url) if url is not None else None
    return {
        "lang": lang,
        "t": build.strings[lang],
        "routes": routes,
        "hreflang": [(code, urljoin(config.site_url or "", href)) for code, href in alternates],
        # A fallback (Swedish text on an English page) names the Swedish page
        # as the one search engines should index: each text once.
        "canonical": urljoin(config.site_url or "", original) if original is not None else None,
        "section": section_of(build, url, lang) if url is not None else None,
        "site_description": site_description(build, config, lang),
        # extra.repository: the footer's source and "suggest a change" links.
        "repository": build.repo_url,
        "calendar": routes.calendar_links(config.site_url or "", lang),
    }


def section_of(build: SiteBuild, url: str, lang: str) -> str | None:
    """The URL of the top-level navigation page a page lies below (an initiative's
    is the catalogue), or None: the tab that says where the visitor is."""
    home = routes.home(lang)
    nav = build.navs.get(lang)
    for item in nav.items if nav else []:
        item_url = getattr(item, "url", None)
        if item_url and item_url != home and url != item_url and url.startswith(item_url):
            return item_url
    return None


def site_description(build: SiteBuild, config: MkDocsConfig, lang: str) -> str:
    """The site's description in ``lang``: its home page's, else mkdocs.yml's (Swedish)."""
    nav = build.navs.get(lang)
    home = nav.homepage if nav else None
    return (home.meta.get("description") if home else None) or config.site_description or ""


# -----------------------------------------------------------------------------
# Templates rendered outside any page: 404 and sitemap
# -----------------------------------------------------------------------------


def template_globals(build: SiteBuild, env: Environment, config: MkDocsConfig) -> None:
    env.globals["sis"] = page_context(build, config, None, DEFAULT_LANGUAGE)
    env.globals["sis_hreflang"] = lambda page: page_context(build, config, page.url, DEFAULT_LANGUAGE)[
        "hreflang"
    ]


def not_found_context(build: SiteBuild, context: dict, template_name: str, config: MkDocsConfig) -> None:
    """GitHub Pages serves 404.html for any missing address, in either language:
    it speaks both, under the Swedish navigation (the page's own language)."""
    if template_name == "404.html":
        context["nav"] = build.navs.get(DEFAULT_LANGUAGE, context["nav"])
        context["sis_languages"] = [page_context(build, config, None, lang) for lang in LANGUAGES]
