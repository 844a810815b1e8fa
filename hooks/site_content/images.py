"""Images that partners upload: checked, stripped of metadata, resized for the web.

Plain Python with Pillow, no MkDocs. ``inspect`` reads only what a file says
about itself (its header), so a decompression bomb is refused before anything
is decoded. ``ImageCache.process`` writes the published versions of a raster
image once per distinct file content and reuses them while the content stays
the same. ``svg_findings`` refuses SVG files that could run script or fetch
anything from elsewhere: they are rejected, never silently altered.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import math
import os
import re
import shutil
import tempfile
import threading
import warnings
import xml.etree.ElementTree as ElementTree
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import ExifTags, Image, ImageCms, ImageOps, UnidentifiedImageError

from .slugs import slugify

# -----------------------------------------------------------------------------
# Limits and formats
# -----------------------------------------------------------------------------

MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 8000
# Pillow refuses in Image.open, from the header alone, an image of more than
# twice this many pixels (DecompressionBombError); anything within our limits
# stays below it.
Image.MAX_IMAGE_PIXELS = MAX_SIDE * MAX_SIDE

IMAGE_FOLDER = "images/"
RASTER_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
VECTOR_SUFFIX = ".svg"
SUPPORTED_SUFFIXES = (*RASTER_FORMATS, VECTOR_SUFFIX)
# Formats Pillow may identify a file as, to tell a partner what a file really is.
IDENTIFIABLE = ("JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF")
# Phones write JPEGs with a multi-picture index, which Pillow calls MPO; they are JPEGs.
SAME_FORMAT = {"MPO": "JPEG"}
SUFFIX_OF = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif", "BMP": "bmp", "TIFF": "tif"}

# Widths written for srcset, never wider than the source.
INITIATIVE_WIDTHS = (400, 800, 1200)
LOGO_WIDTHS = (200, 400)
SOCIAL_SIZE = (1200, 630)
WEBP_QUALITY = 80
JPEG_QUALITY = 82
# Changing how images are written changes this, so old cache entries are not reused.
RECIPE_VERSION = "1"

Finding = tuple[str, dict]


def outside_image_folder(src: str) -> bool:
    """True unless ``src`` is a plain relative path below docs/images/."""
    parts = src.split("/")
    return not src.startswith(IMAGE_FOLDER) or ".." in parts or "\\" in src or ":" in src


# -----------------------------------------------------------------------------
# Checking a file without decoding it
# -----------------------------------------------------------------------------


def inspect(path: Path) -> list[Finding]:
    """What is wrong with the image at ``path`` (which exists), read from its header only."""
    if path.is_symlink():  # never followed: a pull request's link may point anywhere
        return [("image-symlink", {})]
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return [("image-unsupported", {"extension": path.suffix or "–"})]
    size = path.stat().st_size
    if size > MAX_BYTES:
        megabytes = size / (1024 * 1024)
        return [
            (
                "image-too-heavy",
                {
                    "size": {"sv": f"{megabytes:.1f}".replace(".", ","), "en": f"{megabytes:.1f}"},
                    "limit": MAX_BYTES // (1024 * 1024),
                },
            )
        ]
    if suffix == VECTOR_SUFFIX:
        return svg_findings(path.read_bytes())
    try:
        found, width, height = read_header(path)
    except Image.DecompressionBombError:
        return [("image-bomb", {"bytes": size, "limit": MAX_SIDE})]
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return [("image-unreadable", {})]
    expected = RASTER_FORMATS[suffix]
    if found != expected:
        return [
            (
                "image-wrong-format",
                {
                    "extension": path.suffix,
                    "found": found,
                    "suffix": SUFFIX_OF.get(found, "?"),
                    "expected": expected,
                },
            )
        ]
    if max(width, height) > MAX_SIDE:
        return [("image-too-large", {"width": width, "height": height, "limit": MAX_SIDE})]
    return []


def has_gps_position(path: Path) -> bool:
    """True when the image's EXIF, read from its header, records where it was taken."""
    try:
        with Image.open(path, formats=IDENTIFIABLE) as image:
            return "exif" in image.info and bool(image.getexif().get_ifd(ExifTags.IFD.GPSInfo))
    except (Image.DecompressionBombError, UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False


def read_header(path: Path | io.BytesIO) -> tuple[str, int, int]:
    """The format and size an image file declares; nothing is decoded."""
    with warnings.catch_warnings():
        # Between one and two times MAX_IMAGE_PIXELS Pillow only warns; our side limit refuses it.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(path, formats=IDENTIFIABLE) as image:
            found = SAME_FORMAT.get(image.format, image.format)
            return found, image.width, image.height


# -----------------------------------------------------------------------------
# SVG: allowed when it can neither run script nor fetch anything
# -----------------------------------------------------------------------------

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
HTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
SCRIPT_ELEMENTS = {"script", "handler", "listener"}
ANIMATION_ELEMENTS = {"set", "animate", "animateMotion", "animateTransform", "animateColor"}
# Attributes that load what they name, in SVG or in HTML smuggled into it.
REFERENCE_ATTRIBUTES = {"href", "src", "data", "srcdoc", "action", "formaction", "poster", "srcset"}
CSS_AT_RULE = re.compile(r"@(?P<name>[-\w]+)(?P<rest>[^;{]*)")
CSS_ESCAPE = re.compile(r"\\(?:(?P<hex>[0-9a-fA-F]{1,6})\s?|(?P<char>.))", re.DOTALL)
EMBEDDED_RASTER = re.compile(r"^data:image/(png|jpeg|gif|webp)[;,]", re.IGNORECASE)
DECLARATIONS = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)[^>]*>?", re.IGNORECASE)
# The one DOCTYPE a drawing program writes (Adobe Illustrator does): the W3C's
# SVG DTD named, nothing declared. Never fetched; taken out when publishing.
STANDARD_DOCTYPE = re.compile(
    r"<!DOCTYPE\s+svg"
    r"(?:\s+PUBLIC\s+(?P<q1>[\"'])-//W3C//DTD SVG [^\"'<>\[\]]*(?P=q1)"
    r"(?:\s+(?P<q2>[\"'])https?://www\.w3\.org/[^\"'\s<>\[\]]*(?P=q2))?"
    r"|\s+SYSTEM\s+(?P<q3>[\"'])https?://www\.w3\.org/[^\"'\s<>\[\]]*(?P=q3))?"
    r"\s*>",
    re.IGNORECASE,
)
STYLESHEET_INSTRUCTION = re.compile(r"<\?xml-stylesheet[^>]*>", re.IGNORECASE)
# A logo or drawing is tens of kilobytes; a 9.5 MB one took the check 23 s and the
# build 89 s. Both limits are told before the file is parsed.
MAX_SVG_BYTES = 1024 * 1024
MAX_SVG_ELEMENTS = 10_000

# CSS in SVG (<style> and style="…") is read as an allow-list: a function not named
# here is refused, whatever it is called (image-set("https://…" 1x) needs no url()).
# None of these fetches anything; url() is allowed only for a fragment of the file
# (url(#gradient)) or an embedded raster image.
CSS_FUNCTIONS = frozenset(
    {
        "",  # a bracket: (min-width: 40em), calc((1 + 2) * 3)
        *("rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color", "color-mix"),
        *("calc", "min", "max", "clamp", "round", "mod", "rem", "abs", "sign", "var", "env"),
        *("sin", "cos", "tan", "asin", "acos", "atan", "atan2", "pow", "sqrt", "hypot", "log", "exp"),
        *("matrix", "matrix3d", "translate", "translatex", "translatey", "translatez", "translate3d"),
        *("scale", "scalex", "scaley", "scalez", "scale3d", "rotate", "rotatex", "rotatey", "rotatez"),
        *("rotate3d", "skew", "skewx", "skewy", "perspective", "cubic-bezier", "steps", "linear"),
        *("blur", "brightness", "contrast", "drop-shadow", "grayscale", "hue-rotate", "invert"),
        *("opacity", "saturate", "sepia", "inset", "circle", "ellipse", "polygon", "path", "rect"),
        *("linear-gradient", "radial-gradient", "conic-gradient", "repeating-linear-gradient"),
        *("repeating-radial-gradient", "repeating-conic-gradient", "local", "format", "tech"),
        *("not", "is", "where", "has", "nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type"),
        *("lang", "dir", "repeat", "minmax", "fit-content", "counter", "counters"),
    }
)
# At-rules that fetch nothing. @import is told as a reference outside the file.
CSS_AT_RULES = frozenset({"media", "supports", "keyframes", "-webkit-keyframes", "font-face", "charset"})
# In attributes other than style (data-name="Logo (2)" is no CSS): only these are refused.
CSS_LOADING = re.compile(r"(?:^|-)(?:image|image-set|cross-fade|element|src)$")


def svg_findings(data: bytes) -> list[Finding]:
    """Every way the SVG ``data`` could run script or reach outside itself; [] if none.

    Linear in the size of ``data``, which is bounded before anything is parsed."""
    if len(data) > MAX_SVG_BYTES:
        return [("svg-too-heavy", {"size": -(-len(data) // 1024), "limit": MAX_SVG_BYTES // 1024})]
    # Only UTF-8: what the checks below read is then what a browser reads
    # (a UTF-16 file would hide its markup from them).
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return [("svg-unreadable", {"line": data[: error.start].count(b"\n") + 1})]
    # A DOCTYPE can declare entities (external ones fetch files, nested ones
    # explode in memory): a logo never needs them, so any DOCTYPE but the
    # standard one is refused before parsing.
    if any(not STANDARD_DOCTYPE.fullmatch(match[0]) for match in DECLARATIONS.finditer(text)):
        return [("svg-doctype", {})]
    # Every element starts with '<' (so do comments and the like: an upper bound).
    if text.count("<") - text.count("</") > MAX_SVG_ELEMENTS:
        return [("svg-too-many-elements", {"limit": MAX_SVG_ELEMENTS})]
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return [("svg-unreadable", {"line": error.position[0]})]
    if root.tag != f"{{{SVG_NAMESPACE}}}svg":
        return [("svg-not-svg", {})]
    findings: list[Finding] = []
    for instruction in STYLESHEET_INSTRUCTION.findall(text):
        findings.append(("svg-external", {"reference": _shorten(instruction)}))
    for element in _elements(root):
        name = _local(element.tag)
        if name in SCRIPT_ELEMENTS:
            findings.append(("svg-script", {"element": name}))
        elif name == "foreignObject":
            findings.append(("svg-foreign-object", {}))
            continue  # refused whole: what it holds need not be told too
        elif element.tag.startswith(f"{{{HTML_NAMESPACE}}}"):
            findings.append(("svg-html", {"element": name}))
        if name == "style":
            findings.extend(_css_findings("".join(element.itertext())))
        if name in ANIMATION_ELEMENTS:
            findings.extend(_animation_findings(name, element.get("attributeName", "")))
        for attribute, value in element.attrib.items():
            findings.extend(_attribute_findings(name, _local(attribute), value))
    unique = dict.fromkeys((code, tuple(sorted(params.items()))) for code, params in findings)
    return [(code, dict(params)) for code, params in unique]


def _elements(root: ElementTree.Element):
    """Every element in document order, but not inside a <foreignObject>."""
    stack = [root]
    while stack:
        element = stack.pop()
        yield element
        if _local(element.tag) != "foreignObject":
            stack.extend(reversed(element))


def _animation_findings(element: str, target: str) -> list[Finding]:
    """An animation that sets an event handler or a reference (<set attributeName="onclick"
    to="…">) does what writing that attribute would: refused the same way."""
    attribute = target.strip().rsplit(":", 1)[-1]
    if attribute.lower().startswith("on"):
        written = f'attributeName="{_shorten(attribute, 40)}"'
        return [("svg-event-handler", {"attribute": written, "element": element})]
    if attribute.lower() in REFERENCE_ATTRIBUTES:
        return [("svg-external", {"reference": f'<{element} attributeName="{attribute}">'})]
    return []


def _attribute_findings(element: str, attribute: str, value: str) -> list[Finding]:
    compact = re.sub(r"\s+", "", value).lower()
    if attribute.lower().startswith("on"):
        return [("svg-event-handler", {"attribute": attribute, "element": element})]
    if "javascript:" in compact:
        return [("svg-script", {"element": f'{element} {attribute}="javascript:…"'})]
    if attribute in REFERENCE_ATTRIBUTES:
        return [] if _internal(value) else [("svg-external", {"reference": _shorten(value)})]
    return _css_findings(value, style=attribute == "style")


def _css_findings(css: str, style: bool = True) -> list[Finding]:
    """What in ``css`` could fetch anything: a url() outside the file, @import, and (in a
    style sheet or style="…") any function or at-rule not on the allow-lists above; in
    another attribute only the functions that load images. One pass over the text."""
    # Read as a browser does: comments out, escapes (\69mport, u\72l) resolved.
    css = CSS_ESCAPE.sub(_unescape, _without_comments(css))
    findings: list[Finding] = []
    for match in CSS_AT_RULE.finditer(css):
        name = match["name"].lower()
        if name == "import":
            findings.append(("svg-external", {"reference": _shorten("@import " + match["rest"].strip())}))
        elif style and name not in CSS_AT_RULES:
            findings.append(("svg-css-rule", {"rule": _shorten(name, 40)}))
    # An @import's url() is told once, with the @import.
    css = CSS_AT_RULE.sub(lambda match: "" if match["name"].lower() == "import" else match[0], css)
    position = css.find("(")
    while position != -1:
        start = position
        while start and (css[start - 1].isalnum() or css[start - 1] in "-_"):  # the function's name
            start -= 1
        name = css[start:position].lower()
        if name == "url":
            target, position = _url_argument(css, position + 1)
            if not _internal(target):
                findings.append(("svg-external", {"reference": _shorten(target.strip())}))
        elif (style and name not in CSS_FUNCTIONS) or (not style and CSS_LOADING.search(name)):
            findings.append(("svg-css-function", {"function": _shorten(name, 40)}))
        position = css.find("(", position + 1)
    return findings


def _without_comments(css: str) -> str:
    """``css`` less its /* comments */ (one left open runs to the end), in one pass."""
    parts, position = [], 0
    while (start := css.find("/*", position)) != -1:
        parts.append(css[position:start])
        end = css.find("*/", start + 2)
        if end == -1:
            return "".join(parts)
        position = end + 2
    parts.append(css[position:])
    return "".join(parts)


def _url_argument(css: str, position: int) -> tuple[str, int]:
    """The target of a url( whose argument starts at ``position``, and where it ends:
    quoted, up to its quote; else up to ')'; unclosed, to the end of the text."""
    while position < len(css) and css[position] in " \t\r\n\f":
        position += 1
    if position < len(css) and css[position] in "'\"":
        end = css.find(css[position], position + 1)
        end = len(css) if end == -1 else end
        return css[position + 1 : end], end
    end = css.find(")", position)
    end = len(css) if end == -1 else end
    return css[position:end], end


def _unescape(match: re.Match) -> str:
    if match["hex"]:
        code = int(match["hex"], 16)
        return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
    return match["char"]


def _internal(reference: str) -> bool:
    """A fragment of the same file, or a raster image embedded in it."""
    reference = reference.strip()
    return reference.startswith("#") or bool(EMBEDDED_RASTER.match(reference))


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_DOCTYPE_LINE = re.compile(STANDARD_DOCTYPE.pattern + r"[ \t]*(?:\r\n|\n|\r)?", re.IGNORECASE)


def publishable_svg(data: bytes) -> bytes:
    """A checked SVG as published: without its DOCTYPE, which a browser never needs."""
    text = data.decode("utf-8")
    stripped = _DOCTYPE_LINE.sub("", text)
    return data if stripped == text else stripped.encode("utf-8")


def svg_size(data: bytes) -> tuple[int, int] | None:
    """The SVG's width and height in pixels (from width/height, else viewBox), if it says."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None
    width, height = _length(root.get("width")), _length(root.get("height"))
    if width and height:
        return round(width), round(height)
    view_box = re.split(r"[\s,]+", (root.get("viewBox") or "").strip())
    try:
        box_width, box_height = float(view_box[2]), float(view_box[3])
    except (IndexError, ValueError):
        return None
    if box_width <= 0 or box_height <= 0:
        return None
    return round(box_width), round(box_height)


def _length(value: str | None) -> float | None:
    match = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*(px)?\s*", value or "")
    return float(match[1]) if match else None


# -----------------------------------------------------------------------------
# Writing the published versions of a raster image
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipe:
    """What to write for one source: srcset widths, a social crop, a full-size clean copy."""

    widths: tuple[int, ...] = ()
    social: bool = False
    full: bool = False

    def merge(self, other: Recipe) -> Recipe:
        return Recipe(
            tuple(sorted(set(self.widths) | set(other.widths))),
            self.social or other.social,
            self.full or other.full,
        )

    def key(self) -> str:
        settings = (RECIPE_VERSION, self, WEBP_QUALITY, JPEG_QUALITY, SOCIAL_SIZE)
        return hashlib.sha256(repr(settings).encode()).hexdigest()[:10]


@dataclass(frozen=True)
class Output:
    """One written file of a cache entry."""

    name: str  # file name in the entry's folder
    kind: str  # "webp", "fallback", "social" or "full"
    width: int
    height: int


@dataclass(frozen=True)
class Processed:
    digest: str
    folder: Path
    outputs: tuple[Output, ...]
    from_cache: bool

    def of_kind(self, kind: str) -> list[Output]:
        return [output for output in self.outputs if output.kind == kind]


# Decoded pixels held at once by the image step, whatever the number of cores: one
# image at the largest size allowed (8000 × 8000, about 256 MB as RGBA plus its
# working copies), or many small ones side by side. Six 8000 × 8000 PNGs of 1.6 MB
# took 2 GB when one per core was decoded at once.
PIXEL_BUDGET = MAX_SIDE * MAX_SIDE


class PixelBudget:
    """A count of decoded pixels shared by the threads of the image step.

    ``reserve(pixels)`` waits until that many fit beside those reserved by others;
    an image larger than the whole budget waits until it is alone, so each runs.
    ``peak`` is the most ever reserved at once (for tests: bounded work, not time)."""

    def __init__(self, total: int = PIXEL_BUDGET):
        self.total = total
        self.used = 0
        self.peak = 0
        self._condition = threading.Condition()

    @contextlib.contextmanager
    def reserve(self, pixels: int):
        pixels = max(1, pixels)
        with self._condition:
            self._condition.wait_for(lambda: self.used == 0 or self.used + pixels <= self.total)
            self.used += pixels
            self.peak = max(self.peak, self.used)
        try:
            yield
        finally:
            with self._condition:
                self.used -= pixels
                self._condition.notify_all()


def decoded_pixels(data: bytes) -> int:
    """The pixels an image's header declares: what decoding it holds in memory, at most."""
    try:
        _found, width, height = read_header(io.BytesIO(data))
    except (Image.DecompressionBombError, UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return PIXEL_BUDGET  # decoding will fail; counted as the largest, to be safe
    return width * height


class ImageCache:
    """Published versions of images in ``root``, one folder per source content and recipe.

    Decoding is bounded by ``budget``, shared by every thread that processes images."""

    def __init__(self, root: Path, budget: PixelBudget | None = None):
        self.root = Path(root)
        self.budget = budget or PixelBudget()

    def process(self, source: Path, recipe: Recipe) -> Processed:
        data = Path(source).read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:20]
        folder = self.root / f"{digest}-{recipe.key()}"
        cached = self._load(folder, digest)
        if cached:
            return cached
        self.root.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".new-", dir=self.root))
        try:
            with self.budget.reserve(decoded_pixels(data)):
                outputs = render(data, Path(source).suffix.lower(), recipe, work)
            manifest = {"outputs": [asdict(output) for output in outputs]}
            (work / "manifest.json").write_text(json.dumps(manifest), "utf-8")
            # Complete or absent: a build stopped halfway leaves no half entry.
            if folder.exists():
                cached = self._load(folder, digest)
                if cached:  # written meanwhile by another build
                    return cached
                shutil.rmtree(
                    folder, ignore_errors=True
                )  # incomplete (a file removed by hand): replaced whole
            try:
                os.replace(work, folder)
            except OSError:
                cached = self._load(folder, digest)  # written meanwhile by another build
                if not cached:
                    raise
                return cached
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return Processed(digest, folder, tuple(outputs), from_cache=False)

    def _load(self, folder: Path, digest: str) -> Processed | None:
        try:
            manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
            outputs = tuple(Output(**output) for output in manifest["outputs"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        # Only the names render() writes, as plain files in this folder: a manifest written
        # by anything else (an absolute path, '../', 'x.html') is no entry, and is replaced.
        if not all(_written_here(folder, output) for output in outputs):
            return None
        return Processed(digest, folder, outputs, from_cache=True)


# The files render() writes, by kind: a width or 'full' or 'social', and an image suffix.
OUTPUT_NAME = re.compile(r"^(?:[0-9]{1,5}|full|social)\.(?:webp|jpg|png)$")
OUTPUT_KINDS = frozenset({"webp", "fallback", "social", "full"})


def _written_here(folder: Path, output: Output) -> bool:
    path = folder / str(output.name)
    return (
        isinstance(output.name, str)
        and bool(OUTPUT_NAME.match(output.name))
        and output.kind in OUTPUT_KINDS
        and not path.is_symlink()
        and path.is_file()
    )


def render(data: bytes, suffix: str, recipe: Recipe, folder: Path) -> list[Output]:
    """Write ``recipe``'s files for the image ``data`` into ``folder``."""
    image = _open_clean(data, recipe)
    width, height = image.size
    alpha = image.mode == "RGBA"
    source_format = RASTER_FORMATS[suffix]
    # Photos fall back to JPEG; PNG (logos, drawings) and transparent images to PNG.
    fallback = "PNG" if source_format == "PNG" or alpha else "JPEG"
    outputs: list[Output] = []
    for target in sorted({min(w, width) for w in recipe.widths}):
        resized = _resize(image, target)
        for kind, format_ in (("webp", "WEBP"), ("fallback", fallback)):
            name = f"{target}.{SUFFIX_OF[format_]}"
            _save(resized, folder / name, format_)
            outputs.append(Output(name, kind, *resized.size))
    if recipe.social:
        crop = ImageOps.fit(_flatten(image), SOCIAL_SIZE, Image.Resampling.LANCZOS)
        _save(crop, folder / "social.jpg", "JPEG")
        outputs.append(Output("social.jpg", "social", *crop.size))
    if recipe.full:
        format_ = "PNG" if source_format == "JPEG" and alpha else source_format
        name = f"full.{SUFFIX_OF[format_]}"
        _save(image, folder / name, format_)
        outputs.append(Output(name, "full", width, height))
    return outputs


def _open_clean(data: bytes, recipe: Recipe) -> Image.Image:
    """The decoded image, the right way up, in sRGB, with no metadata left."""
    with Image.open(io.BytesIO(data), formats=IDENTIFIABLE) as opened:
        if opened.format in ("JPEG", "MPO") and not recipe.full:
            # Decode a JPEG at 1/2, 1/4 or 1/8 size when that is still large enough: much faster.
            opened.draft(None, _draft_size(opened, recipe))
        # Applies the EXIF orientation, so phone photos stand the right way up.
        image = ImageOps.exif_transpose(opened)
    image = _to_srgb(image)
    image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    # EXIF (GPS position, camera, dates), XMP, IPTC, comments and the colour
    # profile all live in info: none of it is written out again.
    image.info = {}
    return image


def _draft_size(image: Image.Image, recipe: Recipe) -> tuple[int, int]:
    width, height = image.size
    # Orientation may yet swap the sides: enough either way.
    needed = max((*recipe.widths, SOCIAL_SIZE[0] if recipe.social else 1)) / min(width, height)
    scale = min(1.0, needed)
    return math.ceil(width * scale), math.ceil(height * scale)


_SRGB = ImageCms.createProfile("sRGB")


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert colours to sRGB, which browsers assume, so the profile need not be kept."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(image, profile, _SRGB, outputMode=output_mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # a broken profile: the colours as they are
    return converted or image


def _resize(image: Image.Image, width: int) -> Image.Image:
    if width >= image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _flatten(image: Image.Image) -> Image.Image:
    """On white, for JPEG, which has no transparency."""
    if image.mode != "RGBA":
        return image
    background = Image.new("RGBA", image.size, "white")
    return Image.alpha_composite(background, image).convert("RGB")


def _save(image: Image.Image, path: Path, format_: str) -> None:
    if format_ == "JPEG":
        _flatten(image).save(path, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif format_ == "PNG":
        image.save(path, "PNG", optimize=True)
    else:
        image.save(path, "WEBP", quality=WEBP_QUALITY, method=4)


# -----------------------------------------------------------------------------
# What templates get
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    uri: str
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    """How to show one image: srcset variants for raster images, the file itself for SVG."""

    src: str
    width: int | None = None
    height: int | None = None
    webp: tuple[Variant, ...] = ()
    fallback: tuple[Variant, ...] = ()
    social: Variant | None = None


def published_name(src: str, digest: str, output: Output) -> str:
    """Where an output is published: beside its source, named by it and its content.

    'images/initiatives/Min bild.JPG' -> 'images/initiatives/min-bild-3fa9c2d1-800.webp'.
    The content hash in the name makes a replaced image a new URL.
    """
    folder, _, filename = src.rpartition("/")
    stem = slugify(Path(filename).stem) or "bild"
    suffix = output.name.rsplit(".", 1)[-1]
    label = output.name.rsplit(".", 1)[0]
    return f"{folder}/{stem}-{digest[:8]}-{label}.{suffix}"


def picture_of(src: str, processed: Processed) -> Picture:
    def variants(kind: str) -> tuple[Variant, ...]:
        return tuple(
            Variant(published_name(src, processed.digest, output), output.width, output.height)
            for output in processed.of_kind(kind)
        )

    webp = variants("webp")
    social = variants("social")
    largest = webp[-1] if webp else None
    return Picture(
        src,
        largest.width if largest else None,
        largest.height if largest else None,
        webp,
        variants("fallback"),
        social[0] if social else None,
    )
