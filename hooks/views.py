"""Render page bodies with the templates in ``overrides/sis/views/``."""

from __future__ import annotations

from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from site_build import SiteBuild, page_language
from site_content import routes
from site_content.routes import LANGUAGES


def render_view(build: SiteBuild, name: str, page: Page, **data) -> str:
    """Render ``sis/views/<name>.html`` for ``page`` with the build's content.

    ``page`` and ``base_url`` let MkDocs' ``url`` filter make links relative.
    """
    lang = page_language(page)
    # The other language: its words for the catalogue's filters, for the language switch.
    other_lang = next(other for other in LANGUAGES if other != lang)
    template = build.env.get_template(f"sis/views/{name}.html")
    return template.render(
        page=page,
        base_url=get_relative_url(".", page.url),
        lang=lang,
        t=build.strings[lang],
        other_lang=other_lang,
        other_t=build.strings[other_lang],
        content=build.content,
        repo_url=build.repo_url,
        site_url=build.site_url,
        routes=routes,
        pictures=build.pictures,
        **data,
    )
