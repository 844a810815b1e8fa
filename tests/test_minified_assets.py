"""Our own stylesheets and scripts are published minified (hooks/minify_assets.py)."""

from __future__ import annotations

from conftest import ROOT

OWN = sorted(
    path.relative_to(ROOT / "overrides").as_posix()
    for path in (ROOT / "overrides" / "assets").rglob("*")
    if path.suffix in (".css", ".js")
)


def test_every_own_stylesheet_and_script_is_published_smaller_without_comments(showcase_site):
    assert {"assets/stylesheets/sis.css", "assets/javascripts/catalogue.js"} <= set(OWN)
    for name in OWN:
        published = showcase_site.root / name
        assert published.is_file(), name
        text = published.read_text("utf-8")
        assert len(text) < 0.9 * len((ROOT / "overrides" / name).read_text("utf-8")), name
        assert "/*" not in text, name


def test_the_minified_stylesheet_keeps_its_rules(showcase_site):
    """The palette's custom properties and a media query survive minifying."""
    text = (showcase_site.root / "assets" / "stylesheets" / "sis.css").read_text("utf-8")
    assert "--md-primary-fg-color:#0b5e57" in text.replace(" ", "").lower()
    assert "@media" in text
