"""The content model: clear problems for bad content, order, strings."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, content_only_repository, copy_repository, run_build
from site_content import ContentPaths, ContentProblems, check_content, load_content
from site_content.collation import sort_key
from site_content.strings import load_strings

GOOD = textwrap.dedent("""\
    name: {sv: Projekt, en: Example}
    summary: {sv: En mening., en: One sentence.}
    themes: [skola]
    municipalities: [malmo]
    organisation: {name: Föreningen, type: ideell-forening}
    stage: test
    started: 2016
    added: 2026-11-20
""")


@pytest.fixture
def content_root(tmp_path) -> Path:
    """A content folder with the real partners and vocabularies, and no initiatives."""
    return content_only_repository(tmp_path / "repo")


def problems_for(root: Path, files: dict[str, str | bytes]) -> list:
    for name, text in files.items():
        path = root / "content" / "initiatives" / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(ContentProblems) as raised:
        load_content(ContentPaths.under(root, docs=root / "docs"))
    return [p for p in raised.value.problems if p.severity == "error"]


def only(problems: list):
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0]


def test_good_initiative_loads(content_root):
    (content_root / "content" / "initiatives" / "exempel.yml").write_text(GOOD, "utf-8")
    content = load_content(ContentPaths.under(content_root, docs=content_root / "docs"))
    initiative = content.initiatives["exempel"]
    assert initiative.themes[0].label.get("en") == "Schools"
    assert initiative.is_translated("en")


def test_unknown_municipality_names_place_and_suggests(content_root):
    problem = only(problems_for(content_root, {"exempel.yml": GOOD.replace("[malmo]", "[lund, malmoe]")}))
    assert (problem.file, problem.line, problem.column, problem.field) == (
        "content/initiatives/exempel.yml",
        4,
        24,
        "municipalities[2]",
    )
    assert problem.message("sv").startswith("Okänd kommun 'malmoe'. Menade du 'malmo'?")
    assert "content/vocabulary/municipalities.yml" in problem.message("sv")
    assert problem.message("en").startswith("Unknown municipality 'malmoe'. Did you mean 'malmo'?")


def test_duplicate_keys_are_errors(content_root):
    problem = only(problems_for(content_root, {"exempel.yml": GOOD + "stage: ide\n"}))
    assert problem.code == "duplicate-key" and problem.line == 9
    assert "första gången på rad 6" in problem.format("sv")


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        (("summary: {sv: En mening.", "summary: {sv: " + "x" * 301), "too-long", "summary.sv"),
        (("added: 2026-11-20", "added: 2026-02-30"), "bad-date", "added"),
        (("added: 2026-11-20", "added: 2026-11-20\nupdated: 2026-11-01"), "updated-before-added", "updated"),
        (("started: 2016", "started: sextio"), "bad-year", "started"),
        (("stage: test", "stage: testing"), "unknown-term", "stage"),
        (("name: {sv: Projekt, en: Example}\n", ""), "required", "name"),
        (("stage: test", "stage: test\nwebsite: www.example"), "bad-url", "website"),
        (("stage: test", "stage: test\ncontact: info(at)example.org"), "bad-email", "contact"),
        (("stage: test", "stage: test\npartners: [coompanion]"), "unknown-partner", "partners[1]"),
        (("stage: test", "stage: test\nthemse: [skola]"), "unknown-field", "themse"),
        (("stage: test", "stage: test\ndraft: ja"), "not-boolean", "draft"),
        (("themes: [skola]", "themes: []"), "empty-list", "themes"),
        (
            ("stage: test", "stage: test\nimage: {src: images/saknas.jpg, alt: {sv: Bild.}}"),
            "missing-file",
            "image.src",
        ),
    ],
)
def test_each_mistake_gets_its_own_clear_problem(content_root, change, code, field):
    problem = only(problems_for(content_root, {"exempel.yml": GOOD.replace(*change)}))
    assert (problem.code, problem.field) == (code, field), problem.format()
    assert problem.line is not None
    assert problem.format("sv").startswith(f"content/initiatives/exempel.yml:{problem.line}")


def test_unknown_field_suggests_the_right_name(content_root):
    problem = only(problems_for(content_root, {"exempel.yml": GOOD + "themse: [skola]\n"}))
    assert "Menade du 'themes'?" in problem.message("sv")


def test_file_level_mistakes_are_reported_not_crashed_on(content_root):
    problems = problems_for(
        content_root,
        {
            "bom.yml": b"\xef\xbb\xbf" + GOOD.encode("utf-8"),
            "latin1.yml": GOOD.replace("Föreningen", "F\u00f6reningen").encode("latin-1"),
            "tabbar.yml": GOOD.replace("themes: [skola]", "themes:\n\t- skola"),
            "trasig.yml": GOOD.replace("stage: test", "stage: [test"),
            "Fel Namn.yml": GOOD,
        },
    )
    by_file = {problem.file.rsplit("/", 1)[1]: problem for problem in problems}
    assert by_file["bom.yml"].code == "bom"
    assert by_file["latin1.yml"].code == "encoding"
    assert (by_file["tabbar.yml"].code, by_file["tabbar.yml"].line) == ("tab", 4)
    assert (by_file["trasig.yml"].code, by_file["trasig.yml"].line) == ("yaml-unclosed-bracket", 6)
    assert by_file["Fel Namn.yml"].code == "bad-file-name"
    assert "fel-namn.yml" in by_file["Fel Namn.yml"].message("sv")


def test_all_problems_of_a_run_are_reported_together(content_root):
    problems = problems_for(
        content_root,
        {
            "ett.yml": GOOD.replace("stage: test", "stage: okand"),
            "tva.yml": GOOD.replace("[skola]", "[skolan]").replace("started: 2016", "started: 1066"),
        },
    )
    assert sorted((p.file.rsplit("/", 1)[1], p.code) for p in problems) == [
        ("ett.yml", "unknown-term"),
        ("tva.yml", "bad-year"),
        ("tva.yml", "unknown-term"),
    ]


def test_a_bad_file_fails_the_build_with_a_clear_message(tmp_path):
    source = copy_repository(tmp_path / "repo")
    (source / "content" / "initiatives" / "trasig.yml").write_text(
        GOOD.replace("[malmo]", "[malmoe]"), "utf-8"
    )
    result = run_build(source, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert (
        "content/initiatives/trasig.yml:4:18 (fält municipalities[1]): "
        "Okänd kommun 'malmoe'. Menade du 'malmo'?"
    ) in output
    assert "(field municipalities[1]): Unknown municipality 'malmoe'" in output
    assert not (tmp_path / "site" / "index.html").exists()


# --- Order and strings -----------------------------------------------------


def test_swedish_order_puts_a_ring_a_umlaut_o_umlaut_last():
    names = ["Östra Göinge", "Ängelholm", "Åstorp", "Ystad", "Malmö", "ängby", "Zeta", "Örkelljunga"]
    assert sorted(names, key=lambda n: sort_key(n, "sv")) == [
        "Malmö",
        "Ystad",
        "Zeta",
        "Åstorp",
        "ängby",
        "Ängelholm",
        "Örkelljunga",
        "Östra Göinge",
    ]
    assert sorted(["Zeta", "Åstorp", "Ängelholm"], key=lambda n: sort_key(n, "en")) == [
        "Ängelholm",
        "Åstorp",
        "Zeta",
    ]


def test_every_interface_string_exists_in_both_languages():
    strings = load_strings(ROOT / "i18n")
    assert set(strings["sv"]) == set(strings["en"])
    assert all(value.strip() for lang in strings.values() for value in lang.values())


def test_municipality_vocabulary_matches_the_reference_list():
    reference = ROOT / "tests" / "fixtures" / "skane-municipalities.tsv"  # from SCB, via shared/reference
    content = load_content(ContentPaths.under(ROOT, docs=ROOT / "docs"))
    terms = content.vocabularies["municipalities"].terms
    rows = [line.split("\t") for line in reference.read_text("utf-8").splitlines()[1:]]
    assert len(rows) == 33
    for code, name, key in rows:
        assert terms[key].scb_code == code and terms[key].label.sv == name
    assert set(terms) == {key for _, _, key in rows} | {"hela-skane"}


def test_two_terms_cannot_share_an_address(content_root):
    themes = content_root / "content" / "vocabulary" / "themes.yml"
    themes.write_text(
        themes.read_text("utf-8")
        + "skolor:\n  label: {sv: Skolor, en: Schools}\n  slug: {sv: skolor, en: school}\n",
        "utf-8",
    )
    (content_root / "content" / "initiatives" / "exempel.yml").write_text(GOOD, "utf-8")
    with pytest.raises(ContentProblems) as raised:
        load_content(ContentPaths.under(content_root, docs=content_root / "docs"))
    problem = only([p for p in raised.value.problems if p.severity == "error"])
    assert (problem.code, problem.field) == ("slug-collision", "skolor.slug.en")
    assert "content/vocabulary/themes.yml (skola)" in problem.message("sv")


def test_a_broken_file_is_told_in_that_file_only_not_where_news_and_events_name_it(content_root):
    """A partner's or an initiative's own mistake must not make every news item and event
    that names it say 'unknown': the file exists, and its mistake is told there."""
    content = content_root / "content"
    broken_partner = (content / "partners" / "coompanion-skane.yml").read_text("utf-8")
    (content / "partners" / "coompanion-skane.yml").write_text(broken_partner + "okant-falt: 1\n", "utf-8")
    (content / "initiatives" / "exempel.yml").write_text(GOOD.replace("stage: test", "stage: okand"), "utf-8")
    for folder in ("events", "news"):
        (content / folder).mkdir()
    (content / "events" / "mote.yml").write_text(
        textwrap.dedent("""\
            title: {sv: Möte}
            summary: {sv: Ett möte.}
            start: 2099-05-16T10:00
            location: {name: Huset}
            organisers: [coompanion-skane, coompanion]
            added: 2026-11-20
        """),
        "utf-8",
    )
    (content / "news" / "notis.yml").write_text(
        textwrap.dedent("""\
            title: {sv: Notis}
            summary: {sv: En notis.}
            body: {sv: Text.}
            published: 2026-11-20
            partners: [coompanion-skane]
            initiatives: [exempel, exempl]
        """),
        "utf-8",
    )
    problems = problems_for(content_root, {})
    found = sorted((p.file.rsplit("/", 1)[1], p.code, p.field) for p in problems)
    assert found == [
        ("coompanion-skane.yml", "unknown-field", "okant-falt"),
        ("exempel.yml", "unknown-term", "stage"),
        # A name that matches no file at all is still told, with the file as the suggestion.
        ("mote.yml", "unknown-partner", "organisers[2]"),
        ("notis.yml", "unknown-initiative", "initiatives[2]"),
    ], found
    misspelt = next(p for p in problems if p.code == "unknown-initiative")
    assert "Menade du 'exempel'?" in misspelt.message("sv")


def test_an_initiative_named_with_its_file_ending_gets_one_problem_that_suggests_the_name(content_root):
    """'abborren.yml' where 'abborren' belongs: the schema's general 'not a valid key' (with a
    municipality as its example) gives way to the reader's message, which names the initiative."""
    content = content_root / "content"
    (content / "initiatives" / "exempel.yml").write_text(GOOD, "utf-8")
    (content / "news").mkdir()
    (content / "news" / "notis.yml").write_text(
        textwrap.dedent("""\
            title: {sv: Notis}
            summary: {sv: En notis.}
            body: {sv: Text.}
            published: 2026-11-20
            initiatives: [exempel.yml]
        """),
        "utf-8",
    )
    problem = only(problems_for(content_root, {}))
    assert (problem.code, problem.field, problem.line) == ("unknown-initiative", "initiatives[1]", 5)
    assert "Menade du 'exempel'?" in problem.message("sv")


def test_word_quotes_around_a_whole_text_are_a_warning_that_says_they_would_show(content_root):
    """`sv: ”Läxhjälp”` is valid YAML whose text includes the quotes: say so, don't refuse."""
    text = GOOD.replace(
        "name: {sv: Projekt, en: Example}", "name:\n  sv: ”Läxhjälp i Höör”\n  en: Homework help"
    )
    (content_root / "content" / "initiatives" / "exempel.yml").write_text(text, "utf-8")
    content, problems = check_content(ContentPaths.under(content_root, docs=content_root / "docs"))
    assert content is not None  # published as written, after the partner was warned
    [warning] = [p for p in problems if p.code == "typographic-quotes"]
    assert (warning.severity, warning.field, warning.line) == ("warning", "name.sv", 2)
    assert "”…”" in warning.message("sv") and "raka citattecken" in warning.message("sv")
    # Straight quotes are YAML's own and never part of the text.
    (content_root / "content" / "initiatives" / "exempel.yml").write_text(text.replace("”", '"'), "utf-8")
    _content, problems = check_content(ContentPaths.under(content_root, docs=content_root / "docs"))
    assert not [p for p in problems if p.code == "typographic-quotes"]


def test_registration_takes_a_web_address_or_mailto_and_nothing_with_an_at_before_the_host(content_root):
    event = (
        "title: {sv: Träff}\nsummary: {sv: En mening.}\nstart: 2027-03-28T10:00\n"
        "online: https://example.org/mote\norganisers: [coompanion-skane]\nadded: 2026-11-20\n"
    )
    folder = content_root / "content" / "events"
    folder.mkdir(exist_ok=True)
    paths = ContentPaths.under(content_root, docs=content_root / "docs")
    for registration in ("mailto:anmalan@example.org", "https://example.org/anmalan?via=a@b"):
        (folder / "traff.yml").write_text(event + f"registration: {registration}\n", "utf-8")
        assert load_content(paths).events["traff"].registration == registration
    for registration, code in (
        ("https://anmalan@example.org", "url-userinfo"),
        ("anmalan@example.org", "url-is-email"),
        ("mailto:inte-en-adress", "bad-url"),
    ):
        (folder / "traff.yml").write_text(event + f"registration: {registration}\n", "utf-8")
        with pytest.raises(ContentProblems) as raised:
            load_content(paths)
        assert [p.code for p in raised.value.problems if p.severity == "error"] == [code]


def test_a_website_with_an_at_before_the_host_is_refused(content_root):
    text = GOOD + "website: https://info@example.org/\n"
    problem = only(problems_for(content_root, {"exempel.yml": text}))
    assert problem.code == "url-userinfo" and "contact: info@example.org" in problem.message("sv")


def warnings_for(root: Path, files: dict[str, str]) -> list:
    for name, text in files.items():
        (root / "content" / "initiatives" / name).write_text(text, "utf-8")
    _content, problems = check_content(ContentPaths.under(root, docs=root / "docs"))
    assert not [p for p in problems if p.severity == "error"], [p.format() for p in problems]
    return [p for p in problems if p.file.startswith("content/initiatives/")]


@pytest.mark.parametrize(
    ("built", "dates", "told"),
    [
        # Built at noon on 7 December 2026 (SOURCE_DATE_EPOCH, as a reproducible build is).
        ("2026-12-07T12:00:00Z", "added: 2026-12-07", []),
        ("2026-12-07T12:00:00Z", "added: 2026-12-08", [("added", 8, "2026-12-08", "2026-12-07")]),
        (
            "2026-12-07T12:00:00Z",
            "added: 2026-11-20\nupdated: 2027-12-01",
            [("updated", 9, "2027-12-01", "2026-12-07")],
        ),
        # Half past midnight in Sweden is still the 7th in UTC: the day is Sweden's.
        ("2026-12-07T23:30:00Z", "added: 2026-12-08", []),
    ],
)
def test_a_date_that_has_not_come_yet_is_a_warning(content_root, monkeypatch, built, dates, told):
    import datetime

    moment = datetime.datetime.fromisoformat(built.replace("Z", "+00:00"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))
    problems = warnings_for(content_root, {"exempel.yml": GOOD.replace("added: 2026-11-20", dates)})
    ahead = [p for p in problems if p.code == "date-ahead"]
    assert [(p.field, p.line, p.params["value"], p.params["today"]) for p in ahead] == told
    assert all(p.severity == "warning" for p in ahead)
    if told:
        value, today = told[0][2], told[0][3]
        assert ahead[0].message("sv") == (
            f"Datumet {value} har inte kommit än (i dag är det {today}). Skriv den dag då texten lades till, "
            f"publicerades eller ändrades, till exempel {today}."
        )
