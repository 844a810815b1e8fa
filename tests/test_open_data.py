"""Open data and feeds: the JSON and CSV exports, their schema, the Atom feeds.

The exports are checked against the fixture catalogue's YAML files read here
directly (not through the content model), field for field and count for count.
"""

from __future__ import annotations

import copy
import csv
import datetime
import io
import json
import re

import feedparser
import jsonschema
import pytest
import yaml
from lxml import etree

from conftest import FIXTURES, published_image
from site_content import Content, Initiative, Localized
from site_content.feed import FEED_LIMIT, build_feed

FEED_NS = "http://www.w3.org/2005/Atom"
LANGUAGES = ("sv", "en")
# Newest first by updated, else added (see the fixtures' dates).
FEED_ORDER = ["abborren", "ostra-bryggan", "angsbacken", "akerlyckan", "zebrastigen"]


def fixture_initiatives() -> dict[str, dict]:
    """The published fixture initiatives as written in their YAML files."""
    found = {}
    for path in sorted((FIXTURES / "initiatives").glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        if not data.get("draft"):
            found[path.stem] = data
    return found


def vocabulary(name: str) -> dict:
    return yaml.safe_load((FIXTURES / "vocabulary" / f"{name}.yml").read_text("utf-8"))


def partner_file(slug: str) -> dict:
    return yaml.safe_load((FIXTURES / "partners" / f"{slug}.yml").read_text("utf-8"))


def text(value: dict | None) -> dict | None:
    """A text as the export writes it: both languages, en null when missing,
    without the line break that ends a YAML block."""
    if value is None:
        return None
    return {lang: value[lang].strip() if value.get(lang) else None for lang in LANGUAGES}


def term_slug(term: dict, key: str, lang: str) -> str:
    return term.get("slug", {}).get(lang, key)


@pytest.fixture(scope="module")
def export(showcase_site) -> dict:
    return json.loads(showcase_site.path("data/initiatives.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def schema(showcase_site) -> dict:
    return json.loads(showcase_site.path("data/initiatives.schema.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def csv_rows(showcase_site) -> list[dict]:
    raw = showcase_site.path("data/initiatives.csv").read_bytes()
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


# --- JSON ------------------------------------------------------------------


def test_json_export_lists_exactly_the_published_initiatives(export):
    published = fixture_initiatives()
    assert export["count"] == len(published) == len(export["initiatives"])
    assert [record["slug"] for record in export["initiatives"]] == sorted(published)
    # The newest version among the exported fields' (site_content/fields.py), 2.0.0 or later.
    from site_content.export import SCHEMA_VERSION

    assert export["schema_version"] == SCHEMA_VERSION
    assert tuple(int(part) for part in SCHEMA_VERSION.split(".")) >= (2, 0, 0)
    assert export["licence"]["id"] == "CC0-1.0"
    generated = datetime.datetime.fromisoformat(export["generated"])
    assert generated.utcoffset() == datetime.timedelta(0)


def test_json_export_agrees_with_the_content_files_field_for_field(showcase_site, export):
    themes, municipalities = vocabulary("themes"), vocabulary("municipalities")
    types, stages = vocabulary("organisation-types"), vocabulary("stages")
    for record in export["initiatives"]:
        source = fixture_initiatives()[record["slug"]]
        slug = record["slug"]
        assert record["url"] == {
            "sv": showcase_site.absolute(f"initiativ/{slug}/"),
            "en": showcase_site.absolute(f"en/initiatives/{slug}/"),
        }
        for field in ("name", "summary", "description"):
            assert record[field] == text(source.get(field)), (slug, field)
        assert [t["key"] for t in record["themes"]] == source["themes"]
        for item in record["themes"]:
            term = themes[item["key"]]
            assert item["label"] == text(term["label"])
            assert item["url"]["sv"] == showcase_site.absolute(
                f"initiativ/tema/{term_slug(term, item['key'], 'sv')}/"
            )
            assert item["url"]["en"] == showcase_site.absolute(
                f"en/initiatives/theme/{term_slug(term, item['key'], 'en')}/"
            )
        assert [m["key"] for m in record["municipalities"]] == source["municipalities"]
        for item in record["municipalities"]:
            term = municipalities[item["key"]]
            assert item["label"] == text(term["label"])
            assert item["scb_code"] == term.get("scb_code")
        assert [p["slug"] for p in record["partners"]] == source.get("partners", [])
        for item in record["partners"]:
            partner = partner_file(item["slug"])
            assert item["name"] == text(partner["name"])
            assert item["website"] == partner.get("website")
        # Organisation, its type, stage and year are optional: null where a file has none.
        organisation = source.get("organisation")
        if organisation is None:
            assert record["organisation"] is None
        else:
            assert record["organisation"]["name"] == organisation["name"]
            assert record["organisation"]["type"] == (
                {"key": organisation["type"], "label": text(types[organisation["type"]]["label"])}
                if "type" in organisation
                else None
            )
        stage = source.get("stage")
        assert record["stage"] == ({"key": stage, "label": text(stages[stage]["label"])} if stage else None)
        assert record["started"] == source.get("started")
        assert record["website"] == source.get("website")
        assert record["contact"] == source.get("contact")
        if "image" in source:
            assert record["image"] == {
                "url": published_image(showcase_site, source["image"]["src"]),
                "alt": text(source["image"]["alt"]),
            }
        else:
            assert record["image"] is None
        assert record["added"] == source["added"].isoformat()
        assert record["updated"] == (source["updated"].isoformat() if "updated" in source else None)


def test_every_url_in_the_export_is_a_page_or_file_of_the_site(showcase_site, export):
    urls = set(re.findall(r'"(https?://[^"]+)"', json.dumps(export)))
    own = {url for url in urls if url.startswith(showcase_site.site_url)}
    assert len(own) > 20
    for url in own:
        assert showcase_site.exists(url[len(showcase_site.site_url) :]), url


# --- Schema ----------------------------------------------------------------


def validator(schema: dict) -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_export_validates_against_its_published_schema(showcase_site, export, schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert export["$schema"] == schema["$id"] == showcase_site.absolute("data/initiatives.schema.json")
    validator(schema).validate(export)


@pytest.mark.parametrize(
    "damage",
    [
        lambda doc: doc["initiatives"][0].pop("name"),
        lambda doc: doc["initiatives"][0].update(themes=[]),
        lambda doc: doc["initiatives"][0].update(added="20 november"),
        lambda doc: doc["initiatives"][0]["municipalities"][0].update(scb_code="0180"),
        lambda doc: doc["initiatives"][0].update(colour="blue"),
        lambda doc: doc.update(schema_version="3.0.0"),
    ],
)
def test_schema_rejects_a_damaged_export(export, schema, damage):
    damaged = copy.deepcopy(export)
    damage(damaged)
    assert list(validator(schema).iter_errors(damaged))


def test_empty_catalogue_still_exports_valid_files(empty_site):
    export = json.loads(empty_site.path("data/initiatives.json").read_text("utf-8"))
    schema = json.loads(empty_site.path("data/initiatives.schema.json").read_text("utf-8"))
    validator(schema).validate(export)
    assert export["count"] == 0 and export["initiatives"] == []
    raw = empty_site.path("data/initiatives.csv").read_bytes()
    assert raw.decode("utf-8-sig").count("\r\n") == 1  # the header alone


def test_every_field_is_documented_on_the_open_data_pages(showcase_site, schema):
    fields = schema["$defs"]["initiative"]["properties"]
    for url in ("oppna-data/", "en/open-data/"):
        page = showcase_site.page(url)
        documented = {code.text_content() for code in page.cssselect("article table code")}
        assert set(fields) <= documented, url
        assert "CC0 1.0" in page.cssselect("article")[0].text_content()


# --- CSV -------------------------------------------------------------------


def test_csv_is_utf8_with_bom_crlf_and_a_header(showcase_site):
    raw = showcase_site.path("data/initiatives.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfslug,url_sv,url_en,name_sv,name_en,")
    text = raw.decode("utf-8-sig")
    assert "Åkerlyckan" in text and "Östra bryggan" in text
    # Records end in CRLF (RFC 4180); line breaks inside a quoted description stay as written.
    assert text.endswith("\r\n")
    assert text.count("\r\n") == 1 + len(fixture_initiatives())


def test_csv_has_the_same_rows_as_the_json_export(csv_rows, export):
    assert [row["slug"] for row in csv_rows] == [record["slug"] for record in export["initiatives"]]
    assert len(csv_rows) == export["count"]


def test_csv_agrees_with_the_content_files_field_for_field(showcase_site, csv_rows):
    themes, municipalities = vocabulary("themes"), vocabulary("municipalities")
    stages = vocabulary("stages")
    for row in csv_rows:
        source = fixture_initiatives()[row["slug"]]
        for field in ("name", "summary", "description"):
            value = text(source.get(field)) or {}
            for lang in LANGUAGES:
                assert row[f"{field}_{lang}"] == (value.get(lang) or ""), (row["slug"], field)
        assert row["themes"] == ";".join(source["themes"])
        assert row["themes_en"] == ";".join(themes[key]["label"]["en"] for key in source["themes"])
        assert row["municipalities"] == ";".join(source["municipalities"])
        assert row["municipalities_sv"] == ";".join(
            municipalities[key]["label"]["sv"] for key in source["municipalities"]
        )
        assert row["municipalities_scb_code"] == ";".join(
            municipalities[key].get("scb_code", "") for key in source["municipalities"]
        )
        assert row["partners"] == ";".join(source.get("partners", []))
        organisation = source.get("organisation") or {}
        assert row["organisation_name"] == organisation.get("name", "")
        assert row["organisation_type"] == organisation.get("type", "")
        assert row["stage"] == source.get("stage", "")
        assert row["stage_en"] == (stages[source["stage"]]["label"]["en"] if "stage" in source else "")
        assert row["started"] == str(source.get("started", ""))
        assert row["website"] == source.get("website", "")
        assert row["contact"] == source.get("contact", "")
        image = source.get("image")
        assert row["image_url"] == (published_image(showcase_site, image["src"]) if image else "")
        assert row["image_alt_sv"] == (image["alt"]["sv"] if image else "")
        assert row["added"] == source["added"].isoformat()
        assert row["updated"] == (source["updated"].isoformat() if "updated" in source else "")
        assert row["url_en"] == showcase_site.absolute(f"en/initiatives/{row['slug']}/")


def test_csv_keeps_multiline_descriptions_in_one_cell(csv_rows):
    abborren = next(row for row in csv_rows if row["slug"] == "abborren")
    assert abborren["description_sv"].startswith("Klubben träffas varje lördag.\n\n## Så började det")


def test_drafts_are_left_out_of_the_csv(showcase_site):
    text = showcase_site.path("data/initiatives.csv").read_text("utf-8-sig")
    assert "hemligt-utkast" not in text and "Hemligt utkast" not in text


# --- Atom feeds --------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "feed_url", "page_prefix"),
    [("sv", "feed.xml", "initiativ/"), ("en", "en/feed.xml", "en/initiatives/")],
)
def test_feed_parses_and_lists_exactly_the_published_initiatives(showcase_site, lang, feed_url, page_prefix):
    parsed = feedparser.parse(showcase_site.path(feed_url).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.language == lang
    links = [entry.link for entry in parsed.entries]
    assert links == [showcase_site.absolute(f"{page_prefix}{slug}/") for slug in FEED_ORDER]
    assert [entry.id for entry in parsed.entries] == links
    self_link = next(link.href for link in parsed.feed.links if link.rel == "self")
    assert self_link == showcase_site.absolute(feed_url)
    # Newest first, each with its dates and summary.
    updated = [entry.updated for entry in parsed.entries]
    assert updated == sorted(updated, reverse=True)
    assert parsed.feed.updated == updated[0]
    first = parsed.entries[0]
    assert first.published.startswith("2026-11-20") and first.updated.startswith("2026-11-26")
    expected_title = "Abborren" if lang == "sv" else "The Perch"
    assert first.title == expected_title
    assert first.summary.startswith("Fiskeklubb" if lang == "sv" else "A fishing club")
    assert {tag.term for tag in first.tags} >= ({"skola", "malmo"} if lang == "sv" else {"school", "malmo"})


def test_english_feed_marks_swedish_fallback_text(showcase_site):
    root = etree.fromstring(showcase_site.path("en/feed.xml").read_bytes())
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    titles = {t.text: t.get(xml_lang) for t in root.iter(f"{{{FEED_NS}}}title")}
    assert titles["Åkerlyckan"] == "sv"
    assert titles["The Perch"] is None


def test_empty_catalogue_has_valid_empty_feeds(empty_site):
    for url in ("feed.xml", "en/feed.xml"):
        parsed = feedparser.parse(empty_site.path(url).read_bytes())
        assert not parsed.bozo and parsed.version == "atom10" and parsed.entries == []


def test_every_page_advertises_its_languages_feed(showcase_site):
    for url in [*showcase_site.page_urls, "404.html"]:
        page = showcase_site.page(url)
        feeds = page.xpath("//head/link[@type='application/atom+xml']")
        # The initiatives' feed, then the news feed (issue 17).
        assert len(feeds) == 2, url
        feed = feeds[0]
        assert all(link.get("rel").split() == ["alternate"] for link in feeds)
        expected = "en/feed.xml" if url.startswith("en/") else "feed.xml"
        assert feed.get("href") == showcase_site.absolute(expected), url
        news = "en/news/feed.xml" if url.startswith("en/") else "aktuellt/feed.xml"
        assert feeds[1].get("href") == showcase_site.absolute(news), url
        # Material's script fetches sitemap.xml below every link[rel=alternate]:
        # our links spell the token so that its exact-match selector skips them.
        assert not page.xpath("//link[@rel='alternate']"), url


def test_the_theme_template_of_the_feed_is_not_published(showcase_site):
    assert not showcase_site.exists("sis/feed.xml")
    assert showcase_site.path("feed.xml").read_text("utf-8").startswith("<?xml")


def test_feed_keeps_the_latest_initiatives_only():
    def initiative(n: int) -> Initiative:
        day = datetime.date(2026, 1, 1) + datetime.timedelta(days=n)
        name = Localized(f"Initiativ {n}")
        return Initiative(
            slug=f"i{n:03d}", source="", name=name, summary=name, themes=[], municipalities=[], added=day
        )

    initiatives = {f"i{n:03d}": initiative(n) for n in range(60)}
    initiatives["i000"].updated = datetime.date(2026, 12, 1)  # the oldest, updated last
    content = Content({}, initiatives, {})
    feed = build_feed(content, "sv", lambda path: "https://example.org/" + path, datetime.datetime.now())
    slugs = [entry.initiative.slug for entry in feed.entries]
    assert len(slugs) == FEED_LIMIT == 50
    assert slugs[:3] == ["i000", "i059", "i058"]
    assert feed.updated == "2026-12-01T00:00:00Z"
