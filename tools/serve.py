"""`make serve`: the preview, MkDocs' live-reload server with what an editor needs.

    python tools/serve.py HOST PORT     (in the folder of mkdocs.yml)

What ``mkdocs serve`` does, with four differences:

- A busy port gives one line naming another (tools/check_port.py), not a traceback.
- Saves are noticed as they happen: the server's watcher is watchdog's native
  observer (inotify on Linux) instead of MkDocs' PollingObserver, which looks
  every half second (a quarter of a second late on average, more than the
  rebuild of one edit takes at the real size) and, at 1,000 initiatives, takes
  a seventh of a processor and slows every build by a third while it looks
  (README, "Performance"). ``SIS_PREVIEW_POLLING=1`` keeps MkDocs' polling,
  for folders where the system reports no changes (some network and container
  mounts).
- The server keeps one dictionary for the length of the preview and hands it to
  every build in its configuration (``PREVIEW_MEMORY``): hooks/preview_cache.py
  keeps there what the next build reuses (each page's digest, the checked
  content, compiled templates, search entries), in memory instead of on disk.
- Each build is MkDocs' dirty build: the site folder is not emptied first, so
  the pages hooks/preview_cache.py reuses stay where they are, and it deletes
  what no longer belongs. MkDocs' warning that a dirty build may leave links
  inaccurate is left out: every page whose inputs changed is built again.

Everything else is MkDocs' own, through its public API: ``load_config``,
``build`` and ``LiveReloadServer`` (its ``watch``, ``serve`` and
``error_handler``), and the plugins' startup, serve and shutdown events. The
one attribute set that MkDocs does not document is the server's ``observer``
(material-internals.yml; tests/test_serve.py fails if MkDocs changes it).
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent
from watchdog.observers import Observer

from check_port import check

# The configuration key under which every build finds the server's memory.
PREVIEW_MEMORY = "sis_preview_memory"

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
    config[PREVIEW_MEMORY] = memory
    return config


def serve(host: str, port: int, config_file: Path = Path("mkdocs.yml")) -> None:
    site_dir = tempfile.mkdtemp(prefix="sis-preview-")
    memory: dict = {}
    url = f"http://{host}:{port}/" if ":" not in host else f"http://[{host}]:{port}/"

    def get_config() -> MkDocsConfig:
        return preview_config(config_file, site_dir, url, memory)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        build_preview(config or get_config())

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
        shutil.rmtree(site_dir, ignore_errors=True)


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
    serve(argv[0], int(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
