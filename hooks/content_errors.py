"""While ``mkdocs serve`` runs, show mistakes in content in the browser.

``mkdocs build`` stops on a content error (content_pages raises). Under
``mkdocs serve`` a failed build leaves every request waiting until the file is
fixed: someone editing beside the browser never sees why. Instead, when
content_pages finds errors during ``serve`` it records them in
``state.content_problems``, logs them to the terminal and carries on with the
last content that loaded (or none); this module then makes every page, and the
404 page, the error page ``overrides/sis/content-errors.html`` in the page's
language. The build succeeds, so MkDocs' livereload script, which its server
adds to every HTML file it serves, reloads the page after the next build:
the fixed site once the file is saved again.
"""

from __future__ import annotations

import logging
import sys
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, get_relative_url

from site_content.routes import LANGUAGES, language_of
from site_state import state

TEMPLATE = "sis/content-errors.html"
STYLESHEET = "assets/stylesheets/content-errors.css"

# The terminal, outside MkDocs' own logger: `strict: true` counts every error
# logged there and would fail the build, which is what this module avoids.
_terminal = logging.getLogger("sis.preview")
if not _terminal.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("ERROR    -  %(message)s"))
    _terminal.addHandler(_handler)
    _terminal.propagate = False
    _terminal.setLevel(logging.INFO)

_env: Environment | None = None


def report(problems) -> None:
    """Every problem in the terminal, Swedish then English, as `mkdocs build` prints them."""
    _terminal.error("%s\n\n%s", problems.report("sv"), problems.report("en"))


def problem_rows(lang: str) -> list[dict]:
    """What the template shows of each problem, in one language (escaped there)."""
    return [
        {
            "location": problem.location(),
            "file": problem.file,
            "line": problem.line,
            "column": problem.column,
            "field": problem.field,
            "message": problem.message(lang),
        }
        for problem in state.content_problems.problems
    ]


def _sections(langs) -> list[dict]:
    return [{"lang": lang, "t": state.strings[lang], "problems": problem_rows(lang)} for lang in langs]


# -----------------------------------------------------------------------------
# Every page: the error page in its language
# -----------------------------------------------------------------------------


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    global _env
    _env = env
    return env


@event_priority(-200)  # after every hook that picks a page's template
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if state.content_problems is not None:
        page.meta["template"] = TEMPLATE
    return html


@event_priority(-200)  # after languages.py has set the page's language
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if state.content_problems is not None:
        context["sis_error_sections"] = _sections([language_of(page.url)])
        context["sis_error_stylesheet"] = get_relative_url(STYLESHEET, page.url)
    return context


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # MkDocs' server answers every missing address with 404.html: both languages.
    if state.content_problems is None or template_name != "404.html" or _env is None:
        return output_content
    root = urlsplit(config.site_url or "/").path
    return _env.get_template(TEMPLATE).render(
        sis_error_sections=_sections(LANGUAGES),
        sis_error_stylesheet=root.rstrip("/") + "/" + STYLESHEET,
    )


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if state.content_problems is None:
        return
    # Links from docs/ to the pages of content that did not load are reported
    # as warnings, which `strict: true` would turn into a failed build: the
    # preview shows the content's errors instead (MkDocs' build counts warnings
    # with a CountHandler on its logger; see material-internals.yml).
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, CountHandler):
            handler.counts.clear()


# -----------------------------------------------------------------------------
# The server: 404 pages reload too
# -----------------------------------------------------------------------------


def on_serve(server, config: MkDocsConfig, builder):
    """Give the 404 page the livereload script MkDocs gives every served page.

    MkDocs' server sends 404.html as it is; with the script an address that
    does not exist yet (a page of content that failed to load) reloads after
    the next build like every other page.
    """
    handler = server.error_handler
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None or not hasattr(server, "_visible_epoch"):
        return server

    def error_page(code: int) -> bytes | None:
        page = handler(code)
        return inject(page, server._visible_epoch) if page is not None and code == 404 else page

    server.error_handler = error_page
    return server
