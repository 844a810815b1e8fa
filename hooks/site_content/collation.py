"""Alphabetical order as readers of each language expect it.

Python's default order puts "Ängelholm" before "Åstorp" and capitals before
small letters; Swedish puts å, ä, ö after z, in that order.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_SWEDISH_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzåäö"
_SWEDISH_RANK = {letter: rank for rank, letter in enumerate(_SWEDISH_ALPHABET, start=1)}
# Letters Swedish dictionaries file under another letter.
_SWEDISH_EQUIVALENTS = {"ü": "y", "æ": "ä", "ø": "ö"}


def _base_letter(character: str) -> str:
    return unicodedata.normalize("NFKD", character)[0]


def swedish_key(text: str) -> tuple:
    ranks = []
    for character in text.casefold():
        character = _SWEDISH_EQUIVALENTS.get(character, character)
        if character not in _SWEDISH_RANK:
            character = _base_letter(character)
        ranks.append(_SWEDISH_RANK.get(character, 0))
    return (tuple(ranks), text)


def english_key(text: str) -> tuple:
    folded = "".join(_base_letter(c) for c in text.casefold())
    return (folded, text)


# Each page sorts the same names again: remember their keys.
@lru_cache(maxsize=65536)
def sort_key(text: str, lang: str) -> tuple:
    """Sort key for ``text`` in language ``lang`` ("sv" or "en")."""
    return swedish_key(text) if lang == "sv" else english_key(text)
