"""The time of the build, as the exports and feeds state it."""

from __future__ import annotations

import datetime
import os


def build_time() -> datetime.datetime:
    """Now (UTC, whole seconds), or SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0)
