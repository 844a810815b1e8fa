"""Where builds keep what a later build may reuse: outside the repository.

A pull request can add files anywhere in the repository, ignored folders included
(``git add -f .cache/…``), so a cache inside it would be input from anyone: a
committed image manifest could name a file of the build machine to publish, and
a committed compiled template would run as code. Kept under the user's cache
folder instead, a cache holds only what this machine's own builds wrote.
"""

from __future__ import annotations

import os
from pathlib import Path

# Every build on the machine shares it: images by their content, templates by their path.
FOLDER_NAME = "social-innovation-skane"


def cache_root() -> Path:
    """``SIS_CACHE_DIR`` when set (the tests share one per run), else the user's cache
    folder (``XDG_CACHE_HOME``, or ``~/.cache``)."""
    configured = os.environ.get("SIS_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / FOLDER_NAME
