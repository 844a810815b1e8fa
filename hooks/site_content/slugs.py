"""Slugs: the lowercase a–z, 0–9 and hyphen names used in file names and URLs.

Every slug and every suggested file name comes from python-slugify (with
text-unidecode), as the design names: it transliterates what plain Unicode
decomposition drops ('Øresund' -> 'oresund', 'Straße' -> 'strasse').
"""

from __future__ import annotations

import re

from slugify import slugify as _library_slugify

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_valid_slug(text: str) -> bool:
    return bool(_SLUG.match(text))


def slugify(text: str) -> str:
    """'Östra Göinge' -> 'ostra-goinge', 'Ærø' -> 'aero'; '' when nothing is left."""
    return _library_slugify(str(text))


def fold_slug(text: str) -> str:
    """Fold å, ä, ö and the like so that 'malmö' and 'malmo' collide.

    python-slugify folds å and ä both to a, so uniqueness is checked on the
    folded form: two files whose names differ only there would get one address.
    """
    if is_valid_slug(text):  # slugify leaves a slug as it is; every file's name is checked, every load
        return text
    return slugify(text)
