"""The preview (`make serve`) builds again only what an edit changed, and the result
is what a fresh build writes.

hooks/preview_cache.py reuses, while `make serve` runs, the pages whose inputs did
not change. These builds run in this process, as tools/serve.py runs them (with one
memory for all), on the tests' own content; after each edit a copy of the files is
built from scratch in a process of its own (nothing remembered), beside the next
edits, and the two sites are compared file by file.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from serve import build_preview, preview_config, start_plugins  # noqa: E402 - tools/ is not a package

SERVE_URL = "http://127.0.0.1:8000/"
# The sitemap: pages reused outside MkDocs' page loop are not in the preview's
# sitemap (MAINTAINING.md, "Performance").
NOT_COMPARED = re.compile(r"^sitemap\.xml")
TEST_PAGE = "---\nkey: provsida\n---\n# Provsida\n\nEn sida som bara testerna har.\n"


class Rebuilt(logging.Handler):
    """The pages the preview says it built again ("Built again: …", at debug level)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.pages: set[str] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("Built again: "):
            self.pages = set(filter(None, message.removeprefix("Built again: ").split(", ")))


def serve_build(source: Path, site: Path, memory: dict | None = None) -> None:
    """One build as `make serve` runs it after a save; a new memory: nothing remembered."""
    config = preview_config(source / "mkdocs.yml", str(site), SERVE_URL, {} if memory is None else memory)
    start_plugins(config)
    build_preview(config)


def fresh_build(source: Path, site: Path) -> subprocess.Popen:
    """``serve_build`` in a process of its own: nothing of this process's builds in it."""
    code = (
        "import sys; from pathlib import Path; from test_preview import serve_build;"
        " serve_build(*map(Path, sys.argv[1:]))"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, str(source), str(site)],
        cwd=Path(__file__).parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file of the site."""
    files = {}
    for folder, _subfolders, names in os.walk(site):
        for name in names:
            path = Path(folder) / name
            relative = path.relative_to(site).as_posix()
            if not NOT_COMPARED.match(relative):
                files[relative] = path.read_bytes()
    return files


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{path}: the tests' own content changed"
    path.write_text(text.replace(old, new, 1), "utf-8")


EDITS = {
    # Its description: only its own pages show it.
    "initiative": ("content/initiatives/abborren.yml", "Klubben träffas", "Klubben ses"),
    # Its summary: every card of it too.
    "summary": ("content/initiatives/abborren.yml", "varandra vid vattnet", "varandra vid sjön"),
    # Höör: only akerlyckan names it.
    "label": ("content/vocabulary/municipalities.yml", "sv: Höör,", "sv: Höörs kommun,"),
    "partner": ("content/partners/motesplats-social-innovation.yml", "samlande nationell", "nationell"),
    "docs": ("docs/provsida.md", "bara testerna har", "bara testerna har, ändrad"),
    # Its picture no longer shown: the published sizes of it go.
    "picture": (
        "content/initiatives/abborren.yml",
        "image:\n  src: images/initiatives/abborren.jpg\n"
        "  alt: {sv: Solig himmel över en grön äng., en: A sunny sky over a green meadow.}\n",
        "",
    ),
    # An initiative removed, then one added (a copy of another under a new name).
    "removed": ("content/initiatives/zebrastigen.yml", None, None),
    "added": ("content/initiatives/ny-stig.yml", "content/initiatives/akerlyckan.yml", None),
    # The same file under another name: every page that lists it must link to the new address.
    "renamed": ("content/initiatives/ny-stig.yml", "content/initiatives/nya-stigen.yml", None),
}


@pytest.fixture(scope="module")
def preview(showcase_source, tmp_path_factory):
    """{edit: (pages built again, the preview's site, a fresh build's site)} after each edit in turn."""
    environment = pytest.MonkeyPatch()
    environment.setenv("NO_MKDOCS_2_WARNING", "1")
    environment.setenv("SOURCE_DATE_EPOCH", "1767225600")  # one build time in the feeds for all builds
    source = tmp_path_factory.mktemp("preview") / "repo"
    shutil.copytree(showcase_source, source)
    (source / "docs" / "provsida.md").write_text(TEST_PAGE, "utf-8")
    site = source.parent / "site"
    handler = Rebuilt()
    logger = logging.getLogger("mkdocs.hooks.preview_cache")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    results, fresh, memory = {}, {}, {}
    try:
        serve_build(source, site, memory)
        results["first"] = (handler.pages, snapshot(site), None)
        for name, (path, old, new) in EDITS.items():
            if name == "removed":
                (source / path).unlink()
            elif name == "added":
                (source / path).write_text((source / old).read_text("utf-8"), "utf-8")
            elif name == "renamed":
                (source / path).rename(source / old)
            else:
                replace(source / path, old, new)
            handler.pages = None
            serve_build(source, site, memory)
            results[name] = (handler.pages, snapshot(site))
            # The same files built from scratch, in a copy, beside the next edits.
            copy = source.parent / f"copy-{name}"
            shutil.copytree(source, copy)
            fresh[name] = (
                fresh_build(copy, source.parent / f"fresh-{name}"),
                source.parent / f"fresh-{name}",
            )
        for name, (process, fresh_site) in fresh.items():
            assert process.wait() == 0, f"the fresh build after the {name} edit failed"
            results[name] = (*results[name], snapshot(fresh_site))
    finally:
        for process, _site in fresh.values():
            if process.poll() is None:
                process.kill()
        logger.removeHandler(handler)
        logger.setLevel(level)
        environment.undo()
    return results


def test_the_first_build_builds_every_page(preview):
    rebuilt, first, _ = preview["first"]
    assert "initiativ/abborren.md" in rebuilt and "index.md" in rebuilt
    assert {"kontakt.md", "en/contact.md", "samverkansparter/index.md"} <= rebuilt  # named below
    assert "initiativ/abborren/index.html" in first


@pytest.mark.parametrize("edit", EDITS)
def test_a_rebuild_writes_what_a_fresh_build_writes(preview, edit):
    _rebuilt, rebuilt_site, fresh_site = preview[edit]
    assert sorted(rebuilt_site) == sorted(fresh_site)
    different = [name for name in sorted(fresh_site) if rebuilt_site[name] != fresh_site[name]]
    assert not different, f"after the {edit} edit these differ from a fresh build: {different[:10]}"


def test_a_description_edit_builds_the_initiatives_own_pages_and_no_others(preview):
    rebuilt, site, _ = preview["initiative"]
    # Cards show no description: the pages that list it are reused.
    assert rebuilt == {"initiativ/abborren.md", "en/initiatives/abborren.md"}
    assert "Klubben ses" in site["initiativ/abborren/index.html"].decode()


def test_a_summary_edit_builds_its_pages_and_those_that_list_it(preview):
    rebuilt, site, _ = preview["summary"]
    assert {"initiativ/abborren.md", "en/initiatives/abborren.md"} <= rebuilt
    # Its themes' and municipalities' pages list it; its partners' pages too.
    assert "initiativ/kommun/lund.md" in rebuilt and "samverkansparter/coompanion-skane.md" in rebuilt
    # An initiative sharing nothing with it, and a partner that does not run it.
    assert "initiativ/akerlyckan.md" not in rebuilt
    assert "samverkansparter/natverket-ideburen-sektor-skane.md" not in rebuilt
    assert "vid sjön" in site["initiativ/kommun/lund/index.html"].decode()


def test_a_label_edit_builds_the_pages_that_show_the_term_and_no_others(preview):
    rebuilt, site, _ = preview["label"]
    assert "initiativ/akerlyckan.md" in rebuilt and "en/initiatives/akerlyckan.md" in rebuilt
    assert "Höörs kommun" in site["initiativ/akerlyckan/index.html"].decode()
    # Initiatives in other municipalities: not built again.
    assert not {"initiativ/abborren.md", "initiativ/zebrastigen.md", "initiativ/ostra-bryggan.md"} & rebuilt


def test_a_partner_edit_builds_its_pages_and_not_its_initiatives(preview):
    rebuilt, site, _ = preview["partner"]
    assert "samverkansparter/motesplats-social-innovation.md" in rebuilt
    # Its initiative names the partner, not its description; so do the home page's
    # partner cards and the contact page.
    assert "initiativ/abborren.md" not in rebuilt and "initiativ/akerlyckan.md" not in rebuilt
    assert not {"index.md", "en/index.md", "kontakt.md", "en/contact.md"} & rebuilt
    # The partners' list shows the start of each description.
    assert "samverkansparter/index.md" in rebuilt
    page = site["samverkansparter/motesplats-social-innovation/index.html"].decode()
    assert "är en nationell kunskapsnod" in page


def test_a_removed_initiative_leaves_no_page_behind(preview):
    rebuilt, site, _ = preview["removed"]
    assert "initiativ/zebrastigen/index.html" not in site
    assert "en/initiatives/zebrastigen/index.html" not in site
    # The pages that listed it are built again; one that never showed it is not.
    assert "initiativ/tema/skola.md" in rebuilt and "initiativ/akerlyckan.md" not in rebuilt


def test_an_added_initiative_has_its_pages(preview):
    rebuilt, site, _ = preview["added"]
    assert {"initiativ/ny-stig.md", "en/initiatives/ny-stig.md"} <= rebuilt
    assert "initiativ/ny-stig/index.html" in site


def test_a_picture_no_longer_shown_is_no_longer_published(preview):
    _rebuilt, before, _ = preview["docs"]
    _rebuilt, after, _ = preview["picture"]
    gone = [name for name in before if "abborren" in name and name.startswith("images/")]
    assert gone, "the fixture's abborren has a picture"
    assert not [name for name in gone if name in after]


def test_a_renamed_initiative_is_linked_at_its_new_address(preview):
    rebuilt, site, _ = preview["renamed"]
    assert "initiativ/nya-stigen.md" in rebuilt and "initiativ/ny-stig/index.html" not in site
    listing = [name for name, html in site.items() if name.endswith(".html") and b"nya-stigen/" in html]
    assert "initiativ/nya-stigen/index.html" in listing and len(listing) > 2
    assert not [name for name, html in site.items() if name.endswith(".html") and b"ny-stig/" in html]


def test_a_docs_edit_builds_that_page_and_no_page_of_content(preview):
    rebuilt, site, _ = preview["docs"]
    assert "provsida.md" in rebuilt
    # Its English fallback, and the translation status, which lists every page.
    assert rebuilt <= {"provsida.md", "en/provsida.md", "oversattningsstatus.md", "en/translation-status.md"}
    assert "ändrad" in site["provsida/index.html"].decode()


def test_a_build_that_stopped_half_way_leaves_nothing_to_reuse(tmp_path):
    import preview_cache

    class Config(dict):
        site_dir = str(tmp_path)

    config = Config({preview_cache.MEMORY_KEY: {}})
    built = preview_cache.PreviewCache.of(config)
    built.memory.pages = {"a.md": {"digest": "d", "url": "a/", "dest": "a/index.html"}}
    built.memory.html = {"a.md": "<p>a</p>"}
    built.memory.finished = True  # as finish() leaves it
    assert preview_cache.PreviewCache.of(config).previous["a.md"]["digest"] == "d"
    # That build raised before finish(): it may have written pages its digests do not describe.
    after = preview_cache.PreviewCache.of(config)
    assert after.previous["a.md"]["digest"] == "" and after.memory.html == {}


# --- Mistakes found after the content check: shown like content errors -----------

BROKEN = {
    # A link in docs/ to no page: MkDocs warns as it reads the page (make build fails).
    "link": ("docs/provsida.md", "bara testerna har.", "bara testerna har. Se [kontakt](kontakter.md)."),
    # A front matter that is not YAML.
    "front matter": ("docs/provsida.md", "key: provsida\n", "key: provsida\ntitle: [Prov\n"),
    # A 'billion laughs': refused by the check's reader, so MkDocs' own never reads it.
    "laughs": (
        "docs/provsida.md",
        "key: provsida\n",
        "key: provsida\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(
            f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ),
    # A redirect to a page that does not exist.
    "redirect": ("content/redirects.yml", "/om-oss/: background", "/om-oss/: bakgrunden"),
}
MESSAGES = {
    "link": ("docs/provsida.md:6:", "Menade du 'kontakt.md'?"),
    "front matter": ("docs/provsida.md:3:", "Parentesen '[' här stängs aldrig"),
    "laughs": ("docs/provsida.md:3:4", "'&a' är ett YAML-ankare"),
    "redirect": ("content/redirects.yml:", "bakgrunden"),
}


@pytest.fixture(scope="module")
def mistakes(showcase_source, tmp_path_factory):
    """{mistake: (the site's pages with it, then once it is fixed)}: each mistake made, built,
    fixed and built again in turn, by one preview (one first build for all)."""
    source = tmp_path_factory.mktemp("mistakes") / "repo"
    shutil.copytree(showcase_source, source)
    (source / "docs" / "provsida.md").write_text(TEST_PAGE, "utf-8")
    site, memory, results = source.parent / "site", {}, {}
    serve_build(source, site, memory)
    pages = ("index.html", "initiativ/abborren/index.html", "404.html", "en/index.html")
    for mistake, (path, old, new) in BROKEN.items():
        original = (source / path).read_text("utf-8")
        replace(source / path, old, new)
        serve_build(source, site, memory)  # no exception: the server would keep every request waiting
        broken = {page: (site / page).read_bytes() for page in pages}
        (source / path).write_text(original, "utf-8")
        serve_build(source, site, memory)
        fixed = {page: (site / page).read_bytes() for page in ("index.html", "provsida/index.html")}
        results[mistake] = (broken, fixed)
    return results


@pytest.mark.parametrize("mistake", BROKEN)
def test_a_mistake_found_late_shows_on_every_page_until_it_is_fixed(mistakes, mistake):
    broken, fixed = mistakes[mistake]
    location, words = MESSAGES[mistake]
    for page in ("index.html", "initiativ/abborren/index.html", "404.html"):
        text = html.fromstring(broken[page]).text_content()
        assert "Fel i innehållet" in text and location in text and words in text, page
        assert "1 fel" in text  # the English fallback's warning is the Swedish page's
    english = html.fromstring(broken["en/index.html"]).text_content()
    assert "Errors in the content" in english and "Fel i innehållet" not in english
    assert "Fel i innehållet" not in fixed["index.html"].decode("utf-8")
    assert "bara testerna har" in fixed["provsida/index.html"].decode("utf-8")


def test_the_previews_first_build_takes_the_templates_a_build_compiled(tmp_path, monkeypatch):
    """`make serve` starts from the compiled templates of the last build or preview (the
    build's cache, outside the repository), and keeps what it compiles in memory and there."""
    from jinja2 import DictLoader, Environment, FileSystemBytecodeCache

    from preview_cache import _CompiledTemplates

    templates = DictLoader({"page.html": "{{ 1 + 1 }}"})
    on_disk = FileSystemBytecodeCache(str(tmp_path))
    built = Environment(loader=templates, bytecode_cache=_CompiledTemplates({}, on_disk))
    assert built.get_template("page.html").render() == "2"
    assert len(list(tmp_path.iterdir())) == 1
    memory: dict[str, bytes] = {}
    preview = Environment(loader=templates, bytecode_cache=_CompiledTemplates(memory, on_disk))
    monkeypatch.setattr(preview, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
    assert preview.get_template("page.html").render() == "2"
    assert len(memory) == 1  # and the next preview build takes it from memory
