"""`make serve` shows a mistake in content in the browser and reloads when it is fixed.

A real ``make serve`` (``mkdocs serve``) on a copy of the showcase (fixture content) on a free
port; Chromium keeps a page open while a test edits an initiative beside it,
as someone editing in a text editor does. hooks/content_errors.py.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import DESKTOP, ROOT, run_build

# Each test runs `make serve`, which builds the site (through make: conftest.py cannot see it).
pytestmark = pytest.mark.build

# Bounded waits: a build of the showcase takes seconds, the machine may be busy.
WAIT_MS = 90_000
EDITED = Path("content") / "initiatives" / "abborren.yml"
GOOD, BAD = "themes: [skola, utanforskap]", "themes: [skolla, utanforskap]"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def misspell_theme(repository: Path) -> int:
    """Write 'skolla' for the theme 'skola'; return the line it is on."""
    path = repository / EDITED
    text = path.read_text("utf-8")
    assert GOOD in text, "the fixture initiative's themes changed: update this test"
    path.write_text(text.replace(GOOD, BAD), "utf-8")
    return text[: text.index(GOOD)].count("\n") + 1


def fix_theme(repository: Path) -> None:
    path = repository / EDITED
    path.write_text(path.read_text("utf-8").replace(BAD, GOOD), "utf-8")


@pytest.fixture
def repository(showcase_source, tmp_path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(showcase_source, target, ignore=shutil.ignore_patterns("site", ".cache"))
    # What `make serve` runs besides MkDocs (times kept: make sees nothing to install).
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "tools", target / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    return target


@pytest.fixture
def preview(repository, tmp_path):
    """(address, repository) of `make serve` running on a copy of the showcase.

    The README's command, with the test's own port, and this run's virtual
    environment (the one running pytest: `make test` made it) instead of a new
    one in the copy."""
    port = free_port()
    address = f"http://127.0.0.1:{port}/"
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": address, "CUSTOM_DOMAIN": ""}
    venv = Path(sys.executable).parent.parent
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={port}", f"VENV={venv}"],
        cwd=repository,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # make and mkdocs stopped together below
    )
    try:
        deadline = time.monotonic() + WAIT_MS / 1000
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text("utf-8")
            try:
                with urllib.request.urlopen(address, timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline, "mkdocs serve did not start"
                time.sleep(0.5)
        yield address, repository
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def fetch(url: str) -> tuple[int, str]:
    """Status and body; the timeout makes a hanging request fail the test."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_a_mistake_shows_in_the_browser_and_the_page_reloads_when_fixed(browser, preview):
    address, repository = preview
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(address + "initiativ/abborren/")
        assert page.locator("h1").first.inner_text() == "Abborren"

        line = misspell_theme(repository)
        # The open page reloads by itself and shows the mistake, in Swedish.
        where = page.locator(".sis-content-errors__where").first
        where.wait_for(timeout=WAIT_MS)
        assert f"content/initiatives/abborren.yml:{line}:" in where.inner_text()
        assert "themes" in where.inner_text()
        message = page.locator(".sis-content-errors__message").first.inner_text()
        assert "Okänt tema 'skolla'" in message and "Menade du 'skola'?" in message
        assert page.locator("html").get_attribute("lang") == "sv"

        # Every other page too, in its own language; nothing waits for a fixed file.
        english = context.new_page()
        english.goto(address + "en/partners/")
        assert english.locator("html").get_attribute("lang") == "en"
        assert "Unknown theme 'skolla'" in english.locator(".sis-content-errors__message").first.inner_text()
        status, body = fetch(address + "initiativ/finns-inte/")
        assert status == 404
        assert "Okänt tema" in body and "Unknown theme" in body
        assert 'http-equiv="refresh"' in body  # the 404 page reloads too

        fix_theme(repository)
        page.wait_for_function(
            "() => !document.querySelector('.sis-content-errors') && !!document.querySelector('article h1')",
            timeout=WAIT_MS,
        )
        assert page.locator("h1").first.inner_text() == "Abborren"
        english.wait_for_function("() => !document.querySelector('.sis-content-errors')", timeout=WAIT_MS)
        status, body = fetch(address + "kontakt/")
        assert status == 200 and "sis-content-errors" not in body
    finally:
        context.close()


def test_the_error_page_escapes_what_content_writes(preview):
    address, repository = preview
    path = repository / EDITED
    path.write_text(path.read_text("utf-8").replace(GOOD, 'themes: ["<b>fet</b>&amp;"]'), "utf-8")
    deadline = time.monotonic() + WAIT_MS / 1000
    while "sis-content-errors" not in (body := fetch(address + "initiativ/abborren/")[1]):
        assert time.monotonic() < deadline, "the error page did not appear"
        time.sleep(0.5)
    assert "&lt;b&gt;fet&lt;/b&gt;&amp;amp;" in body
    assert "<b>fet</b>" not in body


def test_mkdocs_build_still_fails_on_the_same_mistake(repository, tmp_path):
    line = misspell_theme(repository)
    result = run_build(repository, tmp_path / "site")
    assert result.returncode != 0
    assert f"content/initiatives/abborren.yml:{line}:" in result.stderr
    assert "Okänt tema 'skolla'" in result.stderr
    assert "Unknown theme 'skolla'" in result.stderr
