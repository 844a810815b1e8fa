"""Draw the site's icon (SVG and PNG) and its default social-sharing card.

Run once after changing the palette or the names, and commit what it writes:

    .venv/bin/pip install -r tools/requirements.txt
    .venv/bin/python tools/make_brand_images.py

The colours come from the palette in overrides/assets/stylesheets/sis.css,
the name from mkdocs.yml and the tagline from the first heading of each
language's home page, so the images never disagree with the site. Nothing is
downloaded: the card's lettering uses a sans-serif font of the system.

The icon: four people (dots) around one table (the ring), in rapeseed yellow
on beech-wood green; the four partners, or anyone who joins in.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "overrides" / "assets" / "images"
STYLESHEET = ROOT / "overrides" / "assets" / "stylesheets" / "sis.css"
MANIFEST = ROOT / "overrides" / "manifest.webmanifest"
APP_ICON_SIZES = (180, 192, 512)
CARD_SIZE = (1200, 630)
SUPERSAMPLE = 4
FONTS = (
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/liberation-sans/LiberationSans-Bold.ttf",
    "/Library/Fonts/Arial Bold.ttf",
    "C:/Windows/Fonts/arialbd.ttf",
)

# -----------------------------------------------------------------------------
# What the images say and in which colours
# -----------------------------------------------------------------------------


def palette() -> dict[str, str]:
    """The --sis-* brand colours of the stylesheet's :root block."""
    css = STYLESHEET.read_text("utf-8")
    block = re.search(r":root\s*{([^}]*)}", css).group(1)
    return dict(re.findall(r"--sis-([\w-]+):\s*(#[0-9a-fA-F]{6})", block))


def site_name() -> str:
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    return re.search(r"^site_name:\s*(.+)$", text, re.MULTILINE).group(1).strip()


def tagline(page: Path) -> str:
    """The first heading of a page, after its front matter."""
    body = re.sub(r"\A---\n.*?\n---\n", "", page.read_text("utf-8"), flags=re.DOTALL)
    return re.search(r"^# (.+)$", body, re.MULTILINE).group(1).strip()


# -----------------------------------------------------------------------------
# The icon, in a 64-unit square: one geometry for SVG and PNG
# -----------------------------------------------------------------------------

RING = (32, 32, 15, 5)  # centre x, centre y, radius, stroke width
DOT_RADIUS = 6.5
DOT_EDGE = 2.5  # a ground-coloured edge that sets each dot off the ring
CORNER = 14


def dots() -> list[tuple[float, float]]:
    cx, cy, r, _ = RING
    angles = [math.radians(a) for a in (45, 135, 225, 315)]
    return [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in angles]


def icon_svg(colours: dict[str, str]) -> str:
    cx, cy, r, width = RING
    ground, yellow = colours["bokskog"], colours["raps"]
    circles = "".join(
        f'<circle cx="{x:.2f}" cy="{y:.2f}" r="{DOT_RADIUS}" fill="{yellow}" '
        f'stroke="{ground}" stroke-width="{DOT_EDGE}"/>'
        for x, y in dots()
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">'
        f'<rect width="64" height="64" rx="{CORNER}" fill="{ground}"/>'
        f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="{yellow}" stroke-width="{width}"/>'
        f"{circles}</svg>\n"
    )


def draw_icon(draw: ImageDraw.ImageDraw, left: float, top: float, size: float, colours, ground=True):
    """The icon at (left, top), ``size`` pixels square, on an RGBA drawing."""
    unit = size / 64
    ground_colour, yellow = colours["bokskog"], colours["raps"]

    def disc(x: float, y: float, radius: float) -> tuple[float, float, float, float]:
        """The pixel box of a circle given in icon units."""
        return (
            left + (x - radius) * unit,
            top + (y - radius) * unit,
            left + (x + radius) * unit,
            top + (y + radius) * unit,
        )

    if ground:
        draw.rounded_rectangle((left, top, left + size, top + size), radius=CORNER * unit, fill=ground_colour)
    cx, cy, r, width = RING
    draw.ellipse(disc(cx, cy, r + width / 2), outline=yellow, width=round(width * unit))
    for x, y in dots():
        # A ground-coloured disc under each dot draws its edge.
        draw.ellipse(disc(x, y, DOT_RADIUS + DOT_EDGE / 2), fill=ground_colour)
        draw.ellipse(disc(x, y, DOT_RADIUS - DOT_EDGE / 2), fill=yellow)


def icon_png(size: int, colours) -> Image.Image:
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw_icon(ImageDraw.Draw(image), 0, 0, big, colours)
    return image.resize((size, size), Image.LANCZOS)


# -----------------------------------------------------------------------------
# The social-sharing card
# -----------------------------------------------------------------------------


def font(size: int) -> ImageFont.FreeTypeFont:
    for path in FONTS:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def social_card(colours, name: str, taglines: list[str]) -> Image.Image:
    s = SUPERSAMPLE
    width, height = CARD_SIZE
    image = Image.new("RGB", (width * s, height * s), colours["bokskog"])
    draw = ImageDraw.Draw(image)
    # A band of rapeseed along the foot.
    draw.rectangle((0, (height - 24) * s, width * s, height * s), fill=colours["raps"])
    draw_icon(draw, 80 * s, 183 * s, 240 * s, colours, ground=False)
    x = 380 * s
    draw.text((x, 200 * s), name, font=font(68 * s), fill="#ffffff")
    y = 305 * s
    for line in taglines:
        draw.text((x, y), line, font=font(36 * s), fill=colours["mint"])
        y += 56 * s
    return image.resize(CARD_SIZE, Image.LANCZOS)


# -----------------------------------------------------------------------------
# Everything at once
# -----------------------------------------------------------------------------


def main() -> None:
    colours = palette()
    name = site_name()
    IMAGES.mkdir(parents=True, exist_ok=True)
    (IMAGES / "sis-icon.svg").write_text(icon_svg(colours), "utf-8")
    for size in APP_ICON_SIZES:
        icon_png(size, colours).save(IMAGES / f"sis-icon-{size}.png", optimize=True)
    taglines = [tagline(ROOT / "docs" / "index.md"), tagline(ROOT / "docs" / "en" / "index.md")]
    social_card(colours, name, taglines).save(IMAGES / "social-card.png", optimize=True)
    manifest = {
        "name": name,
        "short_name": name,
        "lang": "sv",
        "start_url": "./",
        "display": "browser",
        "theme_color": colours["bokskog"],
        "background_color": "#ffffff",
        "icons": [
            {"src": "assets/images/sis-icon.svg", "sizes": "any", "type": "image/svg+xml"},
            *(
                {"src": f"assets/images/sis-icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png"}
                for size in APP_ICON_SIZES
                if size != 180
            ),
        ],
    }
    MANIFEST.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"wrote the icon, {len(APP_ICON_SIZES)} app icons, the social card and {MANIFEST.name}")


if __name__ == "__main__":
    main()
