"""The HTML of hand-written pages (docs/) through the sanitiser, like content's.

``site_content.docs_html`` holds the allow-list. Whatever it removes is a
content error naming the page: ``mkdocs build`` stops, the preview shows it
(content_errors.py) and serves the sanitised page meanwhile.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

import content_errors
from site_build import SiteBuild, terminal_language
from site_content import ContentProblems, Problem, docs_html, markup
from site_content.problems import removal_params


def use_heading_ids(config: MkDocsConfig) -> None:
    """Headings of docs/ pages get their ids as content's do (``markup.slugify``): a heading
    of only signs or emoji would otherwise get '_1', which the sanitiser removes."""
    config.mdx_configs.setdefault("toc", {})["slugify"] = markup.slugify


def sanitise(build: SiteBuild, page: Page, html: str) -> str:
    """``html`` of a docs/ page, sanitised; each removal an error."""
    if build.page(page.file.src_uri) is not None or not page.file.abs_src_path:
        return html  # made from content: markup.py sanitises it
    clean = docs_html.sanitise(html)
    removals = docs_html.removed(html, clean)
    if not removals:
        return clean
    try:
        shown = Path(page.file.abs_src_path).relative_to(build.root).as_posix()
    except ValueError:
        shown = page.file.src_uri
    problems = [
        Problem(shown, None, None, "", "sanitised", removal_params(r.tag, r.attribute, r.value))
        for r in removals
    ]
    if not build.previewing:
        raise PluginError(ContentProblems(problems).bilingual(terminal_language(), build.strings))
    earlier = build.content_problems.problems if build.content_problems else []
    build.content_problems = ContentProblems([*earlier, *problems])
    content_errors.report(build, ContentProblems(problems))
    return clean
