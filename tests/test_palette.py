"""Our palette meets WCAG AA: every text/background pair, light and dark.

The colours are read from the stylesheet itself (overrides/assets/stylesheets/
sis.css): the light scheme's ``:root > *`` block and the dark scheme's
``[data-md-color-scheme="slate"]`` block on top of it. The contrast ratio is
WCAG 2's: (L1 + 0.05) / (L2 + 0.05) of the relative luminances.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STYLESHEET = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "stylesheets" / "sis.css"
TEXT = 4.5  # WCAG 1.4.3, normal text
UI = 3.0  # WCAG 1.4.11, user-interface components and focus rings

# (what, foreground, background, minimum)
PAIRS = [
    ("body text", "--md-default-fg-color", "--md-default-bg-color", TEXT),
    ("secondary text, page titles", "--md-default-fg-color--light", "--md-default-bg-color", TEXT),
    ("links, outline buttons", "--md-typeset-a-color", "--md-default-bg-color", TEXT),
    ("links hovered or focused", "--md-accent-fg-color", "--md-default-bg-color", TEXT),
    ("header, tabs, primary buttons", "--md-primary-bg-color", "--md-primary-fg-color", TEXT),
    ("tabs not selected", "--md-primary-bg-color--light", "--md-primary-fg-color", TEXT),
    ("buttons hovered or focused", "--md-accent-bg-color", "--md-accent-fg-color", TEXT),
    ("tags and notices", "--md-default-fg-color", "--md-code-bg-color", TEXT),
    ("links in notices", "--md-typeset-a-color", "--md-code-bg-color", TEXT),
    ("code", "--md-code-fg-color", "--md-code-bg-color", TEXT),
    ("hero text", "--sis-hero-fg-color", "--sis-hero-bg-color", TEXT),
    ("hero title", "--sis-hero-title-color", "--sis-hero-bg-color", TEXT),
    ("hero main button", "--sis-hero-button-fg-color", "--sis-hero-button-bg-color", TEXT),
    ("hero outline button", "--sis-hero-fg-color", "--sis-hero-bg-color", TEXT),
    ("page titles", "--sis-title-color", "--md-default-bg-color", TEXT),
    ("headings", "--sis-heading-color", "--md-default-bg-color", TEXT),
    ("text on bands", "--md-default-fg-color", "--sis-band-bg-color", TEXT),
    ("links on bands", "--md-typeset-a-color", "--sis-band-bg-color", TEXT),
    ("figures", "--sis-figure-color", "--sis-band-bg-color", TEXT),
    ("tags", "--sis-tag-fg-color", "--sis-tag-bg-color", TEXT),
    ("place tags", "--sis-tag-place-fg-color", "--sis-tag-place-bg-color", TEXT),
    ("fact labels", "--sis-label-color", "--md-default-bg-color", TEXT),
    ("EU bar text", "--sis-eu-fg-color", "--sis-eu-bg-color", TEXT),
    ("map counts, low shades", "--sis-map-count-low", "--sis-map-0", TEXT),
    ("map counts, low shades", "--sis-map-count-low", "--sis-map-1", TEXT),
    ("map counts, middle shade", "--sis-map-count-low", "--sis-map-2", UI),
    ("map counts, high shades", "--sis-map-count-high", "--sis-map-3", UI),
    ("map counts, high shades", "--sis-map-count-high", "--sis-map-4", TEXT),
    ("card text", "--md-default-fg-color", "--sis-card-bg-color", TEXT),
    ("card links", "--md-typeset-a-color", "--sis-card-bg-color", TEXT),
    ("card links hovered", "--md-accent-fg-color", "--sis-card-bg-color", TEXT),
    ("footer text", "--md-footer-fg-color", "--md-footer-bg-color", TEXT),
    ("footer links", "--md-footer-fg-color", "--md-footer-bg-color--dark", TEXT),
    ("footer secondary text", "--md-footer-fg-color--light", "--md-footer-bg-color--dark", TEXT),
    ("focus rings", "--md-accent-fg-color", "--md-default-bg-color", UI),
    ("focus rings on the header", "--sis-header-focus-color", "--md-primary-fg-color", UI),
    ("form field borders", "--sis-input-border-color", "--md-default-bg-color", UI),
]


# --- Reading the palette -------------------------------------------------------


def _declarations(block: str) -> dict[str, str]:
    return dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", block))


def _block(css: str, selector: str) -> str:
    match = re.search(re.escape(selector) + r"\s*{([^{}]*)}", css)
    assert match, f"no '{selector}' block in {STYLESHEET.name}"
    return match.group(1)


def schemes() -> dict[str, dict[str, str]]:
    css = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text("utf-8"), flags=re.DOTALL)
    light = _declarations(_block(css, ":root > *"))
    dark = {**light, **_declarations(_block(css, '[data-md-color-scheme="slate"]'))}
    return {"light": light, "dark": dark}


def rgba(value: str, variables: dict[str, str]) -> tuple[float, float, float, float]:
    value = value.strip()
    while value.startswith("var("):
        value = variables[value[4:-1].strip()].strip()
    match = re.fullmatch(r"#([0-9a-fA-F]{6})([0-9a-fA-F]{2})?", value)
    assert match, f"not a hex colour: {value}"
    rgb = [int(match.group(1)[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    alpha = int(match.group(2), 16) / 255 if match.group(2) else 1.0
    return (*rgb, alpha)


# --- WCAG 2 ------------------------------------------------------------------------


def luminance(rgb) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground, background) -> float:
    """The contrast of a (possibly translucent) colour over an opaque one."""
    *bg, bg_alpha = background
    assert bg_alpha == 1.0, "backgrounds must be opaque"
    *fg, alpha = foreground
    shown = [alpha * f + (1 - alpha) * b for f, b in zip(fg, bg, strict=True)]
    lighter, darker = sorted((luminance(shown), luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_formula_gives_the_known_extremes():
    black, white = (0, 0, 0, 1.0), (1, 1, 1, 1.0)
    assert contrast(black, white) == pytest.approx(21.0)
    assert contrast(white, white) == pytest.approx(1.0)
    # Material's grey #757575 on white is the classic just-passing 4.6.
    assert contrast(rgba("#757575", {}), white) == pytest.approx(4.61, abs=0.01)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_palette_pairs_meet_wcag_aa(scheme):
    variables = schemes()[scheme]
    failures = []
    for what, foreground, background, minimum in PAIRS:
        ratio = contrast(rgba(variables[foreground], variables), rgba(variables[background], variables))
        if ratio < minimum:
            failures.append(f"{what}: {foreground} on {background} is {ratio:.2f}:1, needs {minimum}:1")
    assert not failures, f"{scheme} scheme:\n" + "\n".join(failures)


def test_dark_scheme_changes_the_grounds():
    """The dark block is read and differs where it must (else the test above checks light twice)."""
    light, dark = schemes()["light"], schemes()["dark"]
    changed = ["--md-default-bg-color", "--md-default-fg-color", "--md-typeset-a-color"]
    changed.append("--sis-hero-bg-color")
    for name in changed:
        assert luminance(rgba(dark[name], dark)[:3]) != luminance(rgba(light[name], light)[:3]), name
    assert luminance(rgba(dark["--md-default-bg-color"], dark)[:3]) < 0.05


def test_mkdocs_uses_the_custom_palette_with_a_toggle():
    config = (STYLESHEET.parents[3] / "mkdocs.yml").read_text("utf-8")
    palette = config[config.index("  palette:") : config.index("\nplugins:")]
    assert palette.count("primary: custom") == 2 and palette.count("accent: custom") == 2
    assert '"(prefers-color-scheme: light)"' in palette and '"(prefers-color-scheme: dark)"' in palette
    assert palette.count("toggle:") == 2
