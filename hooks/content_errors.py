"""While ``mkdocs serve`` runs, show mistakes in content in the browser.

``mkdocs build`` stops on a content error (content_pages raises). Under
``mkdocs serve`` a failed build leaves every request waiting until the file is
fixed: someone editing beside the browser never sees why. Instead, when
content_pages finds errors in the preview it records them in
``build.content_problems``, logs them to the terminal and carries on with no
entries; these steps then make every page, the 404 page and every page of the
previous build the error page ``overrides/sis/content-errors.html`` in the
page's language. The build succeeds, so MkDocs' livereload script, which its
server adds to every HTML file it serves, reloads the page after the next
build: the fixed site once the file is saved again. (The 404 page, which the
server sends without that script, reloads itself every few seconds.)
"""

from __future__ import annotations

import difflib
import logging
import os
import re
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from site_build import SiteBuild, page_language, terminal_language
from site_content import ContentProblems, Problem
from site_content.problems import suggestion
from site_content.routes import LANGUAGES, language_of

TEMPLATE = "sis/content-errors.html"
STYLESHEET = "assets/stylesheets/content-errors.css"
ICON = "assets/images/sis-icon.svg"
# Seconds between the 404 error page's own reloads.
NOT_FOUND_REFRESH = 3
# The logger MkDocs reports links from Markdown on.
MKDOCS_PAGES = "mkdocs.structure.pages"


def _terminal() -> logging.Logger:
    """The terminal, outside MkDocs' own logger: `strict: true` counts every error
    logged there and would fail the build, which is what these steps avoid."""
    terminal = logging.getLogger("sis.preview")
    if not terminal.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("ERROR    -  %(message)s"))
        terminal.addHandler(handler)
        terminal.propagate = False
        terminal.setLevel(logging.INFO)
    return terminal


def report(build: SiteBuild, problems: ContentProblems) -> None:
    """Every problem in the terminal, in both languages, as `mkdocs build` prints them."""
    _terminal().error("%s", problems.bilingual(terminal_language(), build.strings))


def problem_rows(problems: ContentProblems, lang: str) -> list[dict]:
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
        for problem in problems.problems
    ]


def _sections(build: SiteBuild, langs) -> list[dict]:
    return [
        {"lang": lang, "t": build.strings[lang], "problems": problem_rows(build.content_problems, lang)}
        for lang in langs
    ]


# -----------------------------------------------------------------------------
# Every page: the error page in its language
# -----------------------------------------------------------------------------


def error_template(build: SiteBuild, page: Page) -> None:
    """After every step that picks a page's template."""
    if build.content_problems is not None:
        page.meta["template"] = TEMPLATE


def error_context(build: SiteBuild, context: dict, page: Page) -> None:
    if build.content_problems is not None:
        context["sis_error_sections"] = _sections(build, [page_language(page)])
        context["sis_error_stylesheet"] = get_relative_url(STYLESHEET, page.url)
        context["sis_error_icon"] = get_relative_url(ICON, page.url)


def error_page(build: SiteBuild, config: MkDocsConfig, langs, refresh: int | None = None) -> str:
    """The error page for any address: links from the site's root."""
    root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    return build.env.get_template(TEMPLATE).render(
        sis_error_sections=_sections(build, langs),
        sis_error_stylesheet=root + STYLESHEET,
        sis_error_icon=root + ICON,
        sis_error_refresh=refresh,
    )


def not_found_page(build: SiteBuild, output: str, template_name: str, config: MkDocsConfig) -> str:
    """MkDocs' server answers every missing address with 404.html: both languages.

    MkDocs' server sends it without its livereload script: it asks again every
    few seconds instead, so that an address that does not exist yet (the page
    of an entry with a mistake) shows the page once the mistake is fixed."""
    if build.content_problems is None or template_name != "404.html":
        return output
    return error_page(build, config, LANGUAGES, refresh=NOT_FOUND_REFRESH)


def previous_pages(build: SiteBuild, config: MkDocsConfig, urls: list[str]) -> None:
    """The pages the previous build had and this one has not (its entries did not load):
    the error page too, over the page's previous file, so that the page open in the
    browser shows why and reloads."""
    if build.content_problems is None:
        return
    site = Path(config.site_dir)
    pages = {lang: error_page(build, config, [lang]) for lang in LANGUAGES}
    for url in urls:
        path = site / url / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(pages[language_of(url)], encoding="utf-8")


class MissingPages(logging.Filter):
    """While content has errors its pages are missing: MkDocs' warnings about
    links to them (from docs/) would bury the one message that matters, and
    `strict: true` would count them and fail the preview's build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "is not found among documentation files" not in record.getMessage()


def hide_missing_links(build: SiteBuild) -> None:
    """From the content check until the end of this build (``show_missing_links``)."""
    build.quiet_links = MissingPages()
    logging.getLogger(MKDOCS_PAGES).addFilter(build.quiet_links)


def show_missing_links(build: SiteBuild) -> None:
    if build.quiet_links is not None:
        logging.getLogger(MKDOCS_PAGES).removeFilter(build.quiet_links)
        build.quiet_links = None


# -----------------------------------------------------------------------------
# MkDocs' warnings: found while the pages are read, shown the same way
# -----------------------------------------------------------------------------

# MkDocs' wording (mkdocs/structure/pages.py) of a link in docs/ to no page.
LINK_NOT_FOUND = re.compile(
    r"^Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but the target.* "
    r"is not found among documentation files\.(?: Did you mean '(?P<guess>[^']+)'\?)?$"
)
DOC_FILE = re.compile(r"^Doc file '(?P<file>[^']+)'")


class BuildWarnings(logging.Handler):
    """MkDocs' warnings during one preview build, from its own thread (the server
    logs requests from others). ``make build`` (``strict: true``) fails on them; the
    preview, which tools/serve.py runs without strict, shows them on every page."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread and not record.name.startswith("mkdocs.livereload"):
            self.records.append(record)


def watch_warnings(build: SiteBuild, config: MkDocsConfig) -> None:
    """From the start of a preview build that MkDocs runs without strict."""
    if build.preview is not None and not config.strict:
        build.build_warnings = BuildWarnings()
        logging.getLogger("mkdocs").addHandler(build.build_warnings)


def stop_watching(build: SiteBuild | None = None) -> list[logging.LogRecord]:
    """The warnings recorded, and no more recording (also after a failed build)."""
    logger = logging.getLogger("mkdocs")
    records = build.build_warnings.records if build and build.build_warnings else []
    for handler in [h for h in logger.handlers if isinstance(h, BuildWarnings)]:
        logger.removeHandler(handler)
    if build is not None:
        build.build_warnings = None
    return records


def show_warnings(build: SiteBuild, config: MkDocsConfig, urls: list[str]) -> None:
    """After the pages are written: with warnings, every page (``urls``) and the 404
    page become the error page, as for a content error; the browser reloads after the fix."""
    records = stop_watching(build)
    if not records or build.content_problems is not None:
        return
    docs = Path(config.docs_dir)
    problems: list[Problem] = []
    for record in records:
        problem = warning_problem(record.getMessage(), docs, build.fallbacks)
        if not any(problem.file == p.file and problem.params == p.params for p in problems):
            problems.append(problem)  # once for a page and its English fallback
    build.content_problems = ContentProblems(problems)
    report(build, build.content_problems)
    previous_pages(build, config, urls)
    not_found = Path(config.site_dir) / "404.html"
    not_found.write_text(error_page(build, config, LANGUAGES, refresh=NOT_FOUND_REFRESH), encoding="utf-8")


def warning_problem(message: str, docs: Path, fallbacks: dict[str, str]) -> Problem:
    """A warning of MkDocs as a problem of the page it names, at the line it is about;
    one about an English fallback (``fallbacks``: its Swedish page) is told of the Swedish file."""
    found = LINK_NOT_FOUND.match(message)
    if found:
        page = fallbacks.get(found["file"], found["file"])
        source = f"{docs.name}/{page}"
        line, column = _line_of(docs / page, found["link"])
        guess = found["guess"] if page == found["file"] else None
        guess = guess or _closest_page(docs, page, found["link"])
        params = {"link": found["link"], "suggestion": suggestion([guess] if guess else [])}
        return Problem(source, line, column, "", "page-link-not-found", params)
    named = DOC_FILE.match(message)
    source = f"{docs.name}/{fallbacks.get(named['file'], named['file'])}" if named else "mkdocs.yml"
    return Problem(source, None, None, "", "build-warning", {"text": message})


def _closest_page(docs: Path, page: str, link: str) -> str | None:
    """The page in docs/ whose address, written from ``page``, is most like ``link``."""
    folder = (docs / page).parent
    written = [os.path.relpath(path, folder).replace(os.sep, "/") for path in sorted(docs.rglob("*.md"))]
    close = difflib.get_close_matches(link.split("#")[0], written, n=1)
    return close[0] if close else None


def _line_of(path: Path, text: str) -> tuple[int | None, int | None]:
    """Line and column (1-based) where ``text`` first stands in the file, if it does."""
    try:
        lines = path.read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return None, None
    for number, line in enumerate(lines, 1):
        if text in line:
            return number, line.index(text) + 1
    return None, None
