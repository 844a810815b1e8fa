"""tools/serve.py, the preview server of `make serve`: what it relies on in MkDocs and watchdog.

The browser tests (test_serve_errors_browser.py) run it whole; these check the
pieces it adds: its watcher, MkDocs' server taking that watcher, and the theme's
files listed once.
"""

from __future__ import annotations

import gc
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from watchdog.events import FileSystemEventHandler

from conftest import ROOT

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from serve import (  # noqa: E402 - tools/ is not a package
    INSTALLED_THEME_FILES,
    ChangesObserver,
    IdleCollector,
    preview_config,
)

SERVE = Path(__file__).resolve().parent.parent / "tools" / "serve.py"


class Events(FileSystemEventHandler):
    def __init__(self) -> None:
        self.seen: list = []
        self.arrived = threading.Event()

    def on_any_event(self, event) -> None:
        if not event.is_directory:
            self.seen.append(event)
            self.arrived.set()


def test_reading_a_file_is_no_change_and_saving_it_is(tmp_path):
    page = tmp_path / "sida.md"
    page.write_text("# Sida\n", "utf-8")
    events = Events()
    observer = ChangesObserver()
    observer.schedule(events, str(tmp_path), recursive=True)
    observer.start()
    try:
        time.sleep(0.2)
        page.read_text("utf-8")  # as every build reads every file
        time.sleep(0.5)
        assert events.seen == []
        page.write_text("# Sida, ändrad\n", "utf-8")
        assert events.arrived.wait(timeout=10)
        assert any(Path(event.src_path) == page for event in events.seen)
    finally:
        observer.stop()
        observer.join()


def test_mkdocs_server_watches_with_the_observer_it_is_given(tmp_path):
    # tools/serve.py sets `observer` before the first watch(); if MkDocs renames
    # it or schedules elsewhere, the preview would silently go back to polling.
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        # Read by its build loop as the wait for more changes; tools/serve.py shortens it.
        assert isinstance(server.build_delay, float)
        assert hasattr(server, "observer")
        observer = ChangesObserver()
        server.observer = observer
        server.watch(str(tmp_path))
        assert [emitter.watch.path for emitter in observer.emitters] == [str(tmp_path)]
    finally:
        server.server_close()


def test_the_server_hands_its_memory_under_the_key_the_hooks_read():
    import preview_cache
    import serve

    assert serve.PREVIEW_MEMORY == preview_cache.MEMORY_KEY


def test_cycles_are_collected_once_idle_and_not_during_a_build():
    collector = IdleCollector(delay=0.05)
    during: list[int] = []

    def build() -> None:
        collector.collect()  # as if the timer fired now: a build runs, so nothing happens
        during.append(gc.get_freeze_count())

    gc.unfreeze()
    try:
        collector.build(build)
        assert during == [0]
        deadline = time.monotonic() + 10
        while gc.get_freeze_count() == 0:
            assert time.monotonic() < deadline, "no collection after the build"
            time.sleep(0.02)
    finally:
        gc.unfreeze()


@pytest.mark.build  # the server builds the site before it serves
@pytest.mark.parametrize(
    "stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl-c", "kill", "hangup"]
)
def test_the_server_stops_cleanly_and_leaves_no_folder(showcase_source, tmp_path, stop):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, str(SERVE), "127.0.0.1", str(port)],
            cwd=showcase_source,
            env={**os.environ, "TMPDIR": str(temporary), "NO_MKDOCS_2_WARNING": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 120
            while True:
                assert server.poll() is None, log.read_text("utf-8")
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).close()
                    break
                except OSError:
                    assert time.monotonic() < deadline, "the server did not start"
                    time.sleep(0.2)
            assert [path.name[:12] for path in temporary.iterdir()] == ["sis-preview-"]
            server.send_signal(stop)
            assert server.wait(timeout=30) == 0
        finally:
            if server.poll() is None:
                server.kill()
    text = log.read_text("utf-8")
    assert "Shutting down" in text and "Traceback" not in text
    assert list(temporary.iterdir()) == []


# -----------------------------------------------------------------------------
# The theme's files, listed once per preview
# -----------------------------------------------------------------------------


def theme_files(config) -> list[tuple[str, str]]:
    """What MkDocs publishes of the theme (its files that are no template), as it finds them."""
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return [(file.src_uri, file.abs_src_path) for file in files]


def test_the_preview_publishes_the_theme_files_mkdocs_publishes(tmp_path):
    # The project's theme folder in a configuration of its own: loading ours would load
    # our hooks from the copy, in place of the modules every other test uses.
    project = tmp_path / "project"
    shutil.copytree(ROOT / "overrides", project / "overrides")
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(
        "site_name: Test\ntheme:\n  name: material\n  custom_dir: overrides\n", "utf-8"
    )
    memory: dict = {}
    config_file, site = project / "mkdocs.yml", str(tmp_path / "site")

    def both() -> tuple[list, list]:
        preview = preview_config(config_file, site, "http://127.0.0.1:8000/", memory)
        plain = load_config(config_file=str(config_file), site_dir=site)
        return theme_files(preview), theme_files(plain)

    preview, plain = both()
    assert preview == plain
    assert any(src.startswith("assets/") for src, _ in plain), "Material's assets"
    listed = memory[INSTALLED_THEME_FILES]
    material = next(folder for folder in listed if "material" in Path(folder).parts)
    assert not any(name.startswith(".") or "/." in name for name in listed[material])
    assert str(project) not in " ".join(listed), "the project's own folders are listed each build"

    # A file added to overrides/ is published by the next build; Material's folder is not walked again.
    (project / "overrides" / "assets" / "added.css").write_text("p{}", "utf-8")
    listed[material] = [*listed[material], "kept-from-the-first-listing.css"]
    preview, plain = both()
    assert preview == plain
    assert ("assets/added.css", str(project / "overrides" / "assets" / "added.css")) in preview
    env = preview_config(config_file, site, "http://127.0.0.1:8000/", memory).theme.get_env()
    assert "kept-from-the-first-listing.css" in env.list_templates()
