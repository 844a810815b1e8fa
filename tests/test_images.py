"""Images partners upload: resized, stripped of metadata, cached, checked, and shown
with srcset, width and height on the built pages.

The unit tests call site_content.images on images made here with Pillow; the
site tests read the showcase build, whose fixture images are in
tests/fixtures/docs/images/ (a phone photo with a GPS position among them).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageFile

from conftest import BUILD_INPUTS, build_site, copy_repository, run_build
from image_samples import TRACES, bomb_png, encoded, phone_jpeg, scene, wide_logo
from site_content import ContentPaths, caches, check_content, images
from site_content.images import ImageCache, Recipe, inspect, svg_findings
from test_bad_content import content_root_with

ROOT = Path(__file__).resolve().parent.parent
PHOTO = Recipe(images.INITIATIVE_WIDTHS, social=True)


def written(tmp_path: Path, data: bytes, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def opened(path: Path) -> Image.Image:
    image = Image.open(path)
    image.load()
    return image


# --- Resizing ----------------------------------------------------------------


def test_a_large_photo_is_written_in_each_width_as_webp_and_jpeg(tmp_path):
    source = written(tmp_path, encoded(scene(2000, 1000), "JPEG"), "stor.jpg")
    result = ImageCache(tmp_path / "cache").process(source, PHOTO)
    for kind, format_ in (("webp", "WEBP"), ("fallback", "JPEG")):
        outputs = result.of_kind(kind)
        assert [(o.width, o.height) for o in outputs] == [(400, 200), (800, 400), (1200, 600)]
        for output in outputs:
            image = opened(result.folder / output.name)
            assert (image.format, image.size) == (format_, (output.width, output.height))
    (social,) = result.of_kind("social")
    assert opened(result.folder / social.name).size == images.SOCIAL_SIZE == (1200, 630)


def test_an_image_is_never_enlarged(tmp_path):
    source = written(tmp_path, encoded(scene(500, 300), "PNG"), "liten.png")
    result = ImageCache(tmp_path / "cache").process(source, Recipe(images.INITIATIVE_WIDTHS))
    assert [(o.width, o.height) for o in result.of_kind("webp")] == [(400, 240), (500, 300)]
    # A PNG falls back to PNG: logos and drawings stay sharp.
    assert [opened(result.folder / o.name).format for o in result.of_kind("fallback")] == ["PNG", "PNG"]


def test_transparency_survives_in_webp_and_png(tmp_path):
    for name, data in (
        ("logga.png", encoded(wide_logo(), "PNG")),
        ("logga.webp", encoded(wide_logo(), "WEBP")),
    ):
        result = ImageCache(tmp_path / "cache").process(written(tmp_path, data, name), Recipe((200,)))
        webp, fallback = (
            opened(result.folder / result.of_kind(kind)[0].name) for kind in ("webp", "fallback")
        )
        assert webp.mode == "RGBA" and webp.getpixel((0, 0))[3] == 0
        assert fallback.format == "PNG" and fallback.getpixel((0, 0))[3] == 0


# --- Privacy -----------------------------------------------------------------


def test_no_metadata_survives_and_the_photo_stands_the_right_way_up(tmp_path):
    original = phone_jpeg(600, 400, orientation=6)
    assert all(trace in original for trace in TRACES)  # the test photo does carry them
    assert opened(written(tmp_path, original, "x.jpg")).getexif().get_ifd(0x8825)  # GPS
    source = written(tmp_path, original, "telefon.jpg")
    result = ImageCache(tmp_path / "cache").process(source, Recipe((400, 800), social=True, full=True))
    for output in result.outputs:
        data = (result.folder / output.name).read_bytes()
        assert not [trace for trace in TRACES if trace in data], output.name
        image = opened(result.folder / output.name)
        assert not image.getexif()
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "photoshop", "comment", "icc_profile"} & set(
            image.info
        )
    # Stored 400 x 600 with orientation 6; shown, and now written, 600 x 400 with the sky on top.
    full = opened(result.folder / result.of_kind("full")[0].name)
    assert full.size == (600, 400)
    sky, field = full.getpixel((300, 10)), full.getpixel((300, 390))
    assert sky[2] > 200 > sky[1] and field[1] > field[2]
    assert [(o.width, o.height) for o in result.of_kind("webp")] == [(400, 267), (600, 400)]


@pytest.mark.parametrize("format_", ["JPEG", "PNG"])
def test_colour_profile_is_applied_not_published(tmp_path, format_):
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = written(tmp_path, encoded(scene(300, 200), format_, icc_profile=profile), f"profil.{format_}")
    assert opened(source).info.get("icc_profile")
    result = ImageCache(tmp_path / "cache").process(source, Recipe((200,), full=True))
    assert {opened(result.folder / output.name).format for output in result.outputs} >= {format_, "WEBP"}
    for output in result.outputs:
        assert "icc_profile" not in opened(result.folder / output.name).info


# --- Cache -------------------------------------------------------------------


def test_an_unchanged_image_is_not_processed_again(tmp_path, monkeypatch):
    source = written(tmp_path, encoded(scene(900, 600), "JPEG"), "bild.jpg")
    cache = ImageCache(tmp_path / "cache")
    first = cache.process(source, PHOTO)
    assert not first.from_cache

    def refuse(*args, **kwargs):
        raise AssertionError("processed again")

    monkeypatch.setattr(images, "render", refuse)
    second = cache.process(source, PHOTO)
    assert second.from_cache and second.folder == first.folder and second.outputs == first.outputs
    # Another name, same content: still nothing to do.
    assert cache.process(written(tmp_path, source.read_bytes(), "kopia.jpg"), PHOTO).from_cache
    monkeypatch.undo()
    # New content, or an entry left incomplete: processed.
    source.write_bytes(encoded(scene(900, 601), "JPEG"))
    assert not cache.process(source, PHOTO).from_cache
    (first.folder / first.outputs[0].name).unlink()
    source.write_bytes(encoded(scene(900, 600), "JPEG"))
    assert not cache.process(source, PHOTO).from_cache


@pytest.mark.parametrize(
    "output",
    [
        {"name": "/etc/hostname", "kind": "full", "width": 1, "height": 1},
        {"name": "../../hemlig.txt", "kind": "full", "width": 1, "height": 1},
        {"name": "evil.html", "kind": "webp", "width": 1, "height": 1},
        {"name": "800.webp", "kind": "script", "width": 1, "height": 1},
    ],
)
def test_a_cache_entry_naming_anything_but_its_own_images_is_not_used(tmp_path, output):
    """A manifest the image step did not write (a pull request's, say) publishes nothing:
    the entry is made again from the image."""
    source = written(tmp_path, encoded(scene(900, 600), "JPEG"), "bild.jpg")
    cache = ImageCache(tmp_path / "cache")
    first = cache.process(source, PHOTO)
    (first.folder / "evil.html").write_text("<script>alert(1)</script>", "utf-8")
    (tmp_path / "hemlig.txt").write_text("hemlighet", "utf-8")
    (first.folder / "manifest.json").write_text(json.dumps({"outputs": [output]}), "utf-8")
    again = cache.process(source, PHOTO)
    assert not again.from_cache and again.outputs == first.outputs


def test_the_builds_caches_are_outside_the_repository(monkeypatch, tmp_path):
    """In the repository a pull request could commit a cache (git add -f): a manifest naming
    a file of the machine, a compiled template that runs as code (site_content/caches.py)."""
    monkeypatch.delenv("SIS_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert caches.cache_root() == tmp_path / "home" / ".cache" / "social-innovation-skane"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert caches.cache_root() == tmp_path / "xdg" / "social-innovation-skane"
    monkeypatch.setenv("SIS_CACHE_DIR", str(tmp_path / "egen"))
    assert caches.cache_root() == tmp_path / "egen"


# --- Limits, read from the header alone -------------------------------------


@pytest.fixture
def no_decoding(monkeypatch):
    """Fail the test if any image is decoded."""

    def refuse(self):
        raise AssertionError(f"decoded {self.size}")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


def test_a_decompression_bomb_is_refused_without_decoding(tmp_path, no_decoding):
    bomb = written(tmp_path, bomb_png(), "bomb.png")
    assert bomb.stat().st_size < 100
    assert [code for code, _ in inspect(bomb)] == ["image-bomb"]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("lang.png", encoded(scene(8001, 2), "PNG"), "image-too-large"),
        ("hog.png", encoded(scene(2, 8001), "PNG"), "image-too-large"),
        ("png.jpg", encoded(scene(20, 20), "PNG"), "image-wrong-format"),
        ("jpeg.webp", encoded(scene(20, 20), "JPEG"), "image-wrong-format"),
        ("text.jpg", b"inte en bild", "image-unreadable"),
        ("avhuggen.png", encoded(scene(20, 20), "PNG")[:20], "image-unreadable"),
        ("bild.heic", b"....ftypheic", "image-unsupported"),
        ("bild.gif", encoded(scene(20, 20), "GIF"), "image-unsupported"),
        ("BILD.JPG", encoded(scene(20, 20), "JPEG"), None),
        ("ok.webp", encoded(scene(8000, 2), "WEBP"), None),
    ],
)
def test_limits(tmp_path, no_decoding, name, data, code):
    found = inspect(written(tmp_path, data, name))
    assert [c for c, _ in found] == ([code] if code else [])


def test_size_limit_is_checked_before_reading(tmp_path):
    heavy = tmp_path / "tung.jpg"
    with heavy.open("wb") as file:
        file.truncate(images.MAX_BYTES + 1)
    assert [code for code, _ in inspect(heavy)] == ["image-too-heavy"]
    heavy.write_bytes(phone_jpeg(64, 48))
    assert inspect(heavy) == []


def test_check_warns_that_the_uploaded_original_keeps_its_gps_position(tmp_path):
    root = content_root_with(tmp_path)
    (root / "docs" / "images" / "initiatives" / "telefon.jpg").write_bytes(phone_jpeg(64, 48))
    (root / "docs" / "images" / "initiatives" / "ren.jpg").write_bytes(encoded(scene(64, 48), "JPEG"))
    for name in ("telefon", "ren"):
        (root / "content" / "initiatives" / f"{name}.yml").write_text(
            "name: {sv: Projekt, en: Example}\nsummary: {sv: En mening., en: One sentence.}\n"
            "themes: [skola]\nmunicipalities: [lund]\n"
            "organisation: {name: Föreningen, type: ideell-forening}\n"
            f"stage: ide\nstarted: 2020\nadded: 2026-11-20\nimage:\n  src: images/initiatives/{name}.jpg\n"
            "  alt: {sv: En bild., en: A picture.}\n",
            "utf-8",
        )
    content, problems = check_content(ContentPaths.under(root, docs=root / "docs"))
    assert content is not None  # a warning, not an error
    assert [p.format("sv") for p in problems if not p.code.endswith("-translation")] == [
        "content/initiatives/telefon.yml:10:8 (fält image.src): Bilden 'images/initiatives/telefon.jpg' "
        "innehåller platsuppgifter (GPS) från kameran. Webbplatsen publicerar dem inte, men filen här i "
        "GitHub är offentlig: ladda upp en kopia utan platsuppgifter om platsen inte får synas."
    ]
    assert problems[0].severity == "warning"


# --- SVG -----------------------------------------------------------------------

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
    "{}</svg>"
)
ATTACKS = {
    "script": ("<script>alert(1)</script>", "svg-script"),
    "script-with-namespace-prefix": (
        '<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>',
        "svg-script",
    ),
    "handler element": ('<handler type="application/ecmascript">alert(1)</handler>', "svg-script"),
    "onload": ('<rect width="10" height="10" onload="alert(1)"/>', "svg-event-handler"),
    "ONCLICK in capitals": ('<g ONCLICK="alert(1)"><rect width="1" height="1"/></g>', "svg-event-handler"),
    "onbegin on an animation": (
        '<animate onbegin="alert(1)" attributeName="x" dur="1s"/>',
        "svg-event-handler",
    ),
    "javascript link": ('<a href="javascript:alert(1)"><rect width="1" height="1"/></a>', "svg-script"),
    "javascript link split by a tab": (
        '<a xlink:href="java&#x09;script:alert(1)"><rect width="1" height="1"/></a>',
        "svg-script",
    ),
    "animation setting a link": (
        '<a><set attributeName="href" to="https://angripare.example/"/><rect width="1" height="1"/></a>',
        "svg-external",
    ),
    "animation setting an event handler": (
        '<rect width="1" height="1"><set attributeName="onmouseover" to="alert(1)"/></rect>',
        "svg-event-handler",
    ),
    "animation setting a handler, namespaced": (
        '<rect width="1" height="1"><animate attributeName=" xlink:onclick" values="alert(1)"/></rect>',
        "svg-event-handler",
    ),
    "animation setting an image source": (
        '<h:img xmlns:h="http://www.w3.org/1999/xhtml"><set attributeName="src" to="https://x.example/p"/></h:img>',
        "svg-external",
    ),
    "foreignObject": (
        "<foreignObject><div xmlns='http://www.w3.org/1999/xhtml'>x</div></foreignObject>",
        "svg-foreign-object",
    ),
    "image from another host": (
        '<image href="https://sparning.example/p.png" width="1" height="1"/>',
        "svg-external",
    ),
    "use of another file": ('<use xlink:href="symbols.svg#logo"/>', "svg-external"),
    "link to another host": (
        '<a href="https://example.org/"><rect width="1" height="1"/></a>',
        "svg-external",
    ),
    "HTML iframe outside foreignObject": (
        '<h:iframe xmlns:h="http://www.w3.org/1999/xhtml" src="https://angripare.example/"/>',
        "svg-html",
    ),
    "src attribute": (
        '<h:img xmlns:h="http://www.w3.org/1999/xhtml" src="https://x.example/p.png"/>',
        "svg-external",
    ),
    "@import": ('<style>@import "https://sparning.example/x.css";</style>', "svg-external"),
    "@import hidden by a CSS escape": (
        '<style>@\\69mport "https://sparning.example/x.css";</style>',
        "svg-external",
    ),
    "url() hidden by an escape and a comment": (
        "<style>rect { fill: /* */ u\\72l(https://sparning.example/#g) }</style>",
        "svg-external",
    ),
    "external font": (
        "<style>@font-face { font-family: F; src: url('https://typsnitt.example/f.woff2') }</style>",
        "svg-external",
    ),
    "url() in a style attribute": (
        '<rect width="1" height="1" style="fill: url(https://sparning.example/#g)"/>',
        "svg-external",
    ),
    "url() in a presentation attribute": (
        '<rect width="1" height="1" filter="url(//x.example/f#a)"/>',
        "svg-external",
    ),
}


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_each_svg_attack_is_refused(attack):
    markup, code = ATTACKS[attack]
    found = svg_findings(SVG.format(markup).encode())
    assert code in [c for c, _ in found], found


def test_svg_stylesheet_instruction_and_entities_are_refused():
    instruction = b'<?xml-stylesheet href="https://sparning.example/x.css"?>' + SVG.format("").encode()
    assert [c for c, _ in svg_findings(instruction)] == ["svg-external"]
    entities = b'<!DOCTYPE svg [<!ENTITY a "aaaa">]>' + SVG.format("<text>&a;</text>").encode()
    assert [c for c, _ in svg_findings(entities)] == ["svg-doctype"]
    external = b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + SVG.format("&x;").encode()
    assert [c for c, _ in svg_findings(external)] == ["svg-doctype"]
    # UTF-16 would hide the DOCTYPE from a byte-level look: only UTF-8 is read.
    hidden = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE svg>' + SVG.format("")).encode("utf-16")
    assert [c for c, _ in svg_findings(hidden)] == ["svg-unreadable"]


@pytest.mark.parametrize(
    "markup",
    [
        '<defs><linearGradient id="g"/></defs><rect width="10" height="10" fill="url(#g)"/>',
        '<defs><symbol id="s"/></defs><use href="#s"/><use xlink:href="#s"/>',
        '<image width="1" height="1" href="data:image/png;base64,iVBORw0KGgo="/>',
        "<style>rect { fill: url('#g'); } .online { color: red }</style>",
        '<text font-family="Arial" x="1" y="5">on: onward</text>',
    ],
)
def test_harmless_svg_passes(markup):
    assert svg_findings(SVG.format(markup).encode()) == []


def test_the_repositorys_own_svg_files_pass():
    for path in [*ROOT.glob("docs/images/**/*.svg"), *ROOT.glob("tests/fixtures/docs/images/**/*.svg")]:
        assert svg_findings(path.read_bytes()) == [], path
    assert svg_findings((ROOT / "overrides/assets/images/eu-emblem.svg").read_bytes()) == []


# What Adobe Illustrator writes: a DOCTYPE naming the W3C's DTD, nothing declared.
ILLUSTRATOR_SVG = b"""<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg version="1.1" id="Lager_1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
\t viewBox="0 0 200 80" style="enable-background:new 0 0 200 80;" xml:space="preserve">
<rect width="200" height="80" fill="#0a5"/>
</svg>
"""


def test_a_logo_from_illustrator_passes_and_is_published_without_its_doctype():
    assert svg_findings(ILLUSTRATOR_SVG) == []
    published = images.publishable_svg(ILLUSTRATOR_SVG)
    assert b"DOCTYPE" not in published
    assert published == ILLUSTRATOR_SVG.replace(
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n',
        b"",
    )
    plain = SVG.format("").encode()
    assert images.publishable_svg(plain) is plain


@pytest.mark.parametrize(
    "doctype",
    [
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" '
        b'[<!ATTLIST svg onload CDATA "alert(1)">]>',
        b'<!DOCTYPE svg SYSTEM "https://sparning.example/svg.dtd">',
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "https://sparning.example/svg11.dtd">',
        b'<!DOCTYPE html PUBLIC "-//W3C//DTD SVG 1.1//EN">',
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/x.dtd"><!ENTITY a "b">',
    ],
)
def test_a_doctype_that_declares_or_fetches_anything_is_refused(doctype):
    assert [c for c, _ in svg_findings(doctype + SVG.format("").encode())] == ["svg-doctype"]


def test_the_build_publishes_an_illustrator_logo_without_its_doctype(tmp_path, monkeypatch):
    """The image step (hooks/images.py) on a docs/ holding only the logo."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

    import images as image_steps
    from site_build import SiteBuild
    from site_content.strings import load_strings

    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "images" / "partners").mkdir(parents=True)
    (docs / "images" / "partners" / "logga.svg").write_bytes(ILLUSTRATOR_SVG)
    config = MkDocsConfig()
    config.load_dict({"site_name": "Test", "docs_dir": str(docs), "site_dir": str(site)})
    assert config.validate() == ([], [])
    config.plugins.on_startup(command="build", dirty=False)  # MkDocs runs an event before File.generated
    build = SiteBuild(root=tmp_path, strings=load_strings(ROOT / "i18n"))  # for the step's summary line
    files = Files([File("images/partners/logga.svg", str(docs), str(site), True)])
    image_steps.publish(build, files, config)
    published = files.get_file_from_path("images/partners/logga.svg")
    published.copy_file()
    written = (site / "images" / "partners" / "logga.svg").read_bytes()
    assert b"<svg" in written and b"DOCTYPE" not in written
    assert build.pictures["images/partners/logga.svg"].width == 200


def test_svg_size_comes_from_width_height_or_view_box():
    assert images.svg_size(b'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="240"/>') == (
        400,
        240,
    )
    assert images.svg_size(b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 200"/>') == (100, 200)
    assert images.svg_size(b'<svg xmlns="http://www.w3.org/2000/svg" width="100%"/>') is None


# --- The built site --------------------------------------------------------------


def srcset(element) -> list[tuple[str, int]]:
    pairs = [item.strip().rsplit(" ", 1) for item in element.get("srcset").split(",")]
    return [(url, int(width.rstrip("w"))) for url, width in pairs]


def resolve(site, page_url: str, href: str) -> Path:
    return site.root / Path(page_url) / href


def picture_on(site, url: str, selector: str = "figure picture"):
    picture = site.page(url).cssselect(selector)[0]
    return picture.cssselect("source")[0], picture.cssselect("img")[0]


def test_initiative_image_has_srcset_sizes_width_and_height(showcase_site):
    source, img = picture_on(showcase_site, "initiativ/abborren/")
    assert source.get("type") == "image/webp"
    for element, format_ in ((source, "WEBP"), (img, "JPEG")):
        assert element.get("sizes")
        widths = []
        for url, width in srcset(element):
            image = opened(resolve(showcase_site, "initiativ/abborren/", url))
            assert image.format == format_ and image.width == width
            widths.append(width)
        assert widths == [400, 800, 1200]
    # The photo is shown 1600 x 1200 (stored turned): the attributes keep its shape.
    assert (img.get("width"), img.get("height")) == ("1200", "900")
    assert opened(resolve(showcase_site, "initiativ/abborren/", img.get("src"))).size == (1200, 900)
    # At the top of the page: loaded at once.
    assert img.get("loading") is None
    assert img.get("alt") == "Solig himmel över en grön äng."


@pytest.mark.parametrize(
    ("url", "name", "alt"),
    [
        ("evenemang/varmote/", "varmote", "En gul cirkel på ljus botten."),
        ("en/news/ny-samverkan/", "ny-samverkan", "A blue square on a light background."),
    ],
)
def test_event_and_news_pictures_are_published_as_an_initiatives_are(showcase_site, url, name, alt):
    """In the widths of the page's column as WebP and JPEG, with their size, and as the
    page's social preview: never the uploaded original at full size."""
    source, img = picture_on(showcase_site, url)
    for element, format_ in ((source, "WEBP"), (img, "JPEG")):
        assert element.get("sizes")
        assert [width for _, width in srcset(element)] == [400, 800, 1200]
        for found, width in srcset(element):
            image = opened(resolve(showcase_site, url, found))
            assert (image.format, image.width) == (format_, width)
    assert (img.get("width"), img.get("height"), img.get("alt")) == ("1200", "738", alt)
    head = showcase_site.page(url).cssselect("head")[0]
    content = {meta.get("property"): meta.get("content") for meta in head.cssselect("meta[property]")}
    preview = showcase_site.root / content["og:image"][len(showcase_site.site_url) :]
    assert re.fullmatch(rf"{name}-[0-9a-f]{{8}}-social\.jpg", preview.name)
    assert opened(preview).size == (1200, 630) and content["og:image:alt"] == alt


def test_a_small_image_is_not_enlarged_on_the_page(showcase_site):
    source, img = picture_on(showcase_site, "en/initiatives/ostra-bryggan/")
    assert [width for _, width in srcset(source)] == [300]
    assert (img.get("width"), img.get("height")) == ("300", "200")
    assert img.get("alt") == "A small picture of a meadow."


def test_an_svg_image_is_shown_as_it_is_with_its_size(showcase_site):
    img = showcase_site.page("initiativ/angsbacken/").cssselect("figure img")[0]
    assert img.get("src").endswith("images/initiatives/exempel-odlingslotten.svg")
    assert (img.get("width"), img.get("height")) == ("400", "240")
    assert not img.xpath("ancestor::picture")


def test_partner_logos_are_lazy_below_the_first_screen_with_their_size(showcase_site):
    logos = {
        img.get("src").rsplit("/", 1)[-1]: img
        for img in showcase_site.page("samverkansparter/").cssselect("img.sis-logo")
    }
    png = next(img for name, img in logos.items() if name.startswith("bred-logga-"))
    assert [width for _, width in srcset(png)] == [200, 400]
    assert (png.get("width"), png.get("height"), png.get("loading")) == ("400", "100", "lazy")
    svg = logos["hog-logga.svg"]
    assert (svg.get("width"), svg.get("height"), svg.get("loading")) == ("100", "200", "lazy")
    on_own_page = showcase_site.page("samverkansparter/coompanion-skane/").cssselect("img.sis-logo")[0]
    assert on_own_page.get("loading") is None


def test_published_images_carry_no_metadata_and_no_original_is_published(showcase_site):
    published = [path for path in (showcase_site.root / "images").rglob("*") if path.is_file()]
    originals = {path.read_bytes() for path in (ROOT / "tests/fixtures/docs/images").rglob("*.*")}
    raster = [path for path in published if path.suffix != ".svg"]
    assert len(raster) >= 15
    for path in raster:
        data = path.read_bytes()
        assert not [trace for trace in TRACES if trace in data], path
        assert data not in originals, path
        assert not opened(path).getexif(), path
    names = {path.name for path in published}
    assert "abborren.jpg" not in names and "bred-logga.png" not in names
    # Images no content shows are published too, cleaned, for hand-written pages.
    assert opened(showcase_site.root / "images" / "oanvand-bild.jpg").size == (800, 600)
    # A draft's image is not published at all.
    assert not [name for name in names if name.startswith("hemligt-utkast")]


def test_initiative_with_an_image_gets_a_social_preview(showcase_site):
    for url in ("initiativ/abborren/", "en/initiatives/abborren/"):
        head = showcase_site.page(url).cssselect("head")[0]
        content = {meta.get("property"): meta.get("content") for meta in head.cssselect("meta[property]")}
        assert content["og:image"].startswith(showcase_site.site_url)
        path = showcase_site.root / content["og:image"][len(showcase_site.site_url) :]
        assert re.fullmatch(r"abborren-[0-9a-f]{8}-social\.jpg", path.name)
        assert opened(path).size == (1200, 630)
        assert (content["og:image:width"], content["og:image:height"]) == ("1200", "630")
    assert content["og:image:alt"] == "A sunny sky over a green meadow."
    # SVG cannot be a preview: such pages share the site's default card.
    head = showcase_site.page("initiativ/angsbacken/").cssselect("head")[0]
    assert head.cssselect("meta[property='og:image']")[0].get("content").endswith("/social-card.png")


def test_a_second_build_takes_every_image_from_the_cache(showcase_site, showcase_source, tmp_path):
    # A cache of its own, not the run's that other builds of the showcase have filled.
    source = tmp_path / "repo"
    shutil.copytree(showcase_source, source)
    cache = str(tmp_path / "cache")
    first = build_site(source, tmp_path / "first", SIS_CACHE_DIR=cache)
    assert "Bilder: 6 behandlade, 0 från cachen" in first.log
    again = build_site(source, tmp_path / "again", SIS_LANG="en", SIS_CACHE_DIR=cache)
    assert re.search(r"Images: 0 processed, 6 from the cache, [0-9.]+ s", again.log)
    assert published_images(again) == published_images(first) == published_images(showcase_site)


def published_images(site) -> dict[Path, bytes]:
    folder = site.root / "images"
    return {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_an_unsafe_svg_or_a_broken_image_anywhere_in_docs_stops_the_build(tmp_path):
    source = copy_repository(tmp_path / "repo")
    assert "docs" in BUILD_INPUTS
    (source / "docs" / "images" / "elak.svg").write_text(SVG.format("<script>alert(1)</script>"), "utf-8")
    # The header is whole, the picture data cut off: found only when decoding.
    whole = encoded(scene(400, 300), "JPEG")
    (source / "docs" / "images" / "avbruten.jpg").write_bytes(whole[: len(whole) // 2])
    assert inspect(source / "docs" / "images" / "avbruten.jpg") == []
    result = run_build(source, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/images/elak.svg: SVG-filen 'images/elak.svg' innehåller skript (<script>)" in result.stderr
    assert "The SVG file 'images/elak.svg' contains script (<script>)" in result.stderr
    shutil.rmtree(source)
    # A file whose header is whole is found broken only when decoded, by the build alone.
    source = copy_repository(tmp_path / "repo")
    (source / "docs" / "images" / "avbruten.jpg").write_bytes(whole[: len(whole) // 2])
    result = run_build(source, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/images/avbruten.jpg: Filen 'images/avbruten.jpg' går inte att läsa som bild" in result.stderr
    shutil.rmtree(source)


# --- Logos beside the EU emblem, in a browser -----------------------------------

BOXES = """() => [...document.querySelectorAll('img.sis-logo, img.sis-eu__emblem')].map(img => {
  const box = img.getBoundingClientRect();
  return {name: img.className, src: img.currentSrc, width: box.width, height: box.height,
          naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight};
})"""


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("url", ["samverkansparter/", "en/partners/coompanion-skane/"])
def test_logos_keep_their_proportions_and_never_outgrow_the_eu_emblem(open_page, server, url, width):
    page = open_page(viewport={"width": width, "height": 800})
    page.goto(server + url)
    for img in page.locator("img.sis-logo").all():
        img.scroll_into_view_if_needed()  # lazy ones load too
    page.wait_for_function("() => [...document.images].every(img => img.complete)")
    boxes = page.evaluate(BOXES)
    (emblem,) = [box for box in boxes if box["name"] == "sis-eu__emblem"]
    logos = [box for box in boxes if box["name"] == "sis-logo"]
    assert len(logos) == (2 if url == "samverkansparter/" else 1)
    for box in (emblem, *logos):
        assert box["naturalWidth"] > 0, f"not loaded: {box['src']}"
        ratio = box["naturalWidth"] / box["naturalHeight"]
        assert box["width"] / box["height"] == pytest.approx(ratio, rel=0.03), box
    assert emblem["width"] / emblem["height"] == pytest.approx(1.5, rel=0.01)
    for logo in logos:
        assert logo["width"] <= emblem["width"] + 0.5 and logo["height"] <= emblem["height"] + 0.5, logo


def test_the_build_refuses_an_image_that_is_a_symbolic_link_without_reading_it(tmp_path, monkeypatch):
    """The image step (hooks/images.py): a link (here to a file outside docs/) is named, never read."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File, Files

    import images as image_steps
    from site_build import SiteBuild

    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "images" / "partners").mkdir(parents=True)
    outside = tmp_path / "outside.svg"
    outside.write_bytes(ILLUSTRATOR_SVG)
    (docs / "images" / "partners" / "lank.svg").symlink_to(outside)
    config = MkDocsConfig()
    config.load_dict({"site_name": "Test", "docs_dir": str(docs), "site_dir": str(site)})
    assert config.validate() == ([], [])
    build = SiteBuild(root=tmp_path)
    monkeypatch.setattr(images, "inspect", lambda path: pytest.fail(f"{path} was read"))
    files = Files([File("images/partners/lank.svg", str(docs), str(site), True)])
    with pytest.raises(PluginError) as refused:
        image_steps.publish(build, files, config)
    assert "docs/images/partners/lank.svg: Bilden 'images/partners/lank.svg' är en symbolisk länk" in str(
        refused.value
    )
    assert "outside" not in str(refused.value) and build.pictures == {}
