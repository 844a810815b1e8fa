"""The pull request's summary (site_content.pr_summary) on the tests' own content.

A small repository is written here, file by file: its own vocabularies, one
partner and a few initiatives, plus the real schemas. The summary is rendered
with cmark-gfm, GitHub's own Markdown renderer, to prove that partners' text
reaches the reader as text: no HTML, image, table or link of theirs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import cmarkgfm
import pytest
import yaml
from cmarkgfm.cmark import Options
from lxml import html

from conftest import ROOT
from site_content import pr_summary
from site_content.pr_summary import Change, changes_from_git, changes_from_paths, escape, summarize

ARTIFACTS = "https://github.com/example/webbplats/actions/runs/42#artifacts"

VOCABULARIES = {
    "themes.yml": """
        skola:
          label: {sv: Skola, en: Schools}
          slug: {sv: skola, en: school}
        natur:
          label: {sv: Natur och miljö, en: Nature}
          slug: {sv: natur, en: nature}
    """,
    "municipalities.yml": """
        malmo:
          label: {sv: Malmö, en: Malmö}
          scb_code: "1280"
        hoor:
          label: {sv: Höör, en: Höör}
          scb_code: "1267"
    """,
    "organisation-types.yml": """
        ideell-forening:
          label: {sv: Ideell förening, en: Non-profit association}
    """,
    "stages.yml": """
        test:
          label: {sv: Prövas, en: Testing}
        spridd:
          label: {sv: Spridd, en: Replicated elsewhere}
    """,
}

PARTNER = """
    name: {sv: Exempelparten, en: The Example Partner}
    description:
      sv: Exempelparten stöder föreningar i hela länet.
      en: The Example Partner supports associations across the county.
"""

# Every field, both languages, published.
ABBORREN = """
    name: {sv: Abborren, en: The Perch}
    summary:
      sv: Fiskeklubb där unga och äldre lär av varandra.
      en: A fishing club where young and old learn from each other.
    themes: [skola, natur]
    municipalities: [malmo, hoor]
    partners: [exempelparten]
    organisation: {name: Abborrklubben, type: ideell-forening}
    stage: spridd
    started: 2016
    added: 2026-11-20
"""

# Swedish only, a draft: warnings, no errors.
GADDAN = """
    name: {sv: Gäddan}
    summary: {sv: Läxhjälp vid sjön.}
    themes: [skola]
    municipalities: [hoor]
    organisation: {name: Gäddklubben, type: ideell-forening}
    stage: test
    started: 2020
    added: 2026-11-21
    draft: true
"""

# Line 4: a municipality that does not exist.
TRASIG = """
    name: {sv: Trasig}
    summary: {sv: Har ett fel.}
    themes: [skola]
    municipalities: [malmoe]
    organisation: {name: Trasklubben, type: ideell-forening}
    stage: test
    started: 2020
    added: 2026-11-21
"""

# Valid content whose text is Markdown and autolinks meant to get through.
HOSTILE_SUMMARY = (
    "![bild](https://evil.example/x.png) [klicka](https://evil.example/) "
    "www.evil.example https://evil.example/a info@evil.example @someone #1 | a | b | "
    "`kod` **fet** &amp; &#42; :smile: ~~bort~~ [^1] -->"
)
HOSTILE = f"""
    name: {{sv: "**Fet** [länk](https://evil.example/) & ![x](y)"}}
    summary: {{sv: {yaml.safe_dump(HOSTILE_SUMMARY, width=1000).strip()}}}
    themes: [natur]
    municipalities: [malmo]
    organisation: {{name: Fiender, type: ideell-forening}}
    stage: test
    started: 2020
    added: 2026-11-21
"""

# HTML where only plain text may stand, and as a municipality: errors whose
# messages quote it.
HTML_NAME = """
    name: {sv: "<img src=x onerror=alert(1)><script>alert(2)</script>"}
    summary: {sv: Text.}
    themes: [natur]
    municipalities: ["<img src=x onerror=alert(1)>", "[a](https://evil.example/)"]
    organisation: {name: Fiender, type: ideell-forening}
    stage: test
    started: 2020
    added: 2026-11-21
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """The tests' repository: abborren and the partner, valid and complete."""
    monkeypatch.delenv("SIS_INITIATIVES_DIR", raising=False)
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    for name, text in VOCABULARIES.items():
        write(tmp_path / "content" / "vocabulary" / name, text)
    write(tmp_path / "content" / "partners" / "exempelparten.yml", PARTNER)
    write(tmp_path / "content" / "initiatives" / "abborren.yml", ABBORREN)
    write(tmp_path / "docs" / "bakgrund.md", "---\nkey: background\n---\n# Bakgrund\n")
    write(tmp_path / "docs" / "index.md", "---\nkey: home\n---\n# Hem\n")
    write(tmp_path / "docs" / "en" / "index.md", "---\nkey: home\n---\n# Home\n")
    write(tmp_path / "README.md", "# Not content\n")
    return tmp_path


def summary_of(root: Path, *changes: tuple[str, str], **options) -> str:
    options.setdefault("artifacts_url", ARTIFACTS)
    return summarize(root, [Change(path, status) for path, status in changes], **options)


def rendered(markdown: str) -> html.HtmlElement:
    """As GitHub shows it: cmark-gfm with its extensions, raw HTML let through."""
    page = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    return html.fragment_fromstring(page, create_parent="div")


def shown_text(markdown: str) -> str:
    return rendered(markdown).text_content().replace(pr_summary.WORD_JOINER, "")


def section(markdown: str, heading_part: str) -> str:
    """The part of the summary under the heading that contains ``heading_part``."""
    parts = markdown.split("\n#### ")
    return next(part for part in parts if heading_part in part.splitlines()[0])


# --- Each kind of change ---------------------------------------------------------


def test_changed_initiative_shows_its_labels_not_its_keys(repo):
    summary = summary_of(repo, ("content/initiatives/abborren.yml", "modified"))
    text = shown_text(section(summary, "Abborren"))
    assert "Initiativ: Abborren (ändrad)" in text
    assert "Fiskeklubb där unga och äldre lär av varandra." in text
    assert "Teman: Skola, Natur och miljö" in text
    assert "Kommuner: Malmö, Höör" in text
    assert "Fas: Spridd" in text
    assert "Samverkansparter: Exempelparten" in text
    assert "Publiceras när ändringen har godkänts." in text
    assert "initiativ/abborren/index.html, en/initiatives/abborren/index.html" in text
    assert "malmo," not in text and "natur," not in text
    # The fixture's English has no en_from: unverified, a warning, never an error.
    assert "okontrollerad" in text and "Fel" not in text


def test_new_draft_initiative_says_it_is_a_draft_with_its_warnings_and_their_lines(repo):
    write(repo / "content" / "initiatives" / "gaddan.yml", GADDAN)
    summary = summary_of(repo, ("content/initiatives/gaddan.yml", "added"))
    text = shown_text(section(summary, "Gäddan"))
    assert "Initiativ: Gäddan (ny)" in text
    assert "Utkast: syns i förhandsversionen men inte på den publicerade webbplatsen" in text
    assert "Engelska: översättning saknas" in text
    warnings = text.split("Varningar (sidan kan ändå publiceras):", 1)[1]
    assert "rad 1, tecken 7, fält name: Engelsk översättning saknas." in warnings
    assert "rad 2" in warnings  # the summary too
    assert "Förhandsversionen är klar" in shown_text(summary)


def test_partner_shows_its_description_and_pages(repo):
    summary = summary_of(repo, ("content/partners/exempelparten.yml", "modified"))
    text = shown_text(section(summary, "Exempelparten"))
    assert "Samverkanspart: Exempelparten (ändrad)" in text
    assert "Beskrivning: Exempelparten stöder föreningar i hela länet." in text
    assert "samverkansparter/exempelparten/index.html, en/partners/exempelparten/index.html" in text
    assert "Webbplats: –" in text
    assert "Logotyp: ingen" in text


def test_partner_shows_its_website_and_logo_as_text(repo):
    """A reviewer sees where the partner's link goes and what the logo is said to show."""
    write(
        repo / "docs" / "images" / "partners" / "exempelparten.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
    )
    with (repo / "content" / "partners" / "exempelparten.yml").open("a", encoding="utf-8") as file:
        file.write(
            "website: https://www.example.org/exempel\n"
            "logo:\n"
            "  src: images/partners/exempelparten.svg\n"
            "  alt: {sv: 'Exempelpartens **logotyp** [x](https://evil.example/)', en: The logo}\n"
        )
    summary = summary_of(repo, ("content/partners/exempelparten.yml", "modified"))
    text = shown_text(section(summary, "Exempelparten"))
    assert "Webbplats: https://www.example.org/exempel" in text
    assert "Logotyp: ja, med alternativtexten: Exempelpartens **logotyp** [x](https://evil.example/)" in text
    assert_only_our_markup(summary, [ARTIFACTS])
    english = summary_of(repo, ("content/partners/exempelparten.yml", "modified"), lang="en")
    english = shown_text(section(english, "Example"))
    assert "Website: https://www.example.org/exempel" in english
    assert "Logo: yes, with the alternative text: Exempelpartens" in english


def test_pages_are_listed_with_the_file_to_open(repo):
    summary = summary_of(repo, ("docs/bakgrund.md", "modified"), ("docs/en/index.md", "modified"))
    assert "Öppna i förhandsversionen: bakgrund/index.html" in shown_text(section(summary, "bakgrund"))
    assert "Öppna i förhandsversionen: en/index.html" in shown_text(section(summary, "en/index"))


def test_deleted_file_is_listed_as_removed(repo):
    summary = summary_of(repo, ("content/initiatives/borta.yml", "deleted"))
    text = shown_text(section(summary, "borta"))
    assert "Initiativ: content/initiatives/borta.yml (borttagen)" in text
    assert "Filen tas bort: sidan försvinner från webbplatsen." in text
    assert "Öppna" not in text


def test_file_with_errors_is_listed_with_its_errors_in_swedish_and_no_preview(repo):
    write(repo / "content" / "initiatives" / "trasig.yml", TRASIG)
    summary = summary_of(repo, ("content/initiatives/trasig.yml", "added"))
    text = shown_text(summary)
    assert "Ingen förhandsversion: innehållet har fel" in text
    assert ARTIFACTS not in summary  # no link to a preview that was not built
    errors = shown_text(section(summary, "trasig")).split("Fel (måste rättas):", 1)[1]
    assert "rad 4, tecken 18, fält municipalities[1]: Okänd kommun 'malmoe'. Menade du 'malmo'?" in errors
    assert "Teman" not in shown_text(section(summary, "trasig"))  # details only of valid files


def test_errors_in_files_the_change_does_not_touch_are_named_too(repo):
    write(repo / "content" / "initiatives" / "trasig.yml", TRASIG)
    summary = summary_of(repo, ("content/initiatives/abborren.yml", "modified"))
    text = shown_text(summary)
    assert "Fel i filer som den här ändringen inte rör (1)" in text
    assert "content/initiatives/trasig.yml, rad 4, tecken 18" in text
    # The changed file is still described in full.
    assert "Teman: Skola, Natur och miljö" in shown_text(section(summary, "Abborren"))


def test_removing_a_partner_shows_the_initiative_that_still_names_it(repo):
    (repo / "content" / "partners" / "exempelparten.yml").unlink()
    summary = summary_of(repo, ("content/partners/exempelparten.yml", "deleted"))
    text = shown_text(summary)
    assert "Samverkanspart: content/partners/exempelparten.yml (borttagen)" in text
    assert "content/initiatives/abborren.yml, rad 7" in text and "Okänd samverkanspart" in text


def test_a_change_without_content_says_so(repo):
    summary = summary_of(
        repo, ("README.md", "modified"), ("hooks/x.py", "added"), ("docs/images/a.png", "added")
    )
    text = shown_text(summary)
    assert "Den här ändringen rör inga initiativ, samverkansparter, evenemang, nyheter eller sidor." in text
    assert "README" not in text and "hooks" not in text and "a.png" not in text


def test_non_content_files_are_left_out_beside_content(repo):
    summary = summary_of(repo, ("README.md", "modified"), ("content/initiatives/abborren.yml", "modified"))
    assert "Ändrat innehåll (1)" in shown_text(summary)
    assert "README" not in summary


def test_preview_that_failed_to_build_for_another_reason_gets_no_link(repo):
    summary = summary_of(repo, ("content/initiatives/abborren.yml", "modified"), preview_built=False)
    assert "Ingen förhandsversion: webbplatsen gick inte att bygga." in shown_text(summary)
    assert ARTIFACTS not in summary


def test_only_an_address_of_ours_becomes_the_link(repo):
    for url in ("javascript:alert(1)", "https://evil.example/x) [y](z", "http://insecure.example/"):
        summary = summary_of(repo, ("content/initiatives/abborren.yml", "modified"), artifacts_url=url)
        assert rendered(summary).xpath("//a") == [], url
        assert "forhandsversion" in shown_text(summary)


def test_in_english_on_request(repo):
    write(repo / "content" / "initiatives" / "gaddan.yml", GADDAN)
    summary = summary_of(repo, ("content/initiatives/gaddan.yml", "added"), lang="en")
    text = shown_text(summary)
    assert "Initiative: Gäddan (new)" in text
    assert "Themes: Schools" in text and "Stage: Testing" in text
    assert "The English translation is missing." in text


def test_a_large_change_is_told_in_part(repo, monkeypatch):
    monkeypatch.setattr(pr_summary, "MAX_ENTRIES", 2)
    changes = [(f"content/initiatives/borta-{n}.yml", "deleted") for n in range(5)]
    summary = summary_of(repo, *changes)
    assert summary.count("\n#### ") == 2
    assert "… och 3 filer till, som inte visas här." in shown_text(summary)


# --- Untrusted text --------------------------------------------------------------

# Our own: headings, lists, emphasis, code, the artifacts link and the fold of known warnings.
ALLOWED_TAGS = {"div", "h2", "h3", "h4", "p", "ul", "li", "strong", "em", "code", "a", "details", "summary"}


def assert_only_our_markup(summary: str, links: list[str]) -> None:
    tree = rendered(summary)
    assert {element.tag for element in tree.iter()} <= ALLOWED_TAGS
    assert [a.get("href") for a in tree.iter("a")] == links


def test_hostile_text_in_valid_content_is_shown_as_text(repo):
    write(repo / "content" / "initiatives" / "fientlig.yml", HOSTILE)
    summary = summary_of(repo, ("content/initiatives/fientlig.yml", "added"))
    assert "Fel (måste rättas)" not in shown_text(summary)  # valid: shown in full
    assert_only_our_markup(summary, [ARTIFACTS])
    text = shown_text(summary)
    assert "Initiativ: **Fet** [länk](https://evil.example/) & ![x](y) (ny)" in text
    assert HOSTILE_SUMMARY in text


def test_hostile_text_in_an_error_message_is_shown_as_text(repo):
    write(repo / "content" / "initiatives" / "fientlig.yml", HTML_NAME)
    summary = summary_of(repo, ("content/initiatives/fientlig.yml", "added"))
    assert_only_our_markup(summary, [])  # content with errors: no preview to link to
    text = shown_text(summary)  # quoted in the messages, as text
    assert "utan HTML (<img>)" in text
    assert "Okänd kommun '<img src=x onerror=alert(1)>'" in text
    assert "Okänd kommun '[a](https://evil.example/)'" in text


def test_hostile_file_names_are_shown_as_text(repo):
    names = [
        "content/initiatives/<img src=x onerror=alert(1)>.yml",
        "content/initiatives/[a](https:evil.example).yml",
        "content/initiatives/`x` | y.yml",
        "docs/<script>alert(1)</script>.md",
    ]
    summary = summary_of(repo, *[(name, "deleted") for name in names])
    assert_only_our_markup(summary, [ARTIFACTS])
    text = shown_text(summary)
    for name in names:
        assert name in text


def test_escape_leaves_no_markdown_syntax_and_no_line_breaks():
    text = "a\nb\r\n\tc \u202eevil\u202c <b> * _ # + - = ! [ ] ( ) ` | ~ & \\ { } @ x:y"
    escaped = escape(text)
    assert "\n" not in escaped and "\u202e" not in escaped
    # Every ASCII punctuation character is escaped with a backslash.
    unescaped = escaped.replace(pr_summary.WORD_JOINER, "")
    position = 0
    while position < len(unescaped):
        char = unescaped[position]
        if char == "\\":
            position += 2
            continue
        assert char.isalnum() or char == " " or ord(char) > 127, (char, escaped)
        position += 1
    assert shown_text(escaped).strip() == "a b c evil <b> * _ # + - = ! [ ] ( ) ` | ~ & \\ { } @ x:y"


def test_escape_shortens_long_text():
    assert len(escape("a" * 1000)) == pr_summary.MAX_TEXT
    assert escape("a" * 1000).endswith("…")


# --- Reading what changed ---------------------------------------------------------


def test_git_diff_name_status_is_read_with_any_file_name():
    raw = "M\0content/initiatives/a.yml\0A\0content/initiatives/ny\nrad.yml\0D\0docs/x.md\0"
    assert changes_from_git(raw) == [
        Change("content/initiatives/a.yml", "modified"),
        Change("content/initiatives/ny\nrad.yml", "added"),
        Change("docs/x.md", "deleted"),
    ]
    assert changes_from_git("") == []


def test_plain_paths_are_present_or_removed_by_whether_they_exist(repo):
    """A bare list of paths does not say whether a file is new: the summary does not guess."""
    changes = changes_from_paths(
        repo, ["content/initiatives/abborren.yml", "content/initiatives/borta.yml", ""]
    )
    assert changes == [
        Change("content/initiatives/abborren.yml", "present"),
        Change("content/initiatives/borta.yml", "deleted"),
    ]


def test_command_line_reads_a_file_list(repo):
    result = subprocess.run(
        [sys.executable, "-m", "site_content.pr_summary", "--root", str(repo), "--changed"]
        + ["content/initiatives/abborren.yml", "README.md"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "SIS_LANG": "sv"},
    )
    assert result.returncode == 0, result.stderr
    assert "#### Initiativ: Abborren (ny eller ändrad)" in result.stdout
    assert result.stderr == ""


# --- The workflow's own step, on a pull request's merge commit --------------------


def git(repo: Path, *arguments: str) -> str:
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    result = subprocess.run(["git", *arguments], cwd=repo, capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_workflows_summary_step_on_a_merge_commit(repo, tmp_path_factory):
    """The step's script as the workflow runs it: HEAD is GitHub's merge commit."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    step = next(s for s in workflow["jobs"]["preview"]["steps"] if "pr_summary" in s.get("run", ""))
    write(repo / "content" / "initiatives" / "gaddan.yml", GADDAN)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "switch", "-q", "-c", "partner")
    write(repo / "content" / "initiatives" / "ny.yml", GADDAN.replace("Gäddan", "Nyheten"))
    (repo / "content" / "initiatives" / "gaddan.yml").unlink()
    with (repo / "content" / "initiatives" / "abborren.yml").open("a", encoding="utf-8") as file:
        file.write("website: https://www.example.org/abborren\n")
    write(repo / "README.md", "# Changed, not content\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "partner's change")
    git(repo, "switch", "-q", "main")
    write(repo / "docs" / "bakgrund.md", "---\nkey: background\n---\n# Bakgrund, ändrad på main\n")
    git(repo, "commit", "-q", "-am", "meanwhile on main")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "partner")
    # What the runner has beside the checkout: the virtual environment and the hooks.
    (repo / ".venv").symlink_to(Path(sys.executable).parent.parent)
    (repo / "hooks").symlink_to(ROOT / "hooks")
    summary_file = tmp_path_factory.mktemp("summary") / "summary.md"
    summary_file.write_text("", encoding="utf-8")
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=repo,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "GITHUB_STEP_SUMMARY": str(summary_file),
            "ARTIFACTS_URL": ARTIFACTS,
            "PREVIEW_BUILT": "true",
        },
    )
    assert result.returncode == 0, result.stderr
    summary = summary_file.read_text("utf-8")
    headings = [line for line in summary.splitlines() if line.startswith("#### ")]
    assert headings == [
        "#### Initiativ: Abborren (ändrad)",
        "#### Initiativ: `content/initiatives/gaddan.yml` (borttagen)",
        "#### Initiativ: Nyheten (ny)",
    ]  # not main's own change to docs/bakgrund.md, not the README
    assert f"]({ARTIFACTS})" in summary


# --- Events and news ---------------------------------------------------------------

EVENT = """
    title: {sv: "Fiskedag **fet** [länk](https://evil.example/)", en: Fishing day}
    summary: {sv: Vi fiskar tillsammans vid sjön., en: We fish together by the lake.}
    start: 2027-03-28T10:00
    end: 2027-03-28T14:00
    location: {name: Sjöboden, address: Strandvägen 1, municipality: hoor}
    online: https://meet.example.org/fiskedag
    organisers: [exempelparten]
    added: 2026-11-20
"""

NEWS = """
    title: {sv: Abborren växer, en: The Perch grows}
    summary: {sv: "Fler unga fiskar **nu** @someone.", en: More young people fish now.}
    body: {sv: Klubben har fått fler medlemmar., en: The club has more members.}
    published: 2026-11-22
    partners: [exempelparten]
    initiatives: [abborren]
    draft: true
"""


def test_an_event_shows_its_time_place_organisers_and_pages(repo):
    write(repo / "content" / "events" / "fiskedag.yml", EVENT)
    summary = summary_of(repo, ("content/events/fiskedag.yml", "added"))
    text = shown_text(section(summary, "Evenemang"))
    assert "Evenemang: Fiskedag **fet** [länk](https://evil.example/) (ny)" in text
    assert "Sammanfattning: Vi fiskar tillsammans vid sjön." in text
    assert "När: 2027-03-28 10:00 – 2027-03-28 14:00" in text
    assert "Var: Sjöboden, Strandvägen 1, Höör; digitalt: https://meet.example.org/fiskedag" in text
    assert "Arrangörer: Exempelparten" in text
    assert "Publiceras när ändringen har godkänts." in text
    assert "evenemang/fiskedag/index.html, en/events/fiskedag/index.html" in text
    assert_only_our_markup(summary, [ARTIFACTS])  # the title's Markdown and the link are text


def test_a_news_item_shows_its_date_what_it_is_about_and_pages(repo):
    write(repo / "content" / "news" / "abborren-vaxer.yml", NEWS)
    summary = summary_of(repo, ("content/news/abborren-vaxer.yml", "added"), lang="en")
    text = shown_text(section(summary, "News item"))
    assert "News item: The Perch grows (new)" in text
    assert "Publication date: 2026-11-22" in text
    assert "Partners: The Example Partner" in text
    assert "Initiatives: The Perch" in text
    assert "Draft: shown in the preview" in text
    assert "aktuellt/abborren-vaxer/index.html, en/news/abborren-vaxer/index.html" in text
    assert_only_our_markup(summary, [ARTIFACTS])  # ** and @someone stay text


def test_an_event_with_errors_lists_them_with_their_lines(repo):
    write(repo / "content" / "events" / "fiskedag.yml", EVENT.replace("hoor", "hor"))
    summary = summary_of(repo, ("content/events/fiskedag.yml", "modified"))
    text = shown_text(section(summary, "fiskedag"))
    assert "Evenemang: content/events/fiskedag.yml (ändrad)" in text
    assert "rad 5, tecken 66, fält location.municipality: Okänd kommun 'hor'. Menade du 'hoor'?" in text
    assert "Öppna" not in text


def test_each_changed_entry_shows_its_links_as_text_for_the_reviewer(repo):
    event = EVENT + "    registration: mailto:anmalan@example.org\n    sources:\n"
    event += "      - url: https://example.org/kalla\n        title: Källan [x](https://evil.example/)\n"
    write(repo / "content" / "events" / "fiskedag.yml", event)
    summary = summary_of(repo, ("content/events/fiskedag.yml", "added"))
    text = shown_text(section(summary, "Evenemang"))
    links = text.split("Länkar (kontrollera att de leder rätt):", 1)[1]
    assert "anmälan: mailto:anmalan@example.org" in links
    assert "digitalt möte: https://meet.example.org/fiskedag" in links
    assert "källa (Källan [x](https://evil.example/)): https://example.org/kalla" in links
    assert_only_our_markup(summary, [ARTIFACTS])  # every address is text, none a link


def test_warnings_in_files_the_change_does_not_touch_are_folded_once(repo):
    write(repo / "content" / "initiatives" / "gaddan.yml", GADDAN)  # warns: no English
    summary = summary_of(repo, ("content/initiatives/abborren.yml", "modified"))
    tree = rendered(summary)
    folds = tree.findall(".//details")
    assert len(folds) == 1
    assert folds[0].find("summary").text_content().startswith("Redan kända: ")
    assert "gaddan.yml" in folds[0].text_content()
    assert "gaddan.yml" not in section(summary, "Abborren").split("<details>")[0]
