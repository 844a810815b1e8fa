"""A pull request's docs/ pages and files cannot publish anything of the build
machine or run script on our origin (issue 24, families 1, 2 and 6).

- A build with a symbolic link, a non-image in docs/images/, a file docs/ may
  not hold and raw script in a page fails, naming each, and publishes none.
- A site whose pages carry hostile titles (front matter and first heading)
  builds, and in Chromium, under the pages' own policy, no script of theirs
  runs: the title is text in <title>, the header and the search results, and
  Material's configuration (``__config``) is still its own.
"""

from __future__ import annotations

import pytest

from conftest import (
    build_site,
    copy_repository,
    run_build,
    serving,
    use_fixture_content,
    watch_policy,
)
from test_accessibility_browser import search_for
from test_bad_content import SWEDISH_ONLY

FRONT_MATTER_TITLE = '</title><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
HEADING_TITLE = "&lt;/title&gt;&lt;script&gt;window.__pwned = 3&lt;/script&gt; &amp; __config"


def hostile_repository(tmp_path):
    source = copy_repository(tmp_path / "repo")
    return use_fixture_content(source, [], events_and_news=False)


# --- Nothing of the build machine, nothing that runs ----------------------------


def test_links_other_files_and_raw_script_in_docs_stop_the_build(tmp_path):
    source = hostile_repository(tmp_path)
    docs = source / "docs"
    (docs / "images" / "initiatives" / "miljo.txt").symlink_to("/proc/self/environ")
    (docs / "images" / "initiatives" / "sida.html").write_text("<script>alert(1)</script>", "utf-8")
    (docs / "assets" / "javascripts").mkdir(parents=True)
    (docs / "assets" / "javascripts" / "bundle.js").write_text("alert(1)", "utf-8")
    (source / "i18n" / "hemligt.yml").symlink_to("/etc/hostname")
    (source / "schemas" / "hemligt.schema.json").symlink_to("/etc/hostname")
    result = run_build(source, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for expected in (
        "docs/images/initiatives/miljo.txt: Filen 'docs/images/initiatives/miljo.txt' är en symbolisk länk",
        "i18n/hemligt.yml: Filen 'i18n/hemligt.yml' är en symbolisk länk",
        "schemas/hemligt.schema.json: Filen 'schemas/hemligt.schema.json' är en symbolisk länk",
        "docs/images/initiatives/sida.html: Filen 'docs/images/initiatives/sida.html' är ingen bild",
        "docs/assets/javascripts/bundle.js: Filen 'docs/assets/javascripts/bundle.js' publiceras inte",
    ):
        assert expected in output, output
    assert not list((tmp_path / "site").rglob("miljo.txt")) and not list(
        (tmp_path / "site").rglob("sida.html")
    )


def test_raw_script_handlers_and_theme_ids_in_a_docs_page_stop_the_build(tmp_path):
    source = hostile_repository(tmp_path)
    (source / "docs" / "fientlig.md").write_text(
        "---\nkey: fientlig\n---\n\n# Fientlig\n\n<script>window.__pwned = 1</script>\n\n"
        '<img src="x.png" onerror="window.__pwned = 2" alt="">\n\n'
        "[länk](javascript:alert(1))\n\n## Sök {#__search}\n",
        "utf-8",
    )
    result = run_build(source, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    removed = "togs bort när texten gjordes om till webbsida"
    for expected in (
        # With the line where each stands (the check renders the page as the build will).
        f"docs/fientlig.md:7: HTML-taggen <script> {removed}",
        f"docs/fientlig.md:9: Attributet onerror på <img> (kör kod) {removed}",
        f"docs/fientlig.md:11: Länken till 'javascript:alert(1)' {removed}",
        f'docs/fientlig.md:13: Attributet id="__search" på <h2> {removed}',
    ):
        assert expected in output, output
    assert not (tmp_path / "site" / "fientlig").exists()


def test_a_docs_page_over_a_markdown_limit_is_told_and_never_parsed(tmp_path, monkeypatch):
    """120 kB of '[ ](' took Python-Markdown 925 s; measured first, it is an error at once
    (in the check and the build alike), and Python-Markdown never sees it."""
    source = hostile_repository(tmp_path)
    (source / "docs" / "klamrar.md").write_text("---\nkey: klamrar\n---\n\n# K\n\n" + "[ ](" * 300, "utf-8")
    from site_content import ContentPaths, check_content, docs_html

    parse = docs_html.markdown.Markdown.convert

    def guarded(converter, text):
        assert "[ ](" * 50 not in text, "a page over a limit was parsed"
        return parse(converter, text)

    monkeypatch.setattr(docs_html.markdown.Markdown, "convert", guarded)
    _content, problems = check_content(ContentPaths.under(source, docs=source / "docs"))
    (problem,) = [p for p in problems if p.file == "docs/klamrar.md"]
    assert problem.format("sv").startswith("docs/klamrar.md:4: Texten innehåller 300 hakparenteser '['")
    monkeypatch.undo()
    result = run_build(source, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/klamrar.md:4: Texten innehåller 300 hakparenteser" in result.stdout + result.stderr


# --- Hostile titles: built, and harmless in the browser ---------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    source = hostile_repository(tmp_path_factory.mktemp("hostile"))
    (source / "docs" / "fientlig.md").write_text(
        f"---\nkey: fientlig\ntitle: '{FRONT_MATTER_TITLE}'\n---\n\n# Fientlig sida\n\n"
        "Titelprov i front matter.\n",
        "utf-8",
    )
    (source / "docs" / "fientlig-rubrik.md").write_text(
        f"---\nkey: fientlig-rubrik\n---\n\n# {HEADING_TITLE}\n\nTitelprov i rubriken.\n", "utf-8"
    )
    (source / "docs" / "utan-ord.md").write_text(
        "---\nkey: utan-ord\n---\n\n# Utan ord\n\nText.\n\n## 😀\n\nMer text.\n", "utf-8"
    )
    return build_site(source, tmp_path_factory.mktemp("hostile-site") / "site")


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    with serving(hostile_site.root) as address:
        yield address


def test_hostile_titles_are_text_in_the_built_pages(hostile_site):
    page = hostile_site.page("fientlig/")
    assert page.findtext(".//title") == f"{FRONT_MATTER_TITLE} - Social Innovation Skåne"
    assert [s.get("type") for s in page.iter("script") if s.get("id") == "__config"] == ["application/json"]
    assert not [e for e in page.iter() if isinstance(e.tag, str) and e.get("onerror")]
    heading = hostile_site.page("fientlig-rubrik/")
    assert heading.findtext(".//title") == (
        "</title><script>window.__pwned = 3</script> & __config - Social Innovation Skåne"
    )
    assert len(heading.xpath("//*[@id='__config']")) == 1


def test_a_heading_without_words_on_a_docs_page_has_an_id_its_link_reaches(hostile_site):
    # MkDocs' own slug was '_1', which the sanitiser removes (the theme's form): the build stopped.
    page = hostile_site.page("utan-ord/")
    assert [h.get("id") for h in page.iter("h2")] == ["rubrik"]
    assert page.xpath("//nav//a[@href='#rubrik']")


@pytest.mark.parametrize("url", ["fientlig/", "fientlig-rubrik/"])
def test_hostile_titles_run_no_script_under_the_policy(browser, hostile_server, url):
    context = browser.new_context()
    violations = watch_policy(context)
    try:
        page = context.new_page()
        page.goto(hostile_server + url)
        page.wait_for_function("() => document.readyState === 'complete'")
        assert page.evaluate("window.__pwned") is None
        assert "window.__pwned" in page.title()
        assert "window.__pwned" in page.locator("[data-md-component='header-topic']").inner_text()
        # Material's own configuration, so its scripts and search work.
        assert page.evaluate("document.getElementById('__config').tagName") == "SCRIPT"
        page.click(".md-search__input")
        search_for(page, "Titelprov")
        results = page.locator(".md-search-result__list").inner_text()
        assert "window.__pwned" in results
        assert page.evaluate("window.__pwned") is None
        assert violations == []
    finally:
        context.close()


def test_a_pull_requests_build_counts_only_its_own_files_warnings(tmp_path):
    """The build's warning line speaks of the files the change touches (SIS_CHANGED_FILES),
    as the check does; the others are known already."""
    source = hostile_repository(tmp_path)
    (source / "content" / "initiatives" / "bara-svenska.yml").write_text(SWEDISH_ONLY, "utf-8")
    changed = tmp_path / "changed"
    changed.write_bytes(b"docs/index.md\0")
    quiet = run_build(source, tmp_path / "site", SIS_CHANGED_FILES=str(changed))
    assert quiet.returncode == 0, quiet.stderr
    assert "varning" not in quiet.stdout + quiet.stderr
    changed.write_bytes(b"content/initiatives/bara-svenska.yml\0")
    told = run_build(source, tmp_path / "site", SIS_CHANGED_FILES=str(changed))
    assert "Innehållet har 2 varningar" in told.stdout + told.stderr


def test_an_unchanged_docs_page_is_not_parsed_again(tmp_path, monkeypatch):
    """The preview checks every docs/ page after each save: a page not saved since gives
    its problems without Python-Markdown; an edited one is read again."""
    from site_content import docs_html

    docs = tmp_path / "docs"
    docs.mkdir()
    unique = tmp_path.name  # texts no other test has checked in this process
    (docs / "en.md").write_text(f"---\nkey: en-{unique}\n---\n\n# En\n\nText {unique}.\n", "utf-8")
    (docs / "tva.md").write_text(f"---\nkey: tva-{unique}\n---\n\n# Två\n\nText {unique}.\n", "utf-8")
    parsed = []
    parse = docs_html.markdown.Markdown.convert

    def counted(converter, text):
        parsed.append(text)
        return parse(converter, text)

    monkeypatch.setattr(docs_html.markdown.Markdown, "convert", counted)

    def display(path):
        return path.relative_to(tmp_path).as_posix()

    assert docs_html.page_problems(docs, display) == []
    assert len(parsed) == 2
    assert docs_html.page_problems(docs, display) == []
    assert len(parsed) == 2  # neither read again
    edited = f"---\nkey: en-{unique}\n---\n\n# En\n\n<script>x()</script> {unique}\n"
    (docs / "en.md").write_text(edited, "utf-8")
    (problem,) = docs_html.page_problems(docs, display)
    assert len(parsed) == 3 and problem.file == "docs/en.md" and problem.code == "sanitised"
