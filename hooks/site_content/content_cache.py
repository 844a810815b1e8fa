"""A cache of loaded content files, owned by whoever loads the content (issue #16).

Under ``mkdocs serve`` every save loads all content again, and all files but the
saved one are as they were. The cache keeps, per content file, what loading that
one file gave: the entry (or None) and its problems, with the digest of the file's
bytes and of everything else the result was made from (its *dependencies*: the
schemas, the vocabularies' keys, the partner files, the images it names …). A file
whose bytes and dependencies are unchanged is not parsed or checked again.

Results are kept pickled, so every load hands out fresh objects (hooks set
attributes on them, and cross-referenced lists are filled anew each load).
References to entries of other files (a Term, a Partner, an Initiative) are
pickled as keys and bound on the way out to the objects of the load asking for
them, so a partner's new description or a term's new label reaches every page
without checking a single initiative again.

This module knows nothing of the content model: the loader says what a result
depends on and how references are written and found again.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable
from dataclasses import dataclass

# A reference to another file's entry, as the loader writes it: ("partner", "coompanion-skane").
Reference = tuple


@dataclass
class _Entry:
    digest: str  # sha256 of the file's bytes
    depends: dict[str, str]  # each dependency's digest when the result was made
    blob: bytes  # the pickled (entry, problems), references to other files as keys


class _Pickler(pickle.Pickler):
    def __init__(self, file, root, refer: Callable[[object], Reference | None]):
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self.root = root
        self.refer = refer

    def persistent_id(self, obj):
        return None if obj is self.root else self.refer(obj)


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, resolve: Callable[[Reference], object]):
        super().__init__(file)
        self.resolve = resolve

    def persistent_load(self, pid):
        return self.resolve(tuple(pid))


class ContentCache:
    """Per content file (by its display path), the result of loading it.

    ``hits`` and ``misses`` count files taken from the cache and files loaded
    (parsed and checked), over the cache's life; ``loaded`` names the files
    loaded by the latest load, in order.
    """

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        # Per file: its status when last read (a tuple the loader makes) and its bytes' digest.
        self._digests: dict[str, tuple[tuple, str]] = {}
        # What the loader works out from all files (the related initiatives), by name: (key, result).
        self._derived: dict[str, tuple[object, object]] = {}
        self._used: set[str] = set()
        self.hits = 0
        self.misses = 0
        self.loaded: list[str] = []

    def __len__(self) -> int:
        return len(self._entries)

    # --- One load of the content ----------------------------------------------

    def start(self) -> None:
        """A new load begins: ``loaded`` counts afresh."""
        self.loaded = []
        self._used = set()

    def finish(self) -> None:
        """The load is over: forget the files it did not ask for (deleted or renamed)."""
        self._entries = {key: entry for key, entry in self._entries.items() if key in self._used}
        self._digests = {key: known for key, known in self._digests.items() if key in self._used}

    def digest_of(self, key: str, status: tuple) -> str | None:
        """The digest noted for the file ``key`` when its status was ``status``; None otherwise."""
        self._used.add(key)
        known = self._digests.get(key)
        return known[1] if known is not None and known[0] == status else None

    def note_digest(self, key: str, status: tuple, digest: str) -> None:
        self._digests[key] = (status, digest)

    def derived(self, name: str, key, make: Callable[[], object]):
        """``make()``, or what it gave last time ``name`` was asked for with an equal ``key``.

        The result is handed out as kept: it must be plain data (names, not entries)."""
        known = self._derived.get(name)
        if known is None or known[0] != key:
            known = self._derived[name] = (key, make())
        return known[1]

    def get(
        self,
        key: str,
        digest: str,
        current: Callable[[str], str],
        resolve: Callable[[Reference], object] | None = None,
    ):
        """``(entry, problems)`` as the file gave them, fresh objects, or None when the file
        or anything its result depends on has changed. ``current(name)``: a dependency's
        digest now; ``resolve``: the object a reference stands for in this load."""
        self._used.add(key)
        entry = self._entries.get(key)
        if entry is None or entry.digest != digest:
            return None
        if any(current(name) != value for name, value in entry.depends.items()):
            return None
        try:
            result = loads(entry.blob, resolve)
        except Exception:  # a reference gone or a blob spoilt: load the file again
            return None
        self.hits += 1
        return result

    def put(
        self,
        key: str,
        digest: str,
        depends: dict[str, str],
        result: tuple,
        refer: Callable[[object], Reference | None] | None = None,
    ) -> None:
        """Keep ``result`` (entry, problems) of the file ``key`` with the bytes' ``digest``.

        ``refer(obj)``: the reference to write instead of ``obj`` when it is another
        file's entry (None to pickle it whole). The entry itself is always pickled whole.
        """
        self._used.add(key)
        self.misses += 1
        self.loaded.append(key)
        self._entries[key] = _Entry(digest, dict(depends), dumps(result, refer))


def dumps(result: tuple, refer: Callable[[object], Reference | None] | None = None) -> bytes:
    """``result`` (entry, problems) pickled, other files' entries as ``refer`` writes them."""
    buffer = io.BytesIO()
    _Pickler(buffer, result[0], refer or _whole).dump(result)
    return buffer.getvalue()


def loads(blob: bytes, resolve: Callable[[Reference], object] | None = None) -> tuple:
    """What ``dumps`` pickled, as fresh objects, references bound by ``resolve``."""
    return _Unpickler(io.BytesIO(blob), resolve or _no_references).load()


def _whole(_obj) -> None:
    return None


def _no_references(reference: Reference):
    raise pickle.UnpicklingError(f"no reference expected: {reference!r}")
