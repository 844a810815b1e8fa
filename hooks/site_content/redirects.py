"""Old addresses that lead to pages of this site: ``content/redirects.yml``.

Each line maps an old path to a page's translation key (the ``key:`` of a page
in ``docs/``, or ``partner:<slug>``, ``initiative:<slug>``)::

    /om-oss/: background

The old path leads to the Swedish version of the page, and the same path under
``/en/`` to its English version (``/en/om-oss/`` -> ``/en/background/``): links
into an earlier site keep working, and English readers who change the address
by hand land on their language. An old path that itself starts with ``/en/``
leads to the English version only.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .problems import ContentProblems, Problem, describe_value, suggestion
from .routes import LANGUAGES, home
from .yamlsource import read_yaml

# Site-relative paths: letters, digits and the usual punctuation of addresses.
_PATH = re.compile(r"^[A-Za-z0-9._~%!$&'()*+,;=:@/-]+$")


@dataclass(frozen=True)
class Redirect:
    """One old address and the page it now leads to."""

    old: str  # site-relative, as MkDocs writes URLs: 'om-oss/' or 'gammal.html'
    key: str
    lang: str
    line: int | None = field(default=None, compare=False)  # in the file, for a later message

    @property
    def file(self) -> str:
        """The file to write, relative to the site folder."""
        return self.old if self.old.endswith((".html", ".htm")) else self.old + "index.html"


def normalise_path(value: str) -> str | None:
    """'/om-oss' -> 'om-oss/'; None for what is no site path."""
    path = value.strip()
    if not path or "//" in path or not _PATH.match(path) or ".." in path.split("/"):
        return None
    path = path.lstrip("/")
    if not path:
        return None
    if not path.endswith(("/", ".html", ".htm")):
        path += "/"
    return path


def load_redirects(
    path: Path,
    display_path: str,
    has_page: Callable[[str, str], bool],
    known_keys: list[str],
    taken: set[str],
) -> list[Redirect]:
    """Read and check the file; one Redirect per old path and language.

    ``has_page(key, lang)`` tells whether a page exists; ``taken`` holds every file
    the site publishes, site-relative ('index.html', 'bakgrund/index.html',
    'feed.xml', 'robots.txt' …): a redirect may neither write one of them nor need
    one as its folder. Every problem is raised together.
    """
    if not path.is_file():
        return []
    document, problems = read_yaml(path, display_path)
    if document is None:
        raise ContentProblems(problems)
    data = document.data or {}

    def problem(field: tuple, code: str, **params) -> None:
        line, column = document.position(field)
        problems.append(Problem(display_path, line, column, "/".join(map(str, field)), code, params))

    if not isinstance(data, dict):
        found = {lang: describe_value(data, lang) for lang in LANGUAGES}
        problem((), "redirect-not-mapping", found=found)
        raise ContentProblems(problems)

    redirects = []
    for old_value, key in data.items():
        field = (old_value,)
        old = normalise_path(str(old_value))
        if old is None:
            problem(field, "redirect-bad-path", value=old_value)
            continue
        if not isinstance(key, str) or not has_page(key, "sv"):
            close = difflib.get_close_matches(str(key), known_keys, n=1)
            problem(field, "redirect-unknown-page", value=key, suggestion=suggestion(close))
            continue
        english_prefix = home("en")
        pairs = (
            [(old, "en")] if old.startswith(english_prefix) else [(old, "sv"), (english_prefix + old, "en")]
        )
        for url, lang in pairs:
            redirect = Redirect(url, key, lang, document.position(field)[0])
            clash = collision(redirect.file, taken)
            if clash is None:
                if has_page(key, lang):
                    redirects.append(redirect)
            elif clash.endswith(".html"):
                problem(field, "redirect-taken", value=url)
            else:
                problem(field, "redirect-taken-file", value=url, file=clash)
    if problems:
        raise ContentProblems(problems)
    return redirects


def collision(file: str, taken: set[str] | frozenset[str]) -> str | None:
    """The published file that writing ``file`` would replace ('index.html' for the home
    page) or that it would need as a folder ('robots.txt' for 'robots.txt/index.html')."""
    if file in taken:
        return file
    parts = file.split("/")
    for end in range(1, len(parts)):
        folder = "/".join(parts[:end])
        if folder in taken:
            return folder
    return None
