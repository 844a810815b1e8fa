"""A strict Content-Security-Policy in every page, as a <meta> element.

GitHub Pages sends no headers of our choosing, so the policy is written into
each page's <head>, first after <meta charset>: a policy only governs what
follows it. Scripts run only from the site's own files and from the inline
scripts the page was built with, each allowed by the SHA-256 hash of its exact
text (Material's few: ``__md_scope``, the palette, tabs; a redirect page's
one line). An inline script added to a page later, an ``on…`` attribute or a
``javascript:`` link does not run. The hashes are computed here from each
page's final HTML, so a change in Material's templates cannot break the page
silently: tests/test_content_security.py checks every page of every build.
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


def policy(html: str, serving: bool = False) -> str:
    """The policy for ``html``: its own inline scripts hashed, nothing else inline.

    ``serving``: `mkdocs serve` adds an inline live-reload script to each page
    as it sends it, different every time; the preview allows inline scripts
    (with no hashes, which would switch 'unsafe-inline' off). Never in a build.
    """
    hashes = sorted({script_hash(text) for text in inline_scripts(html)})
    if serving:
        hashes = ["'unsafe-inline'"]
    parts = []
    for directive, sources in POLICY:
        if directive == "script-src" and hashes:
            sources = " ".join([sources, *hashes])
        parts.append(f"{directive} {sources}")
    return "; ".join(parts)


def with_policy(html: str, serving: bool = False) -> str:
    """``html`` with its policy as the first element after <meta charset> (once)."""
    html = _EXISTING.sub("", html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, serving)}">'
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        return html  # not a page (a fragment): nothing to protect
    return html[: anchor.end()] + "\n  " + meta + html[anchor.end() :]
