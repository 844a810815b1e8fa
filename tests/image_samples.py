"""Images for tests, made with Pillow: photos as a phone leaves them, logos, bad files.

Used by the image tests and by tools/make_test_images.py, which wrote the
committed fixtures in tests/fixtures/docs/images/ and tests/bad_content/images/.
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import ExifTags, Image, ImageDraw

# Where a phone says the photo was taken (a made-up spot) and with what.
GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (55.0, 36.0, 17.0),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (13.0, 0.0, 1.0),
}
CAMERA = "Testkamera X100"
TAKEN = "2026:05:01 10:00:00"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="Testby"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
IPTC_CAPTION = b"Hemlig bildtext"
COMMENT = b"Kommentar fran kameran"
# Bytes any of the above leaves in a file.
TRACES = (b"Exif\x00\x00", CAMERA.encode(), b"xmpmeta", b"Photoshop 3.0", IPTC_CAPTION, COMMENT, b"Testby")


def scene(width: int, height: int) -> Image.Image:
    """A landscape the right way up: sky at the top, field below, sun at the top left."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    horizon = height * 2 // 3
    for y in range(height):
        if y < horizon:
            shade = 120 + 100 * y // horizon
            draw.line([(0, y), (width, y)], fill=(shade // 2, shade // 2 + 40, 235))
        else:
            draw.line([(0, y), (width, y)], fill=(40, 110 + 60 * (y - horizon) // (height - horizon), 50))
    radius = max(2, min(width, height) // 10)
    draw.ellipse([radius, radius, radius * 3, radius * 3], fill=(255, 210, 40))
    return image


def phone_jpeg(width: int, height: int, orientation: int = 6, quality: int = 80) -> bytes:
    """A JPEG as a phone writes it: GPS, camera, dates, XMP, IPTC and a comment in it.

    With orientation 6 the pixels are stored turned a quarter to the left, as a
    phone held upright does; shown right, the photo is ``width`` × ``height``.
    """
    image = scene(width, height)
    if orientation == 6:
        image = image.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Testtillverkaren"
    exif[ExifTags.Base.Model] = CAMERA
    exif[ExifTags.Base.DateTime] = TAKEN
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = GPS
    output = io.BytesIO()
    image.save(output, "JPEG", quality=quality, exif=exif, xmp=XMP, comment=COMMENT)
    return with_iptc(output.getvalue())


def with_iptc(jpeg: bytes) -> bytes:
    """Add an IPTC caption (Photoshop APP13 segment) right after the JPEG's start marker."""
    dataset = b"\x1c\x02\x78" + struct.pack(">H", len(IPTC_CAPTION)) + IPTC_CAPTION
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(dataset)) + dataset
    if len(dataset) % 2:
        resource += b"\x00"
    payload = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:2] + segment + jpeg[2:]


def encoded(image: Image.Image, format_: str, **options) -> bytes:
    output = io.BytesIO()
    image.save(output, format_, **options)
    return output.getvalue()


def wide_logo(width: int = 640, height: int = 160) -> Image.Image:
    """A transparent logo four times as wide as it is high."""
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([4, 4, width - 5, height - 5], radius=height // 4, fill=(20, 60, 140, 255))
    draw.ellipse([height // 4, height // 4, height * 3 // 4, height * 3 // 4], fill=(255, 255, 255, 255))
    return image


def bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG of a few dozen bytes whose header claims ``width`` × ``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )
