"""`make serve`: the preview, MkDocs' live-reload server with what an editor needs.

    python tools/serve.py HOST PORT     (in the folder of mkdocs.yml)

What ``mkdocs serve`` does, with six differences:

- A busy port gives one line naming another (tools/check_port.py), not a traceback.
- Saves are noticed as they happen: the server's watcher is watchdog's native
  observer (inotify on Linux) instead of MkDocs' PollingObserver, which looks
  every half second (a quarter of a second late on average, more than the
  rebuild of one edit takes at the real size) and, at 1,000 initiatives, takes
  a seventh of a processor and slows every build by a third while it looks
  (MAINTAINING.md, "Performance"). So the server waits 0.05 s for a save's last file
  (MkDocs: 0.1 s, for a poller that may see half a save). ``SIS_PREVIEW_POLLING=1``
  keeps MkDocs' polling and wait, for folders where the system reports no
  changes (some network and container mounts).
- The server keeps one dictionary for the length of the preview and hands it to
  every build in its configuration (``PREVIEW_MEMORY``): hooks/preview_cache.py
  keeps there what the next build reuses (each page's digest, the checked
  content, compiled templates, search entries), in memory instead of on disk.
- Each build is MkDocs' dirty build: the site folder is not emptied first, so
  the pages hooks/preview_cache.py reuses stay where they are, and it deletes
  what no longer belongs. MkDocs' warning that a dirty build may leave links
  inaccurate is left out: every page whose inputs changed is built again.
- The theme's installed folders (Material's, MkDocs') are listed once, not
  before every build (``ThemeFolders``): 14,000 files, nearly all of which
  MkDocs' own filter drops.
- Python's collector of reference cycles runs between builds, when nothing has
  been saved for a moment, instead of in the middle of one (``IdleCollector``):
  at 1,000 initiatives a full collection takes a tenth of a second or more.

Everything else is MkDocs' own, through its public API: ``load_config``,
``build`` and ``LiveReloadServer`` (its ``watch``, ``serve`` and
``error_handler``), and the plugins' startup, serve and shutdown events. The
attributes set that MkDocs does not document are the server's ``observer`` and
``build_delay`` (material-internals.yml; tests/test_serve.py fails if MkDocs
changes them).
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent
from watchdog.observers import Observer

from check_port import check

# The configuration key under which every build finds the server's memory.
PREVIEW_MEMORY = "sis_preview_memory"
# Seconds without another changed file before building (MkDocs' build_delay).
QUIET_BEFORE_BUILD = 0.05

log = logging.getLogger("mkdocs.serve")


class ChangesObserver(Observer):
    """watchdog's native observer, telling only of changed files.

    MkDocs rebuilds on any event of a file, and under inotify reading a file is
    one (opened, closed): every build would start the next.
    """

    CHANGES = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent]

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(
            event_handler,
            path,
            recursive=recursive,
            event_filter=event_filter or self.CHANGES,
            follow_symlink=follow_symlink,
        )


class IdleCollector:
    """Collects reference cycles once the preview has been idle for ``delay`` seconds.

    Every build leaves a content model, pages and templates' contexts behind;
    left to itself, Python collects them during the next build. Here they are
    collected after the browser has reloaded, and what is still alive then (the
    modules, the templates, the preview's memory) is frozen out of the next
    collections (``gc.freeze``) until the one after that build: nothing is kept
    that would otherwise go.
    """

    def __init__(self, delay: float = 0.3) -> None:
        self.delay = delay
        self.building = threading.Lock()
        self._timer: threading.Timer | None = None

    def build(self, run) -> None:
        """``run()`` (one build), then a collection once idle."""
        if self._timer is not None:
            self._timer.cancel()
        with self.building:
            run()
        self._timer = threading.Timer(self.delay, self.collect)
        self._timer.daemon = True
        self._timer.start()

    def collect(self) -> None:
        if not self.building.acquire(blocking=False):
            return  # a build has started: it will schedule the next collection
        try:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
        finally:
            self.building.release()


class _LevelFormatter(logging.Formatter):
    """MkDocs' own layout of a log line: "INFO    -  Building documentation..."."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname:<8}-  {super().format(record)}"


def _log_to_terminal() -> None:
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(_LevelFormatter())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


class DirtyBuildNotice(logging.Filter):
    """Drops MkDocs' warning at every dirty build (with ``strict: true`` it would fail it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


def start_plugins(config: MkDocsConfig) -> None:
    """MkDocs' startup event, as `mkdocs serve` sends it.

    dirty=False although each build is dirty: told "dirty", Material's search
    merges each index with the previous one (for its own reload of one page),
    which would index a page built again twice; the preview keeps each page's
    search entries itself (hooks/preview_cache.py)."""
    config.plugins.on_startup(command="serve", dirty=False)


def build_preview(config: MkDocsConfig) -> None:
    """One build of the preview, after a save or at the start."""
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(found, DirtyBuildNotice) for found in logger.filters):
        logger.addFilter(DirtyBuildNotice())
    build(config, serve_url=config.site_url, dirty=True)


def preview_config(config_file: Path, site_dir: str, url: str, memory: dict) -> MkDocsConfig:
    """The configuration of one build of the preview, read anew for each (as MkDocs does)."""
    config = load_config(config_file=str(config_file), site_dir=site_dir)
    config.site_url = url
    # Not strict: MkDocs would fail the build on a warning (a broken link in docs/)
    # and the server would leave every request waiting; the preview shows each
    # warning on every page instead (hooks/content_errors.py).
    config.strict = False
    config[PREVIEW_MEMORY] = memory
    theme_env = config.theme.get_env
    listed = memory.setdefault(INSTALLED_THEME_FILES, {})
    project = Path(config.config_file_path).resolve().parent

    def get_env() -> jinja2.Environment:
        env = theme_env()
        env.loader = ThemeFolders(config.theme.dirs, project, listed)
        return env

    config.theme.get_env = get_env
    return config


# -----------------------------------------------------------------------------
# The theme's files, listed once
# -----------------------------------------------------------------------------

# The server's memory of what the installed theme folders hold.
INSTALLED_THEME_FILES = "installed theme files"


class ThemeFolders(jinja2.FileSystemLoader):
    """The theme's template loader (MkDocs': a FileSystemLoader of the theme's folders)
    with a listing kept for the folders installed outside the project (Material's and
    MkDocs' own, which no save changes).

    Before each build MkDocs lists every file of the theme's folders to publish its
    assets: 14,000 names, mostly Material's icons in a folder whose name starts with
    a dot, and MkDocs' own filter drops every name with a part that starts with one.
    Here those folders are walked once per preview and such names left out when
    listed; the project's own (overrides/) is listed anew each build. About 0.07 s
    of every save, at any size.
    """

    def __init__(self, searchpath: list[str], project: Path, listed: dict[str, list[str]]):
        super().__init__(searchpath)
        self._project = project
        self._listed = listed

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            installed = self._project not in Path(folder).resolve().parents
            listing = self._listed.get(folder) if installed else None
            if listing is None:
                listing = jinja2.FileSystemLoader(folder).list_templates()
                if installed:
                    listing = [name for name in listing if not _dot_name(name)]
                    self._listed[folder] = listing
            found.update(listing)
        return sorted(found)


def _dot_name(name: str) -> bool:
    """A name MkDocs' filter of theme files drops (its patterns '.*' and '*/.*')."""
    return name.startswith(".") or "/." in name


def serve(host: str, port: int, config_file: Path = Path("mkdocs.yml")) -> None:
    site_dir = tempfile.mkdtemp(prefix="sis-preview-")
    try:
        _serve_from(site_dir, host, port, config_file)
    finally:  # however it stops: Ctrl-C, a closed terminal, `kill`, an error
        shutil.rmtree(site_dir, ignore_errors=True)


def _serve_from(site_dir: str, host: str, port: int, config_file: Path) -> None:
    memory: dict = {}
    url = f"http://{host}:{port}/" if ":" not in host else f"http://[{host}]:{port}/"

    def get_config() -> MkDocsConfig:
        return preview_config(config_file, site_dir, url, memory)

    config = get_config()
    start_plugins(config)
    collector = IdleCollector()

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        collector.build(lambda: build_preview(config or get_config()))

    server = LiveReloadServer(
        builder=builder,
        host=host,
        port=port,
        root=site_dir,
        mount_path=urlsplit(url).path,
    )
    if os.environ.get("SIS_PREVIEW_POLLING") != "1":
        # Before the first watch(): every folder is scheduled on this observer.
        server.observer = ChangesObserver()
        server.build_delay = QUIET_BEFORE_BUILD

    def error_page(code: int) -> bytes | None:
        path = Path(site_dir) / f"{code}.html"
        return path.read_bytes() if code in (404, 500) and path.is_file() else None

    server.error_handler = error_page
    try:
        builder(config)
        server.watch(config.docs_dir)
        server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for path in config.watch:
            server.watch(path)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()


def _stop(_signal: int, _frame) -> None:
    raise KeyboardInterrupt  # as Ctrl-C: the server shuts down and its folder goes


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("python tools/serve.py HOST PORT", file=sys.stderr)
        return 2
    status, line = check(argv[0], argv[1], os.environ.get("SIS_LANG", "sv"))
    if line:
        print(line, file=sys.stderr)
    if status:
        return status
    _log_to_terminal()
    for name in ("SIGTERM", "SIGHUP"):  # `kill`, a closed terminal
        signal.signal(getattr(signal, name), _stop)
    # Ctrl-C even where it was ignored when we started (a shell's background job, a test
    # runner's worker process): Python then leaves SIGINT ignored and the preview never stops.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        serve(argv[0], int(argv[1]))
    except KeyboardInterrupt:  # during the first build: stopped, as after it
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
