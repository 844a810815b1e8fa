"""Atom feeds of new and updated initiatives: ``feed.xml`` and ``en/feed.xml``.

``site_content.feed`` chooses and orders the entries; the template
``overrides/sis/feed.xml`` writes the XML. Every page links to its language's
feed (see ``overrides/main.html``).
"""

from __future__ import annotations

from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from site_content import routes
from site_content.clock import build_time
from site_content.feed import build_feed, build_news_feed
from site_content.routes import LANGUAGES
from site_state import state

TEMPLATE = "sis/feed.xml"
NEWS_TEMPLATE = "sis/news-feed.xml"  # news, beside the news list (routes.news_feed)


@event_priority(45)  # after content_pages has loaded the content and made the view environment
def on_files(files: Files, config: MkDocsConfig) -> Files:
    # The template lives among the theme's files: not a file to publish as it is.
    for name in (TEMPLATE, NEWS_TEMPLATE):
        template_file = files.get_file_from_path(name)
        if template_file is not None:
            files.remove(template_file)

    def absolute(path: str) -> str:
        return urljoin(config.site_url or "", path)

    template = state.env.get_template(TEMPLATE)
    built = build_time()
    for lang in LANGUAGES:
        xml = template.render(
            feed=build_feed(state.content, lang, absolute, built),
            t=state.strings[lang],
            site_name=config.site_name,
            home=absolute(routes.home(lang)),
        )
        files.append(File.generated(config, routes.feed(lang), content=xml))
        news = state.env.get_template(NEWS_TEMPLATE).render(
            feed=build_news_feed(state.content, lang, absolute, built),
            t=state.strings[lang],
            site_name=config.site_name,
            home=absolute(routes.home(lang)),
        )
        files.append(File.generated(config, routes.news_feed(lang), content=news))
    return files
