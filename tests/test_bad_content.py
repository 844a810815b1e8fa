"""The catalogue of partners' mistakes: each file in tests/bad_content/ must get
exactly the messages written at its end ("# väntat: …"), with file, line,
column and field. Plus the check command itself: exit status, languages,
warnings, --strict and GitHub annotations.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, content_only_repository
from site_content import ContentPaths, check_content, images
from site_content.check import annotation

CATALOGUE = ROOT / "tests" / "bad_content"
# A case's place below tests/bad_content/ is its place below content/ (file names
# and folders are mistakes too); _content/ stands for content/ itself, _docs/ for
# docs/, images/ holds the images the cases refer to.
CONTENT_ITSELF = "_content"
DOCS = "_docs"
# A case named '<name>.symlink' is put in place as a symbolic link <name> to the
# target on its line '# länk till: <target>' (git keeps no link to outside paths).
LINK_SUFFIX = ".symlink"
LINK_TARGET = "# länk till: "
CASES = sorted(
    path
    for path in CATALOGUE.rglob("*")
    if path.is_file() and path.relative_to(CATALOGUE).parts[0] != "images"
)
EXPECTATION = "# väntat: "
# An expected line for a warning starts so; others are errors ("Fel: ").
WARNING = "Varning: "
# A case that needs another file of the catalogue beside it names it: '# kräver: partners/x.yml'.
REQUIRES = "# kräver: "


def case_target(case: Path) -> Path:
    """Where a case goes, relative to the repository."""
    relative = case.relative_to(CATALOGUE)
    if relative.parts[0] == DOCS:
        return Path("docs", *relative.parts[1:])
    if relative.parts[0] == CONTENT_ITSELF:
        return Path("content", *relative.parts[1:])
    return Path("content", relative)


def put_case(case: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if case.name.endswith(LINK_SUFFIX):
        text = case.read_text("utf-8")
        pointed = next(
            line[len(LINK_TARGET) :].strip() for line in text.splitlines() if line.startswith(LINK_TARGET)
        )
        target.with_name(case.name.removesuffix(LINK_SUFFIX)).symlink_to(pointed)
    else:
        shutil.copy2(case, target)


def expected_lines(case: Path) -> list[str]:
    text = case.read_bytes().decode("utf-8", errors="replace")
    return [line[len(EXPECTATION) :] for line in text.splitlines() if line.startswith(EXPECTATION)]


def content_root_with(
    tmp_path: Path, *cases: Path, template: Path | None = None, for_cases: bool = False
) -> Path:
    """A repository with the fixture partners and vocabularies plus the given files.

    From a ``template`` (conftest's ``case_template``), its files are hard links: only for a
    test that writes no file but the cases (a case replacing a file unlinks it first).
    ``for_cases``: the template itself, which keeps every bad image for the cases naming them."""
    root = tmp_path / "repo"
    if template is None:
        content_only_repository(root)
        add_bad_images(root / "docs" / "images")
    else:
        shutil.copytree(template, root, copy_function=os.link)
    named = ""
    for case in cases:
        for required in [case, *required_cases(case)]:
            target = root / case_target(required)
            if template is not None:
                target.unlink(missing_ok=True)  # never write through a link into the template
            put_case(required, target)
            named += required.read_bytes().decode("utf-8", errors="replace") if required.is_file() else ""
    # An image the site refuses (bild.gif, a bomb, a script in an SVG) is an error wherever
    # it lies: it stays only beside the case that names it (unlinked here, never in the template).
    for image in (root / "docs" / "images").rglob("*"):
        if image.name not in named and (image.suffix.lower() == ".gif" or (not for_cases and refused(image))):
            image.unlink()
    for image in (CATALOGUE / "images").rglob("*.gif"):  # not in the template: put back for its case
        target = root / "docs" / "images" / image.relative_to(CATALOGUE / "images")
        if image.name in named and not target.exists():
            shutil.copy2(image, target)
    return root


def refused(image: Path) -> bool:
    """An image of a published format that the image step would refuse."""
    supported = image.suffix.lower() in images.SUPPORTED_SUFFIXES
    return image.is_file() and not image.is_symlink() and supported and bool(images.inspect(image))


def required_cases(case: Path) -> list[Path]:
    text = case.read_bytes().decode("utf-8", errors="replace")
    return [
        CATALOGUE / line[len(REQUIRES) :].strip() for line in text.splitlines() if line.startswith(REQUIRES)
    ]


def add_bad_images(images: Path) -> None:
    """A fixture image, the catalogue's bad images, and one too heavy to keep in git."""
    shutil.copytree(ROOT / "tests" / "bad_content" / "images", images, dirs_exist_ok=True)
    drawing = FIXTURES / "docs" / "images" / "initiatives" / "exempel-odlingslotten.svg"
    shutil.copy2(drawing, images / "initiatives")
    # Sparse: 12 MB on paper, nothing on disk. The size limit is checked before reading.
    with (images / "initiatives" / "for-tung.jpg").open("wb") as heavy:
        heavy.truncate(12 * 1024 * 1024)


def test_the_catalogue_has_a_case_for_every_kind_of_mistake():
    assert len(CASES) >= 60
    for case in CASES:
        assert expected_lines(case), f"{case.name} says nothing about what to expect"


@pytest.mark.parametrize("case", CASES, ids=[case.relative_to(CATALOGUE).as_posix() for case in CASES])
def test_each_mistake_gets_its_exact_message(tmp_path, case_template, case):
    root = content_root_with(tmp_path, case, template=case_template)
    _content, problems = check_content(ContentPaths.under(root, docs=root / "docs"))
    errors = [f"Fel: {p.format('sv')}" for p in problems if p.severity == "error"]
    expected = expected_lines(case)
    assert errors == [line for line in expected if not line.startswith(WARNING)]
    # A mistake that leaves the file valid is a warning: a case that expects one lists
    # every warning of its own file (the fixtures' warnings are not its business).
    if any(line.startswith(WARNING) for line in expected):
        own = case_target(case).as_posix()
        mine = [p for p in problems if p.severity == "warning" and p.file == own]
        warnings = [f"{WARNING}{p.format('sv')}" for p in mine]
        assert warnings == [line for line in expected if line.startswith(WARNING)]


# --- The command -----------------------------------------------------------


def run_check(root: Path, *arguments: str, **env: str) -> subprocess.CompletedProcess:
    environment = {"PYTHONPATH": str(ROOT / "hooks"), "PATH": "/usr/bin:/bin", **env}
    return subprocess.run(
        [sys.executable, "-m", "site_content.check", "--root", str(root), *arguments],
        capture_output=True,
        text=True,
        env=environment,
    )


@pytest.fixture
def broken_root(tmp_path) -> Path:
    """Two broken files and one with a missing translation."""
    folder = ROOT / "tests" / "bad_content" / "initiatives"
    root = content_root_with(tmp_path, folder / "okand-kommun.yml", folder / "ogiltigt-datum.yml")
    (root / "content" / "initiatives" / "bara-svenska.yml").write_text(
        "name: {sv: Bara svenska}\nsummary: {sv: En mening.}\nthemes: [skola]\nmunicipalities: [lund]\n"
        "organisation: {name: Föreningen, type: ideell-forening}\nstage: ide\nstarted: 2020\n"
        "added: 2026-11-20\n",
        "utf-8",
    )
    return root


def test_check_reports_every_error_of_the_run_and_fails(broken_root):
    result = run_check(broken_root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert sum(line.startswith("Fel: ") for line in lines) == 2
    assert any(
        "okand-kommun.yml:4:18 (fält municipalities[1]): Okänd kommun 'malmoe'" in line for line in lines
    )
    assert any("ogiltigt-datum.yml:8:8 (fält added)" in line for line in lines)
    assert any(
        line.startswith("Varning: content/initiatives/bara-svenska.yml:1:7 (fält name)") for line in lines
    )
    # Two from the file without English, four unverified translations (no en_from) in the others.
    assert lines[-1] == "2 fel och 6 varningar."
    assert "::error" not in result.stdout


def test_check_speaks_english_on_request(broken_root):
    for result in (run_check(broken_root, "--lang", "en"), run_check(broken_root, SIS_LANG="en")):
        assert (
            "Error: content/initiatives/okand-kommun.yml:4:18 (field municipalities[1]): "
            "Unknown municipality 'malmoe'. Did you mean 'malmo'?" in result.stdout
        )
        assert result.stdout.splitlines()[-1] == "2 errors and 6 warnings."


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    """`make check | head -3`: the check's output is cut, its error output stays clean."""
    root = content_root_with(tmp_path, *CASES[:40])
    environment = {"PYTHONPATH": str(ROOT / "hooks"), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "site_content.check", "--root", str(root)]
    # A pipe of the smallest size the system allows, so that the check's many lines fill it
    # and the check is still writing when the reader goes away, as it is behind `| head`.
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    with subprocess.Popen(command, stdout=write_end, stderr=subprocess.PIPE, env=environment) as check:
        os.close(write_end)
        with os.fdopen(read_end, "rb") as output:
            assert output.readline().startswith(b"Fel:")
        error_output = check.stderr.read().decode("utf-8")
        assert check.wait(timeout=60) == 1
    assert error_output == ""


def test_warnings_fail_only_in_strict_mode(tmp_path):
    root = content_root_with(tmp_path)
    (root / "content" / "initiatives" / "bara-svenska.yml").write_text(
        "name: {sv: Bara svenska}\nsummary: {sv: En mening., en: One sentence.}\nthemes: [skola]\n"
        "municipalities: [lund]\norganisation: {name: Föreningen, type: ideell-forening}\nstage: ide\n"
        "started: 2020\nadded: 2026-11-20\n",
        "utf-8",
    )
    assert run_check(root).returncode == 0
    strict = run_check(root, "--strict")
    assert strict.returncode == 1 and "Engelsk översättning saknas" in strict.stdout


def test_clean_content_passes(tmp_path):
    result = run_check(content_root_with(tmp_path))
    assert result.returncode == 0
    assert result.stdout.strip() == "Innehållet är i ordning."


def test_github_actions_gets_annotations_on_the_changed_line(broken_root):
    result = run_check(broken_root, GITHUB_ACTIONS="true")
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert (
        "::error file=content/initiatives/okand-kommun.yml,line=4,col=18,title=municipalities[1]::"
        "Okänd kommun 'malmoe'. Menade du 'malmo'? Tillåtna värden finns i "
        "content/vocabulary/municipalities.yml."
    ) in annotations
    assert any(
        line.startswith("::warning file=content/initiatives/bara-svenska.yml,line=1,col=7,")
        for line in annotations
    )


def test_annotation_escapes_what_github_would_misread():
    from site_content import Problem

    problem = Problem("a,b:c.yml", 1, 2, "x", "schema", {"detail": "100% fel\nrad två"})
    assert annotation(problem, "sv") == (
        "::error file=a%2Cb%3Ac.yml,line=1,col=2,title=x::Stämmer inte med mallen: 100%25 fel%0Arad två"
    )


# --- Size: told before the file is read -----------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    from site_content.yamlsource import MAX_BYTES

    root = content_root_with(tmp_path)
    initiatives = root / "content" / "initiatives"
    # Sparse: 10 MB of NUL bytes on paper. Read, they would be a control-character error.
    with (initiatives / "jattefil.yml").open("wb") as huge:
        huge.truncate(10 * 1024 * 1024)
    # Exactly at the limit is allowed: a valid initiative padded with a comment.
    valid = (
        "name: {sv: Projekt, en: Example}\nsummary: {sv: En mening., en: One sentence.}\nthemes: [skola]\n"
        "municipalities: [malmo]\norganisation: {name: Föreningen, type: ideell-forening}\nstage: test\n"
        "started: 2016\nadded: 2026-11-20\n"
    ).encode()
    padding = b"\n#" + b"x" * (MAX_BYTES - len(valid) - 3) + b"\n"
    (initiatives / "lagom.yml").write_bytes(valid + padding)
    assert (initiatives / "lagom.yml").stat().st_size == MAX_BYTES
    _content, problems = check_content(ContentPaths.under(root, docs=root / "docs"))
    assert [p.format("sv") for p in problems if p.severity == "error"] == [
        "content/initiatives/jattefil.yml: Filen är 10240 kB; högst 256 kB är tillåtet för en "
        "innehållsfil. Korta texterna."
    ]
    assert (
        problems[0]
        .format("en")
        .endswith("The file is 10240 kB; at most 256 kB is allowed for a content file. Shorten the texts.")
    )


# --- One source for each rule ---------------------------------------------------


def errors_of(root: Path, lang: str = "sv") -> list[str]:
    _content, problems = check_content(ContentPaths.under(root, docs=root / "docs"))
    return [p.format(lang) for p in problems if p.severity == "error"]


def test_news_naming_a_draft_initiative_is_warned_of_until_it_is_published(tmp_path):
    """The news page links only to published initiatives: the link to a draft would be
    missing without a word, so the check says why."""
    root = content_root_with(tmp_path)
    initiative = root / "content" / "initiatives" / "utkastet.yml"
    initiative.write_text(
        "name: {sv: Utkastet}\nsummary: {sv: En mening.}\nthemes: [skola]\nmunicipalities: [lund]\n"
        "added: 2026-11-20\ndraft: true\n",
        "utf-8",
    )
    news = root / "content" / "news" / "om-utkastet.yml"
    news.parent.mkdir(exist_ok=True)
    news.write_text(
        "title: {sv: Nytt}\nsummary: {sv: En mening.}\nbody: {sv: Text.}\npublished: 2026-11-20\n"
        "initiatives: [utkastet]\n",
        "utf-8",
    )

    def told() -> list[str]:
        _content, problems = check_content(ContentPaths.under(root, docs=root / "docs"))
        return [p.format("sv") for p in problems if p.code == "news-names-draft"]

    assert told() == [
        "content/news/om-utkastet.yml:5:15 (fält initiatives[1]): Initiativet 'utkastet' är ett utkast "
        "(draft: true), så nyheten visar ingen länk till det förrän initiativet publiceras."
    ]
    initiative.write_text(initiative.read_text("utf-8").replace("draft: true\n", ""), "utf-8")
    assert told() == []


def test_a_stage_is_checked_against_the_vocabulary_as_it_is(tmp_path):
    """Allowed terms live only in content/vocabulary/: a new stage is known at once, and
    a near miss is told with it. (A stage is optional: an entry says what its sources say.)"""
    root = content_root_with(tmp_path)
    stages = root / "content" / "vocabulary" / "stages.yml"
    stages.write_text(stages.read_text("utf-8") + "avslutad:\n  label: {sv: Avslutad, en: Ended}\n", "utf-8")
    entry = root / "content" / "initiatives" / "med-fas.yml"
    text = (
        "name: {sv: Projekt}\nsummary: {sv: En mening.}\nthemes: [skola]\nmunicipalities: [malmo]\n"
        "added: 2026-11-20\n"
    )
    entry.write_text(text, "utf-8")
    assert errors_of(root) == []
    entry.write_text(text + "stage: avslutad\n", "utf-8")
    assert errors_of(root) == []
    entry.write_text(text + "stage: avslutat\n", "utf-8")
    assert errors_of(root) == [
        "content/initiatives/med-fas.yml:6:8 (fält stage): Okänd fas 'avslutat'. Menade du 'avslutad'? "
        "Tillåtna värden finns i content/vocabulary/stages.yml."
    ]


def test_a_field_without_a_hint_of_its_own_is_described_by_its_schema(tmp_path):
    root = content_root_with(tmp_path)
    (root / "content" / "initiatives" / "utan-bildfil.yml").write_text(
        "name: {sv: Projekt}\nsummary: {sv: En mening.}\nthemes: [skola]\nmunicipalities: [malmo]\n"
        "organisation: {name: Föreningen, type: ideell-forening}\nstage: ide\nstarted: 2020\n"
        "added: 2026-11-20\nimage: {alt: {sv: En bild}}\n",
        "utf-8",
    )
    assert errors_of(root) == [
        "content/initiatives/utan-bildfil.yml:9:8 (fält image.src): Fältet 'src' saknas eller är tomt. "
        "Sökväg från docs/, till exempel images/initiatives/mitt-initiativ.jpg."
    ]


# --- Symbolic links are never followed --------------------------------------------


def test_a_content_file_that_is_a_symbolic_link_is_refused_not_followed(tmp_path):
    root = content_root_with(tmp_path)
    secret = tmp_path / "outside.yml"  # outside the repository, as a pull request's link can point
    secret.write_text("name: {sv: Hemlig}\n", "utf-8")
    for folder in ("initiatives", "partners"):
        (root / "content" / folder / "lank.yml").symlink_to(secret)
    (root / "content" / "events").mkdir()
    (root / "content" / "events" / "lank.yml").symlink_to(secret)
    errors = errors_of(root)
    for folder in ("events", "initiatives", "partners"):
        assert (
            f"content/{folder}/lank.yml: Filen 'content/{folder}/lank.yml' är en symbolisk länk "
            "(en hänvisning till en annan fil) och läses inte: lägg in själva filen här i stället."
        ) in errors
    assert len(errors) == 3 and not any("Hemlig" in error for error in errors)


def test_a_vocabulary_or_a_content_folder_that_is_a_symbolic_link_is_refused(tmp_path):
    root = content_root_with(tmp_path)
    vocabulary = root / "content" / "vocabulary"
    moved = tmp_path / "stages.yml"
    (vocabulary / "stages.yml").rename(moved)
    (vocabulary / "stages.yml").symlink_to(moved)
    outside = tmp_path / "news"
    outside.mkdir()
    (root / "content" / "news").symlink_to(outside, target_is_directory=True)
    errors = errors_of(root)
    assert any(
        e.startswith(
            "content/vocabulary/stages.yml: Filen 'content/vocabulary/stages.yml' är en symbolisk länk"
        )
        for e in errors
    )
    assert any(e.startswith("content/news: Filen 'content/news' är en symbolisk länk") for e in errors)


def test_an_image_that_is_a_symbolic_link_is_refused_not_read(tmp_path):
    root = content_root_with(tmp_path)
    target = root / "docs" / "images" / "initiatives" / "exempel-odlingslotten.svg"
    (root / "docs" / "images" / "initiatives" / "lank.svg").symlink_to(target)
    (root / "content" / "initiatives" / "med-lankad-bild.yml").write_text(
        "name: {sv: Projekt}\nsummary: {sv: En mening.}\nthemes: [skola]\nmunicipalities: [malmo]\n"
        "organisation: {name: Föreningen, type: ideell-forening}\nstage: ide\nstarted: 2020\n"
        "added: 2026-11-20\nimage: {src: images/initiatives/lank.svg, alt: {sv: En bild}}\n",
        "utf-8",
    )
    assert errors_of(root) == [
        "content/initiatives/med-lankad-bild.yml:9:14 (fält image.src): Bilden 'images/initiatives/lank.svg' "
        "är en symbolisk länk (en hänvisning till en annan fil) och används inte: lägg in själva bildfilen "
        "i docs/images/ i stället."
    ]


def test_an_image_of_a_refused_format_is_told_by_the_check_even_when_unused(tmp_path):
    """The build refuses a .gif in docs/images/ whether an entry names it or not: so does
    the check, once (at the entry's field when one names it)."""
    root = content_root_with(tmp_path)
    images = root / "docs" / "images" / "initiatives"
    shutil.copy2(CATALOGUE / "images" / "initiatives" / "bild.gif", images / "animering.gif")
    assert errors_of(root) == [
        "docs/images/initiatives/animering.gif: Bildformatet '.gif' stöds inte "
        "('images/initiatives/animering.gif'). Spara bilden som JPEG (.jpg), PNG (.png) eller WebP "
        "(.webp); logotyper går också som SVG (.svg)."
    ]


def test_an_image_the_build_refuses_is_told_by_the_check_even_when_unused(tmp_path):
    """A logo with a script that no partner names is published all the same, so the build
    refuses it: the check tells it too, at the file, not green while the build is red."""
    root = content_root_with(tmp_path)
    logo = root / "docs" / "images" / "partners" / "oanvand.svg"
    logo.parent.mkdir(parents=True, exist_ok=True)
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "utf-8")
    assert errors_of(root) == [
        "docs/images/partners/oanvand.svg: SVG-filen 'images/partners/oanvand.svg' innehåller skript "
        "(<script>). Skript är inte tillåtna i bilder: exportera filen utan skript, eller som PNG."
    ]
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>', "utf-8")
    assert errors_of(root) == []


def test_a_pull_requests_check_talks_about_its_own_change(broken_root, tmp_path):
    """Warnings in files the change does not touch are told once, folded, and neither
    annotated nor counted; errors anywhere stop the build and are told in full."""
    changed = tmp_path / "changed"
    changed.write_bytes(b"content/initiatives/okand-kommun.yml\0docs/index.md\0")
    result = run_check(broken_root, "--changed-files", str(changed), GITHUB_ACTIONS="true")
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert lines[-1] == "2 fel och 2 varningar."  # the check's own last line; its own warnings
    annotated = {line.split(",")[0] for line in lines if line.startswith(("::error", "::warning"))}
    assert annotated == {
        "::error file=content/initiatives/okand-kommun.yml",
        "::warning file=content/initiatives/okand-kommun.yml",
        "::error file=content/initiatives/ogiltigt-datum.yml",  # not changed, but it stops the build
    }
    group = lines.index("::group::Redan kända: 4 varningar i filer som den här ändringen inte rör")
    assert lines[group + 1].startswith("  Varning: ") and "::endgroup::" in lines[group:]


# A valid initiative without English: two warnings (name and summary untranslated).
SWEDISH_ONLY = (
    "name: {sv: Bara svenska}\nsummary: {sv: En mening.}\nthemes: [skola]\nmunicipalities: [lund]\n"
    "added: 2026-11-20\n"
)


def test_a_clean_change_beside_known_warnings_is_in_order(tmp_path):
    root = content_root_with(tmp_path)
    (root / "content" / "initiatives" / "bara-svenska.yml").write_text(SWEDISH_ONLY, "utf-8")
    changed = tmp_path / "changed"
    changed.write_text("docs/index.md\n", "utf-8")
    for arguments, env in (
        (("--changed-files", str(changed)), {}),
        ((), {"SIS_CHANGED_FILES": str(changed)}),
    ):
        result = run_check(root, *arguments, "--strict", **env)
        lines = result.stdout.splitlines()
        assert result.returncode == 0 and lines[-1] == "Innehållet är i ordning."
        assert "Redan kända: 2 varningar i filer som den här ändringen inte rör:" in lines
        assert not any(line.startswith("Varning: ") for line in lines)
    # Without the list every warning is the run's own.
    assert run_check(root).stdout.splitlines()[-1] == "0 fel och 2 varningar."


@pytest.mark.parametrize("replace", ["link", "broken"])
def test_a_schema_that_cannot_be_read_stops_the_check_with_a_message(tmp_path, replace):
    """Every file is checked against the schemas, so they are read first: a schema that is
    a link (never followed: it may point anywhere) or not a schema is told, not a traceback."""
    root = content_root_with(tmp_path)
    schema = root / "schemas" / "initiative.schema.json"
    schema.unlink()
    if replace == "link":
        schema.symlink_to("/etc/passwd")
    else:
        schema.write_text("{", "utf-8")
    result = run_check(root)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    expected = {
        "link": "Fel: schemas/initiative.schema.json: Filen 'schemas/initiative.schema.json' är en "
        "symbolisk länk",
        "broken": "Fel: schemas: Schemana i 'schemas' går inte att läsa (",
    }[replace]
    assert result.stdout.startswith(expected), result.stdout
