"""Write overrides/assets/images/eu-emblem.svg, the EU emblem in colour.

Geometry from Commission Implementing Regulation (EU) 821/2014, Annex II: a 3:2
reflex-blue (#003399) rectangle; twelve yellow (#FFCC00) five-pointed stars,
upright, on an invisible circle of radius one third of the height, each star
inside a circle of radius one eighteenth of the height.

Run once: python tools/make_eu_emblem.py
"""

import math
from pathlib import Path

WIDTH, HEIGHT = 810, 540
CIRCLE = HEIGHT / 3
STAR = HEIGHT / 18
# Inner radius of a regular five-pointed star: sin(18°) / sin(126°) of the outer.
INNER = math.sin(math.radians(18)) / math.sin(math.radians(126))


def star(x: float, y: float) -> str:
    points = []
    for corner in range(10):
        angle = -math.pi / 2 + corner * math.pi / 5
        radius = STAR if corner % 2 == 0 else STAR * INNER
        points.append(f"{x + radius * math.cos(angle):.2f},{y + radius * math.sin(angle):.2f}")
    return " ".join(points)


def emblem() -> str:
    cx, cy = WIDTH / 2, HEIGHT / 2
    angles = [2 * math.pi * i / 12 for i in range(12)]
    stars = "".join(
        f'<polygon points="{star(cx + CIRCLE * math.cos(a), cy + CIRCLE * math.sin(a))}"/>' for a in angles
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}"><rect width="{WIDTH}" height="{HEIGHT}" fill="#003399"/>'
        f'<g fill="#FFCC00">{stars}</g></svg>\n'
    )


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "overrides/assets/images/eu-emblem.svg"
    target.write_text(emblem(), encoding="utf-8")
    print(f"wrote {target}")
