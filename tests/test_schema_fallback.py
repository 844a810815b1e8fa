"""A schema rule no message of ours covers: still plain Swedish, English only in English.

The content schemas use no such rule today (no enum, const or oneOf), so the
tests give jsonschema a schema of their own and translate its errors.
"""

from __future__ import annotations

from jsonschema import Draft202012Validator

from site_content.problems import DEFAULT_HINTS
from site_content.schemas import _translate
from site_content.yamlsource import read_yaml

SCHEMA = {
    "type": "object",
    "not": {"required": ["hemlig"]},
    "properties": {
        "stage": {"description": "Hur långt initiativet har kommit.", "enum": ["ide", "test"]},
        "color": {"const": "blue"},
    },
}


def problems_for(tmp_path, text: str):
    path = tmp_path / "exempel.yml"
    path.write_text(text, "utf-8")
    document, problems = read_yaml(path, "content/initiatives/exempel.yml")
    assert document is not None and problems == []
    validator = Draft202012Validator(SCHEMA)
    errors = list(validator.iter_errors(document.data))
    assert errors
    return [p for e in errors for p in _translate(e, document, DEFAULT_HINTS, validator.schema)]


def test_the_swedish_message_names_the_field_and_says_what_it_holds(tmp_path):
    (problem,) = problems_for(tmp_path, "name: x\nstage: klar\n")
    assert (problem.code, problem.field, problem.line) == ("schema", "stage", 2)
    assert problem.message("sv") == (
        "Stämmer inte med mallen: värdet i fältet 'stage' är inte tillåtet. "
        "Fältet ska innehålla: Hur långt initiativet har kommit."
    )
    assert "is not one of" in problem.message("en")  # jsonschema's detail, in English only
    assert "is not" not in problem.message("sv")


def test_without_a_description_the_swedish_message_points_at_the_template(tmp_path):
    (problem,) = problems_for(tmp_path, "color: red\n")
    assert problem.message("sv") == (
        "Stämmer inte med mallen: värdet i fältet 'color' är inte tillåtet. "
        "Jämför med _mall.yml i samma mapp."
    )
    assert "'blue' was expected" in problem.message("en")


def test_a_rule_on_the_whole_file_says_so_in_swedish(tmp_path):
    (problem,) = problems_for(tmp_path, "hemlig: ja\n")
    assert problem.field == ""
    assert problem.message("sv") == (
        "Stämmer inte med mallen: filen har en form som mallen inte tillåter. "
        "Jämför med _mall.yml i samma mapp."
    )
    assert problem.message("en").startswith("Does not match the schema: ")
