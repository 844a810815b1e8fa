"""Two languages in one build: Swedish at the root, English under ``en/``.

Pairs each page with its other-language version, writes a Swedish fallback
for a hand-written page that has no English version yet, and gives every page
its language: Material's interface strings, navigation, language switcher,
hreflang links and search index.
"""

from __future__ import annotations

from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from site_content import routes
from site_content.routes import DEFAULT_LANGUAGE, LANGUAGES, language_of
from site_state import state
from site_views import render_view

_saved: dict = {}


# -----------------------------------------------------------------------------
# Files: pair hand-written pages, add fallbacks
# -----------------------------------------------------------------------------


@event_priority(40)  # after content_pages has registered the generated pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    written: dict[str, dict[str, File]] = {}
    for file in files.documentation_pages():
        if file.generated_by:
            continue
        _markdown, meta = get_data(file.content_string)
        key = meta.get("key")
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
        if DEFAULT_LANGUAGE not in versions:
            only = next(iter(versions.values())).src_uri
            raise PluginError(f"docs/{only}: sidan saknar svensk version med 'key: {key}'.")
        for lang in LANGUAGES:
            if lang in versions:
                state.translations.add(key, versions[lang].url)
            else:
                files.append(_fallback(versions[DEFAULT_LANGUAGE], lang, key, config))
    return files


def _fallback(swedish: File, lang: str, key: str, config: MkDocsConfig) -> File:
    """An English page showing the Swedish text until a translation is written."""
    file = File.generated(config, f"{routes.home(lang)}{swedish.src_uri}", content=swedish.content_string)
    file.edit_uri = swedish.edit_uri
    state.fallbacks[file.src_uri] = swedish.src_uri
    state.translations.add(key, file.url, translated=False)
    return file


# -----------------------------------------------------------------------------
# Navigation: one per language
# -----------------------------------------------------------------------------


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    for lang in LANGUAGES:
        items = [item for item in nav.items if _language_of_item(item) == lang]
        pages = [page for page in nav.pages if language_of(page.url) == lang]
        language_nav = Navigation(items, pages)
        home = files.get_file_from_path(f"{routes.home(lang)}index.md")
        language_nav.homepage = home.page if home else None
        state.navs[lang] = language_nav
    return nav


def _language_of_item(item) -> str:
    if isinstance(item, Section):
        return _language_of_item(item.children[0]) if item.children else DEFAULT_LANGUAGE
    return language_of(getattr(item, "url", "") or "")


# -----------------------------------------------------------------------------
# Pages: fallback notice, language of the page
# -----------------------------------------------------------------------------


@event_priority(-50)  # after content_pages has rendered the body
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri not in state.fallbacks:
        return html
    return render_view(state.env, "fallback", page, html=html)


@event_priority(100)  # before the search plugin reads the page
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    lang = language_of(page.url)
    _saved["language"] = config.theme["language"]
    _saved["alternate"] = config.extra.get("alternate")

    config.theme["language"] = lang
    counterpart = state.translations.counterpart(page.url)
    config.extra["alternate"] = [
        {
            "name": state.strings[other]["language_name"],
            "link": page.url if other == lang else (counterpart.url if counterpart else routes.home(other)),
            "lang": other,
        }
        for other in LANGUAGES
    ]
    context["nav"] = state.navs.get(lang, nav)
    # Material's search reads its index below "base": one index per language.
    context["base_url"] = get_relative_url(routes.home(lang) or ".", page.url)
    # Material keeps the visitor's settings (light or dark) under "scope",
    # which defaults to base: keep it the site root, one choice for both languages.
    _saved["scope"] = config.extra.get("scope")
    config.extra["scope"] = get_relative_url(".", page.url)
    context["sis"] = page_context(config, page.url, lang)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    config.theme["language"] = _saved.get("language", DEFAULT_LANGUAGE)
    config.extra["alternate"] = _saved.get("alternate")
    if _saved.get("scope") is None:
        config.extra.pop("scope", None)
    else:
        config.extra["scope"] = _saved["scope"]
    return output


def page_context(config: MkDocsConfig, url: str | None, lang: str) -> dict:
    """What our templates need to know about a page's languages and place."""
    alternates = state.translations.alternates(url) if url is not None else []
    original = state.translations.original_of(url) if url is not None else None
    return {
        "lang": lang,
        "t": state.strings[lang],
        "routes": routes,
        "hreflang": [(code, urljoin(config.site_url or "", href)) for code, href in alternates],
        # A fallback (Swedish text on an English page) names the Swedish page
        # as the one search engines should index: each text once.
        "canonical": urljoin(config.site_url or "", original) if original is not None else None,
        "section": section_of(url, lang) if url is not None else None,
        "site_description": site_description(config, lang),
    }


def section_of(url: str, lang: str) -> str | None:
    """The URL of the top-level navigation page a page lies below (an initiative's
    is the catalogue), or None: the tab that says where the visitor is."""
    home = routes.home(lang)
    nav = state.navs.get(lang)
    for item in nav.items if nav else []:
        item_url = getattr(item, "url", None)
        if item_url and item_url != home and url != item_url and url.startswith(item_url):
            return item_url
    return None


def site_description(config: MkDocsConfig, lang: str) -> str:
    """The site's description in ``lang``: its home page's, else mkdocs.yml's (Swedish)."""
    nav = state.navs.get(lang)
    home = nav.homepage if nav else None
    return (home.meta.get("description") if home else None) or config.site_description or ""


# -----------------------------------------------------------------------------
# Templates rendered outside any page: 404 and sitemap
# -----------------------------------------------------------------------------


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["sis"] = page_context(config, None, DEFAULT_LANGUAGE)
    env.globals["sis_hreflang"] = lambda page: page_context(config, page.url, DEFAULT_LANGUAGE)["hreflang"]
    return env


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    # GitHub Pages serves 404.html for any missing address, in either language:
    # it speaks both, under the Swedish navigation (the page's own language).
    if template_name == "404.html":
        context["nav"] = state.navs.get(DEFAULT_LANGUAGE, context["nav"])
        context["sis_languages"] = [page_context(config, None, lang) for lang in LANGUAGES]
    return context
