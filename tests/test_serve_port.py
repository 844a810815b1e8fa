"""`make serve PORT=…`: a busy port gives one line naming another, not a traceback."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECK = ROOT / "tools" / "check_port.py"


@pytest.fixture
def busy_port():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def run_check(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, **env}
    return subprocess.run(
        [sys.executable, str(CHECK), *args], capture_output=True, text=True, env=environment
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", "Porten {port} används redan. Välj en annan: make serve PORT={next}"),
        ("en", "Port {port} is already in use. Choose another: make serve PORT={next}"),
    ],
)
def test_a_busy_port_gives_one_line(busy_port, lang, expected):
    result = run_check("127.0.0.1", str(busy_port), SIS_LANG=lang)
    assert result.returncode == 1
    assert result.stdout == ""
    # The port named: the first free one after it (usually the next, unless another
    # program of the machine, a test running beside this one, holds that too).
    pattern = re.escape(expected.format(port=busy_port, next="NEXT")).replace("NEXT", r"(\d+)")
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and (match := re.fullmatch(pattern, lines[0])), lines
    assert int(match[1]) > busy_port


def test_the_port_named_instead_is_free():
    # Two ports in a row taken: the line names the one after them.
    for _ in range(20):
        first = socket.socket()
        second = socket.socket()
        try:
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
            second.bind(("127.0.0.1", port + 1))
        except OSError:
            first.close()
            second.close()
            continue
        with first, second:
            first.listen()
            second.listen()
            result = run_check("127.0.0.1", str(port), SIS_LANG="en")
        named = int(result.stderr.strip().rsplit("PORT=", 1)[1])
        assert named >= port + 2
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", named))  # free, as the line says
        return
    pytest.skip("no two free ports in a row")


def test_a_free_port_passes_silently():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_check("127.0.0.1", str(port))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize("port", ["abc", "0", "70000"])
def test_a_port_that_is_no_number_gives_one_line(port):
    result = run_check("127.0.0.1", port)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert "make serve PORT=8001" in result.stderr
    assert "Traceback" not in result.stderr


def test_make_serve_on_a_busy_port_stops_with_the_line(busy_port):
    if not shutil.which("make"):
        pytest.skip("make not found")
    # -o: take the virtual environment as it is (never install from a test).
    result = subprocess.run(
        ["make", "-o", ".venv/.site-installed", "serve", f"PORT={busy_port}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SIS_LANG": "sv"},
        timeout=120,
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"Porten {busy_port} används redan. Välj en annan: make serve PORT={busy_port + 1}" in output
    assert "Traceback" not in output
    assert "mkdocs serve" not in output  # stopped before starting MkDocs


def test_readme_and_handbook_say_how_to_choose_the_port():
    for guide in ("README.md", "MAINTAINING.md"):
        assert "make serve PORT=" in (ROOT / guide).read_text("utf-8"), guide
