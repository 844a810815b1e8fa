"""Slugs come from python-slugify: letters beyond Swedish are transliterated, not dropped."""

from __future__ import annotations

import pytest

from site_content.slugs import fold_slug, is_valid_slug, slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Øresund", "oresund"),
        ("Ærø", "aero"),
        ("Straße", "strasse"),
        ("Östra Göinge", "ostra-goinge"),
        ("Höör", "hoor"),
        ("Malmö", "malmo"),
        ("Fel Namn", "fel-namn"),
        ("  Läxhjälp på biblioteket! ", "laxhjalp-pa-biblioteket"),
        ("exempel_1", "exempel-1"),
    ],
)
def test_slugify_transliterates(text, slug):
    assert slugify(text) == slug
    assert is_valid_slug(slug)


def test_nothing_left_is_an_empty_slug():
    assert slugify("---") == "" and slugify("") == ""


def test_folding_makes_names_that_differ_only_in_a_ring_or_dots_collide():
    assert fold_slug("malmö") == fold_slug("malmo") == "malmo"
    assert fold_slug("å") == fold_slug("ä") == fold_slug("a")
    assert fold_slug("ostra") != fold_slug("vastra")
