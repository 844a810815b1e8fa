"""``make bench``: build times, memory, rebuild, transfer, filter speed, Lighthouse.

For each size of synthetic catalogue (``--sizes``) this builds the site with
our hooks and the plain-MkDocs baseline (``baseline.py``) in turns, then
measures validation alone, what a browser downloads for six pages served as
GitHub Pages serves them, how fast the catalogue filters in Chromium, and
Lighthouse's scores. Under a real ``make serve`` (tools/serve.py), at each of
``--serve-sizes`` and on a copy of the real content, it times one edit at a
time of an initiative, a partner, a vocabulary label and a hand-written page,
from saving the file to the page having changed (``--reload-only``: only
that, ``make bench-reload``). Last, ``make test-fast`` and ``make test`` are
timed (issue 27; ``--no-tests`` skips them, ``--tests-only`` does only that).
Results go to ``bench/results/`` as JSON and a Markdown table, with each budget
of issues 8, 15, 16 and 27 marked met or missed.

Not part of the tests: a full run takes a quarter of an hour or more.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gzip
import http.server
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baseline  # noqa: E402
from catalogue import Vocabularies, read_catalogue, write_catalogue  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BUILD_INPUTS = ("mkdocs.yml", "docs", "content", "hooks", "overrides", "i18n", "schemas")
# The whole browser, as visitors' (Lighthouse measures it); else the tests' headless shell.
CHROMIUM = (
    os.environ.get("CHROMIUM_PATH")
    or shutil.which("chromium")
    or shutil.which("chromium-headless-shell")
    or "/usr/bin/chromium"
)
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update", "--no-first-run"]
ENVIRONMENT = {
    **{k: v for k, v in os.environ.items() if not k.startswith("SIS_")},
    "NO_MKDOCS_2_WARNING": "1",
    "SITE_URL": "https://bench.example/",
}

# Validation alone: what `make check` runs, the content model without MkDocs.
VALIDATE = [sys.executable, "-m", "site_content.check"]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# -----------------------------------------------------------------------------
# Child processes: wall time, CPU time and peak memory of each
# -----------------------------------------------------------------------------


def timed(command: list[str], cwd: Path, logfile: Path, **env: str) -> dict:
    """Run ``command``; its wall and CPU seconds and peak resident memory (MB)."""
    with open(logfile, "wb") as out:
        start = time.perf_counter()
        environment = {**ENVIRONMENT, **env}
        process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=out, stderr=subprocess.STDOUT)
        # wait4 gives this child's own resource use, not all children's so far.
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"failed: {' '.join(command)}\n{logfile.read_text(errors='replace')[-3000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


def build_command(site: Path, strict: bool = True) -> list[str]:
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict" if strict else "--no-strict",
        "--site-dir",
        str(site),
    ]


def summary(runs: list[dict]) -> dict:
    return {
        "wall": statistics.median(r["wall"] for r in runs),
        "cpu": statistics.median(r["cpu"] for r in runs),
        "peak_mb": max(r["peak_mb"] for r in runs),
        "runs": runs,
    }


def site_facts(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    return {
        "pages": sum(1 for p in files if p.suffix == ".html"),
        "bytes": sum(p.stat().st_size for p in files),
    }


# -----------------------------------------------------------------------------
# Builds: ours and the baseline, in turns
# -----------------------------------------------------------------------------


def prepare_real(target: Path) -> None:
    """A copy of what the build reads, the repository's own content as it is."""
    target.mkdir(parents=True)
    for name in BUILD_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)


def prepare_ours(target: Path, size: int) -> list[str]:
    """The same, with ``size`` synthetic initiatives in place of the real ones; their slugs."""
    prepare_real(target)
    shutil.rmtree(target / "content" / "initiatives")
    # The real news name real initiatives, which the synthetic catalogue replaces.
    for news in (target / "content" / "news").glob("*.yml"):
        text = news.read_text("utf-8")
        news.write_text(re.sub(r"^initiatives:.*\n(?:[ \t]+-.*\n)*", "", text, flags=re.MULTILINE), "utf-8")
    return write_catalogue(target / "content" / "initiatives", size, Vocabularies.read(ROOT))


def measure_builds(work: Path, size: int, runs: int) -> dict:
    ours = work / f"ours-{size}"
    slugs = prepare_ours(ours, size)
    base = baseline.prepare(ROOT, work / f"baseline-{size}", read_catalogue(ours / "content" / "initiatives"))
    ours_site, base_site = work / f"site-ours-{size}", work / f"site-baseline-{size}"
    ours_runs, base_runs, check_runs = [], [], []
    for run in range(runs):
        log(f"{size}: build {run + 1}/{runs} (ours, then baseline)")
        ours_runs.append(timed(build_command(ours_site), ours, work / f"build-ours-{size}.log"))
        # Not strict: hand-written pages link to files only our hooks write (open data, feeds).
        base_runs.append(
            timed(build_command(base_site, strict=False), base, work / f"build-baseline-{size}.log")
        )
    for _run in range(runs):
        check_runs.append(timed(VALIDATE, ours, work / f"check-{size}.log", PYTHONPATH="hooks"))
    ours_result = {**summary(ours_runs), **site_facts(ours_site)}
    base_result = {**summary(base_runs), **site_facts(base_site)}
    ours_result["ms_per_page"] = 1000 * ours_result["wall"] / ours_result["pages"]
    base_result["ms_per_page"] = 1000 * base_result["wall"] / base_result["pages"]
    return {
        "size": size,
        "source": str(ours),
        "site": str(ours_site),
        "slugs": slugs,
        "ours": ours_result,
        "baseline": base_result,
        "ratio": ours_result["wall"] / base_result["wall"],
        "cpu_ratio": ours_result["cpu"] / base_result["cpu"],
        "validation": summary(check_runs),
    }


# -----------------------------------------------------------------------------
# make serve: from saving a file to the page having changed, per kind of edit
# -----------------------------------------------------------------------------

# Seconds of quiet after each edit and its restoring rebuild, before the next edit.
IDLE_BETWEEN_EDITS = 0.5
# Issue 16's figure is the median over these three kinds; "docs" (a hand-written page) is reported beside it.
RELOAD_KINDS = ("initiative", "partner", "label")
DOCS_PAGE = ("docs/bakgrund.md", "bakgrund/")
# What the figures include besides the build, from MkDocs' LiveReloadServer
# (mkdocs/livereload/__init__.py) as tools/serve.py sets it up: the system reports
# the save (watchdog's native observer) and the server waits 0.05 s for more changes.
WATCHER_NOTE = (
    "`make serve` is told of a save by the system as it happens (`mkdocs serve` polls every 0.5 s) "
    "and then waits 0.05 s for more changes, so about 0.07 s of every save → page figure (with "
    "the page's fetch) is not the build's."
)
# MkDocs' log of each rebuild under `make serve`: it starts with _DETECTED and
# ends with _RELOADED, or _FAILED; _BUILT gives the build's own time.
_DETECTED = "Detected file changes"
_RELOADED = "Reloading browsers"
_FAILED = "An error happened during the rebuild"
_BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_until(condition, timeout: float, step: float = 0.015) -> float:
    """Poll ``condition`` until true; the seconds waited."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise SystemExit(f"timed out after {timeout} s")
        time.sleep(step)
    return time.perf_counter() - start


def spread(values: list[float]) -> dict | None:
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


# --- What to edit: found in the content, whichever entries it has ----------------


@dataclass
class Edit:
    """One kind of edit: which file, where the marker goes, which page must show it."""

    kind: str
    file: str  # relative to the copy of the repository
    url: str  # site-relative, as served
    insert: Callable[[str, str], str]  # (file's text, marker) -> edited text
    what: str  # said in the results


def scalar_insert(keys: tuple[str, ...]) -> Callable[[str, str], str]:
    """Put ``marker`` and a space at the start of the text at ``keys`` in a YAML
    file, written as the file writes it (plain, quoted, ``|`` or ``>`` block)."""

    def insert(text: str, marker: str) -> str:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        for key in keys:
            node = next(v for k, v in node.value if k.value == key)
        if node.style in ("|", ">"):
            # The first line of the block's content, after its indentation.
            line_end = text.index("\n", node.start_mark.index) + 1
            while not text[line_end : text.index("\n", line_end)].strip():
                line_end = text.index("\n", line_end) + 1
            at = line_end + len(text[line_end:]) - len(text[line_end:].lstrip(" "))
        elif node.style in ('"', "'"):
            at = node.start_mark.index + 1
        else:
            at = node.start_mark.index
        return f"{text[:at]}{marker} {text[at:]}"

    return insert


def paragraph_append(text: str, marker: str) -> str:
    """Add the sentence ``marker.`` at the end of the first paragraph of prose
    in a Markdown page (after any front matter; not a heading, list or block)."""
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        start = lines.index("---", 1) + 1
    for n in range(start, len(lines)):
        line = lines[n].strip()
        ends = n + 1 == len(lines) or not lines[n + 1].strip()
        if line and ends and line[0].isalpha():
            lines[n] = f"{lines[n].rstrip()} {marker}."
            return "\n".join(lines)
    raise ValueError("no paragraph of prose found")


def plan_edits(source: Path) -> tuple[dict[str, Edit], dict[str, str], int]:
    """The edit of each kind for the content in ``source``, why a kind has none,
    and how many initiatives `make serve` shows.

    Read with the content model as `make serve` reads it (drafts shown): the
    first initiative and partner by slug; the term of a theme or municipality
    used by the fewest initiatives (but at least one), shown on the first
    initiative that uses it. The term's own page is not the one checked: its
    address may come from the label being edited."""
    if str(ROOT / "hooks") not in sys.path:
        sys.path.insert(0, str(ROOT / "hooks"))
    from site_content import routes
    from site_content.loader import ContentPaths, load_content

    content = load_content(ContentPaths.under(source, source / "docs"), include_drafts=True)
    edits, skipped = {}, {}
    initiatives = sorted(content.initiatives.values(), key=lambda i: i.slug)
    described = [i for i in initiatives if i.description]
    if described:
        first = described[0]
        edits["initiative"] = Edit(
            "initiative",
            first.source,
            routes.initiative("sv", first.slug),
            scalar_insert(("description", "sv")),
            f"description of {first.slug}",
        )
    else:
        skipped["initiative"] = "no initiative with a description"
    partners = sorted(content.partners.values(), key=lambda p: p.slug)
    if partners:
        edits["partner"] = Edit(
            "partner",
            partners[0].source,
            routes.partner("sv", partners[0].slug),
            scalar_insert(("description", "sv")),
            f"description of {partners[0].slug}",
        )
    else:
        skipped["partner"] = "no partner"
    users: dict[tuple[str, str], list] = {}
    for item in initiatives:
        for term in (*item.themes, *item.municipalities):
            users.setdefault((term.vocabulary, term.key), []).append(item)
    if users:
        (vocabulary, key), shown_on = min(users.items(), key=lambda u: (len(u[1]), u[0]))
        file = f"content/vocabulary/{vocabulary.replace('_', '-')}.yml"
        edits["label"] = Edit(
            "label",
            file,
            routes.initiative("sv", shown_on[0].slug),
            scalar_insert((key, "label", "sv")),
            f"label of {vocabulary} {key} (used by {len(shown_on)}), on {shown_on[0].slug}",
        )
    else:
        skipped["label"] = "no theme or municipality used by an initiative"
    if (source / DOCS_PAGE[0]).is_file():
        edits["docs"] = Edit("docs", DOCS_PAGE[0], DOCS_PAGE[1], paragraph_append, DOCS_PAGE[0])
    else:
        skipped["docs"] = f"no {DOCS_PAGE[0]}"
    return edits, skipped, len(initiatives)


# --- The server and the edits ---------------------------------------------------


class Serve:
    """`make serve` (tools/serve.py) on a free port in ``source``, its output in ``logfile``."""

    def __init__(self, source: Path, logfile: Path) -> None:
        self.port = free_port()
        self.logfile = logfile
        self._out = open(logfile, "wb")  # noqa: SIM115 - closed in stop()
        command = [sys.executable, str(ROOT / "tools" / "serve.py"), "127.0.0.1", str(self.port)]
        self.process = subprocess.Popen(
            command,
            cwd=source,
            env=ENVIRONMENT,
            stdout=self._out,
            stderr=subprocess.STDOUT,
            # Ctrl-C stops it and it cleans up, even when this runs in the background
            # (where the shell has told children to ignore it).
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def output(self) -> str:
        if self.process.poll() is not None:  # rather than waiting for a page that never comes
            raise SystemExit(f"make serve stopped:\n{self.logfile.read_text(errors='replace')[-3000:]}")
        return self.logfile.read_text(errors="replace")

    def rebuilds(self) -> list[float | None]:
        """Each finished rebuild after the first build: its seconds as logged
        (None if it failed, or if the line is missing)."""
        finished = []
        for part in self.output().split(_DETECTED)[1:]:
            if _RELOADED in part or _FAILED in part:
                built = _BUILT.search(part)
                finished.append(float(built.group(1)) if built and _FAILED not in part else None)
        return finished

    def failed(self) -> int:
        """Rebuilds that failed (the server may have stopped since)."""
        return self.logfile.read_text(errors="replace").count(_FAILED)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._out.close()


def edit_once(server: Serve, source: Path, edit: Edit, marker: str) -> dict:
    """Save ``edit`` with ``marker``; time until the page shows it; restore the file
    and wait for that rebuild too, and ``IDLE_BETWEEN_EDITS``, so that the next edit
    starts from quiet."""
    path = source / edit.file
    original = path.read_text(encoding="utf-8")
    edited = edit.insert(original, marker)
    url = server.url(edit.url)
    before = len(server.rebuilds())
    start = time.perf_counter()
    path.write_text(edited, encoding="utf-8")
    try:
        wait_until(lambda: marker in (fetch(url) or ""), timeout=900)
        changed = time.perf_counter() - start
        # The rebuild may still be writing other pages when this one has changed.
        wait_until(lambda: len(server.rebuilds()) > before, timeout=900)
        # The first rebuild since the save (a later one would be a second save's).
        built = next((b for b in server.rebuilds()[before:] if b is not None), None)
    finally:
        before = len(server.rebuilds())
        path.write_text(original, encoding="utf-8")
    wait_until(lambda: len(server.rebuilds()) > before and marker not in (fetch(url) or ""), timeout=900)
    # A moment without saves, as between two saves of a person reading the page
    # (when the server collects the builds' garbage: tools/serve.py).
    time.sleep(IDLE_BETWEEN_EDITS)
    return {"page_changed": changed, "built": built, "marker": marker}


def measure_reload(work: Path, source: Path, size: int | str, rounds: int) -> dict:
    """Each kind of edit ``rounds`` times under `make serve`, the kinds in turns."""
    edits, skipped, count = plan_edits(source)
    for kind, reason in skipped.items():
        log(f"{size}: no {kind} edit: {reason}")
    server = Serve(source, work / f"serve-{size}.log")
    measured: dict[str, list[dict]] = {kind: [] for kind in edits}
    try:
        log(f"{size}: make serve, first build")
        home = server.url("")
        first = wait_until(lambda: server.output() and fetch(home) is not None, timeout=1800, step=0.2)
        for run in range(rounds):
            for kind, edit in edits.items():
                # Saves fall anywhere in the watcher's 0.5 s polling period.
                time.sleep(0.3 + random.random() / 2)
                marker = f"Provtext{run}{kind[0]}{time.time_ns() % 10**12}"
                one = edit_once(server, source, edit, marker)
                measured[kind].append(one)
                built = f", build {one['built']:.2f} s" if one["built"] is not None else ""
                log(f"{size}: {kind} {run + 1}/{rounds}: page changed in {one['page_changed']:.2f} s{built}")
    finally:
        server.stop()
    kinds = {
        kind: {
            "file": edits[kind].file,
            "page": edits[kind].url,
            "edited": edits[kind].what,
            "edits": runs,
            "page_changed": spread([e["page_changed"] for e in runs]),
            "built": spread([e["built"] for e in runs if e["built"] is not None]),
        }
        for kind, runs in measured.items()
        if runs
    }
    pooled = [e["page_changed"] for kind in RELOAD_KINDS for e in measured.get(kind, [])]
    return {
        "size": size,
        "initiatives": count,
        "first_build_s": first,
        "kinds": kinds,
        "skipped": skipped,
        "reload": statistics.median(pooled) if pooled else None,
        "failed_rebuilds": server.failed(),
    }


# -----------------------------------------------------------------------------
# In Chromium: what each page downloads, and how fast the filters apply
# -----------------------------------------------------------------------------


# What GitHub Pages compresses: text of every kind, not images or fonts.
_COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as GitHub Pages does, for measuring what visitors get:
    gzip for text, ``Cache-Control: max-age=600``, ETag and Last-Modified (304 on a
    match), a slash added to folders by redirect, 404.html with status 404.
    Records each path requested and the bytes its body took on the wire."""

    requested: list[str] = []
    sent: dict[str, int] = {}

    def do_GET(self):  # noqa: N802 - the standard library's name
        self._serve(body=True)

    def do_HEAD(self):  # noqa: N802 - the standard library's name
        self._serve(body=False)

    def _serve(self, body: bool) -> None:
        url_path = self.path.split("?")[0].split("#")[0]
        type(self).requested.append(url_path)
        path = Path(self.translate_path(url_path))
        if path.is_dir():
            if not url_path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
        data = path.read_bytes()
        stat = path.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        if status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            return
        content_type = self.guess_type(str(path))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        if content_type.startswith(_COMPRESSED):
            self.send_header("Vary", "Accept-Encoding")
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                data = gzip.compress(data, 6)
                self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        type(self).sent[url_path] = len(data)
        if body:
            self.wfile.write(data)

    def log_message(self, *args):
        pass


def serve_site(site: Path) -> tuple[http.server.ThreadingHTTPServer, type[PagesHandler], str]:
    handler = type("Handler", (PagesHandler,), {"requested": [], "sent": {}})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, handler, f"http://127.0.0.1:{httpd.server_address[1]}/"


def _file_for(site: Path, url_path: str) -> Path:
    path = site / url_path.lstrip("/")
    return path / "index.html" if url_path.endswith("/") else path


FILTER_SCRIPT = """
async () => {
  const form = document.getElementById("sis-filters");
  const list = document.getElementById("sis-catalogue");
  const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  const timings = [];
  async function measure(control, value, eventName) {
    await frame();
    const start = performance.now();
    control.value = value;
    control.dispatchEvent(new Event(eventName, { bubbles: true }));
    list.getBoundingClientRect();            // style and layout, as before a paint
    const applied = performance.now() - start;
    await frame();
    const painted = performance.now() - start;
    const shown = list.querySelectorAll(".sis-card").length;
    const matched = document.getElementById("sis-count").textContent;
    timings.push({ field: control.getAttribute("data-field"), value, applied, painted, shown, matched });
    control.value = "";
    control.dispatchEvent(new Event(eventName, { bubbles: true }));
  }
  for (let round = 0; round < 3; round++) {
    for (const select of form.querySelectorAll("select")) {
      const values = Array.from(select.options).map((o) => o.value).filter(Boolean).slice(0, 4);
      for (const value of values) await measure(select, value, "change");
    }
    const text = form.querySelector("input[data-field=text]");
    for (const word of ["förening", "grannar 7", "ingenting-sådant"]) await measure(text, word, "input");
  }
  return timings;
}
"""


def first_view_pages(result: dict) -> dict[str, str]:
    """The pages measured: both home pages and catalogues, an initiative, a partner."""
    slug = result["slugs"][len(result["slugs"]) // 2]
    partner = sorted(p.stem for p in (ROOT / "content" / "partners").glob("*.yml"))[0]
    return {
        "home": "",
        "home-en": "en/",
        "catalogue": "initiativ/",
        "catalogue-en": "en/initiatives/",
        "initiative": f"initiativ/{slug}/",
        "partner": f"samverkansparter/{partner}/",
    }


def measure_browser(result: dict, transfer: bool) -> dict:
    from playwright.sync_api import sync_playwright

    site = Path(result["site"])
    httpd, handler, base = serve_site(site)
    pages = first_view_pages(result)
    measured: dict = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            if transfer:
                measured["transfer"] = {}
                for name, url in pages.items():
                    context = browser.new_context()  # an empty cache for every page
                    page = context.new_page()
                    outside: list[str] = []
                    page.on(
                        "request",
                        lambda r, o=outside: o.append(r.url) if not r.url.startswith(base) else None,
                    )
                    handler.requested, handler.sent = [], {}
                    page.goto(base + url, wait_until="networkidle")
                    page.wait_for_timeout(1000)  # late requests: the search worker
                    files = {}
                    for path in dict.fromkeys(handler.requested):
                        data = _file_for(site, path).read_bytes() if path in handler.sent else b""
                        files[path] = {"bytes": len(data), "gzip": handler.sent.get(path, 0)}
                    measured["transfer"][name] = {
                        "url": url,
                        "gzip": sum(f["gzip"] for f in files.values()),
                        "bytes": sum(f["bytes"] for f in files.values()),
                        "files": files,
                        "third_party": outside,
                    }
                    context.close()
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            page.goto(base + pages["catalogue"])
            page.wait_for_selector("#sis-catalogue[data-state=ready]", state="attached")
            # The data file comes with the first filter; time the filters once it is in.
            page.focus("#sis-filter-text")
            page.wait_for_selector("#sis-filters[data-loaded]", state="attached")
            timings = page.evaluate(FILTER_SCRIPT)
            measured["filter"] = {
                "median_ms": statistics.median(t["applied"] for t in timings),
                "select_ms": statistics.median(t["applied"] for t in timings if t["field"] != "text"),
                "text_ms": statistics.median(t["applied"] for t in timings if t["field"] == "text"),
                "worst_ms": max(t["applied"] for t in timings),
                "to_next_frame_ms": statistics.median(t["painted"] for t in timings),
                "timings": timings,
            }
            context.close()
            browser.close()
    finally:
        httpd.shutdown()
    return measured


# -----------------------------------------------------------------------------
# Lighthouse (npm, pinned in package.json): scores per page, as a phone sees them
# -----------------------------------------------------------------------------

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def measure_lighthouse(result: dict, work: Path, runs: int) -> dict:
    """Lighthouse's mobile run (its default: a mid-range phone, slow 4G simulated)
    on each first-view page, served as GitHub Pages serves it; ``runs`` times
    each, the run of median performance kept (Lighthouse's own advice: its
    simulation scales what the machine's CPU took, so load elsewhere shows)."""
    httpd, _handler, base = serve_site(Path(result["site"]))
    scores = {}
    try:
        for name, url in first_view_pages(result).items():
            if name == "catalogue-en":
                continue  # the same page as the Swedish one, in other words
            log(f"{result['size']}: Lighthouse on /{url}, {runs} runs")
            measured = [
                lighthouse_run(base + url, work / f"lighthouse-{result['size']}-{name}.json")
                for _ in range(runs)
            ]
            measured.sort(key=lambda m: m["performance"])
            scores[name] = {
                "url": url,
                **measured[len(measured) // 2],
                "performance_runs": [m["performance"] for m in measured],
            }
    finally:
        httpd.shutdown()
    return scores


def lighthouse_run(url: str, report: Path) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        "--only-categories=" + ",".join(LIGHTHOUSE_CATEGORIES),
        "--chrome-flags=--headless=new --no-sandbox " + " ".join(CHROMIUM_ARGS),
    ]
    subprocess.run(
        command, env={**ENVIRONMENT, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True, timeout=600
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return {
        **{c: round(100 * (data["categories"][c]["score"] or 0)) for c in LIGHTHOUSE_CATEGORIES},
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        # Audits that count towards a category's score and were not passed.
        "failed": sorted(
            ref["id"]
            for category in data["categories"].values()
            for ref in category["auditRefs"]
            if ref.get("weight")
            and (audits[ref["id"]].get("score") is not None)
            and audits[ref["id"]]["score"] < 1
        ),
    }


# -----------------------------------------------------------------------------
# Budgets (issues 8, 15 and 16) and the report
# -----------------------------------------------------------------------------


# -----------------------------------------------------------------------------
# The test suite's tiers (issue 27): the editing loop and the whole suite
# -----------------------------------------------------------------------------

# What each make target may take on this 2-core machine when it is quiet.
TEST_TARGETS = {"test-fast": 30.0, "test": 180.0}


# A fixed single-core workload of pure Python, timed before each target: the same
# machine runs it slower when its host is busy, which load average does not show.
# QUIET_REFERENCE_S is the fastest it ran here, with nothing else running
# (2026-12-07; on an idle machine it took 1.65–2.8 s within a minute).
REFERENCE_CODE = "total = 0\nfor i in range(12_000_000):\n    total += i * i % 7"
QUIET_REFERENCE_S = 1.65


def reference_seconds() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", REFERENCE_CODE], check=True)
    return time.perf_counter() - start


def measure_tests(work: Path) -> dict:
    """Wall and CPU seconds of `make test-fast` and `make test`, with pytest's last line.

    A failed run is recorded, not raised: its time still says something."""
    measured = {}
    for target in TEST_TARGETS:
        logfile = work / f"make-{target}.log"
        load, reference = os.getloadavg()[0], reference_seconds()
        log(f"make {target} (load average {load:.1f}, reference workload {reference:.2f} s)")
        with open(logfile, "wb") as out:
            start = time.perf_counter()
            process = subprocess.Popen(
                ["make", "--no-print-directory", target], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
            )
            _pid, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
        lines = logfile.read_text("utf-8", errors="replace").strip().splitlines()
        measured[target] = {
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "returncode": os.waitstatus_to_exitcode(status),
            "outcome": lines[-1].strip("= ") if lines else "",
            "load_average_at_start": load,
            "reference_s": reference,
        }
        log(f"make {target}: {wall:.1f} s, {measured[target]['outcome']}")
    return measured


def tests_table(tests: dict) -> list[str]:
    if not tests:
        return []
    lines = [
        "",
        "The test suite's tiers (load average: other work on the machine slows wall times; reference: "
        "a fixed single-core Python loop timed just before, "
        f"{QUIET_REFERENCE_S:.2f} s at best on this machine — above that, the machine itself was "
        "slower than at its quietest):",
        "",
        "| target | wall (s) | CPU (s) | of its budget | load average | reference (s) | outcome |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for target, t in tests.items():
        reference = f"{t['reference_s']:.2f}" if "reference_s" in t else "–"
        lines.append(
            f"| make {target} | {t['wall']:.1f} | {t['cpu']:.1f} | {t['wall'] / TEST_TARGETS[target]:.2f}× "
            f"| {t['load_average_at_start']:.1f} | {reference} | {t['outcome']} |"
        )
    return lines


def budgets(results: dict) -> list[dict]:
    by_size = {r["size"]: r for r in results.get("sizes", [])}
    checks = []

    def check(name: str, value: float | None, limit: float, unit: str, at_least: bool = False) -> None:
        """A budget: ``value`` at most ``limit`` (at least, for scores)."""
        if value is not None:
            met = value >= limit if at_least else value <= limit
            checks.append({"budget": name, "value": value, "limit": limit, "unit": unit, "met": met})
            checks[-1]["at_least"] = at_least

    for size in (1000, 5000):
        if size in by_size:
            check(f"build / baseline at {size:,}", by_size[size]["ratio"], 1.10, "×")
            # CPU time: what the build costs whatever else the machine is doing.
            check(f"build / baseline at {size:,} (CPU time)", by_size[size]["cpu_ratio"], 1.10, "×")
    if 1000 in by_size and 5000 in by_size:
        check(
            "build time 5,000 / 1,000",
            by_size[5000]["ours"]["wall"] / by_size[1000]["ours"]["wall"],
            5.5,
            "×",
        )
        check(
            "build time 5,000 / 1,000 (CPU time)",
            by_size[5000]["ours"]["cpu"] / by_size[1000]["ours"]["cpu"],
            5.5,
            "×",
        )
    if 1000 in by_size:
        one = by_size[1000]
        check("validation / build at 1,000", one["validation"]["wall"] / one["ours"]["wall"], 0.10, "×")
        transfer = one.get("transfer", {})
        for name, limit in (("home", 150), ("initiative", 150)):
            if name in transfer:
                check(f"{name} page transferred at 1,000 (gzip)", transfer[name]["gzip"] / 1024, limit, "KB")
    # Issue 15: the catalogue's first view costs the same at any size, and its
    # filters answer within a frame at 5,000.
    for size, one in by_size.items():
        for name in ("catalogue", "catalogue-en"):
            if name in one.get("transfer", {}):
                check(
                    f"{name} first view at {size:,} (gzip, everything)",
                    one["transfer"][name]["gzip"] / 1024,
                    100,
                    "KB",
                )
    if 5000 in by_size and "filter" in by_size[5000]:
        check("filter applied at 5,000 in Chromium (median)", by_size[5000]["filter"]["median_ms"], 16, "ms")
        check("filter applied at 5,000 in Chromium (slowest)", by_size[5000]["filter"]["worst_ms"], 16, "ms")
    for size, one in by_size.items():
        for name, scores in one.get("lighthouse", {}).items():
            check(f"Lighthouse performance, {name} at {size:,}", scores["performance"], 95, "", at_least=True)
            for category in ("accessibility", "best-practices", "seo"):
                check(f"Lighthouse {category}, {name} at {size:,}", scores[category], 100, "", at_least=True)
            check(f"Lighthouse CLS, {name} at {size:,}", scores["cls"], 0.02, "")
    if 5000 in by_size:
        check("peak memory at 5,000", by_size[5000]["ours"]["peak_mb"], 1024, "MB")
    # Issue 16: from saving a file to the page having changed, under `make serve`.
    reloads = {r["size"]: r for r in results.get("reload", [])}
    if 1000 in reloads:
        check(
            "reload after one edit at 1,000 (median of initiative, partner, label edits)",
            reloads[1000]["reload"],
            1.0,
            "s",
        )
    if "real" in reloads:
        check("reload after one edit at the real size", reloads["real"]["reload"], 0.5, "s")
    # Issue 27: the editing loop and the whole suite, on a quiet machine.
    for target, limit in TEST_TARGETS.items():
        if target in results.get("tests", {}):
            check(f"make {target}", results["tests"][target]["wall"], limit, "s")
    return checks


def reload_table(reloads: list[dict]) -> list[str]:
    """Issue 16: per size and kind of edit, save → page changed and the build's own time."""
    if not reloads:
        return []

    def span(s: dict | None) -> str:
        return f"{s['median']:.2f} ({s['min']:.2f}–{s['max']:.2f})" if s else "–"

    lines = [
        "",
        "`make serve`, one edit at a time: seconds from saving the file to the page having changed, "
        "and the rebuild's own time as MkDocs logs it (median, min–max):",
        "",
        "| initiatives | edit | page checked | save → page changed (s) | build (s) |",
        "| --- | --- | --- | ---: | ---: |",
    ]
    for r in reloads:
        shown = "real" if r["size"] == "real" else f"{r['size']:,}"
        shown = f"{shown} ({r['initiatives']:,})" if r["size"] == "real" else shown
        for kind, k in r["kinds"].items():
            lines.append(
                f"| {shown} | {kind}: {k['edited']} | /{k['page']} | {span(k['page_changed'])} "
                f"| {span(k['built'])} |"
            )
        for kind, reason in r.get("skipped", {}).items():
            lines.append(f"| {shown} | {kind}: not measured ({reason}) | | | |")
    lines.append("")
    for r in reloads:
        if r["reload"] is not None:
            edits = sum(len(r["kinds"][k]["edits"]) for k in RELOAD_KINDS if k in r["kinds"])
            shown = "the real content" if r["size"] == "real" else f"{r['size']:,} initiatives"
            lines.append(
                f"- {shown}: median of the {edits} initiative, partner and label edits "
                f"{r['reload']:.2f} s; first build {r['first_build_s']:.1f} s"
                + (f"; {r['failed_rebuilds']} rebuilds failed" if r.get("failed_rebuilds") else "")
            )
    return [*lines, "", WATCHER_NOTE]


def markdown(results: dict) -> str:
    lines = [
        f"# Benchmark, {results['date']}",
        "",
        f"{results['machine']}, load average {results['load_average_at_start'][1]:.1f} at the start "
        f"and {results['load_average_at_end'][1]:.1f} at the end (other work on the machine slows "
        "wall times).",
    ]
    if results.get("sizes"):
        lines += [
            "",
            f"Builds: median of {results['runs']} runs; "
            "ours = MkDocs with our hooks, baseline = plain MkDocs, same pages as Markdown files.",
            "",
            "| initiatives | pages | ours (s) | baseline (s) | ours / baseline | CPU ratio "
            "| ms per page | peak MB | validation (s) |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
    for r in results.get("sizes", []):
        lines.append(
            f"| {r['size']:,} | {r['ours']['pages']:,} | {r['ours']['wall']:.2f} "
            f"| {r['baseline']['wall']:.2f} "
            f"| {r['ratio']:.2f} | {r['cpu_ratio']:.2f} | {r['ours']['ms_per_page']:.2f} "
            f"| {r['ours']['peak_mb']:.0f} | {r['validation']['wall']:.2f} |"
        )
    lines += reload_table(results.get("reload", []))
    lines += tests_table(results.get("tests", {}))
    extra = []
    for r in results.get("sizes", []):
        if "transfer" in r:
            sizes = ", ".join(f"{name} {t['gzip'] / 1024:.0f} KB" for name, t in r["transfer"].items())
            extra.append(f"- {r['size']:,}: transferred (gzip, all assets): {sizes}")
        if "filter" in r:
            f = r["filter"]
            extra.append(
                f"- {r['size']:,}: filter applied in Chromium: median {f['median_ms']:.1f} ms (select "
                f"{f['select_ms']:.1f} ms, text {f['text_ms']:.1f} ms), slowest {f['worst_ms']:.1f} ms "
                "(median to next frame "
                f"{f['to_next_frame_ms']:.1f} ms)"
            )
    for r in results.get("sizes", []):
        if r.get("lighthouse"):
            extra += [
                "",
                f"Lighthouse 12, mobile, at {r['size']:,} initiatives (served with gzip and cache headers "
                "as GitHub Pages serves them):",
                "",
                "| page | performance (runs) | accessibility | best practices | SEO | CLS "
                "| LCP (ms) | TBT (ms) |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            ]
            for name, sc in r["lighthouse"].items():
                extra.append(
                    f"| {name} (/{sc['url']}) | {sc['performance']} "
                    f"({', '.join(str(n) for n in sc.get('performance_runs', []))}) | {sc['accessibility']} "
                    f"| {sc['best-practices']} | {sc['seo']} | {sc['cls']:.3f} | {sc['lcp_ms']:.0f} "
                    f"| {sc['tbt_ms']:.0f} |"
                )
    lines += ["", *extra, "", "| budget | measured | limit | met |", "| --- | ---: | ---: | :---: |"]
    for c in results["budgets"]:
        lines.append(
            f"| {c['budget']} | {c['value']:.2f} {c['unit']} "
            f"| {'≥ ' if c.get('at_least') else ''}{c['limit']:g} {c['unit']} "
            f"| {'yes' if c['met'] else '**no**'} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="catalogue sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="builds per size (the median is reported)")
    parser.add_argument(
        "--serve-sizes",
        default="1000",
        help='sizes to time `make serve` reloads at, the real content too ("": none)',
    )
    parser.add_argument("--serve-edits", type=int, default=3, help="edits of each kind per size")
    parser.add_argument(
        "--reload-only",
        action="store_true",
        help="only the `make serve` reloads (the real content and --serve-sizes): no builds, no browser",
    )
    parser.add_argument("--no-tests", action="store_true", help="do not time make test-fast and make test")
    parser.add_argument(
        "--tests-only", action="store_true", help="only time make test-fast and make test (make bench-tests)"
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument(
        "--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (median kept)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--report", type=Path, help="only write the table again from a results JSON")
    args = parser.parse_args()
    if args.report:
        results = json.loads(args.report.read_text(encoding="utf-8"))
        results["budgets"] = budgets(results)
        args.report.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
        args.report.with_suffix(".md").write_text(markdown(results), encoding="utf-8")
        print(markdown(results))
        return
    only = args.reload_only or args.tests_only
    sizes = [] if only else [int(s) for s in args.sizes.split(",") if s]
    serve_sizes = [] if args.tests_only else [int(s) for s in args.serve_sizes.split(",") if s]
    browser = not args.no_browser and not only and os.path.exists(CHROMIUM)
    if not browser and not only:
        log(f"no Chromium at {CHROMIUM} (or --no-browser): transfer and filter not measured")
    lighthouse = browser and not args.no_lighthouse and LIGHTHOUSE.exists()
    if browser and not lighthouse:
        log(f"no Lighthouse at {LIGHTHOUSE} (npm ci) or --no-lighthouse: no scores")

    work = Path(tempfile.mkdtemp(prefix="sis-bench-"))
    log(f"working in {work}")
    results = {
        "load_average_at_start": os.getloadavg(),
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "runs": args.runs,
        "sizes": [],
        "reload": [],
    }
    try:
        if serve_sizes or args.reload_only:
            real = work / "real"
            prepare_real(real)
            results["reload"].append(measure_reload(work, real, "real", args.serve_edits))
        for size in sizes:
            result = measure_builds(work, size, args.runs)
            log(
                f"{size}: ours {result['ours']['wall']:.2f} s, baseline {result['baseline']['wall']:.2f} s, "
                f"ratio {result['ratio']:.2f}; {result['ours']['pages']} pages"
            )
            if size in serve_sizes:
                results["reload"].append(measure_reload(work, Path(result["source"]), size, args.serve_edits))
            if browser:
                result.update(measure_browser(result, transfer=True))
            if lighthouse:
                result["lighthouse"] = measure_lighthouse(result, work, args.lighthouse_runs)
            for key in ("slugs", "source", "site"):
                result.pop(key)
            results["sizes"].append(result)
        for size in serve_sizes:
            if size not in sizes:  # not built above: a catalogue of its own
                source = work / f"ours-{size}"
                prepare_ours(source, size)
                results["reload"].append(measure_reload(work, source, size, args.serve_edits))
        if not (args.no_tests or args.reload_only):
            results["tests"] = measure_tests(work)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    results["load_average_at_end"] = os.getloadavg()
    results["budgets"] = budgets(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.reload_only:
        name = "reload-" + "-".join(["real", *map(str, serve_sizes)])
    elif args.tests_only:
        name = "tests"
    else:
        name = "bench-" + "-".join(str(s) for s in sizes)
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    table = markdown(results)
    (RESULTS / f"{name}.md").write_text(table, encoding="utf-8")
    print()
    print(table)
    print(f"Written: bench/results/{name}.json and .md")


if __name__ == "__main__":
    main()
