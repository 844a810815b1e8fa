"""Everything one build of the site knows, in one object.

``hooks/build_steps.py`` makes a ``SiteBuild`` in ``on_config`` and keeps it in the
build's MkDocs configuration (``config["sis"]``): every later event of the same
build gets it from there with ``SiteBuild.of(config)`` and hands it to the
steps. Nothing outlives a build in memory; what the preview keeps from one
build to the next lives on disk (``preview_cache.PreviewCache``).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig

from site_content import Content, ContentProblems
from site_content.routes import LANGUAGES
from site_content.strings import Strings, load_strings
from site_content.translations import Translations

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

# The key of the build in MkDocs' configuration (a dict): set once, in on_config.
CONFIG_KEY = "sis"


@dataclass(frozen=True)
class View:
    """A page body rendered by the template ``sis/views/<name>.html``."""

    name: str
    data: dict = field(default_factory=dict)
    title: str | None = None
    draft: bool = False
    # For maintainers only: kept out of search engines, the sitemap and search.
    noindex: bool = False


@dataclass(frozen=True)
class GeneratedPage:
    """One page made from content (an initiative in one language, a term …)."""

    url: str
    src_uri: str
    view: View
    # The Markdown text the page shows (a description), sanitised when rendered.
    text: str = ""
    # Its content file, for "edit this page"; None for lists and terms.
    source: str | None = None


@dataclass
class SiteBuild:
    """What one build knows: set up in on_config, filled in by the steps in order."""

    root: Path
    # `mkdocs serve`: drafts shown, errors in the browser, unchanged pages reused.
    previewing: bool = False
    show_drafts: bool = False
    repo_url: str = ""
    # The published address (site_url): absolute links such as the calendar's.
    site_url: str = ""
    strings: dict[str, Strings] = field(default_factory=dict)
    # The content model, or the last one that loaded while the preview shows errors.
    content: Content | None = None
    # Preview only: this build's content errors, shown on every page instead,
    # and the filter that keeps MkDocs quiet about the pages they leave out.
    content_problems: ContentProblems | None = None
    quiet_links: logging.Filter | None = None
    # The preview's record of MkDocs' warnings during this build (content_errors.py).
    build_warnings: logging.Handler | None = None
    translations: Translations = field(default_factory=Translations)
    # Pages made from content, by source URI.
    generated: dict[str, GeneratedPage] = field(default_factory=dict)
    # English pages that show a Swedish text: source URI -> Swedish source URI.
    fallbacks: dict[str, str] = field(default_factory=dict)
    # One navigation per language.
    navs: dict[str, Navigation] = field(default_factory=dict)
    # Images from docs/ by source URI: how templates show them (images.py).
    pictures: dict = field(default_factory=dict)
    # Titles of every page by URL ('' for the home page), for breadcrumbs and redirects.
    titles: dict[str, str] = field(default_factory=dict)
    # Old addresses that point to pages (content/redirects.yml).
    redirects: list = field(default_factory=list)
    # Cards on one page of the catalogue (extra.catalogue_page_size).
    page_size: int = 24
    # MkDocs' files of this build (on_files), for the steps after the build.
    files: Files | None = None
    # The one Jinja environment: MkDocs' own, from on_env.
    env: Environment | None = None
    # The inline scripts our templates write, as patterns (content_security.py).
    known_scripts: list = field(default_factory=list)
    # The preview's memory of the previous build (None in `mkdocs build`).
    # A preview_cache.PreviewCache (not imported, even for its type: preview_cache
    # imports this module, and the house has no import circle).
    preview: object | None = None
    # What Material reads from the configuration per page, set around each page
    # (languages.py) and restored after it.
    saved_theme: dict = field(default_factory=dict)

    @classmethod
    def start(cls, config: MkDocsConfig, previewing: bool) -> SiteBuild:
        root = Path(config.config_file_path).parent
        show = str(config.extra.get("show_drafts", "")).lower() in ("1", "true", "yes")
        build = cls(
            root=root,
            previewing=previewing,
            show_drafts=show or previewing,
            repo_url=str(config.extra.get("repository") or "").rstrip("/"),
            site_url=config.site_url or "",
            strings=load_strings(root / "i18n"),
        )
        config[CONFIG_KEY] = build
        return build

    @staticmethod
    def of(config: MkDocsConfig) -> SiteBuild:
        return config[CONFIG_KEY]

    def page(self, src_uri: str) -> GeneratedPage | None:
        """The generated page with this source URI, or None for a hand-written one."""
        return self.generated.get(src_uri)


# -----------------------------------------------------------------------------
# A page's language: decided once (languages.decide_page_languages), read everywhere
# -----------------------------------------------------------------------------

PAGE_LANGUAGE = "sis_language"


def page_language(page) -> str:
    """The language of a page of this build, as decided once when the navigation was made."""
    return getattr(page, PAGE_LANGUAGE)


def terminal_language() -> str:
    """The language of messages to the person running the build: SIS_LANG, as ``make check``."""
    lang = os.environ.get("SIS_LANG", "sv")
    return lang if lang in LANGUAGES else "sv"
