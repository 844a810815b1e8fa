"""Render page bodies with the templates in ``overrides/sis/views/``."""

from __future__ import annotations

import hashlib
import json

from jinja2 import Environment
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from site_content import Initiative, Partner, Term, routes
from site_content.model import Event, NewsItem
from site_content.routes import language_of
from site_state import View, state


def render_view(env: Environment, name: str, page: Page, **data) -> str:
    """Render ``sis/views/<name>.html`` for ``page`` with the build's content.

    ``page`` and ``base_url`` let MkDocs' ``url`` filter make links relative.
    """
    lang = language_of(page.url)
    template = env.get_template(f"sis/views/{name}.html")
    return template.render(
        page=page,
        base_url=get_relative_url(".", page.url),
        lang=lang,
        t=state.strings[lang],
        content=data.pop("content", state.content),
        repo_url=state.repo_url,
        routes=routes,
        pictures=state.pictures,
        **data,
    )


# -----------------------------------------------------------------------------
# While `mkdocs serve` runs: reuse bodies whose inputs did not change
# -----------------------------------------------------------------------------

# Source URI -> (digest of the body's inputs, body), from earlier builds of
# this `mkdocs serve` process; state.inputs_digest is empty in `mkdocs build`.
_bodies: dict[str, tuple[str, str]] = {}


class _Watched:
    """The content, noting whether a template looked beyond its own data."""

    def __init__(self, content) -> None:
        self._content = content
        self.used = False

    def __getattr__(self, name: str):
        self.used = True
        return getattr(self._content, name)


def render_generated(env: Environment, view: View, page: Page, html: str) -> str:
    """The body of a generated page, rendered again only when its inputs changed.

    Inputs: the view, the page's URL, the Markdown's HTML, the files every page
    depends on (``state.inputs_digest``: templates, strings, partners,
    vocabularies), and the entries the view shows, by the digests of their
    files. A template that reads the whole content makes all entries inputs.
    """
    if not state.inputs_digest:
        return render_view(env, view.name, page, html=html, **view.data)
    own = [state.inputs_digest, view.name, view.title, view.draft, page.url, html, fingerprint(view.data)]
    known = _bodies.get(page.file.src_uri)
    if known and known[0] in (_digest(own), _digest([*own, content_digest()])):
        return known[1]
    watched = _Watched(state.content)
    body = render_view(env, view.name, page, html=html, content=watched, **view.data)
    _bodies[page.file.src_uri] = (_digest([*own, content_digest()] if watched.used else own), body)
    return body


def fingerprint(value):
    """What of ``value`` a page shows, as digests of content files."""
    if isinstance(value, dict):
        return {key: fingerprint(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [fingerprint(item) for item in value]
    if isinstance(value, Initiative):
        return [value.digest, [other.digest for other in value.related], [n.digest for n in value.news]]
    if isinstance(value, Partner):
        return [
            value.digest,
            [initiative.digest for initiative in value.initiatives],
            [entry.digest for entry in [*value.events, *value.news]],
        ]
    if isinstance(value, Term):
        return [value.vocabulary, value.key]
    if isinstance(value, Event | NewsItem):
        return value.digest
    return repr(value)


def content_digest() -> str:
    if not state.content_digest:
        entries = [*state.content.initiatives.values(), *state.content.partners.values()]
        state.content_digest = _digest(sorted(entry.digest for entry in entries))
    return state.content_digest


def _digest(inputs) -> str:
    return hashlib.sha256(json.dumps(inputs, default=str).encode()).hexdigest()
