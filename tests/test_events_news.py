"""News and events (issue 17), built from the tests' own content in
tests/fixtures/events/ and tests/fixtures/news/ (the showcase site):
pages in both languages, the calendar files, feeds, JSON-LD, lists on the
home, partner and initiative pages, and drafts left out of every output.
"""

from __future__ import annotations

import datetime
import json
import shutil

import feedparser
import icalendar
import pytest

from conftest import build_site
from site_content import calendar as ics
from site_content.strings import load_strings

UTC = datetime.UTC
EVENTS = ("varmote", "heldag", "webbinarium", "nattvandring")
DRAFT_WORDS = ("hemlig", "Hemlig", "Secret")


def json_ld(page) -> list[dict]:
    (script,) = page.xpath("//head/script[@type='application/ld+json']")
    return json.loads(script.text)["@graph"]


def node(page, type_name: str) -> dict:
    (found,) = [n for n in json_ld(page) if n.get("@type") == type_name]
    return found


def parse_calendar(site, url: str) -> icalendar.Calendar:
    data = site.path(url).read_bytes()
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line  # folded at 75 octets
    return icalendar.Calendar.from_ical(data)


def calendar_events(site, url: str) -> dict[str, icalendar.Event]:
    return {str(e["UID"]).split("@")[0]: e for e in parse_calendar(site, url).walk("VEVENT")}


# --- Drafts -------------------------------------------------------------------


def test_drafts_are_left_out_of_every_output(showcase_site):
    assert not showcase_site.exists("evenemang/hemligt-evenemang/")
    assert not showcase_site.exists("aktuellt/hemlig-nyhet/")
    for path in showcase_site.root.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".ics", ".json"):
            text = path.read_text("utf-8", errors="replace")
            for word in DRAFT_WORDS:
                assert word not in text, (path, word)


# --- Pages --------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "evenemang/",
        "en/events/",
        "aktuellt/",
        "en/news/",
        "aktuellt/sida/2/",
        "en/news/page/2/",
        *[f"evenemang/{slug}/" for slug in EVENTS],
        *[f"en/events/{slug}/" for slug in EVENTS],
        "aktuellt/ny-samverkan/",
        "en/news/ny-samverkan/",
    ],
)
def test_pages_exist_in_both_languages(showcase_site, url):
    assert showcase_site.page(url).xpath("//h1")


def test_date_and_time_are_written_as_each_language_writes_them(showcase_site):
    def when(url):
        return showcase_site.page(url).xpath("string(//dl[@class='sis-facts']/dd[1]/time)")

    assert when("evenemang/varmote/") == "lördag 16 maj 2099 kl. 10.00–12.00"
    assert when("en/events/varmote/") == "Saturday 16 May 2099, 10:00–12:00"
    assert when("evenemang/heldag/") == "lördag 6 juni 2099"
    assert when("en/events/heldag/") == "Saturday 6 June 2099"
    assert when("evenemang/nattvandring/") == "lördag 27 mars 2027 kl. 22.00 – söndag 28 mars 2027 kl. 04.00"
    assert when("en/events/nattvandring/") == "Saturday 27 March 2027, 22:00 – Sunday 28 March 2027, 04:00"


def test_event_page_links_place_organisers_registration_and_calendar(showcase_site):
    page = showcase_site.page("en/events/varmote/")
    links = page.xpath("//article//a/@href")
    assert "../../partners/coompanion-skane/" in links
    assert "../../partners/motesplats-social-innovation/" in links
    assert "https://example.org/anmalan" in links
    assert "varmote.ics" in links
    assert "Testgatan 1" in page.text_content()
    online = showcase_site.page("evenemang/webbinarium/")
    assert "https://example.org/webbinarium" in online.xpath("//article//a/@href")
    # The webinar of 2001 is over: nothing to put in a calendar any more.
    assert not online.cssselect(".sis-calendar-link")
    assert not [href for href in online.xpath("//article//a/@href") if href.endswith(".ics")]
    assert page.cssselect(".sis-calendar-link a")[0].text_content() == "Add to calendar (.ics)"


def test_fact_headings_are_singular_for_one_and_plural_for_more(showcase_site):
    def headings(url):
        return showcase_site.page(url).xpath("//article//dl[@class='sis-facts']/dt/text()")

    # ny-samverkan names one initiative and one partner.
    assert {"Om initiativet", "Samverkanspart"} <= set(headings("aktuellt/ny-samverkan/"))
    assert {"About the initiative", "Partner"} <= set(headings("en/news/ny-samverkan/"))
    assert "Arrangörer" in headings("evenemang/varmote/")  # two organisers
    assert "Arrangör" in headings("evenemang/nattvandring/")  # one
    assert "Organiser" in headings("en/events/nattvandring/")
    assert "Samverkansparter" in headings("initiativ/abborren/")  # two partners
    assert "Samverkanspart" in headings("initiativ/zebrastigen/")  # one
    # No fixture news item names two initiatives: the plural from the strings themselves.
    strings = load_strings()
    assert strings["sv"].plural("news_about_initiatives", 2) == "Om initiativen"
    assert strings["en"].plural("news_about_initiatives", 2) == "About the initiatives"


def test_untranslated_event_and_news_show_the_swedish_text_marked(showcase_site):
    for url in ("en/events/heldag/", "en/news/bara-svenska/"):
        page = showcase_site.page(url)
        (heading,) = page.xpath("//article//h1")
        assert heading.get("lang") == "sv"
        assert page.xpath("//p[@class='sis-untranslated']"), url
    assert not showcase_site.page("en/events/varmote/").xpath("//p[@class='sis-untranslated']")


def test_events_list_shows_upcoming_first_then_past_by_year(showcase_site):
    page = showcase_site.page("evenemang/")
    slugs = page.xpath("//li[contains(@class, 'sis-card--event')]/@data-slug")
    # varmote and heldag are always ahead, webbinarium (2001) always past.
    assert slugs.index("varmote") < slugs.index("heldag") < slugs.index("webbinarium")
    assert page.xpath("//h2[@id='tidigare']") and page.xpath("//h3[@id='tidigare-2001']")
    assert showcase_site.page("en/events/").xpath("//h2[@id='past']")


def test_news_is_paginated_newest_first_without_script(showcase_site):
    first = showcase_site.page("aktuellt/")
    slugs = first.xpath("//li[contains(@class, 'sis-card--news')]/@data-slug")
    assert slugs[:2] == ["ny-samverkan", "bara-svenska"]
    assert len(slugs) == 10
    assert first.xpath("//nav[@class='sis-pagination']//a[@rel='next']/@href") == ["sida/2/"]
    second = showcase_site.page("aktuellt/sida/2/")
    assert second.xpath("//li[contains(@class, 'sis-card--news')]/@data-slug") == ["notis-1"]
    assert second.xpath("//a[@rel='prev']/@href") == ["../../"]
    assert showcase_site.page("en/news/page/2/").xpath("//a[@rel='prev']/@href") == ["../../"]


def test_home_partner_and_initiative_pages_list_events_and_news(showcase_site):
    home = showcase_site.page("")
    events = home.xpath("//section[contains(@class, 'sis-home__events')]//li/@data-slug")
    assert "varmote" in events and "webbinarium" not in events  # only what is coming
    assert home.xpath("//section[contains(@class, 'sis-home__news')]//li/@data-slug")[0] == "ny-samverkan"
    assert showcase_site.page("en/").xpath("//section[contains(@class, 'sis-home__events')]")
    partner = showcase_site.page("samverkansparter/coompanion-skane/")
    cards = partner.xpath("//li/@data-slug")
    assert {"varmote", "webbinarium", "ny-samverkan"} <= set(cards)
    assert "heldag" not in cards  # organised by another partner
    initiative = showcase_site.page("en/initiatives/abborren/")
    assert "ny-samverkan" in initiative.xpath("//li/@data-slug")


@pytest.fixture(scope="module")
def quiet_site(showcase_source, tmp_path_factory):
    """The showcase without any event or news: the home page says nothing of them."""
    source = tmp_path_factory.mktemp("quiet") / "repo"
    shutil.copytree(showcase_source, source)
    for folder in ("events", "news"):
        shutil.rmtree(source / "content" / folder)
    return build_site(source, tmp_path_factory.mktemp("quiet-site") / "site")


def test_without_events_or_news_the_home_page_has_no_such_sections(quiet_site):
    home = quiet_site.page("")
    assert not home.xpath("//section[contains(@class, 'sis-home__events')]")
    assert not home.xpath("//section[contains(@class, 'sis-home__news')]")
    assert quiet_site.page("evenemang/").xpath("//li[contains(@class, 'sis-card')]") == []
    assert not parse_calendar(quiet_site, "evenemang/kalender.ics").walk("VEVENT")


# --- Calendar -----------------------------------------------------------------


@pytest.mark.parametrize("url", ["evenemang/kalender.ics", "en/events/calendar.ics"])
def test_calendar_has_every_published_event_with_uid_stamp_and_url(showcase_site, url):
    cal = parse_calendar(showcase_site, url)
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    events = calendar_events(showcase_site, url)
    assert set(events) == set(EVENTS)
    lang_page = "evenemang" if url.startswith("evenemang") else "en/events"
    for slug, event in events.items():
        assert str(event["UID"]) == f"{slug}@social-innovation.example"
        assert event["DTSTAMP"].dt.tzinfo is not None
        assert str(event["URL"]) == showcase_site.absolute(f"{lang_page}/{slug}/")
        assert showcase_site.exists(f"{lang_page}/{slug}/")


def test_calendar_is_right_across_the_spring_clock_change(showcase_site):
    for url in (
        "evenemang/kalender.ics",
        "en/events/calendar.ics",
        "evenemang/nattvandring/nattvandring.ics",
    ):
        night = calendar_events(showcase_site, url)["nattvandring"]
        assert night["DTSTART"].dt == datetime.datetime(2027, 3, 27, 21, 0, tzinfo=UTC)
        assert night["DTEND"].dt == datetime.datetime(2027, 3, 28, 2, 0, tzinfo=UTC)  # 04:00 summer time
    summer = calendar_events(showcase_site, "evenemang/kalender.ics")["varmote"]
    assert summer["DTSTART"].dt == datetime.datetime(2099, 5, 16, 8, 0, tzinfo=UTC)


def test_all_day_event_is_a_date_in_the_calendar(showcase_site):
    day = calendar_events(showcase_site, "en/events/calendar.ics")["heldag"]
    assert day["DTSTART"].dt == datetime.date(2099, 6, 6)
    assert day["DTEND"].dt == datetime.date(2099, 6, 7)


def test_calendar_text_is_in_the_calendars_language(showcase_site):
    sv = calendar_events(showcase_site, "evenemang/kalender.ics")
    en = calendar_events(showcase_site, "en/events/calendar.ics")
    assert str(sv["varmote"]["SUMMARY"]) == "Vårmöte; om sociala innovationer, i Malmö"
    assert str(en["varmote"]["SUMMARY"]) == "Spring meeting; on social innovation, in Malmö"
    # No English: the Swedish text, said to be Swedish.
    assert str(en["heldag"]["SUMMARY"]) == "Heldag i Lund"
    assert en["heldag"]["SUMMARY"].params["LANGUAGE"] == "sv"
    assert str(en["webbinarium"]["LOCATION"]) == "https://example.org/webbinarium"


def test_one_event_calendar_per_event_and_language(showcase_site):
    for slug in EVENTS:
        for url in (f"evenemang/{slug}/{slug}.ics", f"en/events/{slug}/{slug}.ics"):
            assert list(calendar_events(showcase_site, url)) == [slug]


def test_ics_escapes_and_folds_as_rfc_5545_says():
    assert ics.escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    folded = ics.fold("DESCRIPTION:" + "å" * 80)
    lines = folded.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert all(line.startswith(" ") for line in lines[1:])
    assert "".join(line[1:] if n else line for n, line in enumerate(lines)) == "DESCRIPTION:" + "å" * 80


# --- Feeds, JSON-LD, sitemap -------------------------------------------------------


@pytest.mark.parametrize("url,lang", [("aktuellt/feed.xml", "sv"), ("en/news/feed.xml", "en")])
def test_news_feed_per_language(showcase_site, url, lang):
    feed = feedparser.parse(showcase_site.path(url).read_bytes())
    assert not feed.bozo
    assert len(feed.entries) == 11
    news = "aktuellt" if lang == "sv" else "en/news"
    assert feed.entries[0].link == showcase_site.absolute(f"{news}/ny-samverkan/")
    assert feed.feed.language == lang


def test_event_json_ld(showcase_site):
    found = node(showcase_site.page("en/events/varmote/"), "Event")
    assert found["startDate"] == "2099-05-16T10:00+02:00"
    assert found["endDate"] == "2099-05-16T12:00+02:00"
    assert found["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert found["location"]["@type"] == "Place"
    assert found["location"]["address"]["addressLocality"] == "Malmö"
    assert found["inLanguage"] == "en"
    assert [o["name"] for o in found["organizer"]] == ["Coompanion Skåne", "Mötesplats Social Innovation"]
    online = node(showcase_site.page("evenemang/webbinarium/"), "Event")
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"] == {"@type": "VirtualLocation", "url": "https://example.org/webbinarium"}
    assert node(showcase_site.page("en/events/heldag/"), "Event")["inLanguage"] == "sv"


def test_news_article_json_ld(showcase_site):
    article = node(showcase_site.page("en/news/ny-samverkan/"), "NewsArticle")
    assert article["headline"] == "New collaboration for Abborren"
    assert article["datePublished"] == "2026-11-25"
    assert article["dateModified"] == "2026-11-26"
    assert article["inLanguage"] == "en"
    assert article["about"] == [{"@id": showcase_site.absolute("en/initiatives/abborren/#initiative")}]
    page = showcase_site.page("en/news/ny-samverkan/")
    assert page.xpath("//head/meta[@property='og:title']/@content")
    assert page.xpath("//head/meta[@name='description']/@content") == [
        "Test news about an initiative and a partner."
    ]


def test_sitemap_pairs_event_and_news_pages(showcase_site):
    text = showcase_site.path("sitemap.xml").read_text("utf-8")
    for url in ("evenemang/varmote/", "en/events/varmote/", "aktuellt/ny-samverkan/", "en/news/page/2/"):
        assert f"<loc>{showcase_site.absolute(url)}</loc>" in text
    assert 'hreflang="en" href="https://social-innovation.example/en/events/varmote/"' in text


def test_translation_status_lists_events_and_news(showcase_site):
    page = showcase_site.page("oversattningsstatus/")
    rows = {
        row.xpath("string(td[3])"): (row.xpath("string(td[1])"), row.xpath("string(td[2])"))
        for row in page.xpath("//tbody/tr")
    }
    assert rows["Heldag i Lund"] == ("saknas", "evenemang")
    assert rows["Nyhet bara på svenska"] == ("saknas", "nyhet")
    assert "Hemlig nyhet" not in rows


@pytest.mark.parametrize("url", ["samverkansparter/coompanion-skane/", "en/partners/coompanion-skane/"])
def test_a_partners_events_are_upcoming_soonest_first_then_past_newest_first(showcase_site, url):
    """As the events page orders them: what is ahead first, then what is over, latest first."""
    import datetime

    cards = showcase_site.page(url).xpath("//li[contains(@class, 'sis-card--event')]")
    starts = {card.get("data-slug"): card.xpath("string(.//time/@datetime)")[:10] for card in cards}
    today = datetime.date.today().isoformat()
    upcoming = sorted((start, slug) for slug, start in starts.items() if start >= today)
    past = sorted(((start, slug) for slug, start in starts.items() if start < today), reverse=True)
    assert [slug for _start, slug in upcoming + past] == list(starts)
    assert past and upcoming  # the fixture's webinar of 2001 and its meetings of 2099
