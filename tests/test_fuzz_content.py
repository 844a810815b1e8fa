"""No content file makes the check crash or hang: generated inputs into each loader.

Anyone can propose a content file in a pull request. Whatever it holds (YAML
punctuation in any order, the schemas' own keys with wrong values, anchors,
tags, brackets thousands deep, typographic quotes, any Unicode, any bytes), the
loader of each kind of file must end in a model or a list of Problems that can
be told in both languages, never an exception. Hypothesis' deadline is the
bound on time: generous, as the point is that nothing hangs. Derandomized, so
CI runs the same examples every time.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import content_only_repository
from site_content import ContentPaths, Problem, check_content
from site_content.loader import load_event, load_initiative, load_news, load_partner, load_vocabulary
from site_content.model import Vocabulary
from test_bad_content import add_bad_images

FUZZ = settings(
    max_examples=80,
    deadline=10_000,  # milliseconds: generous for a loaded machine; a hang is minutes
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- What the inputs are made of ------------------------------------------------

KEYS = [
    # initiative and partner
    "name", "summary", "description", "themes", "municipalities", "partners", "organisation",
    "type", "stage", "started", "website", "contact", "image", "logo", "src", "alt", "added",
    "updated", "draft",
    # localized texts and vocabularies
    "sv", "en", "en_from", "label", "slug", "scb_code",
    # events and news
    "title", "body", "start", "end", "location", "address", "municipality", "online", "organisers",
    "registration", "published", "initiatives",
]  # fmt: skip
VALUES = [
    "skola", "malmo", "coompanion-skane", "ideell-forening", "test", "ide", "2016", "2026-11-20",
    "2026-02-30", "true", "false", "null", "~", "0x1F", "1e400", ".nan", "-1", "99999999999999999999",
    "images/initiatives/exempel-odlingslotten.svg", "images/partners/entitet.svg",
    "images/initiatives/bomb.png", "images/../../etc/passwd", "https://www.example.org/",
    "javascript:alert(1)", "info@example.org", "<script>alert(1)</script>", "<b onclick=x>",
    "[länk](javascript:x)", "Östra Göinge", "Läxhjälp", "0633006d",
    "2027-03-28T10:00", "2027-03-28T02:30", "2027-03-28 10:00:00+01:00", "2027-13-45T10:00",
    "http://example.org/mote", "https://localhost/", "exempel-odlingslotten",
]  # fmt: skip
PUNCTUATION = [
    ": ", ":", "- ", "-", "[", "]", "{", "}", ", ", ",", "\n", "\n  ", "\n    ", "  ", " ", "? ",
    "|\n  ", ">-\n  ", "#", "'", '"', "\\", "”", "“", "’", "‘", "«", "&a ", "*a", "&b ", "*b",
    "<<: ", "<<: *a", "!!python/object/apply:os.system ", "!!str ", "!x ", "! ", "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n", "---\n", "...\n", "\t", "\r\n", "\x85", "\u2028", "\ufeff", "\x00",
    "\x01", "@", "`", "%", "&", "*", "!",
]  # fmt: skip

fragment = st.one_of(
    st.sampled_from(KEYS).map(lambda key: key + ": "),
    st.sampled_from(VALUES),
    st.sampled_from(PUNCTUATION),
    st.text(max_size=8),
    st.integers(1, 3000).map(lambda depth: "[" * depth),
    st.integers(1, 3000).map(lambda depth: "{a: " * depth),
    st.integers(1, 40).map(lambda depth: "".join(f"{'  ' * level}a:\n" for level in range(depth))),
)
yamlish = st.lists(fragment, max_size=60).map("".join)

# Nearly valid files: real structure with the schemas' keys, then one thing inserted.
leaf = st.one_of(st.sampled_from(VALUES), st.integers(), st.booleans(), st.none(), st.text(max_size=12))
tree = st.recursive(
    leaf,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.sampled_from(KEYS), children, max_size=5)
    ),
    max_leaves=25,
)


@st.composite
def nearly_valid(draw) -> str:
    data = draw(st.dictionaries(st.sampled_from(KEYS), tree, max_size=10))
    flow = draw(st.sampled_from([None, False, True]))
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    position = draw(st.integers(0, len(text)))
    return text[:position] + draw(fragment) + text[position:]


content_files = st.one_of(
    yamlish.map(lambda text: text.encode("utf-8", "surrogatepass")),
    nearly_valid().map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=2000),
)


# --- One repository, one file rewritten per example ----------------------------


class Workspace:
    """The real vocabularies and partners, the catalogue's images, and one file under test."""

    def __init__(self, root: Path):
        self.root = content_only_repository(root)
        self.paths = ContentPaths.under(self.root, docs=self.root / "docs")
        content, problems = check_content(self.paths)
        assert content is not None, problems
        self.content = content
        # Added after the whole check, which refuses a bad image wherever it lies: the
        # files under test are loaded one at a time and may name them.
        add_bad_images(self.root / "docs" / "images")
        self.counter = itertools.count()

    def write(self, kind: str, data: bytes) -> tuple[Path, str]:
        # A new name each time: the parse cache is keyed by path and content.
        slug = f"fuzz-{next(self.counter)}"
        path = self.root / "content" / kind / f"{slug}.yml"
        path.parent.mkdir(exist_ok=True)  # events/ and news/ are not in the repository made
        path.write_bytes(data)
        return path, slug


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Workspace:
    workspace = Workspace(tmp_path_factory.mktemp("fuzz") / "repo")
    yield workspace
    shutil.rmtree(workspace.root)


def told_in_both_languages(problems: list[Problem]) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.format("sv") and problem.format("en")


def load(workspace: Workspace, kind: str, data: bytes):
    path, slug = workspace.write(kind, data)
    problems: list[Problem] = []
    try:
        if kind == "partners":
            result = load_partner(path, slug, workspace.paths, problems)
        elif kind == "initiatives":
            content = workspace.content
            result = load_initiative(
                path, slug, workspace.paths, content.partners, content.vocabularies, problems
            )
        elif kind == "events":
            content = workspace.content
            result = load_event(path, slug, workspace.paths, content.partners, content.vocabularies, problems)
        elif kind == "news":
            content = workspace.content
            result = load_news(path, slug, workspace.paths, content.partners, content.initiatives, problems)
        else:
            result = load_vocabulary("themes", path, workspace.paths, problems)
    finally:
        path.unlink()
    told_in_both_languages(problems)
    return result, problems


@FUZZ
@given(data=content_files)
def test_any_initiative_file_ends_in_a_model_or_problems(workspace, data):
    initiative, problems = load(workspace, "initiatives", data)
    assert initiative is not None or any(p.severity == "error" for p in problems)


@FUZZ
@given(data=content_files)
def test_any_partner_file_ends_in_a_model_or_problems(workspace, data):
    partner, problems = load(workspace, "partners", data)
    assert partner is not None or any(p.severity == "error" for p in problems)


@FUZZ
@given(data=content_files)
def test_any_event_file_ends_in_a_model_or_problems(workspace, data):
    event, problems = load(workspace, "events", data)
    assert event is not None or any(p.severity == "error" for p in problems)


@FUZZ
@given(data=content_files)
def test_any_news_file_ends_in_a_model_or_problems(workspace, data):
    item, problems = load(workspace, "news", data)
    assert item is not None or any(p.severity == "error" for p in problems)


@FUZZ
@given(data=content_files)
def test_any_vocabulary_file_ends_in_a_vocabulary_or_problems(workspace, data):
    vocabulary, _problems = load(workspace, "vocabulary", data)
    assert isinstance(vocabulary, Vocabulary)


def test_the_generators_reach_the_refusals_and_syntax_messages(workspace):
    """The fuzzing above is worth something only if its inputs get that far."""
    codes = set()
    for data in (
        b"name: &a [1]\nsummary: *a\n",
        b"name: !!python/object/apply:os.system [ls]\n",
        b"name: {sv: " + b"[" * 3000 + b"}\n",
        'name:\n  sv: "Läxhjälp”\n  en: x\nstage: "test"\n'.encode(),
    ):
        _result, problems = load(workspace, "initiatives", data)
        codes |= {p.code for p in problems}
    assert codes == {"yaml-anchor", "yaml-tag", "yaml-too-deep", "yaml-typographic-quote"}
