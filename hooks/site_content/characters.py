"""Characters no published format can carry, and how they are named to a partner.

XML 1.0 (the Atom feeds, the sitemap) allows tab, line feed, carriage return
and everything from U+0020 except lone surrogates and U+FFFE/U+FFFF; RFC 5545
(the calendars) forbids the C0 controls but tab, and DEL; Python's csv reader
stops at NUL. YAML's reader refuses such characters written as they are, but
its escapes ("\\x01", "\\0", "\\uFFFE") make them all the same. The union, plus
the C1 controls (U+0080–U+009F, invisible and never meant in a text), is
refused in content (yamlsource) and removed from every feed, calendar and CSV
as a second guard.
"""

from __future__ import annotations

import re
import unicodedata

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# YAML's one-letter escapes, for naming the character as it was written.
_YAML_ESCAPES = {
    "\x00": "\\0",
    "\x07": "\\a",
    "\x08": "\\b",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\x1b": "\\e",
    "\x85": "\\N",
}
# Names of the controls people meet (unicodedata has none for controls).
_NAMES = {
    "\x00": "NUL",
    "\x0b": "VT",
    "\x0c": "FF",
    "\x1b": "ESC",
    "\x1c": "FS",
    "\x1d": "GS",
    "\x1e": "RS",
    "\x1f": "US",
    "\x7f": "DEL",
    "\x85": "NEL",
}


def first_forbidden(text: str) -> re.Match | None:
    return FORBIDDEN.search(text)


def without_forbidden(text: str) -> str:
    """``text`` with every forbidden character removed (the output guard)."""
    return FORBIDDEN.sub("", text) if FORBIDDEN.search(text) else text


def describe(character: str) -> str:
    """'U+0001', 'U+000B VT', 'U+FFFE': how a message names a forbidden character."""
    code = f"U+{ord(character):04X}"
    name = _NAMES.get(character) or unicodedata.name(character, "")
    return f"{code} {name}" if name else code


def yaml_escape(character: str) -> str:
    """The shortest YAML escape for ``character``: '\\0', '\\x01', '\\uFFFE'."""
    if character in _YAML_ESCAPES:
        return _YAML_ESCAPES[character]
    point = ord(character)
    return f"\\x{point:02X}" if point <= 0xFF else f"\\u{point:04X}"
