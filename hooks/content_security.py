"""A strict Content-Security-Policy in every page, as a <meta> element.

GitHub Pages sends no headers of our choosing, so the policy is written into
each page's <head>, first after <meta charset>: a policy only governs what
follows it. Scripts run only from the site's own files and from the inline
scripts our templates write, each allowed by the SHA-256 hash of its exact
text (Material's few: ``__md_scope``, the palette, tabs; a redirect page's
one line). Which inline scripts those are is read from the templates
themselves (``SCRIPT_TEMPLATES``, at the start of each build): an inline
script in a page that none of them writes (whatever route it took) is not
hashed but stops the build. An ``on…`` attribute or a ``javascript:`` link
does not run. tests/test_content_security.py checks every page of every build.
"""

from __future__ import annotations

import base64
import hashlib
import re

# -----------------------------------------------------------------------------
# The policy
# -----------------------------------------------------------------------------

POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),  # plus one hash per inline script of the page
    # Material and our scripts set styles through the DOM (element.style),
    # which a policy does not govern; no page has an inline style or <style>.
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),  # data: for the icons Material draws from its CSS
    ("font-src", "'self'"),
    # The search index, the catalogue's data and the map's outlines.
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),  # Material's search worker, a file of the site
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    # No form of ours sends anything anywhere (the palette is a form; /tipsa/
    # opens a mailto: address from its script, not by submitting).
    ("form-action", "'self'"),
    # frame-ancestors is left out: browsers ignore it in a <meta> policy.
)

# An inline script: no src, and a type a browser runs (none, JavaScript, module).
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_EXISTING = re.compile(r"\s*<meta\s+http-equiv=\"Content-Security-Policy\"[^>]*>", re.IGNORECASE)


# The templates whose inline scripts a page may carry: Material's (base.html
# includes them) and our redirect page's. Each script's text is the template's,
# with each {{ value }} a JSON string (| tojson) or text inside quotes that
# cannot leave them (material-internals.yml).
SCRIPT_TEMPLATES = (
    "partials/javascripts/base.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/content.html",
    "partials/javascripts/announce.html",
    "partials/javascripts/outdated.html",
    "partials/javascripts/consent.html",
    "sis/redirect.html",
)
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_JINJA = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.DOTALL)
# What a value may become: a JSON string (\u escapes only), or text between quotes.
_JSON_STRING = r'"(?:[^"\\<>\n]|\\u[0-9a-fA-F]{4})*"'
_QUOTED_TEXT = r'[^"\\<>\n]*'


class UnknownScript(ValueError):
    """An inline script that none of ``SCRIPT_TEMPLATES`` writes."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(f"an inline script no template of ours writes: {text[:200]!r}")


def script_patterns(source: str, name: str = "template") -> list[re.Pattern]:
    """Each inline script of a template's ``source``, as the pattern its output matches."""
    patterns = []
    for script in _TEMPLATE_SCRIPT.finditer(source):
        parts = _JINJA.split(script.group(1))
        regex = ""
        for index, part in enumerate(parts):
            if index % 2 == 0:
                regex += re.escape(part)
            elif part.startswith("{#"):
                continue
            elif part.startswith("{{") and "tojson" in part:
                regex += _JSON_STRING
            elif (
                part.startswith("{{") and parts[index - 1].endswith('"') and parts[index + 1].startswith('"')
            ):
                regex += _QUOTED_TEXT
            else:  # a statement, or a value that could be code: no pattern can bound it
                raise ValueError(f"{name}: an inline script whose text this module cannot bound: {part}")
        patterns.append(re.compile(regex, re.DOTALL))
    return patterns


def known_scripts(env) -> list[re.Pattern]:
    """The inline scripts our templates write, read from the templates the build uses."""
    patterns = []
    for name in SCRIPT_TEMPLATES:
        source, _filename, _uptodate = env.loader.get_source(env, name)
        patterns += script_patterns(source, name)
    return patterns


def inline_scripts(html: str) -> list[str]:
    """The exact text of every inline script in ``html`` that a browser would run."""
    scripts = []
    for match in _SCRIPT.finditer(html):
        attributes, text = match.group(1), match.group(2)
        if _SRC.search(attributes):
            continue
        kind = _TYPE.search(attributes)
        if kind and kind.group(1).lower() not in EXECUTABLE_TYPES:
            continue  # data (application/json, application/ld+json): never run
        scripts.append(text)
    return scripts


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(html: str, known: list[re.Pattern], serving: bool = False) -> str:
    """The policy for ``html``: its inline scripts hashed, each one ``known`` writes.

    Raises UnknownScript for any other inline script. ``serving``: `mkdocs serve`
    adds an inline live-reload script to each page as it sends it, different
    every time; the preview allows inline scripts (with no hashes, which would
    switch 'unsafe-inline' off). Never in a build.
    """
    if serving:
        hashes = ["'unsafe-inline'"]
    else:
        scripts = inline_scripts(html)
        for text in scripts:
            if not any(pattern.fullmatch(text) for pattern in known):
                raise UnknownScript(text)
        hashes = sorted({script_hash(text) for text in scripts})
    parts = []
    for directive, sources in POLICY:
        if directive == "script-src" and hashes:
            sources = " ".join([sources, *hashes])
        parts.append(f"{directive} {sources}")
    return "; ".join(parts)


def with_policy(html: str, known: list[re.Pattern], serving: bool = False) -> str:
    """``html`` with its policy as the first element after <meta charset> (once)."""
    html = _EXISTING.sub("", html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, known, serving)}">'
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        return html  # not a page (a fragment): nothing to protect
    return html[: anchor.end()] + "\n  " + meta + html[anchor.end() :]
