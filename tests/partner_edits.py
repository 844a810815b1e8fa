"""The everyday edits of partners, made as BIDRA.md tells them to: as text, the
way GitHub's web editor makes them, on a copy of the repository.

Each edit works on whatever the repository holds when the tests run, never on
what it holds today: it finds its file by pattern, and where the content no
longer offers the occasion (say, no example left to publish) it says so in
``EditReport.skipped`` instead of failing. tests/test_partner_edits.py checks
that the edits were made; conftest.py builds the edited copy as ``edited_site``.
"""

from __future__ import annotations

import datetime
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The new initiative a partner adds, with its photo.
NEW_INITIATIVE = "partnerns-nya-initiativ"
NEW_PHOTO = FIXTURES / "docs" / "images" / "initiatives" / "abborren.jpg"
# The logo a partner uploads and the website it writes.
NEW_LOGO = FIXTURES / "docs" / "images" / "partners" / "bred-logga.png"
NEW_WEBSITE = "https://www.example.org/samverkanspart"
# What a partner appends to a Swedish text that has an English translation.
CHANGED_SV = "En mening som en samverkanspart har lagt till."
REWRITTEN_SV = "Orden här är skrivna om av samverkansparten själv."
ADDED_EN = "An English translation a partner has added."


@dataclass
class EditReport:
    """What the edits did: the files they touched, by kind, and why any were skipped."""

    published: str | None = None
    changed_sv: list[str] = field(default_factory=list)
    new_initiative: str | None = None
    partner: str | None = None
    translated: str | None = None
    rewritten: str | None = None
    published_more: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)


# --- Helpers -------------------------------------------------------------------


def _read(path: Path) -> str:
    return path.read_text("utf-8")


def _write(path: Path, text: str) -> None:
    path.write_text(text, "utf-8")


def _first_key(root: Path, vocabulary: str) -> str:
    """The first term of a vocabulary, whatever it holds (read, never edited)."""
    return next(iter(yaml.safe_load(_read(root / "content" / "vocabulary" / f"{vocabulary}.yml"))))


def _edit_first(paths: list[Path], pattern: str, replacement) -> Path | None:
    """Apply ``pattern`` once to the first of ``paths`` where it matches; that path."""
    for path in paths:
        text = _read(path)
        edited = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
        if edited != text:
            _write(path, edited)
            return path
    return None


# --- The edits -----------------------------------------------------------------


# The marks of a made-up example (site_content.loader refuses to publish them):
# a partner who makes an example their own entry rewrites them.
EXAMPLE_MARKS = (
    (r"^# *EXEMPEL\b.*\n", ""),  # the example's header comment
    (r"^(  sv: \"?)Exempel:? *", r"\1"),  # "Exempel: Odlingslotten" -> "Odlingslotten"
    (r"\*?Påhittat exempel\.?\*? *", ""),
)


def _publish_first_draft(folder: Path) -> Path | None:
    """Make the first example in ``folder`` that is still a draft a real entry: delete its
    line `draft: true` and the marks that say it is made up."""
    path = _edit_first(sorted(folder.glob("exempel-*.yml")), r"^draft: *true[ \t]*(#.*)?\n?", "")
    if path is not None:
        text = _read(path)
        for pattern, replacement in EXAMPLE_MARKS:
            text = re.sub(pattern, replacement, text, flags=re.MULTILINE | re.IGNORECASE)
        _write(path, text)
    return path


def publish_an_example(root: Path, report: EditReport) -> None:
    """Publish the first example initiative that is still a draft."""
    path = _publish_first_draft(root / "content" / "initiatives")
    if path is None:
        report.skipped["publish"] = "no example in content/initiatives/ is a draft any more"
        return
    report.published = path.relative_to(root).as_posix()


def publish_an_example_event_and_news_item(root: Path, report: EditReport) -> None:
    """Publish the first example event and news item that are still drafts."""
    for folder in ("events", "news"):
        path = _publish_first_draft(root / "content" / folder)
        if path is not None:
            report.published_more.append(path.relative_to(root).as_posix())


def change_a_translated_swedish_text(root: Path, report: EditReport) -> None:
    """Add a sentence to the Swedish background page (it has an English version) and
    to the first translated one-line Swedish text of the published example or, if it
    has none, of a partner."""
    background = root / "docs" / "bakgrund.md"
    _write(background, _read(background).rstrip("\n") + f"\n\n{CHANGED_SV}\n")
    report.changed_sv.append("docs/bakgrund.md")
    candidates = [root / report.published] if report.published else []
    candidates += sorted((root / "content" / "partners").glob("*.yml"))
    # The first one-line `sv:` (plain or in double quotes) that has an `en:` below it.
    path = _edit_first(
        candidates,
        r'^([a-z_]+:\n  sv: )("?)([^"\'|>\n][^\n]*?)("?)(?=\n  en:)',
        lambda m: f"{m[1]}{m[2]}{m[3]} {CHANGED_SV}{m[4]}",
    )
    if path is not None:
        report.changed_sv.append(path.relative_to(root).as_posix())


def rewrite_a_partner_description(root: Path, report: EditReport) -> None:
    """Change words inside the first partner's Swedish description (a folded block):
    partners keep their own texts up to date, the seed's wording included."""
    path = _edit_first(
        sorted((root / "content" / "partners").glob("*.yml")),
        r"^(description:\n  sv: [>|][-+]?\n    )([^\n]+)",
        lambda m: f"{m[1]}{m[2]} {REWRITTEN_SV}",
    )
    if path is not None:
        report.changed_sv.append(path.relative_to(root).as_posix())
        report.rewritten = path.relative_to(root).as_posix()
        return
    report.skipped["partner-description"] = "no partner's Swedish description is written as a block"


def add_an_initiative_with_a_photo(root: Path, report: EditReport) -> None:
    """A new file in content/initiatives/ and its photo in docs/images/initiatives/.

    Its terms are the first of each vocabulary, so the file stays valid whatever the
    vocabularies hold; its description is in Swedish only (translated later)."""
    photo = root / "docs" / "images" / "initiatives" / f"{NEW_INITIATIVE}.jpg"
    shutil.copy2(NEW_PHOTO, photo)
    partners = sorted(path.stem for path in (root / "content" / "partners").glob("*.yml"))
    partner_line = f"partners: [{partners[0]}]\n" if partners else ""
    _write(
        root / "content" / "initiatives" / f"{NEW_INITIATIVE}.yml",
        "# Ett testinitiativ som testerna lägger till i en kopia av arkivet.\n"
        "name:\n"
        "  sv: Partnerns nya initiativ\n"
        "  en: The partner's new initiative\n"
        "summary:\n"
        "  sv: Ett initiativ som en samverkanspart har lagt till med ett foto.\n"
        "  en: An initiative a partner has added with a photo.\n"
        "description:\n"
        "  sv: |\n"
        "    Beskrivningen finns ännu bara på svenska.\n"
        f"themes: [{_first_key(root, 'themes')}]\n"
        f"municipalities: [{_first_key(root, 'municipalities')}]\n"
        f"{partner_line}"
        f"organisation: {{name: Testföreningen, type: {_first_key(root, 'organisation-types')}}}\n"
        f"stage: {_first_key(root, 'stages')}\n"
        "started: 2020\n"
        "image:\n"
        f"  src: images/initiatives/{photo.name}\n"
        "  alt:\n"
        "    sv: Solig himmel över en grön äng.\n"
        "    en: A sunny sky over a green meadow.\n"
        f"added: {datetime.date.today().isoformat()}\n",
    )
    report.new_initiative = f"content/initiatives/{NEW_INITIATIVE}.yml"


def give_a_partner_a_logo_and_website(root: Path, report: EditReport, slug: str | None = None) -> None:
    """Upload a logo and write `logo:` and `website:` into a partner's file (the given
    one, else the first without a logo, else the first), replacing what is there (a
    `# website:` placeholder, an old address or logo), never adding a second key."""
    paths = sorted((root / "content" / "partners").glob("*.yml"))
    if slug:
        paths = [path for path in paths if path.stem == slug]
    if not paths:
        report.skipped["logo"] = f"content/partners/ holds no partner {slug or ''}".strip()
        return
    path = next((p for p in paths if not re.search(r"^logo:", _read(p), re.MULTILINE)), paths[0])
    logo = root / "docs" / "images" / "partners" / f"{path.stem}-ny.png"
    shutil.copy2(NEW_LOGO, logo)
    text = _read(path)
    # An existing `logo:` block: the key and its indented lines.
    text = re.sub(r"^logo:.*\n(?:[ \t]+.*\n?)*", "", text, flags=re.MULTILINE)
    website = f"website: {NEW_WEBSITE}\n"
    if re.search(r"^#? *website:", text, re.MULTILINE):
        text = re.sub(r"^#? *website:.*\n?", website, text, count=1, flags=re.MULTILINE)
    else:
        text = text.rstrip("\n") + "\n" + website
    text = text.rstrip("\n") + (
        f"\nlogo:\n  src: images/partners/{logo.name}\n  alt:\n"
        f"    sv: Logotyp för samverkansparten\n    en: The partner's logo\n"
    )
    _write(path, text)
    report.partner = path.relative_to(root).as_posix()


def add_an_english_translation(root: Path, report: EditReport) -> None:
    """Write `en:` under a Swedish text that has none: the first one-line `sv:` of a
    field without `en:` in content/, else the new initiative's description."""
    pattern = re.compile(r"^([a-z_]+:\n  sv: [^\"'|>\n][^\n]*\n)(?!  en)", re.MULTILINE)
    for folder in ("initiatives", "partners"):
        for path in sorted((root / "content" / folder).glob("*.yml")):
            text = _read(path)
            edited = pattern.sub(lambda m: f"{m[1]}  en: {ADDED_EN}\n", text, count=1)
            if edited != text:
                _write(path, edited)
                report.translated = path.relative_to(root).as_posix()
                return
    if report.new_initiative is None:
        report.skipped["translate"] = "no Swedish text without English found"
        return
    path = root / report.new_initiative
    text = _read(path)
    edited = text.replace(
        "    Beskrivningen finns ännu bara på svenska.\n",
        f"    Beskrivningen finns ännu bara på svenska.\n  en: |\n    {ADDED_EN}\n",
    )
    assert edited != text
    _write(path, edited)
    report.translated = report.new_initiative


def apply_partner_edits(root: Path, logo_for: str | None = None) -> EditReport:
    """All the everyday edits, in the order partners would make them."""
    report = EditReport()
    publish_an_example(root, report)
    publish_an_example_event_and_news_item(root, report)
    change_a_translated_swedish_text(root, report)
    rewrite_a_partner_description(root, report)
    add_an_initiative_with_a_photo(root, report)
    give_a_partner_a_logo_and_website(root, report, logo_for)
    add_an_english_translation(root, report)
    return report
