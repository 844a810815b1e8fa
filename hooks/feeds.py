"""Atom feeds of new and updated initiatives: ``feed.xml`` and ``en/feed.xml``.

``site_content.feed`` chooses and orders the entries; the template
``overrides/sis/feed.xml`` writes the XML. Every page links to its language's
feed (see ``overrides/main.html``).
"""

from __future__ import annotations

from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from site_build import SiteBuild
from site_content import routes
from site_content.characters import without_forbidden
from site_content.clock import build_time
from site_content.feed import build_feed, build_news_feed
from site_content.routes import LANGUAGES

TEMPLATE = "sis/feed.xml"
NEWS_TEMPLATE = "sis/news-feed.xml"  # news, beside the news list (routes.news_feed)


def remove_templates(files: Files) -> None:
    """The feeds' templates live among the theme's files: not files to publish as they are."""
    for name in (TEMPLATE, NEWS_TEMPLATE):
        template_file = files.get_file_from_path(name)
        if template_file is not None:
            files.remove(template_file)


def add_files(files: Files, config: MkDocsConfig) -> None:
    """The feeds' files, so that links to them from Markdown resolve; written by ``render``."""
    for lang in LANGUAGES:
        for path in (routes.feed(lang), routes.news_feed(lang)):
            files.append(File.generated(config, path, content=""))


def render(build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
    """The feeds of each language, rendered with the build's one Jinja environment (on_env)."""

    def absolute(path: str) -> str:
        return urljoin(config.site_url or "", path)

    built = build_time()
    for lang in LANGUAGES:
        common = {
            "t": build.strings[lang],
            "site_name": config.site_name,
            "home": absolute(routes.home(lang)),
        }
        feeds = (
            (routes.feed(lang), TEMPLATE, build_feed(build.content, lang, absolute, built)),
            (routes.news_feed(lang), NEWS_TEMPLATE, build_news_feed(build.content, lang, absolute, built)),
        )
        for path, template, feed in feeds:
            xml = build.env.get_template(template).render(feed=feed, **common)
            # Content may hold no character XML 1.0 forbids (yamlsource); should one get
            # through, the feed stays well-formed all the same.
            files.get_file_from_path(path).content_string = without_forbidden(xml)
