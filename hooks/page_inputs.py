"""What a hand-written page with a view or template shows of the content, declared by
the module that makes the page, next to it.

The preview (preview_cache.py) builds such a page again only when what it shows has
changed; it asks here, and knows nothing of any particular page. A declaration is a
function ``(content, lang, digests) -> list``: ``digests`` names entries as the preview
compares them (``card``, ``partner``, ``partner_reach``, ``term``, ``page_of``,
``facets``). A view or template that declares nothing is compared on all the content.
"""

from __future__ import annotations

from collections.abc import Callable

Inputs = Callable[..., list]

_DECLARED: dict[tuple[str, str], Inputs] = {}


def declare(kind: str, name: str) -> Callable[[Inputs], Inputs]:
    """Register what the page whose front matter has ``kind: name`` (view or template) shows."""

    def register(inputs: Inputs) -> Inputs:
        _DECLARED[kind, name] = inputs
        return inputs

    return register


def declared(meta: dict) -> tuple[str, Inputs] | None:
    """The declaration for a page's front matter (its view, else its template), if any."""
    for kind in ("view", "template"):
        name = meta.get(kind)
        if isinstance(name, str) and (kind, name) in _DECLARED:
            return name, _DECLARED[kind, name]
    return None
