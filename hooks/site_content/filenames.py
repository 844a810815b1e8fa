"""Which files in content/ are read, and a clear error for every other one.

Partners create files in GitHub's web editor, where a name such as
``Läxhjälp i Höör.YAML`` or a file in ``content/initiativ/`` is easy to make.
A file the loader skipped without a word would be a page that silently never
appears, so every file under content/ is either read, known to belong, or
reported with the name (and place) it should have.

The rules (BIDRA.md and CONTRIBUTING.md say the same):

- content/partners/, content/initiatives/, content/events/ and content/news/
  hold ``<slug>.yml`` files, with
  ``.yml`` the only extension read (``.yaml`` gets "rename to .yml");
- ``_mall.yml`` there is the template to copy: never read, never published;
  no other name may begin with ``_``;
- ``README.md`` and hidden files (``.gitkeep``) may be in any content folder;
- a file elsewhere is sent to the folder its top-level fields belong in (start: an
  event, published: a news item, themes: an initiative), or offered all four;
- content/vocabulary/ holds exactly the vocabulary files, content/ itself
  only ``redirects.yml`` and the folders, content/geo/ the map (made by a tool);
- a symbolic link is never followed (it may point outside the repository): it
  is reported, here or when ``yamlsource.read_yaml`` is asked to read it.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from .problems import Problem
from .slugs import slugify

TEMPLATE_NAME = "_mall.yml"
EXTENSION = ".yml"
DOCUMENTATION = "README.md"
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".svg", ".gif", ".heic", ".heif", ".tif", ".tiff"}
# Suffixes a content file's name may carry by mistake, taken off before suggesting a name.
_WRONG_SUFFIXES = {".yml", ".yaml", ".txt", ".text", ".md", ".json"}
# Folders under content/ and what they hold; None: not partners' content.
CONTENT_FOLDERS = {
    "initiatives": "initiatives",
    "partners": "partners",
    "events": "events",
    "news": "news",
    "vocabulary": None,
    "geo": None,
}
TOP_LEVEL_FILES = {"redirects.yml"}
# Names partners may give a folder, and the folder meant.
_FOLDER_ALIASES = {
    "initiativ": "initiatives",
    "initiative": "initiatives",
    "samverkansparter": "partners",
    "samverkanspart": "partners",
    "parter": "partners",
    "partner": "partners",
    "evenemang": "events",
    "event": "events",
    "kalender": "events",
    "nyheter": "news",
    "nyhet": "news",
    "aktuellt": "news",
}

Display = Callable[[Path], str]


def belongs(path: Path) -> bool:
    """Files that are not content but may sit beside it: hidden files (Vim's swap
    files too), README.md, and the copies editors keep while a file is edited
    (Emacs: 'x.yml~', '#x.yml#'); .gitignore keeps those out of the repository."""
    name = path.name
    return name.startswith(".") or name == DOCUMENTATION or name.endswith("~") or name[:1] == name[-1:] == "#"


def suggested_name(name: str) -> str:
    """'Läxhjälp i Höör.YAML' -> 'laxhjalp-i-hoor.yml'."""
    stem = name
    while PurePosixPath(stem).suffix.lower() in _WRONG_SUFFIXES:
        stem = stem[: -len(PurePosixPath(stem).suffix)]
    return (slugify(stem) or "namn") + EXTENSION


def content_files(folder: Path, display: Display, problems: list[Problem]) -> list[Path]:
    """The ``.yml`` files of a partners' or initiatives' folder; every other file reported.

    Names that are not slugs are returned too: the loader tells those apart
    (``bad-file-name``), as it also finds two names for one address.
    """
    if folder.is_symlink():  # never followed: a pull request's link may point anywhere
        _report(problems, display(folder), "file-symlink", value=display(folder))
        return []
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for path in sorted(folder.iterdir()):
        if belongs(path):
            continue
        if path.is_symlink():
            _report(problems, display(path), "file-symlink", value=display(path))
            continue
        if path.is_dir():
            for inner in _files_under(path):
                suggestion = f"{display(folder)}/{suggested_name(inner.name)}"
                _report(problems, display(inner), "file-in-subfolder", suggestion=suggestion)
            continue
        if path.name == TEMPLATE_NAME:
            continue
        if path.suffix.lower() in IMAGE_EXTENSIONS:
            _report(problems, display(path), "file-image-in-content", kind=folder.name)
        elif path.suffix != EXTENSION:
            _report(problems, display(path), "file-wrong-extension", suggestion=suggested_name(path.name))
        elif path.name.startswith("_"):
            _report(problems, display(path), "file-underscore", suggestion=suggested_name(path.name))
        else:
            found.append(path)
    return found


def stray_files(content: Path, vocabulary_files: set[str], display: Display) -> list[Problem]:
    """Files under content/ outside the places anything is read from."""
    problems: list[Problem] = []
    if not content.is_dir():
        return problems
    for path in sorted(content.iterdir()):
        if belongs(path) or path.name in TOP_LEVEL_FILES:
            continue
        if path.is_file():
            _misplaced(problems, path, display, content, None)
        elif path.name == "vocabulary":
            for inner in sorted(path.iterdir()):
                if not (belongs(inner) or inner.name in vocabulary_files):
                    _report(
                        problems,
                        display(inner),
                        "file-not-vocabulary",
                        allowed=", ".join(sorted(vocabulary_files)),
                    )
        elif path.name not in CONTENT_FOLDERS:
            for inner in _files_under(path):
                _misplaced(problems, inner, display, content, _meant_folder(path.name))
    return problems


def _misplaced(problems, path: Path, display: Display, content: Path, folder: str | None) -> None:
    name = suggested_name(path.name)
    where = display(content)
    if path.suffix.lower() in IMAGE_EXTENSIONS:
        _report(problems, display(path), "file-image-in-content", kind=folder or "initiatives")
    elif folder := folder or _folder_by_fields(path, content):
        _report(problems, display(path), "file-wrong-folder", suggestion=f"{where}/{folder}/{name}")
    else:
        _report(
            problems,
            display(path),
            "file-outside-folders",
            initiative=f"{where}/initiatives/{name}",
            partner=f"{where}/partners/{name}",
            event=f"{where}/events/{name}",
            news=f"{where}/news/{name}",
        )


# Top-level fields only one kind of content has, in the order they are asked:
# an event and a news item have a summary too, an initiative a description too.
_FIELDS_OF_KIND = (
    ("events", {"start", "end", "organisers", "location", "online", "registration"}),
    ("news", {"published", "body", "initiatives"}),
    ("initiatives", {"themes", "municipalities", "stage", "organisation", "started"}),
    ("partners", {"logo"}),
)
_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_]+)[ \t]*:", re.MULTILINE)
_READ_AT_MOST = 64 * 1024


def _folder_by_fields(path: Path, content: Path) -> str | None:
    """The content folder a misplaced file belongs in, told by its top-level
    fields; None when they do not say. Read as text, not parsed: a file in the
    wrong place may be anything, and only its first 64 KiB are looked at."""
    if is_link(content, path.relative_to(content).as_posix()):
        return None  # never followed
    try:
        with open(path, "rb") as handle:
            text = handle.read(_READ_AT_MOST).decode("utf-8", errors="replace")
    except OSError:
        return None
    keys = set(_TOP_LEVEL_KEY.findall(text))
    for folder, fields in _FIELDS_OF_KIND:
        if keys & fields:
            return folder
    if "description" in keys and "summary" not in keys:
        return "partners"  # name and description, and nothing of the others
    return None


def _meant_folder(name: str) -> str | None:
    folded = slugify(name)
    if folded in _FOLDER_ALIASES:
        return _FOLDER_ALIASES[folded]
    names = [*CONTENT_FOLDERS, *_FOLDER_ALIASES]
    close = difflib.get_close_matches(folded, names, n=1, cutoff=0.7)
    if not close:
        return None
    meant = _FOLDER_ALIASES.get(close[0], close[0])
    return meant if CONTENT_FOLDERS.get(meant) else None


def _files_under(folder: Path) -> list[Path]:
    """Every file below ``folder``, but for hidden ones and README.md (or any in a hidden folder)."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and not any(belongs(Path(part)) for part in path.relative_to(folder).parts)
    )


def _report(problems: list[Problem], file: str, code: str, **params) -> None:
    problems.append(Problem(file, None, None, "", code, params))


# -----------------------------------------------------------------------------
# Images named nearly right
# -----------------------------------------------------------------------------


def _listing(folder: Path) -> dict[str, str]:
    """The names in a folder by their case-folded form (read for the files checked
    again only: the content cache keeps the results of the others)."""
    try:
        return {name.casefold(): name for name in os.listdir(folder)}
    except OSError:
        return {}


def elsewhere(root: Path, relative: str, folder: str) -> str | None:
    """A file under ``root``/``folder`` with the name ``relative`` ends in (case aside), in
    another folder: the partner's picture put in the wrong one. Links are not followed."""
    wanted = PurePosixPath(relative).name.casefold()
    found = []
    for top, dirnames, names in os.walk(root / folder, followlinks=False):
        dirnames.sort()
        found += [Path(top, name) for name in sorted(names) if name.casefold() == wanted]
    paths = [path.relative_to(root).as_posix() for path in found if not path.is_symlink()]
    return next((path for path in paths if path != relative), None)


def is_link(root: Path, relative: str) -> bool:
    """True when ``relative`` under ``root``, or a folder on the way, is a symbolic link.

    A pull request can hold a link pointing outside the repository; it is never followed.
    """
    path = root
    for part in PurePosixPath(relative).parts:
        path = path / part
        if path.is_symlink():
            return True
    return False


def exact_file(root: Path, relative: str) -> bool:
    """True when ``relative`` names a file under ``root`` with every letter's case right.

    On macOS and Windows a file opens under a name of another case; the
    published site (Linux) would not find it.
    """
    folder = root
    parts = PurePosixPath(relative).parts
    for part in parts:
        if _listing(folder).get(part.casefold()) != part:
            return False
        folder = folder / part
    return folder.is_file()


def near_miss(root: Path, relative: str) -> str | None:
    """The existing file ``relative`` nearly names: letters' case, extension or a slip."""
    folder = root
    parts = PurePosixPath(relative).parts
    if not parts:
        return None
    found: list[str] = []
    for part in parts[:-1]:
        actual = _listing(folder).get(part.casefold())
        if actual is None:
            return None
        found.append(actual)
        folder = folder / actual
    names = {key: name for key, name in _listing(folder).items() if (folder / name).is_file()}
    wanted = parts[-1].casefold()
    match = names.get(wanted)
    if match is None:
        stem = PurePosixPath(wanted).stem
        same_stem = [name for key, name in names.items() if PurePosixPath(key).stem == stem]
        match = same_stem[0] if len(same_stem) == 1 else None
    if match is None:
        close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.85)
        match = names[close[0]] if close else None
    if match is None:
        return None
    return "/".join([*found, match])
