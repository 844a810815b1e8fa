"""Valid HTML where Material's templates are not.

Material puts ``autocomplete="off"`` on its checkbox toggles (menu, search) so
that Firefox does not restore their state when a visitor comes back to a page;
HTML allows the attribute on text-like inputs only, and the Nu Html Checker
(tests/test_html_valid.py) rejects it. Firefox may now show the menu or the
search still open after "back"; the page works either way.
"""

from __future__ import annotations

import re

_TOGGLE = re.compile(r'<input\b[^>]*\btype="(?:checkbox|radio)"[^>]*>')


def without_autocomplete(html: str) -> str:
    """The page with autocomplete="off" taken off every checkbox and radio button."""
    return _TOGGLE.sub(lambda match: match.group(0).replace(' autocomplete="off"', ""), html)
