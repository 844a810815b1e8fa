"""No input makes the check or the build slow or large (issue 24): every hostile
case of the issue, generated here where it is large, gets its exact message, and
the work it costs is bounded by what is measured before parsing (counts, sizes,
stack depth, pixels held at once), never by timing. bench/hostile.py times them."""

from __future__ import annotations

import re
import sys
import threading
from pathlib import Path

import markdown
import pytest
from PIL import Image

from site_content import ContentPaths, check_content, markup
from site_content.images import ImageCache, PixelBudget, Recipe, svg_findings
from site_content.markup import (
    MAX_ANGLE_BRACKETS,
    MAX_CHARACTERS,
    MAX_EMPHASIS_MARKS,
    MAX_LINK_BRACKETS,
    MAX_NESTING,
    excess,
    removed,
    render,
)
from site_content.problems import Problem, shown_per_kind
from site_content.strings import load_strings
from test_bad_content import content_root_with, run_check

INITIATIVE = (
    "name: {sv: Projekt, en: Example}\nsummary: {sv: En mening., en: One sentence.}\nthemes: [skola]\n"
    "municipalities: [malmo]\norganisation: {name: Föreningen, type: ideell-forening}\nstage: test\n"
    "started: 2016\nadded: 2026-11-20\n"
)


def errors_of(root: Path, lang: str = "sv") -> list[str]:
    _content, problems = check_content(ContentPaths.under(root, docs=root / "docs"))
    return [p.format(lang) for p in problems if p.severity == "error"]


def with_description(tmp_path: Path, text: str) -> Path:
    root = content_root_with(tmp_path)
    block = "".join(f"    {line}\n" if line else "\n" for line in text.split("\n"))
    (root / "content" / "initiatives" / "lang.yml").write_text(
        f"{INITIATIVE}description:\n  sv: |-\n{block}", "utf-8"
    )
    return root


@pytest.fixture
def never_parsed(monkeypatch):
    """Python-Markdown may not parse the texts added to the set this gives (the fixture
    partners' descriptions it parses as ever): they must be refused before."""
    hostile: set[str] = set()
    convert = markdown.Markdown.convert

    def refuse(self, text):
        assert text not in hostile, "parsed"
        return convert(self, text)

    monkeypatch.setattr(markdown.Markdown, "convert", refuse)
    markup.render.cache_clear()
    yield hostile
    markup.render.cache_clear()


# --- Markdown: limits measured before parsing ------------------------------------


def test_the_issues_120_kb_of_brackets_is_refused_unparsed(tmp_path, never_parsed):
    text = "[](" * 40_000  # 120 kB: make check took 925 s
    never_parsed.add(text)
    assert errors_of(with_description(tmp_path, text)) == [
        "content/initiatives/lang.yml:10:7 (fält description.sv): Texten är 120000 tecken lång; "
        "högst 20000 tecken är tillåtet. Korta den."
    ]
    assert excess(text).code == "too-long"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[a](b) " * (MAX_LINK_BRACKETS + 1),
            "Texten innehåller 201 hakparenteser '['; högst 200 är tillåtet",
        ),
        ("a <b>x</b> " * (MAX_ANGLE_BRACKETS // 2 + 1), "Texten innehåller 502 tecken '<'"),
        ("Inledning.\n\n" + "> " * (MAX_NESTING + 1) + "x", "Rad 3 i texten har listor, citat ('>') eller"),
        ("Inledning.\n\n" + "*a* " * 101, "Stycket som börjar på rad 3 i texten har 202 markeringar"),
    ],
)
def test_each_markdown_limit_is_told_before_parsing(tmp_path, never_parsed, text, message):
    never_parsed.add(text)
    (error,) = errors_of(with_description(tmp_path, text))
    assert error.startswith("content/initiatives/lang.yml:10:7 (fält description.sv): " + message), error


def test_thirty_thousand_paragraphs_and_a_hundred_thousand_emphasis_markers_are_refused(never_parsed):
    assert excess("a\n\n" * 30_000).code == "too-long"
    assert excess("*a" * 50_000).code == "too-long"
    assert excess("*a" * (MAX_EMPHASIS_MARKS // 2 + 1)) is None
    assert excess("*a" * (MAX_EMPHASIS_MARKS + 1)).code == "markdown-too-much-emphasis"


def deepest_allowed() -> list[str]:
    """A text at each limit at once, as deep and as busy as the check lets through."""
    nested = "".join(f"{'    ' * level}- punkt {level}\n" for level in range(MAX_NESTING - 1))
    return [
        nested,
        "> " * (MAX_NESTING - 1) + "- citat",
        "- " * MAX_NESTING + "x",
        "**a " * (MAX_EMPHASIS_MARKS // 2) + "x" + " a**" * (MAX_EMPHASIS_MARKS // 2),
        "[a " * MAX_LINK_BRACKETS + "x" + "](b)" * MAX_LINK_BRACKETS,
        "<b>" * MAX_ANGLE_BRACKETS,
        "x" * MAX_CHARACTERS,
    ]


@pytest.mark.parametrize("text", deepest_allowed())
def test_a_text_within_the_limits_renders_in_a_bounded_stack(text):
    """The build renders deeper in the stack than the check: a text the check lets
    through must need far less than Python's default limit of 1000 frames."""
    assert excess(text) is None
    markup.render.cache_clear()
    depth = len(__import__("inspect").stack(0))
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + 300)
    try:
        render(text)
        removed(text)
    finally:
        sys.setrecursionlimit(limit)
        markup.render.cache_clear()


def test_a_recursion_error_is_a_content_error_not_a_traceback(tmp_path, monkeypatch):
    """A text with markup (a plain one the check does not render: the test above bounds its stack)."""
    convert = markdown.Markdown.convert

    def too_deep(self, text):
        if text == "Text, [länk](https://example.org/).":
            raise RecursionError("maximum recursion depth exceeded")
        return convert(self, text)

    monkeypatch.setattr("markdown.Markdown.convert", too_deep)
    markup.render.cache_clear()
    try:
        assert errors_of(with_description(tmp_path, "Text, [länk](https://example.org/).")) == [
            "content/initiatives/lang.yml:10:7 (fält description.sv): Texten har för många nivåer inuti "
            "varandra (fetstil i kursiv i en lista …) för att göras om till webbsida. Förenkla formateringen."
        ]
    finally:
        markup.render.cache_clear()


def test_the_sanitisers_comparison_is_one_pass_over_many_tags(monkeypatch):
    """difflib's matching was quadratic over thousands of equal tags; counting is not."""
    monkeypatch.setattr("difflib.SequenceMatcher", None)  # any use would fail
    paragraphs = "a\n\n" * 5000
    text = paragraphs + '<span style="color:red">x</span>\n\n' + paragraphs + "<b>y</b>"
    markup.render.cache_clear()
    assert [(r.tag, r.attribute) for r in removed(text)] == [("span", "style")]


def test_the_ref_definition_pattern_does_not_run_over_blank_lines():
    from site_content.safety import _LINK_TARGETS

    pattern = _LINK_TARGETS[1]
    assert pattern.search("\n\n  [ref]: javascript:alert(1)")
    assert "\\s*" not in pattern.pattern.split("\\[")[0]  # [ \t]*, never \s*, before the '['


# --- Web addresses: bounded, and matched in linear time ------------------------------


def test_a_240_kb_address_is_told_shortly(tmp_path):
    root = content_root_with(tmp_path)
    address = "https://www.example.org/" + "a." * 120_000 + " x"
    (root / "content" / "initiatives" / "lang.yml").write_text(f"{INITIATIVE}website: '{address}'\n", "utf-8")
    errors = errors_of(root)
    assert errors[0] == (
        "content/initiatives/lang.yml:9:10 (fält website): Webbadressen är 240026 tecken lång; "
        "högst 2000 tecken är tillåtet. Använd en kortare adress, till exempel sidan som leder dit."
    )
    assert all(len(error) < 600 for error in errors)  # the address itself is never told in full


# --- docs/ front matter: the hardened reader, before MkDocs' own -------------------


def laughs(levels: int = 9) -> str:
    names = "abcdefghij"
    lines = [f"a: &a [{', '.join(['lol'] * 9)}]"]
    lines += [f"{b}: &{b} [{', '.join(['*' + a] * 9)}]" for a, b in zip(names, names[1:levels], strict=False)]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        (
            laughs(),
            "docs/sida.md:3:4: '&a' är ett YAML-ankare eller alias, som innehållsfilerna inte använder.",
        ),
        (
            "x: " + "[" * 50_000 + "]" * 50_000,
            "docs/sida.md:3:13: Värdena här ligger i mer än 10 nivåer inuti varandra.",
        ),
    ],
    ids=["billion-laughs", "nested-50000"],
)
def test_a_hostile_front_matter_is_an_error_with_its_line(tmp_path, front_matter, expected):
    root = content_root_with(tmp_path)
    (root / "docs" / "sida.md").write_text(f"---\nkey: sida\n{front_matter}\n---\n\n# Sida\n", "utf-8")
    (error,) = errors_of(root)
    assert error.startswith(expected), error


def test_a_page_over_the_size_limit_is_told_before_it_is_read(tmp_path):
    root = content_root_with(tmp_path)
    with (root / "docs" / "stor.md").open("wb") as page:
        page.truncate(300 * 1024)  # sparse: NUL bytes, never read
    assert errors_of(root) == [
        "docs/stor.md: Sidan är 300 kB; högst 256 kB är tillåtet för en sida i docs/. "
        "Dela upp den i flera sidor."
    ]


def test_front_matter_is_read_where_mkdocs_reads_it():
    from mkdocs.utils.meta import YAML_RE

    from site_content.page_translations import FRONT_MATTER, read_front_matter

    assert FRONT_MATTER.pattern == YAML_RE.pattern and FRONT_MATTER.flags == YAML_RE.flags
    text = "---\nkey: a\ntitle: Rubrik\n...\n\n# Rubrik\n"
    front = read_front_matter(text)
    assert front.meta == {"key": "a", "title": "Rubrik"} and front.body == "\n# Rubrik\n"


# --- At most N problems of a kind told ---------------------------------------------


def test_twenty_problems_of_a_kind_are_told_and_the_rest_counted():
    problems = [Problem(f"f{n}.yml", 1, 1, "", "empty-file") for n in range(45)]
    problems.insert(3, Problem("other.yml", 1, 1, "", "bom"))
    shown = shown_per_kind(problems)
    assert len(shown) == 21
    assert [more for _problem, more in shown if more] == [25]
    assert shown[-1][0].file == "f19.yml"
    from site_content import ContentProblems

    report = ContentProblems(problems).report("sv", load_strings())
    assert report.splitlines()[0].startswith("Innehållet har 46 fel")
    assert report.splitlines()[-1] == "    … och 25 till av samma slag."
    assert ContentProblems(problems).report("en", load_strings()).splitlines()[-1] == (
        "    … and 25 more of the same kind."
    )


def test_two_thousand_broken_files_print_a_bounded_report_and_stop_the_check(tmp_path):
    root = content_root_with(tmp_path)
    for n in range(2000):
        (root / "content" / "initiatives" / f"t{n}.yml").write_text("name: x\n", "utf-8")
    lines = run_check(root).stdout.splitlines()
    # Several errors a file: the check stops after 1,000; twenty told of each kind.
    assert len(lines) < 60
    assert any(re.fullmatch(r"  … och [0-9]+ till av samma slag\.", line) for line in lines)
    assert (
        "Fel: content: Kontrollen slutade efter 1000 fel; filerna efter dessa kontrollerades inte. "
        "Rätta felen ovan och kör kontrollen igen."
    ) in lines
    assert lines[-1] == "1001 fel och 0 varningar."


# --- SVG: size and elements before parsing; CSS by allow-list -------------------------

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'


def test_an_svg_over_the_size_limit_is_refused_unparsed(monkeypatch):
    monkeypatch.setattr("xml.etree.ElementTree.fromstring", None)  # any parse would fail
    data = SVG.format("<!--" + "x" * 1024 * 1024 + "-->").encode()
    assert svg_findings(data) == [("svg-too-heavy", {"size": 1025, "limit": 1024})]


def test_an_svg_with_too_many_elements_is_refused_unparsed(monkeypatch):
    monkeypatch.setattr("xml.etree.ElementTree.fromstring", None)
    assert svg_findings(SVG.format("<g/>" * 10_001).encode()) == [
        ("svg-too-many-elements", {"limit": 10_000})
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<rect style="fill:image-set(&quot;https://x.example/a.png&quot; 1x)"/>', "image-set"),
        ("<rect style=\"fill:-webkit-image-set('https://x.example/a.png' 1x)\"/>", "-webkit-image-set"),
        ('<style>rect{fill:image-set("https://x.example/a.png" 1x)}</style>', "image-set"),
        ('<style>rect{fill:i\\6d age-set("https://x.example/a.png" 1x)}</style>', "image-set"),
        ("<style>rect{fill:cross-fade(url(#a), url(#b))}</style>", "cross-fade"),
        ('<rect fill="image(https://x.example/a.png)"/>', "image"),
        ('<rect style="fill:element(#a)"/>', "element"),
    ],
)
def test_css_functions_outside_the_allow_list_are_refused(body, expected):
    assert ("svg-css-function", {"function": expected}) in svg_findings(SVG.format(body).encode())


def test_css_at_rules_outside_the_allow_list_are_refused():
    found = svg_findings(SVG.format("<style>@namespace x url(https://x.example/);</style>").encode())
    assert found == [
        ("svg-css-rule", {"rule": "namespace"}),
        ("svg-external", {"reference": "https://x.example/"}),
    ]


@pytest.mark.parametrize(
    "body",
    [
        '<rect style="fill:url(#a);transform:rotate(3deg) translate(1px,2px);filter:blur(1px)"/>',
        "<style>@media (min-width: 40em) { .a:not(.b):nth-child(2) { fill: rgb(1 2 3 / 50%) } }</style>",
        '<g data-name="Logo (2)" id="a(b)"/>',
        "<style>.a { fill: url( '#grad' ) } /* url(https://x.example/) */</style>",
    ],
)
def test_ordinary_css_in_svg_passes(body):
    assert svg_findings(SVG.format(body).encode()) == []


def test_hostile_css_is_read_in_one_pass():
    """Unclosed url( and comments by the hundred thousand: the regexes this replaced were quadratic."""
    many = SVG.format('<rect style="' + "url(" * 100_000 + '"/><style>' + "/*x" * 100_000 + "</style>")
    assert svg_findings(many.encode()) == [("svg-external", {"reference": "url(" * 19 + "url…"})]


# --- The image step: decoded pixels bounded whatever the cores ------------------------


def test_the_pixel_budget_is_never_exceeded_and_an_oversized_image_runs_alone():
    budget = PixelBudget(100)
    sizes = [60, 30, 30, 150, 10, 90, 40] * 4
    running, alone = [], []
    lock = threading.Lock()

    def job(pixels):
        with budget.reserve(pixels):
            with lock:
                running.append(pixels)
                if pixels > budget.total:
                    alone.append(len(running) == 1)
            threading.Event().wait(0.001)
            with lock:
                running.remove(pixels)

    threads = [threading.Thread(target=job, args=(size,)) for size in sizes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert alone == [True] * 4
    assert budget.used == 0
    assert budget.peak <= 150  # the budget, or one image larger than it on its own


def test_the_image_cache_reserves_each_images_pixels_while_decoding(tmp_path):
    budget = PixelBudget(1)
    cache = ImageCache(tmp_path / "cache", budget)
    source = tmp_path / "bild.png"
    Image.new("RGB", (300, 200), "white").save(source)
    cache.process(source, Recipe((100,)))
    assert budget.peak == 300 * 200 and budget.used == 0
