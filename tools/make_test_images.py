"""Write the raster images the tests use (made with tests/image_samples.py).

- tests/fixtures/docs/images/: the showcase build's photos and logos, among
  them phone photos carrying a (made-up) GPS position that must never reach
  the built site;
- tests/bad_content/images/: broken and oversized files for the catalogue of
  partners' mistakes (the SVG attacks beside them are written by hand).

Run once after changing image_samples.py: .venv/bin/python tools/make_test_images.py
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from image_samples import bomb_png, encoded, phone_jpeg, scene, wide_logo  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "docs" / "images"
BAD = ROOT / "tests" / "bad_content" / "images" / "initiatives"

FILES = {
    # Shown 1600 × 1200, stored upright-phone style (orientation 6).
    FIXTURES / "initiatives" / "abborren.jpg": phone_jpeg(1600, 1200),
    # Smaller than every srcset width: never enlarged.
    FIXTURES / "initiatives" / "ostra-bryggan.webp": encoded(scene(300, 200), "WEBP", quality=80),
    # Only a draft uses it: not published.
    FIXTURES / "initiatives" / "hemligt-utkast.jpg": phone_jpeg(640, 480),
    # No content uses it: published as a clean copy at its own address.
    FIXTURES / "oanvand-bild.jpg": phone_jpeg(800, 600),
    FIXTURES / "partners" / "bred-logga.png": encoded(wide_logo(), "PNG", optimize=True),
    BAD / "for-stor.png": encoded(scene(8001, 2), "PNG", optimize=True),
    BAD / "bomb.png": bomb_png(),
    BAD / "png-som-heter-jpg.jpg": encoded(scene(40, 30), "PNG"),
    BAD / "bild.gif": encoded(scene(40, 30), "GIF"),
    BAD / "inte-en-bild.png": "Det här är text, ingen bild.\n".encode(),
}

for path, data in FILES.items():
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"{path.relative_to(ROOT)}: {len(data)} bytes")
