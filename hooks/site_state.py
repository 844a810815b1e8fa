"""What one build of the site shares between our hook modules.

MkDocs loads each hook module once per process (``mkdocs serve`` included), so
the state is reset at the start of every build in ``content_pages.on_config``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from site_content import Content
from site_content.strings import Strings
from site_content.translations import Translations


@dataclass(frozen=True)
class View:
    """A page body rendered by the template ``sis/views/<name>.html``."""

    name: str
    data: dict = field(default_factory=dict)
    title: str | None = None
    draft: bool = False
    # For maintainers only: kept out of search engines, the sitemap and search.
    noindex: bool = False


@dataclass
class BuildState:
    command: str = "build"
    root: Path = Path(".")
    show_drafts: bool = False
    repo_url: str = ""
    content: Content | None = None
    strings: dict[str, Strings] = field(default_factory=dict)
    translations: Translations = field(default_factory=Translations)
    # Generated pages by source URI: how to render each.
    views: dict[str, View] = field(default_factory=dict)
    # Generated pages by source URI: the Markdown text they show (a description).
    texts: dict[str, str] = field(default_factory=dict)
    # Generated pages by source URI: their content file, for "edit this page".
    sources: dict[str, str] = field(default_factory=dict)
    # English pages that show a Swedish text: source URI -> Swedish source URI.
    fallbacks: dict[str, str] = field(default_factory=dict)
    # One navigation per language.
    navs: dict = field(default_factory=dict)
    # Images from docs/ by source URI: how templates show them (hooks/images.py).
    pictures: dict = field(default_factory=dict)
    # The theme's Jinja environment, for page bodies rendered before on_env.
    env: object = None
    # The repository root as "edit this page" links to it.
    edit_base: str | None = None
    # `mkdocs serve` only (serve_cache): digests of the files every page depends
    # on and of all content entries, to reuse what did not change; else empty.
    inputs_digest: str = ""
    content_digest: str = ""
    # `mkdocs serve` only: the ContentProblems of this build, shown in the
    # browser instead of the pages (hooks/content_errors.py); else None.
    content_problems: object = None
    # Cards on one page of the catalogue (extra.catalogue_page_size).
    page_size: int = 24

    def reset(self) -> None:
        command = self.command
        self.__init__()
        self.command = command


state = BuildState()
