"""Time the hostile cases of issue 24 (families 3, 9, 10): each must answer in seconds.

    .venv/bin/python bench/hostile.py [--build]

Each case is written into a copy of the repository (tests' fixture content) and
``make check``'s command is run on it; with --build, ``mkdocs build --strict`` too.
Prints the wall time, peak memory of the process and the first line of its answer.
Not a test: timing belongs here (the tests bound the work by sizes and counts).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import copy_repository  # noqa: E402

INITIATIVE = (
    "name: {sv: Projekt, en: Example}\nsummary: {sv: En mening., en: One sentence.}\nthemes: [skola]\n"
    "municipalities: [malmo]\norganisation: {name: Föreningen, type: ideell-forening}\nstage: test\n"
    "started: 2016\nadded: 2026-11-20\n"
)


def description(text: str) -> dict[str, bytes]:
    block = "".join(f"    {line}\n" if line else "\n" for line in text.split("\n"))
    return {"content/initiatives/fientlig.yml": f"{INITIATIVE}description:\n  sv: |-\n{block}".encode()}


def laughs() -> str:
    names = "abcdefghij"
    lines = [f"a: &a [{', '.join(['lol'] * 9)}]"]
    lines += [f"{b}: &{b} [{', '.join(['*' + a] * 9)}]" for a, b in zip(names, names[1:], strict=False)]
    return "\n".join(lines)


def page(front_matter: str) -> dict[str, bytes]:
    return {"docs/fientlig.md": f"---\nkey: fientlig\n{front_matter}\n---\n\n# Sida\n".encode()}


def svg(body: str) -> dict[str, bytes]:
    text = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{body}</svg>'
    return {
        "docs/images/partners/fientlig.svg": text.encode(),
        "content/partners/fientlig.yml": (
            b"name: {sv: Fientlig, en: Hostile}\ndescription: {sv: Text., en: Text.}\n"
            b"logo:\n  src: images/partners/fientlig.svg\n"
            b"  alt: {sv: Logga, en: Logo}\n"
        ),
    }


def large_pngs(count: int = 6, side: int = 8000) -> dict[str, bytes]:
    from PIL import Image

    files = {}
    for n in range(count):
        data = io.BytesIO()
        Image.new("RGB", (side, side), (n * 40, 90, 120)).save(data, "PNG")
        files[f"docs/images/initiatives/stor-{n}.png"] = data.getvalue()
    return files


def tiny_files(count: int = 20_000) -> dict[str, bytes]:
    return {f"content/initiatives/t{n}.yml": b"name: x\n" for n in range(count)}


CASES = {
    "120 kB of '[' and '](' (925 s)": lambda: description("[](" * 40_000),
    "30,000 paragraphs (300 s)": lambda: description("a\n\n" * 30_000),
    "100,000 emphasis markers (90 s)": lambda: description("*a" * 50_000),
    "20,000 chars of '<a ' within other limits": lambda: description("<a " * 500 + "x" * 18_000),
    "deepest nesting allowed": lambda: description("> " * 9 + "- x"),
    "240 kB web address": lambda: {
        "content/initiatives/fientlig.yml": f"{INITIATIVE}website: https://a.se/{'a.' * 120_000}\n".encode()
    },
    "billion laughs in front matter (5.4 GB)": lambda: page(laughs()),
    "list nested 50,000 deep in front matter (segfault)": lambda: page("x: " + "[" * 50_000 + "]" * 50_000),
    "9.5 MB SVG (23 s / 89 s)": lambda: svg("<!--" + "x" * 9_500_000 + "-->"),
    "SVG of 100,000 unclosed url(": lambda: svg('<rect style="' + "url(" * 100_000 + '"/>'),
    "SVG image-set without url()": lambda: svg(
        '<rect style="fill:image-set(&quot;https://x.example/a&quot; 1x)"/>'
    ),
    "20,000 tiny broken files (35 s, 140,000 lines)": tiny_files,
    "six 8000 x 8000 PNGs (2 GB)": large_pngs,
}


def run(command: list[str], cwd: Path) -> tuple[float, int, str, int]:
    """Wall seconds, peak memory (MB) of the child, its first line of errors, its line count."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(cwd / "hooks"), "NO_MKDOCS_2_WARNING": "1"},
    )
    seconds = time.perf_counter() - started
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) // 1024
    lines = (result.stdout + result.stderr).splitlines()
    first = next((line for line in lines if "Fel" in line or "ERROR" in line or "Error" in line), lines[-1:])
    return seconds, peak, str(first)[:140], len(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="also run mkdocs build --strict")
    parser.add_argument("--only", help="run the cases whose name contains this")
    arguments = parser.parse_args()
    python = str(ROOT / ".venv" / "bin" / "python")
    for name, make in CASES.items():
        if arguments.only and arguments.only not in name:
            continue
        with tempfile.TemporaryDirectory() as folder:
            repository = copy_repository(Path(folder) / "repo")
            for path, data in make().items():
                target = repository / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            commands = {"check": [python, "-m", "site_content.check", "--root", "."]}
            if arguments.build:
                commands["build"] = [str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "-q"]
            for label, command in commands.items():
                seconds, peak, first, count = run(command, repository)
                print(f"{name:55} {label:5} {seconds:6.2f} s {peak:6d} MB {count:6d} lines  {first}")
            shutil.rmtree(repository / "site", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
