"""What may be published from the repository's folders, and an error for the rest.

MkDocs copies every file of docs/ (and of the theme folder) into the site,
following symbolic links, so a pull request's link could publish a file of the
build machine, and an ``.html`` or ``.js`` file in ``docs/images/`` would run
on our origin. The rules, the same for ``make check``, the build and the
preview:

- no symbolic link anywhere in content/, docs/, overrides/ or i18n/ (a file or
  a folder): each is an error naming it, never followed;
- docs/ holds pages (``.md``) and images; ``docs/images/`` images only. Images
  are published only through the image step (hooks/images.py), which checks
  them. Hidden files (``.gitkeep``) are never published by MkDocs;
- the theme folder (overrides/) publishes only the kinds of assets below.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from . import images
from .problems import Problem

# The folders a build reads from, relative to the repository.
READ_FOLDERS = ("content", "docs", "overrides", "i18n", "schemas")
# Every image type the image step answers for: the supported ones are published
# resized and cleaned, the others refused with their own message (hooks/images.py).
IMAGE_SUFFIXES = frozenset(
    {
        ".jpg",
        ".jpeg",
        ".png",
        ".webp",
        ".svg",
        ".gif",
        ".heic",
        ".heif",
        ".tif",
        ".tiff",
        ".bmp",
        ".avif",
        ".jxl",
    }
)
PAGE_SUFFIX = ".md"
IMAGES_FOLDER = "images"
# The maintainers' own assets in overrides/ (MkDocs leaves its templates, .html, out).
THEME_ASSET_SUFFIXES = frozenset(
    {
        ".css",
        ".js",
        ".svg",
        ".png",
        ".jpg",
        ".webp",
        ".ico",
        ".webmanifest",
        ".xml",
        ".json",
        ".woff2",
        ".txt",
    }
)

Display = Callable[[Path], str]


def _hidden(relative: PurePosixPath) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def docs_file_code(relative: str) -> str | None:
    """The problem code of a file at ``relative`` under docs/ by its kind; None when allowed."""
    path = PurePosixPath(relative)
    if _hidden(path):
        return None  # never published (MkDocs' default exclusion)
    suffix = path.suffix.lower()
    if path.parts[0] == IMAGES_FOLDER:
        return None if suffix in IMAGE_SUFFIXES else "docs-not-image"
    return None if suffix in IMAGE_SUFFIXES or suffix == PAGE_SUFFIX else "docs-file-kind"


def _unsupported_image(relative: str) -> bool:
    """An image under docs/images/ of a format the image step refuses (.gif, .heic …)."""
    path = PurePosixPath(relative)
    if _hidden(path):  # never published (.gitkeep)
        return False
    return path.parts[0] == IMAGES_FOLDER and path.suffix.lower() not in images.SUPPORTED_SUFFIXES


def theme_file_allowed(relative: str) -> bool:
    """True for an asset of the theme folder that may be published."""
    return PurePosixPath(relative).suffix.lower() in THEME_ASSET_SUFFIXES


def links_under(folder: Path) -> list[Path]:
    """Every symbolic link below ``folder`` (or ``folder`` itself), never followed."""
    if folder.is_symlink():
        return [folder]
    found: list[Path] = []
    if not folder.is_dir():
        return found
    for top, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in sorted(dirnames + filenames):
            path = Path(top, name)
            if path.is_symlink():
                found.append(path)
        # os.walk does not enter a linked folder, but lists it among the folders.
        dirnames[:] = sorted(name for name in dirnames if not Path(top, name).is_symlink())
    return sorted(found)


def problems(
    root: Path,
    docs: Path,
    display: Display,
    extra_folders: Iterable[Path] = (),
    already: set[str] = frozenset(),
    inspected: set[str] = frozenset(),
) -> list[Problem]:
    """Links in the folders a build reads, files of a kind docs/ may not hold, and images
    the image step would refuse, named by an entry or not (the build refuses them all).

    ``already``: files (as displayed) another check has told about; ``inspected``: images
    (relative to docs/) the entries that name them have had checked already.
    """
    found: list[Problem] = []
    folders = [root / name for name in READ_FOLDERS if name != "docs"] + [docs, *extra_folders]
    seen: set[str] = set(already)
    for folder in folders:
        for link in links_under(folder):
            shown = display(link)
            if shown not in seen:
                seen.add(shown)
                found.append(Problem(shown, None, None, "", "file-symlink", {"value": shown}))
    if not docs.is_dir() or docs.is_symlink():
        return found
    for top, dirnames, filenames in os.walk(docs, followlinks=False):
        dirnames[:] = sorted(name for name in dirnames if not Path(top, name).is_symlink())
        for name in sorted(filenames):
            path = Path(top, name)
            if path.is_symlink():
                continue  # told above
            relative = path.relative_to(docs).as_posix()
            code = docs_file_code(relative)
            shown = display(path)
            if code:
                found.append(Problem(shown, None, None, "", code, {"value": shown}))
            elif _unsupported_image(relative) and shown not in seen:
                # Told by the check as the build would tell it (hooks/images.py), not only there.
                params = {"extension": path.suffix, "value": relative}
                found.append(Problem(shown, None, None, "", "image-unsupported", params))
            elif _image(relative) and shown not in seen and relative not in inspected:
                # An image no entry names is still published, so checked as the build checks it.
                for code, params in images.inspect(path):
                    found.append(Problem(shown, None, None, "", code, {"value": relative, **params}))
    return found


def _image(relative: str) -> bool:
    """An image of a format the image step publishes, which it inspects before it does."""
    path = PurePosixPath(relative)
    return not _hidden(path) and path.suffix.lower() in images.SUPPORTED_SUFFIXES
