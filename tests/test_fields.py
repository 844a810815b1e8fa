"""Each entry kind's fields are declared once (hooks/site_content/fields.py), and every
output follows the declaration (issue 27).

The schemas stay the judge of a file's shape: they must name the declared fields. The
proof that a field is added in one place is ``test_a_field_added_to_the_declaration_
reaches_every_output``: in a fresh interpreter it declares ``proof_video_url`` (the
recipe's example, ``video_url``, under a name no real field will take), adds it to a copy
of the schema and to one initiative, and finds it in the entry, the open data (JSON, CSV,
schema), JSON-LD, a pull request's summary and the open-data pages' table, with nothing
else changed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from conftest import FIXTURES, ROOT, content_only_repository
from site_content.fields import INITIATIVE, EntryKind, Field

HOOKS = ROOT / "hooks"


def test_each_schema_names_the_declared_fields_and_requires_the_required_ones():
    from site_content.fields import ENTRY_KINDS

    for name, kind in ENTRY_KINDS.items():
        schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text("utf-8"))
        assert set(schema["properties"]) == set(kind.names()), name
        assert set(schema.get("required", [])) == {f.name for f in kind.fields if f.required}, name


def test_the_model_has_an_attribute_for_every_declared_field():
    import dataclasses

    from site_content.model import Event, Initiative, NewsItem, Partner

    for entry in (Partner, Initiative, Event, NewsItem):
        attributes = [f.name for f in dataclasses.fields(entry)]
        assert attributes[: len(entry.declaration.fields)] == entry.declaration.names(), entry.__name__


def test_every_exported_field_is_described_in_both_languages():
    from site_content.fields import INITIATIVE
    from site_content.strings import load_strings

    strings = load_strings()
    for lang in ("sv", "en"):
        for name in ("slug", "url", *(f.name for f in INITIATIVE.exported())):
            assert strings[lang].get(f"open_data_{name}"), (lang, name)


def test_every_field_in_a_summary_has_a_label_in_both_languages():
    from site_content import pr_summary
    from site_content.fields import ENTRY_KINDS
    from site_content.strings import load_strings

    strings = load_strings()
    for kind in ENTRY_KINDS.values():
        for lang in ("sv", "en"):
            words, links = pr_summary.WORDS[lang], pr_summary.WORDS[lang]["link-labels"]
            for field in kind.in_summary():
                assert field.name in words or field.name in strings[lang], (kind.name, field.name)
            for field in kind.addresses():
                assert field.name in links or field.name in strings[lang], (kind.name, field.name)


def test_the_open_data_schema_the_csv_and_the_pages_table_follow_the_declaration():
    import open_data
    from site_content import export
    from site_content.fields import INITIATIVE

    schema = export.load_schema(lambda path: "https://example.org/" + path)
    record = schema["$defs"]["initiative"]
    exported = [f.name for f in INITIATIVE.exported()]
    assert list(record["properties"]) == ["slug", "url", *exported]
    assert record["required"] == list(record["properties"])
    assert schema["properties"]["schema_version"]["const"] == export.SCHEMA_VERSION == INITIATIVE.version()
    assert [name for name, _columns in open_data.fields_table()] == list(record["properties"])
    columns = [column for _name, each in open_data.fields_table() for column in each]
    assert tuple(columns) == export.CSV_COLUMNS
    assert "draft" not in record["properties"]  # drafts are never published


@pytest.mark.parametrize("marked", [True, False])
def test_the_open_data_view_puts_the_table_where_the_page_marks_it_or_at_its_end(marked):
    import open_data
    from site_content.strings import load_strings

    env = Environment(loader=FileSystemLoader(ROOT / "overrides"), autoescape=True)
    open_data.register(env)
    mark = '<div class="sis-open-data-fields"></div>'
    html = f"<h2>Fälten</h2>{mark if marked else ''}<h2>CSV-filen</h2>"
    text = env.get_template("sis/views/open-data.html").render(html=html, t=load_strings()["sv"])
    assert text.count("<table>") == 1 and mark not in text
    table, heading = text.index("<table>"), text.index("CSV-filen")
    assert (table < heading) if marked else (table > heading)
    assert '<th scope="row"><code>municipalities</code></th>' in text
    assert "<code>municipalities_scb_code</code>" in text
    assert "<code>scb_code</code>" in text  # the description's `code`, escaped text around it


# --- The proof: one declaration, every output ---------------------------------

# The recipe's first step, as a line at the end of a copy of fields.py: a new field, one
# minor version above the open data's current one (the name is the proof's own, so that
# a real field added later never meets it).
MAJOR, MINOR, _PATCH = (int(part) for part in INITIATIVE.version().split("."))
NEXT_VERSION = f"{MAJOR}.{MINOR + 1}.0"
DECLARED = f"""
INITIATIVE = EntryKind(
    "initiative",
    (*INITIATIVE.fields, Field("proof_video_url", URL, since="{NEXT_VERSION}", linked_data="subjectOf")),
)
ENTRY_KINDS["initiative"] = INITIATIVE
"""

PROOF = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path

    import open_data
    from site_content import export, linked_data, pr_summary
    from site_content.loader import ContentPaths, load_content

    root = Path(sys.argv[1])
    content = load_content(ContentPaths.under(root, root / "docs"))
    initiative = content.initiatives["abborren"]
    absolute = lambda path: "https://example.org/" + path
    document, table = export.export_texts(content, absolute, __import__("datetime").datetime.now())
    record = json.loads(document)["initiatives"][0]
    import csv, io
    row = next(csv.DictReader(io.StringIO(table.lstrip("\\ufeff"))))
    schema = export.load_schema(absolute)
    import jsonschema
    jsonschema.validate(json.loads(document), schema, format_checker=jsonschema.FormatChecker())
    print(json.dumps({
        "attribute": initiative.proof_video_url,
        "json": record["proof_video_url"],
        "csv": row.get("proof_video_url"),
        "schema": schema["$defs"]["initiative"]["properties"]["proof_video_url"],
        "version": json.loads(document)["schema_version"],
        "linked_data": linked_data.project(initiative, absolute, "sv").get("subjectOf"),
        "summary": pr_summary.escape(initiative.proof_video_url, limit=None) in "".join(
            pr_summary.link_lines(initiative, "sv")
        ),
        "table": [name for name, _ in open_data.fields_table()],
    }))
    """
)


def test_a_field_added_to_the_declaration_reaches_every_output(tmp_path):
    root = content_only_repository(tmp_path / "repo")
    shutil.copytree(HOOKS, root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "i18n", root / "i18n")
    with open(root / "hooks" / "site_content" / "fields.py", "a", encoding="utf-8") as declaration:
        declaration.write(DECLARED)
    schema_file = root / "schemas" / "initiative.schema.json"
    schema = json.loads(schema_file.read_text("utf-8"))
    schema["properties"]["proof_video_url"] = {"$ref": "#/$defs/url"}  # the recipe's second step
    schema_file.write_text(json.dumps(schema), "utf-8")
    initiative = (FIXTURES / "initiatives" / "abborren.yml").read_text("utf-8")
    video = "https://video.example.org/abborren"
    (root / "content" / "initiatives" / "abborren.yml").write_text(
        initiative + f"proof_video_url: {video}\n", "utf-8"
    )
    shutil.copytree(FIXTURES / "docs" / "images" / "initiatives", root / "docs" / "images" / "initiatives")
    for folder in ("events", "news"):
        (root / "content" / folder).mkdir()
    environment = {**os.environ, "PYTHONPATH": str(root / "hooks")}
    run = subprocess.run(
        [sys.executable, "-c", PROOF, str(root)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=root,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    found = json.loads(run.stdout.splitlines()[-1])
    assert found["attribute"] == found["json"] == found["csv"] == video
    assert found["schema"] == {"oneOf": [{"type": "string", "format": "uri"}, {"type": "null"}]}
    assert found["version"] == NEXT_VERSION
    assert found["linked_data"] == video
    assert found["summary"]
    assert found["table"][-1] == "proof_video_url"


def test_a_field_declared_twice_is_refused():
    """A second declaration of a name would be shadowed by the first in every output."""
    with pytest.raises(ValueError, match="fields declared twice: website"):
        EntryKind("initiative", (*INITIATIVE.fields, Field("website", "url")))


def test_the_proof_runs_against_the_fixture_it_names():
    """The proof's initiative exists and has no proof_video_url of its own: it would prove nothing."""
    text = (FIXTURES / "initiatives" / "abborren.yml").read_text("utf-8")
    assert "proof_video_url" not in text and Path(FIXTURES / "docs" / "images" / "initiatives").is_dir()
