"""Slugs: the lowercase a–z, 0–9 and hyphen names used in file names and URLs."""

from __future__ import annotations

import re
import unicodedata

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_valid_slug(text: str) -> bool:
    return bool(_SLUG.match(text))


def slugify(text: str) -> str:
    """'Östra Göinge' -> 'ostra-goinge', as python-slugify does for Swedish."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def fold_slug(text: str) -> str:
    """Fold å, ä, ö and the like so that 'malmö' and 'malmo' collide."""
    return slugify(text)
