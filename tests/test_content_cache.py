"""The content cache: the same results as without it, loading again only what changed.

Every test works on a copy of the tests' own content (tests/fixtures/) in tmp_path and
compares a load through the cache with a load without one, field by field.
"""

from __future__ import annotations

import dataclasses
import datetime
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, content_only_repository
from site_content import ContentPaths, check_content, load_content
from site_content.collation import sort_key
from site_content.content_cache import ContentCache
from site_content.model import Initiative, NewsItem, Partner, Term

ABBORREN = "content/initiatives/abborren.yml"


@pytest.fixture
def root(tmp_path) -> Path:
    return fixture_repository(tmp_path / "repo")


def fixture_repository(target: Path) -> Path:
    """The fixture partners, vocabularies, initiatives, events, news and images."""
    root = content_only_repository(target)
    shutil.rmtree(root / "content" / "initiatives")
    for folder in ("initiatives", "events", "news"):
        shutil.copytree(FIXTURES / folder, root / "content" / folder)
    shutil.rmtree(root / "docs")
    shutil.copytree(FIXTURES / "docs", root / "docs")
    return root


def paths_of(root: Path) -> ContentPaths:
    return ContentPaths.under(root, docs=root / "docs")


def naming(root: Path, folder: str, key: str) -> list[str]:
    """The files of ``content/<folder>`` that name ``key`` somewhere."""
    files = sorted((root / "content" / folder).glob("*.yml"))
    return [f"content/{folder}/{path.name}" for path in files if key in path.read_text("utf-8")]


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


# -----------------------------------------------------------------------------
# A stable serialisation: every field, references by key, problems in order
# -----------------------------------------------------------------------------


def reference(value):
    if isinstance(value, Term):
        return ("term", value.vocabulary, value.key)
    if isinstance(value, Partner | Initiative | NewsItem):
        return (type(value).__name__, value.slug)
    return None


def serialised(value, top: bool = True):
    """Primitives all the way down; an entry inside an entry as its key (the lists the
    loader fills are compared as lists of keys, in order)."""
    if not top and reference(value) is not None:
        return reference(value)
    if isinstance(value, Term):  # a vocabulary's own term: every field
        return ("term", value.vocabulary, value.key, serialised(value.label), sorted(value.slugs.items()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            {f.name: serialised(getattr(value, f.name), False) for f in dataclasses.fields(value)},
        )
    if isinstance(value, dict):
        return {str(key): serialised(item, False) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [serialised(item, False) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(serialised(item, False) for item in value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def problem_lines(problems) -> list[tuple]:
    return [
        (p.file, p.line, p.column, p.field, p.code, p.severity, p.message("sv"), p.message("en"))
        for p in problems
    ]


def snapshot(content) -> dict:
    return {
        "partners": {slug: serialised(p) for slug, p in content.partners.items()},
        "initiatives": {slug: serialised(i) for slug, i in content.initiatives.items()},
        "vocabularies": {name: serialised(v) for name, v in content.vocabularies.items()},
        "events": {slug: serialised(e) for slug, e in content.events.items()},
        "news": {slug: serialised(n) for slug, n in content.news.items()},
        "warnings": problem_lines(content.warnings),
        "unpublished_images": sorted(content.unpublished_images),
    }


def checked(root: Path, cache: ContentCache | None) -> tuple:
    """check_content's result, serialised."""
    content, problems = check_content(paths_of(root), cache)
    entries = None
    if content is not None:
        entries = {
            kind: {slug: serialised(entry) for slug, entry in getattr(content, kind).items()}
            for kind in ("partners", "initiatives", "vocabularies", "events", "news")
        }
    return entries, problem_lines(problems)


def assert_same_as_without_cache(root: Path, cache: ContentCache) -> None:
    assert checked(root, cache) == checked(root, None)
    if checked(root, None)[0] is None:  # errors: load_content raises, checked above
        return
    for drafts in (False, True):
        assert snapshot(load_content(paths_of(root), drafts, cache)) == snapshot(
            load_content(paths_of(root), drafts)
        )


def assert_bound(content) -> None:
    """Every reference is to this load's object, not a copy."""
    for initiative in content.initiatives.values():
        for term in [*initiative.themes, *initiative.municipalities, *initiative.terms("stages")]:
            assert term is content.vocabularies[term.vocabulary].terms[term.key]
        for partner in initiative.partners:
            assert partner is content.partners[partner.slug]
    for item in content.news.values():
        for initiative in item.initiatives:
            assert initiative is content.initiatives[initiative.slug]
    for event in content.events.values():
        for partner in event.organisers:
            assert partner is content.partners[partner.slug]


# -----------------------------------------------------------------------------
# Tests
# -----------------------------------------------------------------------------


def test_the_same_results_with_and_without_a_cache(root):
    cache = ContentCache()
    assert checked(root, cache) == checked(root, None)  # filling it
    assert cache.misses > 20 and cache.hits == 0
    assert checked(root, cache) == checked(root, None)  # from it
    assert cache.loaded == []
    assert_same_as_without_cache(root, cache)
    content = load_content(paths_of(root), True, cache)
    assert content.initiatives["abborren"].news, "the fixture's news names abborren"
    assert_bound(content)


def test_an_edited_initiative_is_the_only_file_loaded_again(root):
    cache = ContentCache()
    load_content(paths_of(root), cache=cache)
    edit(root, ABBORREN, "sv: Abborren", "sv: Gösen")
    content = load_content(paths_of(root), cache=cache)
    assert cache.loaded == [ABBORREN]
    assert content.initiatives["abborren"].name.sv == "Gösen"
    assert_same_as_without_cache(root, cache)


def test_only_files_whose_status_changed_are_read_again(root, monkeypatch):
    from site_content import loader

    cache = ContentCache()
    load_content(paths_of(root), cache=cache)
    read: list[str] = []
    real = loader.read_source

    def counting(path, display_path):
        read.append(display_path)
        return real(path, display_path)

    monkeypatch.setattr(loader, "read_source", counting)
    load_content(paths_of(root), cache=cache)
    assert read == []
    edit(root, ABBORREN, "sv: Abborren", "sv: Gösen")
    content = load_content(paths_of(root), cache=cache)
    assert read == [ABBORREN]  # once, for its digest and its parse
    assert content.initiatives["abborren"].name.sv == "Gösen"


def test_a_partner_description_edit_loads_no_initiative_again(root):
    cache = ContentCache()
    load_content(paths_of(root), cache=cache)
    partner_file = "content/partners/coompanion-skane.yml"
    edit(root, partner_file, "Coompanion är företagsrådgivaren", "Coompanion är rådgivaren")
    content = load_content(paths_of(root), cache=cache)
    assert cache.loaded == [partner_file]
    partner = content.partners["coompanion-skane"]
    named = content.initiatives["abborren"].partners
    assert partner in named and all(p is content.partners[p.slug] for p in named)
    assert "Coompanion är rådgivaren" in partner.description.sv
    assert content.initiatives["abborren"] in partner.initiatives
    assert_bound(content)
    assert_same_as_without_cache(root, cache)


def test_a_vocabulary_label_edit_loads_no_initiative_again_and_shows_everywhere(root):
    cache = ContentCache()
    load_content(paths_of(root), cache=cache)
    edit(root, "content/vocabulary/themes.yml", "sv: Skola,", "sv: Skolan,")
    content = load_content(paths_of(root), cache=cache)
    assert cache.loaded == ["content/vocabulary/themes.yml"]
    themes = content.initiatives["abborren"].themes
    assert [t.label.sv for t in themes if t.key == "skola"] == ["Skolan"]
    assert content.initiatives_with(content.vocabularies["themes"].terms["skola"])
    assert_bound(content)
    assert_same_as_without_cache(root, cache)


def test_an_error_told_then_fixed_as_without_a_cache(root):
    cache = ContentCache()
    load_content(paths_of(root), cache=cache)
    edit(root, ABBORREN, "[malmo, lund]", "[malmoe, lund]")
    assert checked(root, cache) == checked(root, None)
    # Abborren no longer loads: the news naming it are checked again too.
    assert cache.loaded == [ABBORREN, *naming(root, "news", "abborren")]
    assert any(p[4] == "unknown-term" for p in checked(root, cache)[1])
    # The suggestion for an unknown term reads the labels: a label edit changes it.
    edit(root, "content/vocabulary/municipalities.yml", "sv: Malmö, en: Malmö", "sv: Malmoe, en: Malmoe")
    assert checked(root, cache) == checked(root, None)
    assert sorted(cache.loaded) == sorted([ABBORREN, "content/vocabulary/municipalities.yml"])
    edit(root, ABBORREN, "[malmoe, lund]", "[malmo, lund]")
    assert_same_as_without_cache(root, cache)


def test_a_partner_file_with_an_error_and_the_entries_naming_it(root):
    cache = ContentCache()
    load_content(paths_of(root), cache=cache)
    partner_file = "content/partners/coompanion-skane.yml"
    edit(root, partner_file, "name:\n", "name:\n  fel: ja\n")
    assert checked(root, cache) == checked(root, None)
    assert checked(root, None)[0] is None
    # Those naming it, and no other.
    named = [naming(root, folder, "coompanion-skane") for folder in ("initiatives", "events", "news")]
    assert cache.loaded == [partner_file, *(name for names in named for name in names)]
    assert len(cache.loaded) < len(cache)
    edit(root, partner_file, "name:\n  fel: ja\n", "name:\n")
    assert_same_as_without_cache(root, cache)
    assert_bound(load_content(paths_of(root), cache=cache))


def test_a_changed_image_is_checked_again(root):
    cache = ContentCache()
    load_content(paths_of(root), cache=cache)
    (root / "docs" / "images" / "initiatives" / "abborren.jpg").write_bytes(b"not a photo")
    assert checked(root, cache) == checked(root, None)
    assert ABBORREN in cache.loaded
    assert any(p[0] == ABBORREN and p[5] == "error" for p in checked(root, None)[1])


def test_a_schema_edit_checks_everything_again(root):
    cache = ContentCache()
    load_content(paths_of(root), cache=cache)
    edit(root, "schemas/initiative.schema.json", '"sv": {"maxLength": 120}', '"sv": {"maxLength": 5}')
    assert checked(root, cache) == checked(root, None)
    assert any(p[0] == ABBORREN and p[3] == "name.sv" for p in checked(root, None)[1])
    assert len(cache.loaded) == len(cache)


def test_a_removed_and_a_new_initiative(root):
    cache = ContentCache()
    load_content(paths_of(root), cache=cache)
    (root / ABBORREN).rename(root / "content" / "initiatives" / "gosen.yml")
    assert checked(root, cache) == checked(root, None)
    # The news naming abborren: now an error, whose message lists every initiative.
    assert cache.loaded == ["content/initiatives/gosen.yml", *naming(root, "news", "abborren")]
    assert any(p[4] == "unknown-initiative" for p in checked(root, None)[1])
    (root / "content" / "initiatives" / "gosen.yml").rename(root / ABBORREN)
    assert_same_as_without_cache(root, cache)


def test_every_load_hands_out_new_entries(root):
    cache = ContentCache()
    first = load_content(paths_of(root), cache=cache)
    first.initiatives["abborren"].image.published_src = "images/x.jpg"  # as the build does
    second = load_content(paths_of(root), cache=cache)
    assert cache.loaded == []
    for slug, initiative in second.initiatives.items():
        assert initiative is not first.initiatives[slug]
    assert second.initiatives["abborren"].image.published_src is None
    for slug, partner in second.partners.items():  # filled once, not once a load
        assert [i.slug for i in partner.initiatives] == [i.slug for i in first.partners[slug].initiatives]
    assert snapshot(load_content(paths_of(root))) == snapshot(second)


def test_related_initiatives_follow_an_edit_of_themes(root):
    cache = ContentCache()
    before = load_content(paths_of(root), cache=cache).initiatives["abborren"].related
    edit(root, ABBORREN, "themes: [skola, utanforskap]", "themes: [vard-och-omsorg]")
    content = load_content(paths_of(root), cache=cache)
    assert [i.slug for i in content.initiatives["abborren"].related] != [i.slug for i in before]
    assert_same_as_without_cache(root, cache)


# -----------------------------------------------------------------------------
# A vocabulary with errors: told in its file, not again in every file naming its terms
# -----------------------------------------------------------------------------


def test_a_mistake_in_a_vocabulary_is_told_there_only_and_unknown_terms_again_once_it_is_fixed(root):
    cache = ContentCache()
    edit(root, "content/initiatives/abborren.yml", "themes: [skola,", "themes: [skolan,")
    _content, problems = check_content(paths_of(root), cache)
    assert [(p.file, p.code) for p in problems if p.severity == "error"] == [
        ("content/initiatives/abborren.yml", "unknown-term")
    ]
    # A line of themes.yml indented wrongly: its terms are missing from this load.
    edit(root, "content/vocabulary/themes.yml", "\nskola:\n", "\n skola:\n")
    _content, problems = check_content(paths_of(root), cache)
    errors = [p for p in problems if p.severity == "error"]
    assert errors and {p.file for p in errors} == {"content/vocabulary/themes.yml"}
    edit(root, "content/vocabulary/themes.yml", "\n skola:\n", "\nskola:\n")
    # A mistake that leaves every key in place: still told there only.
    edit(root, "content/vocabulary/themes.yml", "slug: {sv: skola,", "slug: {sv: Skola!,")
    _content, problems = check_content(paths_of(root), cache)
    errors = [p for p in problems if p.severity == "error"]
    assert errors and {p.file for p in errors} == {"content/vocabulary/themes.yml"}
    # Fixed: the initiative's own mistake is told again (the cache knows the vocabulary changed).
    edit(root, "content/vocabulary/themes.yml", "slug: {sv: Skola!,", "slug: {sv: skola,")
    _content, problems = check_content(paths_of(root), cache)
    assert [(p.file, p.code) for p in problems if p.severity == "error"] == [
        ("content/initiatives/abborren.yml", "unknown-term")
    ]


def test_an_initiative_made_a_draft_checks_the_news_naming_it_again(root):
    """News warn of a draft initiative they name (no link until it is published): the
    warning comes and goes with the initiative's draft line, cache or not."""
    cache = ContentCache()
    load_content(paths_of(root), cache=cache)
    edit(root, ABBORREN, "added:", "draft: true\nadded:")
    assert checked(root, cache) == checked(root, None)
    assert cache.loaded == [ABBORREN, *naming(root, "news", "abborren")]
    assert any(p[4] == "news-names-draft" for p in checked(root, cache)[1])
    edit(root, ABBORREN, "draft: true\n", "")
    assert_same_as_without_cache(root, cache)
    assert not any(p[4] == "news-names-draft" for p in checked(root, cache)[1])


def test_a_terms_initiatives_are_worked_out_once_for_the_initiatives_loaded(root, monkeypatch):
    content = load_content(paths_of(root))
    lund = content.vocabularies["municipalities"].terms["lund"]
    found = content.initiatives_in(lund)
    assert sorted(i.slug for i in found) == ["abborren", "angsbacken"]  # the whole region's too
    found.clear()  # a caller's own list
    monkeypatch.setattr(type(content), "_initiatives_in", lambda self, term: [])
    assert sorted(i.slug for i in content.initiatives_in(lund)) == ["abborren", "angsbacken"]
    monkeypatch.undo()
    # A new set of initiatives (the loader leaves drafts out so) is indexed anew.
    content.initiatives = {slug: i for slug, i in content.initiatives.items() if slug != "abborren"}
    assert [i.slug for i in content.initiatives_in(lund)] == ["angsbacken"]
    assert [i.slug for i in content.sorted_initiatives("sv")] == sorted(
        content.initiatives, key=lambda slug: sort_key(content.initiatives[slug].name.sv, "sv")
    )
