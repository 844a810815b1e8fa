"""The site's one MkDocs hook: every step of a build, in the order it runs.

Each MkDocs event below gets this build's ``SiteBuild`` (site_build.py: the
content model, routes, translations, generated pages, the preview cache) and
calls the steps, plain functions in the other modules of ``hooks/``, top to
bottom. The steps hold no state of their own; read this file to know what
happens when.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

import catalogue_map
import content_errors
import content_pages
import custom_domain
import event_news_pages
import feeds
import images
import landing_page
import languages
import minify_assets
import no_third_party
import open_data
import page_html
import page_meta
import preview_cache
import redirects
import search_engines
import search_languages
import source_files
import suggest_page
import valid_html
from content_security import UnknownScript, known_scripts, with_policy
from preview_cache import PreviewCache
from site_build import SiteBuild, terminal_language
from site_content import ContentProblems, Problem
from site_content.caches import cache_root
from site_content.catalogue import DETAIL_LIMIT, catalogue_page, page_numbers

# Compiled templates between builds, beside the image cache, outside the repository
# (site_content/caches.py: a compiled template from a pull request would run as code).
TEMPLATE_CACHE = "templates"

# -----------------------------------------------------------------------------
# Startup: the one fact MkDocs gives only once per process
# -----------------------------------------------------------------------------

# "serve" while `mkdocs serve` runs. MkDocs names the command only to
# on_startup; everything a build knows lives in its SiteBuild.
_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


# -----------------------------------------------------------------------------
# Configuration: a new SiteBuild for every build
# -----------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build = SiteBuild.start(config, previewing=_command == "serve")
    suggest_page.check_email(config)
    custom_domain.check_domain(config)
    page_html.use_heading_ids(config)
    if build.previewing:
        build.preview = PreviewCache.of(config)
    content_errors.watch_warnings(build, config)
    return config


# -----------------------------------------------------------------------------
# Files: the content model, then every page and file made from it
# -----------------------------------------------------------------------------


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = SiteBuild.of(config)
    build.files = files
    content_pages.load(build, config)
    source_files.allow_only(build, files, config)  # nothing linked, nothing of a kind not allowed
    images.publish(build, files, config)
    content_pages.add_pages(build, files, config)
    languages.pair_pages(build, files, config)
    open_data.add_files(build, files, config)
    feeds.remove_templates(files)
    feeds.add_files(files, config)
    search_engines.add_robots_txt(files, config)
    redirects.load(build, config)
    if build.preview:
        build.preview.reuse_generated(build, files, config)
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    languages.decide_page_languages(files)
    languages.split_navs(SiteBuild.of(config), nav, files)
    return nav


# -----------------------------------------------------------------------------
# Pages, as MkDocs reads them: titles and metadata
# -----------------------------------------------------------------------------


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = SiteBuild.of(config)
    content_pages.page_meta(build, page, config)
    content_pages.edit_url(build, page, config)
    content_pages.search_boost(build, page)
    images.social_image(build, page, config)
    if build.preview:
        build.preview.reuse_written(build, page, markdown)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Raw HTML and attribute lists of docs/ pages pass the content sanitiser too.
    return page_html.sanitise(SiteBuild.of(config), page, html)


# -----------------------------------------------------------------------------
# The environment: templates, then every page's body
# -----------------------------------------------------------------------------


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    build = SiteBuild.of(config)
    build.env = env
    # Compiled templates kept between builds (Jinja loads one only for the same
    # source and Python): compiling Material's is a fifth of a small site's build.
    # The preview keeps them in its memory too, and starts from these.
    folder = cache_root() / TEMPLATE_CACHE
    folder.mkdir(parents=True, exist_ok=True)
    on_disk = FileSystemBytecodeCache(str(folder))
    env.bytecode_cache = build.preview.bytecode_cache(on_disk) if build.preview else on_disk
    build.known_scripts = known_scripts(env)
    # Our templates (sis/…) escape every value from content; only rendered
    # Markdown, sanitised by site_content.markup, is marked safe in them.
    # Material's templates keep MkDocs' setting.
    env.autoescape = lambda name: bool(name) and name.startswith("sis/")
    env.globals.update(
        pictures=build.pictures,
        catalogue_page=lambda content, lang, number: catalogue_page(content, lang, number, build.page_size),
        catalogue_page_size=build.page_size,
        page_numbers=page_numbers,
        detail_limit=DETAIL_LIMIT,
        skane_map=catalogue_map.map_of(build),
    )
    event_news_pages.register(env)
    open_data.register(env)
    languages.template_globals(build, env, config)
    search_engines.sitemap_entries(build, env, config)
    feeds.render(build, files, config)

    inclusion = InclusionLevel.is_in_serve if build.previewing else InclusionLevel.is_included
    for file in files.documentation_pages(inclusion=inclusion):
        page = file.page
        if page is None:
            continue
        build.titles[page.url] = page_meta.safe_title(page)
        if build.preview and build.preview.reuses(page):
            continue  # its previous HTML is written instead (on_post_page)
        content_pages.page_body(build, page)
        languages.fallback_body(build, page)
        page_meta.add_description(build, page)
        content_errors.error_template(build, page)
    return env


@event_priority(100)  # before the search plugin reads the page
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    build = SiteBuild.of(config)
    languages.set_page_language(build, context, page, config)
    if build.preview and build.preview.reuses(page):
        return context  # its previous HTML is written instead (on_post_page)
    content_pages.pagination(build, page)
    page_meta.share_and_linked_data(build, context, page, config)
    landing_page.landing_context(build, context, page)
    suggest_page.suggest_context(build, context, page, config)
    content_errors.error_context(build, context, page)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    build = SiteBuild.of(config)
    languages.restore(build, config)
    if not build.preview:
        return _with_policy(build, output, _source_of(build, page))
    html = build.preview.previous_html(page)
    if html is None:
        html = _with_policy(build, output, _source_of(build, page))
    build.preview.remember_html(page, html)
    return html


# -----------------------------------------------------------------------------
# Templates rendered outside any page: 404 and the sitemap
# -----------------------------------------------------------------------------


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    languages.not_found_context(SiteBuild.of(config), context, template_name, config)
    return context


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    build = SiteBuild.of(config)
    output = content_errors.not_found_page(build, output_content, template_name, config)
    if not template_name.endswith(".html"):
        return output
    return _with_policy(build, output, template_name)


def _source_of(build: SiteBuild, page: Page) -> str:
    generated = build.page(page.file.src_uri)
    if generated is not None:
        return generated.source or page.file.src_uri
    try:
        return Path(page.file.abs_src_path).relative_to(build.root).as_posix()
    except (TypeError, ValueError):
        return page.file.src_uri


def _with_policy(build: SiteBuild, output: str, source: str) -> str:
    """The page with its policy; an inline script no template of ours writes stops the build."""
    try:
        return with_policy(valid_html.without_autocomplete(output), build.known_scripts, build.previewing)
    except UnknownScript as found:
        problem = Problem(source, None, None, "", "unknown-script", {"script": found.text[:120]})
        raise PluginError(ContentProblems([problem]).bilingual(terminal_language(), build.strings)) from None


# -----------------------------------------------------------------------------
# After the build: files written beside the pages
# -----------------------------------------------------------------------------


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config: MkDocsConfig) -> None:
    build = SiteBuild.of(config)
    content_errors.show_missing_links(build)
    index = None
    if build.preview:
        previous = build.preview.previous_urls(build.files)
        made = [file.url for file in build.files.documentation_pages()]
        content_errors.show_warnings(build, config, made + previous)
        content_errors.previous_pages(build, config, previous)
        index = build.preview.finish(build, config, build.files)
    search_languages.split_index(config, *(index or ()))
    redirects.write(build, config)
    if not build.previewing:
        minify_assets.minify(config)
    no_third_party.clean_bundle(config)
    custom_domain.write_cname(config)


def on_build_error(error: Exception) -> None:
    # MkDocs passes no configuration here: the filters and handlers are found by their class.
    content_errors.stop_watching()
    pages = logging.getLogger(content_errors.MKDOCS_PAGES)
    quiet = (content_errors.MissingPages, preview_cache.ReusedPages)
    for found in [f for f in pages.filters if isinstance(f, quiet)]:
        pages.removeFilter(found)
