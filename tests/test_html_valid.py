"""Valid HTML: the Nu Html Checker finds no error on any page of the built sites.

The checker (vnu.jar from the npm package vnu-jar, pinned in package.json and
package-lock.json, installed by `npm ci`) runs on Java, once over every HTML
file of both builds, 404 and redirect pages included, and over one file with
a known fault, which proves that it reports what it finds.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CONTENT_SITES, ROOT, missing_tool

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Material's toggles before hooks/valid_html.py: a checkbox with autocomplete.
PLANTED = """<!doctype html>
<html lang="en"><head><title>planted</title></head>
<body><input type="checkbox" id="__drawer" autocomplete="off"></body></html>
"""


@pytest.fixture(scope="module")
def vnu_messages(real_site, edited_site, showcase_site, tmp_path_factory) -> dict[str, list[str]]:
    """Every message of the checker, by file."""
    java = shutil.which("java")
    if not java:
        missing_tool("Java not found: apt-get install default-jre-headless (see README)")
    if not VNU.is_file():
        missing_tool(f"vnu.jar not found at {VNU}: run 'npm ci' (make test does)")
    planted = tmp_path_factory.mktemp("vnu") / "planted.html"
    planted.write_text(PLANTED, "utf-8")
    sites = (real_site, edited_site, showcase_site)
    files = [planted, *(path for site in sites for path in sorted(site.root.rglob("*.html")))]
    # A run of seconds: the quick compiler alone (C1) halves the checker's CPU time; its
    # larger frames need a deeper stack than the checker's own 512k.
    quick = ["-XX:TieredStopAtLevel=1", "-Xss8m"]
    command = [java, *quick, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    # The report goes to stderr; the exit code is 1 when anything was found.
    report = json.loads(result.stderr)
    messages: dict[str, list[str]] = {str(file): [] for file in files}
    for message in report["messages"]:
        file = message.get("url", "").removeprefix("file:")
        where = f"{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"
        messages.setdefault(file, []).append(f"{message['type']} at {where}: {message['message']}")
    return messages


def test_the_checker_reports_a_planted_fault(vnu_messages):
    planted = next(messages for file, messages in vnu_messages.items() if file.endswith("planted.html"))
    assert len(planted) == 1 and "“autocomplete” is only allowed" in planted[0], planted


@pytest.mark.parametrize("site", [*CONTENT_SITES, "showcase_site"])
def test_every_page_is_valid_html(vnu_messages, site, request):
    root = request.getfixturevalue(site).root
    checked = {Path(file) for file in vnu_messages if Path(file).is_relative_to(root)}
    assert checked == set(root.rglob("*.html"))
    assert len(checked) > 20
    errors = [
        f"{Path(file).relative_to(root)}: {message}"
        for file in checked
        for message in vnu_messages[str(file)]
    ]
    assert not errors, "\n".join(errors)


def test_the_hook_takes_autocomplete_off_toggles_only():
    from valid_html import without_autocomplete

    page = (
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="radio" name="p" autocomplete="off">'
        '<input type="text" name="query" autocomplete="off">'
    )
    assert without_autocomplete(page) == (
        '<input class="md-toggle" type="checkbox" id="__drawer">'
        '<input type="radio" name="p">'
        '<input type="text" name="query" autocomplete="off">'
    )
