"""Suggesting an initiative without a GitHub account: /tipsa/ and /en/suggest/.

The form composes an e-mail for the visitor's own mail program (suggest.js);
without JavaScript a plain mailto: link carries the questions. The address is
``extra.suggest_email`` (SIS_SUGGEST_EMAIL); without it there is no mailto: at
all: the form gives the text to copy, and the page names the partners' sites.
While no initiative is published, the catalogue and the home page invite a
suggestion instead of showing an empty list.

Two builds: the showcase (published initiatives, no address set) and this
module's own ``empty_site`` (only a draft, an address set).
"""

from __future__ import annotations

from posixpath import normpath
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from conftest import (
    ROOT,
    build_site,
    copy_repository,
    run_build,
    serving,
    use_fixture_content,
)

SUGGEST = {"sv": "tipsa/", "en": "en/suggest/"}
HOMES = {"sv": "", "en": "en/"}
CATALOGUES = {"sv": "initiativ/", "en": "en/initiatives/"}
CONTACT = {"sv": "kontakt/", "en": "en/contact/"}
PARTNERS = {"sv": "samverkansparter/", "en": "en/partners/"}
PRIVACY = {"sv": "integritet/", "en": "en/privacy/"}
# A reserved example domain (RFC 2606): no real address is invented.
ADDRESS = "tips@example.org"
ISSUE_FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "tipsa-om-ett-initiativ.yml"
QUESTIONS = ["suggest_name", "suggest_municipality", "suggest_challenge", "suggest_new", "suggest_use"]
FIELDS = {
    "suggest_name": "name",
    "suggest_municipality": "municipality",
    "suggest_challenge": "challenge",
    "suggest_new": "new",
    "suggest_use": "use",
    "suggest_website": "website",
    "suggest_your_name": "your-name",
    "suggest_your_email": "your-email",
}


def strings(lang: str) -> dict:
    return yaml.safe_load((ROOT / "i18n" / f"{lang}.yml").read_text("utf-8"))


def municipalities() -> dict:
    return yaml.safe_load((ROOT / "content" / "vocabulary" / "municipalities.yml").read_text("utf-8"))


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def resolve(base: str, href: str) -> str:
    joined = normpath("/" + base + href)
    return (joined.strip("/") + "/") if joined != "/" else ""


def heading(label: str) -> str:
    return label if label.endswith("?") else label + ":"


def parse_mailto(href: str) -> tuple[str, str, str]:
    """(address, subject, body) of a mailto: URL, body line breaks as in the URL."""
    assert href.startswith("mailto:"), href
    parts = urlsplit(href)
    query = parse_qs(parts.query, keep_blank_values=True)
    assert set(query) == {"subject", "body"}, href
    return unquote(parts.path), query["subject"][0], query["body"][0]


# -----------------------------------------------------------------------------
# This module's own build: no initiative published (only a draft), an address set
# -----------------------------------------------------------------------------


DRAFT = """\
name: {sv: Bara ett utkast, en: Only a draft}
summary: {sv: Ska inte synas., en: Must not appear.}
themes: [skola]
municipalities: [lund]
organisation: {name: Utkastföreningen, type: ovrigt}
stage: ide
started: 2021
added: 2026-11-25
draft: true
"""


@pytest.fixture(scope="module")
def empty_site(tmp_path_factory):
    source = copy_repository(tmp_path_factory.mktemp("suggest") / "repo")
    # The tests' own partners and vocabularies, nothing published: never the repository's content.
    use_fixture_content(source, [], events_and_news=False)
    initiatives = source / "content" / "initiatives"
    (initiatives / "bara-utkast.yml").write_text(DRAFT, encoding="utf-8")
    return build_site(source, source.parent / "site", SIS_SUGGEST_EMAIL=ADDRESS, SIS_SHOW_DRAFTS="false")


@pytest.fixture(scope="module")
def empty_server(empty_site):
    with serving(empty_site.root) as address:
        yield address


# -----------------------------------------------------------------------------
# The pages
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_suggest_pages_are_a_language_pair(showcase_site, lang):
    expected = {
        "sv": showcase_site.absolute(SUGGEST["sv"]),
        "en": showcase_site.absolute(SUGGEST["en"]),
        "x-default": showcase_site.absolute(SUGGEST["sv"]),
    }
    page = showcase_site.page(SUGGEST[lang])
    assert page.get("lang") == lang
    links = page.xpath("//head/link[normalize-space(@rel)='alternate'][@hreflang]")
    assert {link.get("hreflang"): link.get("href") for link in links} == expected


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_field_has_its_label_in_the_page_language(showcase_site, lang):
    t = strings(lang)
    form = showcase_site.page(SUGGEST[lang]).get_element_by_id("sis-suggest")
    controls = form.xpath(".//input | .//select | .//textarea")
    assert sorted(control.get("name") for control in controls) == sorted(FIELDS.values())
    for key, name in FIELDS.items():
        (control,) = form.xpath(".//*[@name=$name]", name=name)
        (label,) = form.xpath(".//label[@for=$id]", id=control.get("id"))
        assert text_of(label) == t[key], name
    # The visitor's own name and address are optional, and say where they go.
    assert text_of(form.cssselect("fieldset legend")[0]) == t["suggest_contact_legend"]
    # Only the name and the municipality are needed: the form says so.
    assert sorted(form.xpath(".//*[@required]/@name")) == ["municipality", "name"]
    assert t["suggest_required_note"] in text_of(form)
    privacy = form.get_element_by_id("sis-suggest-privacy")
    assert [resolve(SUGGEST[lang], href) for href in privacy.xpath(".//a/@href")] == [PRIVACY[lang]]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_municipalities_are_the_vocabulary_whole_region_first(showcase_site, lang):
    vocabulary = municipalities()
    select = showcase_site.page(SUGGEST[lang]).get_element_by_id("sis-suggest-municipality")
    options = [(option.get("value"), text_of(option)) for option in select.iter("option")]
    assert options[0] == ("", strings(lang)["suggest_municipality_choose"])
    chosen = options[1:]
    assert sorted(key for key, _ in chosen) == sorted(vocabulary)
    assert all(label == vocabulary[key]["label"][lang] for key, label in chosen)
    if "hela-skane" in vocabulary:
        assert chosen[0][0] == "hela-skane"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_form_never_goes_to_a_server_and_has_no_inline_script(showcase_site, lang):
    page = showcase_site.page(SUGGEST[lang])
    form = page.get_element_by_id("sis-suggest")
    # Hidden until suggest.js runs; without it there is nothing to submit.
    assert form.get("hidden") is not None
    assert form.get("action") is None and form.get("method") is None
    scripts = page.xpath("//script[@src]/@src")
    assert any(src.endswith("assets/javascripts/suggest.js") for src in scripts)
    assert (showcase_site.root / "assets" / "javascripts" / "suggest.js").is_file()
    inline = [s for s in page.xpath("//script[not(@src)]") if s.get("type") != "application/ld+json"]
    assert all("suggest" not in (s.text or "") for s in inline)
    elements = [element for element in page.iter() if isinstance(element.tag, str)]
    handlers = [attr for element in elements for attr in element.attrib if attr.startswith("on")]
    assert handlers == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_without_an_address_no_mail_link_but_the_partners_and_the_questions(showcase_site, lang):
    """A suggestion always reaches someone: never a mailto: without a recipient."""
    t = strings(lang)
    page = showcase_site.page(SUGGEST[lang])
    assert not page.xpath("//a[starts-with(@href, 'mailto:')]")
    assert "mailto:" not in showcase_site.path(SUGGEST[lang]).read_text("utf-8")
    note = page.cssselect(".sis-suggest__to-partners")[0]
    targets = [resolve(SUGGEST[lang], href) for href in note.xpath("./p//a/@href")]
    assert targets == [PARTNERS[lang], CONTACT[lang]]
    # Each partner with a website or contact page is linked there, by name.
    partners = note.cssselect(".sis-suggest__partners a")
    sites = {text_of(a): a.get("href") for a in partners}
    assert sites and all(href.startswith("https://") for href in sites.values())
    expected = {}
    for path in sorted((showcase_site.source / "content" / "partners").glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        if data.get("contact_page") or data.get("website"):
            name = data["name"].get(lang) or data["name"]["sv"]
            expected[name] = data.get("contact_page") or data.get("website")
    assert sites == expected
    # The form says what it does here, and the questions are there to answer without it.
    form = page.get_element_by_id("sis-suggest")
    assert form.get("data-email") == ""
    assert text_of(form.cssselect("button[type=submit]")[0]) == t["suggest_submit_text"]
    assert page.get_element_by_id("sis-suggest-copy-area").get("hidden") is not None
    questions = [text_of(li) for li in page.cssselect(".sis-suggest__questions li")]
    assert questions == [t[key] for key in [*QUESTIONS, "suggest_website"]]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_with_an_address_the_plain_link_goes_there(empty_site, lang):
    page = empty_site.page(SUGGEST[lang])
    address, subject, _ = parse_mailto(page.get_element_by_id("sis-suggest-plain").get("href"))
    assert (address, subject) == (ADDRESS, strings(lang)["suggest_subject"])
    assert page.get_element_by_id("sis-suggest").get("data-email") == ADDRESS
    assert not page.cssselect(".sis-suggest__to-partners")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_issue_form_is_linked_for_those_with_a_github_account(showcase_site, lang):
    assert ISSUE_FORM.is_file()
    page = showcase_site.page(SUGGEST[lang])
    (link,) = page.cssselect(".sis-suggest__github a")
    assert text_of(link) == strings(lang)["suggest_github_link"]
    assert link.get("href").startswith("https://github.com/")
    assert link.get("href").endswith(f"/issues/new?template={ISSUE_FORM.name}")


NOT_AN_ADDRESS = ["tips", "a@b.se, c@d.se", "Tips <tips@example.org>"]


@pytest.mark.parametrize("address", NOT_AN_ADDRESS)
def test_an_address_that_is_not_one_stops_the_build_with_a_message(empty_site, tmp_path, address):
    source = empty_site.root.parent / "repo"
    result = run_build(source, tmp_path / "site", SIS_SUGGEST_EMAIL=address, SITE_URL="https://example.org/")
    assert result.returncode != 0
    assert f"extra.suggest_email (SIS_SUGGEST_EMAIL) är '{address}', inte en e-postadress" in result.stderr
    assert "Traceback" not in result.stderr


# -----------------------------------------------------------------------------
# The empty catalogue is a beginning; a published one is shown
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_while_none_is_published_catalogue_and_home_invite_a_suggestion(empty_site, lang):
    t = strings(lang)
    catalogue = empty_site.page(CATALOGUES[lang])
    assert not catalogue.cssselect(".sis-card")
    (empty,) = catalogue.cssselect(".sis-empty")
    assert text_of(empty.cssselect("h2")[0]) == t["empty_heading"]
    (action,) = empty.cssselect("a.md-button")
    assert text_of(action) == t["empty_action"]
    assert resolve(CATALOGUES[lang], action.get("href")) == SUGGEST[lang]
    hero = empty_site.page(HOMES[lang]).cssselect(".sis-hero__actions a.md-button")
    assert [text_of(a) for a in hero] == [t["home_suggest"], t["home_contact"]]
    assert [resolve(HOMES[lang], a.get("href")) for a in hero] == [SUGGEST[lang], CONTACT[lang]]
    assert "md-button--primary" in hero[0].get("class")
    assert not empty_site.page(HOMES[lang]).cssselect(".sis-home__newest")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_once_one_is_published_they_show_it_and_still_invite_a_suggestion(showcase_site, lang):
    t = strings(lang)
    catalogue = showcase_site.page(CATALOGUES[lang])
    assert catalogue.cssselect(".sis-card") and not catalogue.cssselect(".sis-empty")
    (more,) = catalogue.cssselect(".sis-suggest-more a")
    assert resolve(CATALOGUES[lang], more.get("href")) == SUGGEST[lang]
    hero = showcase_site.page(HOMES[lang]).cssselect(".sis-hero__actions a.md-button")
    assert [text_of(a) for a in hero] == [t["home_explore"], t["home_suggest"]]
    assert [resolve(HOMES[lang], a.get("href")) for a in hero] == [CATALOGUES[lang], SUGGEST[lang]]


# -----------------------------------------------------------------------------
# In the browser
# -----------------------------------------------------------------------------

TRICKY = "Hon sa: \"ja!\"\nNästa rad: – # inte en kommentar\\n\n  - inte en lista\t{a: b} 'x' ☃ 🌱"
ANSWERS = {
    "name": 'Föreningen "Öppna dörrar": Malmö',
    "challenge": TRICKY,
    "new": "Något nytt: ja.\n\nTvå stycken.",
    "use": "",
    "website": "https://example.org/om?x=1&y=2#a",
}


@pytest.fixture
def empty_page(browser, empty_server):
    """pages(**options) -> a page on the empty site; fails on any request elsewhere."""
    opened = []

    def open_(**options):
        context = browser.new_context(**options)
        page = context.new_page()
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        opened.append(context)
        return page

    yield open_
    for context in opened:
        context.close()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_without_an_address_the_form_gives_the_text_to_copy(page, server, lang):
    """No recipient, no mailto: the finished text is shown to copy, and the page stays."""
    t = strings(lang)
    page.goto(server + SUGGEST[lang])
    page.wait_for_selector("#sis-suggest:not([hidden])")
    for name, value in ANSWERS.items():
        page.fill(f"[name='{name}']", value)
    page.select_option("[name='municipality']", "malmo")
    before = len(page.requests)
    page.click("#sis-suggest button[type=submit]")
    page.wait_for_selector("#sis-suggest-text:visible")
    assert page.requests[before:] == []  # nothing opened, nothing sent
    assert page.url == server + SUGGEST[lang]
    text = page.input_value("#sis-suggest-text")
    assert text.startswith(f"{t['suggest_subject']}: {ANSWERS['name']}\n\n{t['suggest_mail_greeting']}\n\n")
    assert f"{heading(t['suggest_challenge'])}\n{TRICKY}\n\n" in text
    assert t["suggest_yaml_heading"] in text
    # The text is selected for copying, and the button says what it did.
    assert page.evaluate("document.activeElement.id") == "sis-suggest-text"
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("#sis-suggest-copy")
    page.wait_for_function(
        "expected => document.getElementById('sis-suggest-copy').textContent === expected",
        arg=t["suggest_copied"],
    )


def test_the_form_composes_an_email_with_the_answers_and_a_yaml_file(empty_page, empty_server):
    page = empty_page()
    page.goto(empty_server + SUGGEST["sv"])
    page.wait_for_selector("#sis-suggest:not([hidden])")
    t = strings("sv")
    for name, value in ANSWERS.items():
        page.fill(f"[name='{name}']", value)
    page.select_option("[name='municipality']", "malmo")
    page.fill("[name='your-name']", "Test Testsson")
    page.fill("[name='your-email']", "test@example.org")
    before = len(page.requests)
    page.click("#sis-suggest button[type=submit]")
    page.wait_for_selector("#sis-suggest-composed:visible")
    # The browser was sent to the mailto: URL (the script sets location.href;
    # Chromium reports it as a request) and to nothing else: no server saw the
    # answers, and the page stayed. The link offers the same URL again.
    href = page.get_attribute("#sis-suggest-composed", "href")
    opened = page.requests[before:]
    assert len(opened) == 1 and parse_mailto(opened[0]) == parse_mailto(href), opened
    assert page.url == empty_server + SUGGEST["sv"]
    assert "%0D%0A" in href and "\n" not in href
    address, subject, body = parse_mailto(href)
    assert address == ADDRESS
    assert subject == f"{t['suggest_subject']}: {ANSWERS['name']}"
    text = body.replace("\r\n", "\n")
    assert "\r" not in text
    assert text.startswith(t["suggest_mail_greeting"] + "\n\n")
    for key, answer in (
        ("suggest_name", ANSWERS["name"]),
        ("suggest_municipality", "Malmö"),
        ("suggest_challenge", TRICKY),
        ("suggest_new", ANSWERS["new"]),
        ("suggest_use", t["suggest_no_answer"]),
        ("suggest_website", ANSWERS["website"]),
        ("suggest_from", "Test Testsson, test@example.org"),
    ):
        assert f"{heading(t[key])}\n{answer}\n\n" in text, key

    # The draft file: after its heading, to the end.
    _, _, draft = text.partition(t["suggest_yaml_heading"] + "\n\n")
    data = yaml.safe_load(draft)
    assert data["name"] == {"sv": ANSWERS["name"]}
    assert data["summary"] == {"sv": TRICKY}
    assert ANSWERS["new"] in data["description"]["sv"] and t["suggest_new"] in data["description"]["sv"]
    assert data["municipalities"] == ["malmo"]
    assert data["website"] == ANSWERS["website"]
    assert data["draft"] is True
    assert str(data["added"]) == page.evaluate(
        "(() => { const d = new Date(); return d.getFullYear() + '-' +"
        " String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); })()"
    )
    # The fields the check asks for are there to fill in; the suggester's own
    # name and address stay out of a file meant for the public repository.
    assert {"themes", "organisation", "stage", "started"} <= set(data)
    assert "Testsson" not in draft and "test@example.org" not in draft


def test_the_form_asks_for_the_required_answers_first(empty_page, empty_server):
    page = empty_page()
    page.goto(empty_server + SUGGEST["en"])
    page.wait_for_selector("#sis-suggest:not([hidden])")
    page.click("#sis-suggest button[type=submit]")
    assert page.is_hidden("#sis-suggest-composed")
    assert page.evaluate("document.activeElement.name") == "name"


def test_without_javascript_the_plain_link_is_there_and_the_form_is_not(empty_page, empty_server):
    page = empty_page(java_script_enabled=False)
    page.goto(empty_server + SUGGEST["en"])
    assert page.is_hidden("#sis-suggest")
    link = page.locator("#sis-suggest-plain")
    assert link.is_visible()
    address, subject, body = parse_mailto(link.get_attribute("href"))
    assert (address, subject) == (ADDRESS, strings("en")["suggest_subject"])
    assert heading(strings("en")["suggest_challenge"]) in body.split("\r\n")


def test_yaml_quoting_survives_every_awkward_character(empty_page, empty_server):
    """Control characters, YAML's own line breaks and lone surrogates still parse."""
    page = empty_page()
    page.goto(empty_server + SUGGEST["sv"])
    page.wait_for_selector("#sis-suggest:not([hidden])")
    awkward = "a\u0001b\u007fc\u0085d\u2028e\ufeff\ud800f\\g\"h'i: j"
    page.evaluate(
        "([name, value]) => { document.querySelector(`[name='${name}']`).value = value; }",
        ["challenge", awkward],
    )
    page.fill("[name='name']", "x")
    page.select_option("[name='municipality']", index=1)
    page.click("#sis-suggest button[type=submit]")
    page.wait_for_selector("#sis-suggest-composed:visible")
    _, _, body = parse_mailto(page.get_attribute("#sis-suggest-composed", "href"))
    _, _, draft = body.replace("\r\n", "\n").partition(strings("sv")["suggest_yaml_heading"] + "\n\n")
    summary = yaml.safe_load(draft)["summary"]["sv"]
    assert summary == awkward.replace("\ud800", "\ufffd")


def test_the_empty_fixture_really_has_no_published_initiative(empty_site):
    """The empty state above is not an accident of today's content."""
    assert not (empty_site.root / "initiativ" / "bara-utkast").exists()
    assert not empty_site.page("initiativ/").cssselect(".sis-card")


def test_the_municipalities_are_escaped_though_the_template_is_not_autoescaped():
    """suggest.html is the theme's kind of template (not sis/…): nothing is escaped unless
    it says so. A label is plain text that may hold '<' (an address, '<!--' refused by the
    check, or whatever a later rule lets through): written as text, never as markup."""
    from jinja2 import Environment

    source = (ROOT / "overrides" / "suggest.html").read_text("utf-8")
    select = source[source.index('<select id="sis-suggest-municipality"') : source.index("</select>") + 9]
    html = (
        Environment(autoescape=False)
        .from_string(select)
        .render(
            t={"suggest_municipality_choose": "Välj"},
            suggest={"municipalities": [('x"><b>', "Lund <!--"), ("y", "<x:y/onfocus=alert(1)>")]},
        )
    )
    assert "<b>" not in html and "<!--" not in html and "<x:y" not in html
    assert "Lund &lt;!--" in html and 'value="x&#34;&gt;&lt;b&gt;"' in html
