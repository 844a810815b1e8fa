"""Publish the images in docs/ fit for the web: resized, without metadata, cached.

Raster images (JPEG, PNG, WebP) that content refers to are published in a few
widths as WebP with a JPEG or PNG fallback (shown by the picture macro in
``overrides/sis/macros.html``); the picture of an initiative, an event or a news
item also as a 1200×630 crop for its page's social preview
(``page.meta["social_image"]``). Any other raster file in
docs/ is published as a clean copy at its own address. An uploaded original,
GPS position and all, never is. SVG files are published as they are once they
have passed the safety check, less a DOCTYPE line (Illustrator writes one);
images only drafts use are not published.

The work is done by ``site_content.images``; its results are cached in
``.cache/images/`` by file content, so an unchanged image costs nothing.
"""

from __future__ import annotations

import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from PIL import Image

from site_build import SiteBuild, page_language, terminal_language
from site_content import Content, ContentProblems, Problem, filenames, images, model
from site_content.caches import cache_root
from site_content.images import ImageCache, Picture, Processed, Recipe

log = logging.getLogger("mkdocs.hooks.images")

CACHE_FOLDER = "images"  # in caches.cache_root(), outside the repository
# Image types we do not publish at all: an uploaded original would keep its metadata.
REFUSED_SUFFIXES = {".gif", ".heic", ".heif", ".tif", ".tiff", ".bmp", ".avif", ".jxl"}
# Decoding errors Pillow raises for a file whose header looked right.
DECODING_ERRORS = (OSError, SyntaxError, ValueError, Image.DecompressionBombError)

# -----------------------------------------------------------------------------
# Files: originals out, published versions in
# -----------------------------------------------------------------------------


def publish(build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
    """Originals out of ``files``, their published versions in; ``build.pictures`` says how to show them."""
    started = time.perf_counter()
    docs = Path(config.docs_dir).resolve()
    shown = _shown_images(build.content)
    recipes = _recipes(shown)
    unpublished = build.content.unpublished_images if build.content else set()
    jobs: dict[str, tuple[Path, Recipe]] = {}
    problems: list[Problem] = []
    for file in list(files):
        suffix = Path(file.src_uri).suffix.lower()
        if not _from_docs(file, docs) or suffix not in (*images.SUPPORTED_SUFFIXES, *REFUSED_SUFFIXES):
            continue
        path = Path(file.abs_src_path)
        # A symbolic link (the file or a folder on its way) is never read: it may point anywhere.
        linked = filenames.is_link(Path(config.docs_dir), file.src_uri)
        found = [("image-symlink", {})] if linked else images.inspect(path)
        problems.extend(_problem(build, path, file.src_uri, code, params) for code, params in found)
        if found or (file.src_uri in unpublished and file.src_uri not in recipes):
            files.remove(file)
        elif suffix == images.VECTOR_SUFFIX:
            data = path.read_bytes()
            size = images.svg_size(data) or (None, None)
            build.pictures[file.src_uri] = Picture(file.src_uri, *size)
            published = images.publishable_svg(data)
            if published != data:  # a DOCTYPE, as Illustrator writes: published without it
                files.remove(file)
                files.append(File.generated(config, file.src_uri, content=published))
        else:
            files.remove(file)
            jobs[file.src_uri] = (path, recipes.get(file.src_uri, Recipe(full=True)))

    cache = ImageCache(cache_root() / CACHE_FOLDER)
    fresh = cached = 0
    for src, result in _process_all(cache, jobs):
        if not isinstance(result, Processed):
            problems.append(_problem(build, jobs[src][0], src, "image-unreadable", {}))
            continue
        fresh, cached = fresh + (not result.from_cache), cached + result.from_cache
        for output in result.outputs:
            uri = src if output.kind == "full" else images.published_name(src, result.digest, output)
            if files.get_file_from_path(uri) is None:  # two sources with the same content
                files.append(File.generated(config, uri, abs_src_path=str(result.folder / output.name)))
        build.pictures[src] = images.picture_of(src, result)
    for image, _recipe in shown:
        picture = build.pictures.get(image.src)
        if picture and picture.fallback:
            image.published_src = picture.fallback[-1].uri
    if problems:
        error = ContentProblems(problems)
        raise PluginError(error.bilingual(terminal_language(), build.strings))
    # Anyone curious reads the image step's cost from this line; without pictures it says nothing.
    t = build.strings[terminal_language()]
    seconds = f"{time.perf_counter() - started:.2f}"
    line = t("images_summary", processed=t.plural("images_processed", fresh), cached=cached, seconds=seconds)
    log.log(logging.INFO if jobs else logging.DEBUG, line)


def _shown_images(content: Content | None) -> list[tuple[model.Image, Recipe]]:
    """Every image content shows, with what showing it needs: the pictures of
    initiatives, events and news items in the widths of a page's column and as a
    social preview, partners' logos in a logo's widths."""
    if not content:
        return []
    photo, logo = Recipe(images.INITIATIVE_WIDTHS, social=True), Recipe(images.LOGO_WIDTHS)
    entries = [*content.initiatives.values(), *content.events.values(), *content.news.values()]
    shown = [(entry.image, photo) for entry in entries if entry.image]
    return shown + [(partner.logo, logo) for partner in content.partners.values() if partner.logo]


def _recipes(shown: list[tuple[model.Image, Recipe]]) -> dict[str, Recipe]:
    """What each image that content shows needs, by source URI (one may be shown twice)."""
    recipes: dict[str, Recipe] = {}
    for image, recipe in shown:
        recipes[image.src] = recipes.get(image.src, Recipe()).merge(recipe)
    return recipes


def _process_all(cache: ImageCache, jobs: dict[str, tuple[Path, Recipe]]):
    """Process every job, two or more at a time: Pillow leaves the GIL while it works.
    The threads share the cache's pixel budget: memory does not grow with the cores."""

    def process(src: str) -> tuple[str, Processed | Exception]:
        try:
            return src, cache.process(*jobs[src])
        except DECODING_ERRORS as error:
            if isinstance(error, OSError) and error.errno:
                raise  # the file system, not the image: a disk full is no partner's mistake
            return src, error

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1)) as pool:
        return list(pool.map(process, sorted(jobs)))


def _from_docs(file: File, docs: Path) -> bool:
    return bool(file.abs_src_path and file.src_dir) and Path(file.src_dir).resolve() == docs


def _problem(build: SiteBuild, path: Path, src: str, code: str, params: dict) -> Problem:
    try:
        # Not resolved: a symbolic link is named as written, not by where it points.
        shown = Path(os.path.abspath(path)).relative_to(os.path.abspath(build.root)).as_posix()
    except ValueError:
        shown = path.as_posix()
    return Problem(shown, None, None, "", code, {"value": src, **params})


# -----------------------------------------------------------------------------
# Pages: an initiative's image as its social preview
# -----------------------------------------------------------------------------


# The entry a detail page shows, by its view: its picture is the page's social preview.
SHOWN_ENTRY = {"initiative": "initiative", "event": "event", "news-item": "item"}


def social_image(build: SiteBuild, page: Page, config: MkDocsConfig) -> None:
    generated = build.page(page.file.src_uri)
    view = generated.view if generated else None
    entry = view.data.get(SHOWN_ENTRY[view.name]) if view and view.name in SHOWN_ENTRY else None
    image = entry.image if entry else None
    picture = build.pictures.get(image.src) if image else None
    if picture and picture.social:
        page.meta["social_image"] = urljoin(config.site_url or "", picture.social.uri)
        page.meta["social_image_alt"] = image.alt.get(page_language(page))
