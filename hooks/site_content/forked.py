"""Loading shares of a large content folder in forked children, beside this process.

Only for the checks run on their own (``make check``, the pull request's summary) on
a machine with more than one core, in a process with no other thread: a child forked
after the vocabularies and partners are loaded has them as the parent has them,
loads its share of the folder's files exactly as the parent would, and hands back
each result pickled with its references to other files' entries as keys (the
content cache's form). The parent binds them to its own objects as it reaches each
file in order, so problems come in the order a serial load gives them. A child that
fails hands back nothing, and the parent loads that share itself: the results are
the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence

from .content_cache import Reference, dumps, loads

# A child's share is at least this many files: below it, forking costs more than it saves.
MIN_SHARE = 100


def processes() -> int:
    """How many processes may load a folder: the cores this process may use, where a
    fork is safe (Linux, and no thread that could hold a lock the child needs)."""
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    return max(1, len(os.sched_getaffinity(0)))


class Shares:
    """The results of ``load(job)`` for the later shares of ``jobs``, each loaded in a
    forked child; the first share is left to the caller, who is working meanwhile.

    ``stop(result)``: told each result a child has, in order; true once its results
    hold as many errors as a whole load may (the child stops there, as the caller will)."""

    def __init__(
        self,
        jobs: Sequence,
        count: int,
        load: Callable[[object], tuple],
        refer: Callable[[object], Reference | None] | None,
        stop: Callable[[tuple], bool],
    ):
        count = min(count, len(jobs) // MIN_SHARE)
        self._children: list[_Child] = []
        self._index: dict = {}
        if count < 2 or threading.active_count() > 1:
            return
        size = -(-len(jobs) // count)
        context = multiprocessing.get_context("fork")
        # What this process has buffered is not to be written twice, by a child too.
        sys.stdout.flush()
        sys.stderr.flush()
        for start in range(size, len(jobs), size):
            share = list(jobs[start : start + size])
            try:
                child = _Child(context, share, load, refer, stop)
            except OSError:  # no process to be had (a limit reached): the caller loads the rest
                break
            self._children.append(child)
            self._index.update((job, (child, place)) for place, job in enumerate(share))

    @property
    def forked(self) -> int:
        return len(self._children)

    def result(self, job, resolve: Callable[[Reference], object]) -> tuple | None:
        """``load(job)``'s result as the child gave it, references bound by ``resolve``; None
        for a job of the first share, one its child did not reach, or a child that failed."""
        found = self._index.get(job)
        if found is None:
            return None
        child, place = found
        blobs = child.results()
        if blobs is None or place >= len(blobs):
            return None
        return loads(blobs[place], resolve)

    def close(self) -> None:
        """Wait for every child (one whose share the caller did not reach too)."""
        for child in self._children:
            child.results()


class _Child:
    def __init__(self, context, share, load, refer, stop):
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_work, args=(send, share, load, refer, stop), daemon=True)
        self._process.start()
        send.close()
        self._blobs: list[bytes] | None = None
        self._done = False

    def results(self) -> list[bytes] | None:
        if not self._done:
            self._done = True
            try:
                self._blobs = self._receive.recv()
            except (EOFError, OSError):
                self._blobs = None
            self._receive.close()
            self._process.join()
        return self._blobs


def _work(send, share, load, refer, stop) -> None:
    try:
        results: list[tuple] = []
        for job in share:
            results.append(load(job))
            if stop(results[-1]):
                break
        send.send([dumps(result, refer) for result in results])
    except BaseException:  # the parent loads this share itself
        send.send(None)
    finally:
        send.close()
