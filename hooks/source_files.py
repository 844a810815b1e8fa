"""Only what the repository holds and we meant to publish reaches the site.

MkDocs hands on_files every file of docs/ (following symbolic links) and the
theme's assets; this step keeps those the rules of
``site_content.published_files`` allow and drops the rest. The content check
(run by ``content_pages.load`` just before) has told each as an error already,
so a build has stopped and the preview shows them; a file found here that the
check let through stops the build all the same.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from site_build import SiteBuild, terminal_language
from site_content import ContentProblems, Problem, filenames, published_files


def allow_only(build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
    """Every file MkDocs would copy passes the allow-list, or leaves ``files``."""
    docs = os.path.realpath(config.docs_dir)
    custom = os.path.realpath(config.theme.custom_dir) if config.theme.custom_dir else None
    problems: list[Problem] = []
    for file in list(files):
        if not file.abs_src_path or file.generated_by:
            continue  # made by the build itself
        src_dir = os.path.realpath(file.src_dir) if file.src_dir else None
        if src_dir == docs:
            code = published_files.docs_file_code(file.src_uri)
            if filenames.is_link(Path(config.docs_dir), file.src_uri):
                code = "file-symlink"
        elif src_dir == custom:
            code = None if published_files.theme_file_allowed(file.src_uri) else "docs-file-kind"
            if filenames.is_link(Path(config.theme.custom_dir), file.src_uri):
                code = "file-symlink"
        elif src_dir in {os.path.realpath(folder) for folder in config.theme.dirs}:
            continue  # Material's and MkDocs' own files, from the installed packages
        else:
            code = "docs-file-kind"  # from nowhere we publish from
        if code:
            files.remove(file)
            shown = _shown(build, Path(file.src_dir or "", file.src_uri))
            problems.append(Problem(shown, None, None, "", code, {"value": shown}))
    if problems and not build.previewing:
        raise PluginError(ContentProblems(problems).bilingual(terminal_language(), build.strings))


def _shown(build: SiteBuild, path: Path) -> str:
    # Not resolved: a link is named as written, not by where it points.
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(build.root)).as_posix()
    except ValueError:
        return path.as_posix()
