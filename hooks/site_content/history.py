"""When each file last changed, from the git history: the sitemap's ``lastmod``.

One ``git log`` for the whole repository, never one process per file. Where
the dates would not be true, none is given and the sitemap leaves ``lastmod``
out rather than inventing one: outside a git checkout (a downloaded archive,
the tests' copies), without git, and in a shallow clone, where every file
would seem to have changed in the one commit it has.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def last_commit_dates(root: Path) -> dict[str, str]:
    """Repository-relative path (as below ``root``) -> strict ISO 8601 date of its last commit."""
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.strip() != "false":
        return {}
    # A NUL starts each commit's date; the names it touched follow, one a line.
    log = _git(
        root, "-c", "core.quotepath=off", "log", "--relative", "--name-only", "--format=%x00%cI", "--", "."
    )
    return parse_log(log or "")


def parse_log(log: str) -> dict[str, str]:
    """The newest date of each path in ``git log --name-only --format=%x00%cI`` output."""
    dates: dict[str, str] = {}
    date = ""
    for line in log.splitlines():
        if line.startswith("\0"):
            date = line[1:].strip()
        elif line.strip() and date:
            dates.setdefault(line.strip(), date)  # newest first: keep the first seen
    return dates


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except OSError:  # no git on this machine
        return None
    return result.stdout if result.returncode == 0 else None
