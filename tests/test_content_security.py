"""Hostile content is harmless: the Content-Security-Policy of every page
(hooks/content_security.py) and what the built pages may hold.

Over every HTML file of the real site and the showcase (pages, 404, redirect
pages): exactly one policy, first in <head>; its script hashes are exactly
those of the page's inline scripts that a browser runs; no 'unsafe-inline' or
'unsafe-eval' for scripts; no on… attribute, no javascript: address. In the
browser (conftest.py's open_page fails any test whose page breaks its policy):
a script added to a built page does not run, and the violation is seen.
Content that tries the same stops the build (tests/bad_content for the exact
messages, tests/test_markup.py for the sanitiser itself).
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from pathlib import Path

import pytest
from lxml import html

from conftest import FIXTURES, ROOT, copy_repository, run_build
from content_security import UnknownScript, known_scripts, policy, script_patterns, with_policy

EXECUTABLE = {None, "", "text/javascript", "application/javascript", "module"}
SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)


def html_files(site) -> list[Path]:
    return sorted(site.root.rglob("*.html"))


def directives(content: str) -> dict[str, list[str]]:
    parsed = {}
    for part in content.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def check_page(path: Path) -> list[str]:
    """What is wrong with the policy or the markup of one built file."""
    source = path.read_text(encoding="utf-8")
    tree = html.document_fromstring(source)
    faults = []
    metas = tree.xpath("//meta[translate(@http-equiv, 'CSP', 'csp')='content-security-policy']")
    if len(metas) != 1:
        return [f"{len(metas)} policies"]
    head = tree.find("head")
    if metas[0].getparent() is not head or head.index(metas[0]) != 1:
        faults.append("the policy is not right after <meta charset> in <head>")
    policy_ = directives(metas[0].get("content"))
    scripts = policy_.get("script-src", [])
    if scripts[:1] != ["'self'"] or {"'unsafe-inline'", "'unsafe-eval'"} & set(scripts):
        faults.append(f"script-src {scripts}")
    inline = {
        sha256(script.text or "")
        for script in tree.iter("script")
        if script.get("src") is None and (script.get("type") or "").lower() in EXECUTABLE
    }
    if set(scripts[1:]) != inline:
        faults.append(f"hashes {sorted(set(scripts[1:]))} but inline scripts {sorted(inline)}")
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                faults.append(f"<{element.tag} {name}=…>")
            # Material's search share button carries href="javascript:void(0)"
            # until a query gives it an address; its script cancels the click.
            share = value == "javascript:void(0)" and "md-search__icon" in element.get("class", "")
            if name in ("href", "src", "action", "formaction") and SCRIPT_URL.match(value) and not share:
                faults.append(f"<{element.tag} {name}={value!r}>")
    return faults


@pytest.mark.parametrize("site_name", ["real_site", "showcase_site"])
def test_every_page_has_one_strict_policy_that_fits_its_scripts(request, site_name):
    site = request.getfixturevalue(site_name)
    files = html_files(site)
    assert len(files) > 20
    names = {path.relative_to(site.root).as_posix() for path in files}
    assert "404.html" in names and "index.html" in names and "en/index.html" in names
    faults = {path.relative_to(site.root).as_posix(): check_page(path) for path in files}
    assert {name: found for name, found in faults.items() if found} == {}


def test_the_policy_is_strict():
    parsed = directives(policy("<html><head><meta charset='utf-8'></head></html>", []))
    assert parsed == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }


def test_only_inline_scripts_that_run_are_hashed_and_a_page_gets_one_policy():
    page = (
        '<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
        "<script>a()</script><script type='module'>b()</script>"
        '<script src="x.js"></script><script type="application/ld+json">{"a": 1}</script>'
        '<script id="__config" type="application/json">{}</script></head><body></body></html>'
    )
    known = script_patterns("<script>a()</script>\n<script>b()</script>")
    once = with_policy(page, known)
    assert with_policy(once, known) == once
    assert once.count("Content-Security-Policy") == 1
    assert directives(policy(page, known))["script-src"] == [
        "'self'",
        *sorted({sha256("a()"), sha256("b()")}),
    ]
    assert check_page_text(once) == []
    tampered = once.replace("a()", "a(1)")
    assert check_page_text(tampered) != [], "the check over built pages cannot fail"


def check_page_text(text: str) -> list[str]:
    path = Path(__file__).parent / ".csp-check.html"
    try:
        path.write_text(text, encoding="utf-8")
        return check_page(path)
    finally:
        path.unlink()


# --- In the browser ----------------------------------------------------------


@pytest.fixture
def tampered_page(showcase_site):
    """(address, HTML): a copy of a built page with script written into it after the build.

    The browser gets it through its routing: the site's folder, which the tests running
    beside this one read, stays as it was built."""
    source = (showcase_site.root / "bakgrund" / "index.html").read_text(encoding="utf-8")
    planted = (
        "<script>window.__pwned = 1</script>"
        '<img src="../assets/images/sis-icon.svg" alt="" onload="window.__pwnedByHandler = 1">'
        '<a id="prov-lank" href="javascript:window.__pwnedByLink = 1">länk</a>'
    )
    return "prov-csp/", source.replace("</body>", planted + "</body>")


def test_a_script_added_to_a_built_page_does_not_run(open_page, server, tampered_page):
    url, body = tampered_page
    page = open_page()
    page.route(server + url, lambda route: route.fulfill(content_type="text/html; charset=utf-8", body=body))
    page.goto(server + url)
    page.click("#prov-lank")
    page.wait_for_function("() => document.readyState === 'complete'")
    ran = page.evaluate("[window.__pwned, window.__pwnedByHandler, window.__pwnedByLink]")
    assert ran == [None, None, None]
    # The page's own scripts ran: Material drew the header's search.
    assert page.locator(".md-search__input").count() == 1
    assert page.evaluate("typeof __md_get") == "function"
    seen = list(page.policy_violations)
    page.policy_violations.clear()  # seen on purpose: the fixture must not fail the test
    assert any("script-src" in text and "inline" in text for text in seen), seen
    assert len([text for text in seen if not text.startswith("console:")]) >= 3, seen


# --- Content that tries it does not get built ---------------------------------


def test_hostile_content_stops_the_build(tmp_path):
    source = copy_repository(tmp_path / "repo")
    shutil.rmtree(source / "content" / "initiatives")
    shutil.copytree(FIXTURES / "initiatives", source / "content" / "initiatives")
    hostile = Path(__file__).parent / "bad_content" / "initiatives"
    cases = ("attributlista-med-handelse.yml", "javascript-med-tabb.yml", "bild-fran-annan-webbplats.yml")
    for name in cases:
        shutil.copy2(hostile / name, source / "content" / "initiatives" / name)
    result = run_build(source, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "attributlista-med-handelse.yml:10:7 (fält description.sv): Attributet onmouseover=" in output
    assert "javascript-med-tabb.yml:10:7 (fält description.sv): Länken till 'java\\tscript:" in output
    assert "bild-fran-annan-webbplats.yml:10:7 (fält description.sv): En bild" in output
    assert not (tmp_path / "site" / "initiativ" / "javascript-med-tabb").exists()


def test_the_preview_lets_its_live_reload_script_run_and_a_build_never_does():
    page = '<html><head><meta charset="utf-8"><script>a()</script></head><body></body></html>'
    assert directives(policy(page, [], serving=True))["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-inline'" not in policy(page, script_patterns("<script>a()</script>"))


# --- Only the inline scripts our templates write are hashed ---------------------


def test_an_inline_script_no_template_writes_is_refused_not_hashed():
    known = script_patterns("<script>a()</script>")
    page = '<html><head><meta charset="utf-8"><script>a()</script></head><body>{}</body></html>'
    assert "sha256" in policy(page.format(""), known)
    for planted in (
        "<script>alert(1)</script>",
        "<SCRIPT type=module>a();b()</SCRIPT>",
        "<script>a() </script>",
    ):
        with pytest.raises(UnknownScript):
            policy(page.format(planted), known)
    # Data is never run, so never refused: JSON and JSON-LD.
    assert policy(page.format('<script type="application/ld+json">{"a": "</p>"}</script>'), known)


def test_a_template_value_in_a_script_can_only_be_a_string():
    quoted, as_json = script_patterns(
        '<script>go("{{ base_url }}",1)</script><script>to({{ href | tojson }} + x)</script>'
    )
    assert quoted.fullmatch('go("../..",1)') and quoted.fullmatch('go("",1)')
    assert not quoted.fullmatch('go("",alert(1),"",1)') and not quoted.fullmatch('go("\\",1)')
    assert as_json.fullmatch('to("../bakgrund/" + x)') and as_json.fullmatch('to("\\u00e5/" + x)')
    assert not as_json.fullmatch("to(alert(1) + x)") and not as_json.fullmatch('to("a"+alert(1)+"b" + x)')
    for unbounded in ("<script>go({{ base_url }})</script>", "<script>{% if x %}a(){% endif %}</script>"):
        with pytest.raises(ValueError):
            script_patterns(unbounded)


def test_the_known_scripts_are_read_from_the_templates_a_build_uses():
    import jinja2
    import material

    themes = [str(ROOT / "overrides"), str(Path(material.__file__).parent / "templates")]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(themes))
    patterns = known_scripts(env)
    assert len(patterns) >= 7
    assert any(p.fullmatch('location.replace("../x/" + location.search + location.hash)') for p in patterns)
    assert any(p.pattern.startswith(r"__md_scope=new\ URL") for p in patterns)
