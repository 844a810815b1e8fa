"""Check content files against the JSON Schemas in ``schemas/``.

The schemas are the published contract (editors use them too, through the
``yaml-language-server`` comment); jsonschema's errors are turned into the same
plain-language Problems as every other check, with the line and column.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker

from .problems import (
    DEFAULT_HINTS,
    FIELD_HINTS,
    TRANSLATION_FIELDS,
    URL_EMAIL_INSTEAD,
    Hints,
    Problem,
    describe_value,
    field_suggestion,
)
from .yamlsource import YamlDocument, format_field_path

_TIME_ONLY = re.compile(r"^([0-9]{1,2})[:.]([0-9]{2})$")
SCHEMA_FILES = ("initiative", "partner", "vocabulary", "event", "news")
_TYPE_CODES = {
    "string": "not-text",
    "array": "not-list",
    "object": "not-mapping",
    "integer": "bad-year",
    "boolean": "not-boolean",
}


# The validators one load has pinned (``pinned``), with their folder.
_PINNED: ContextVar[tuple[str, dict] | None] = ContextVar("pinned_validators", default=None)


@contextmanager
def pinned(folder: Path) -> Iterator[None]:
    """Every file of one load checked against the schemas as they were at its start: their
    files are looked at once, not five times for each content file."""
    token = _PINNED.set((str(folder), _validators(str(folder))))
    try:
        yield
    finally:
        _PINNED.reset(token)


def _validators(folder: str) -> dict[str, Draft202012Validator]:
    """The validators of the schemas as they are now: under ``mkdocs serve`` a schema
    edited since the last load counts from the next one."""
    pin = _PINNED.get()
    if pin is not None and pin[0] == folder:
        return pin[1]
    stamps = []
    for name in SCHEMA_FILES:
        try:
            status = (Path(folder) / f"{name}.schema.json").stat()
            stamps.append((status.st_mtime_ns, status.st_size, status.st_ino))
        except OSError:
            stamps.append(None)
    return _built_validators(folder, tuple(stamps))


def schema_folder_problems(folder: Path, display) -> list[Problem]:
    """What keeps the schemas from being read, as problems (each check reads them first):
    a symbolic link (never followed: it may point anywhere), or a file that is not a schema."""
    found = []
    for name in SCHEMA_FILES:
        path = Path(folder) / f"{name}.schema.json"
        if path.is_symlink() or Path(folder).is_symlink():
            shown = display(path)
            found.append(Problem(shown, None, None, "", "file-symlink", {"value": shown}))
    if found:
        return found
    try:
        _validators(str(folder))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, jsonschema.SchemaError) as error:
        shown = display(Path(folder))
        params = {"value": shown, "reason": str(error)[:120]}
        return [Problem(shown, None, None, "", "schema-unreadable", params)]
    return []


# Building them for each file would double a check's time; kept per folder and
# files' state (a pure function of the files, so nothing stale is handed out).
@lru_cache(maxsize=4)
def _built_validators(folder: str, _stamps: tuple) -> dict[str, Draft202012Validator]:
    schemas = {
        f"{name}.schema.json": json.loads((Path(folder) / f"{name}.schema.json").read_text("utf-8"))
        for name in SCHEMA_FILES
    }
    return {
        name: Draft202012Validator(
            _inline(schemas[f"{name}.schema.json"], f"{name}.schema.json", schemas),
            format_checker=FormatChecker(),
        )
        for name in SCHEMA_FILES
    }


def _inline(node, document: str, schemas: dict[str, dict]):
    """The schema with every $ref replaced by what it points at.

    Resolving references while validating took half the check's time at a
    thousand files; our schemas have no cycles, so they are resolved once.
    A $ref with sibling keywords applies both, as in JSON Schema 2020-12.
    """
    if isinstance(node, list):
        return [_inline(item, document, schemas) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" not in node:
        return {key: _inline(value, document, schemas) for key, value in node.items()}
    target_document, _, pointer = node["$ref"].partition("#")
    target_document = target_document or document
    target = schemas[target_document]
    for part in filter(None, pointer.split("/")):
        target = target[part]
    resolved = _inline(target, target_document, schemas)
    siblings = {key: value for key, value in node.items() if key not in ("$ref", "description")}
    # The description stays: messages take their hints from it.
    described = {"description": node["description"]} if "description" in node else {}
    if not siblings:
        return {**resolved, **described} if isinstance(resolved, dict) else resolved
    return {"allOf": [resolved, _inline(siblings, document, schemas)], **described}


def _as_json(value):
    """YAML gives dates as date objects; the schemas speak JSON.

    An empty field (``website:`` with nothing after it) counts as not filled
    in, as in the files that ``make new-initiative`` writes; so does a list
    whose entries are all empty.
    """
    if isinstance(value, dict):
        items = {str(key): _as_json(item) for key, item in value.items()}
        return {key: item for key, item in items.items() if item is not None and item != {}}
    if isinstance(value, list):
        items = [_as_json(item) for item in value]
        # A list of entries left empty (the template's "- url:" and "title:") is not filled in.
        return None if items and all(item is None or item == {} for item in items) else items
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def schema_problems(
    document: YamlDocument, schema: str, folder: Path, hints: Hints = DEFAULT_HINTS
) -> list[Problem]:
    """Every way ``document`` breaks the schema named ``schema``, as Problems.

    ``hints`` say what to write in a field (built from the vocabularies for the
    fields that take their keys); a field without one is described by the schema.
    """
    validator = _validators(str(folder))[schema]
    problems: list[Problem] = []
    for error in validator.iter_errors(_as_json(document.data)):
        problems.extend(_translate(error, document, hints, validator.schema))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _problem(document: YamlDocument, field_path: tuple, code: str, **params) -> Problem:
    line, column = document.position(field_path)
    return Problem(document.path, line, column, format_field_path(field_path), code, params)


def _describe(value, written: object = None) -> dict[str, str]:
    return {lang: describe_value(value, lang, written) for lang in ("sv", "en")}


def _translate(error, document: YamlDocument, hints: Hints, root: dict | None = None) -> list[Problem]:
    path = tuple(error.absolute_path)
    keyword, instance, subschema = error.validator, error.instance, error.schema
    # What the partner wrote (010, not 10), for the messages that quote a value.
    written = document.as_written(path, instance) if isinstance(instance, (int, float, bool)) else None
    if keyword == "required":
        return [
            _problem(
                document, (*path, key), "required", key=key, hint=_required_hint(path, key, subschema, hints)
            )
            for key in error.validator_value
            if key not in instance
        ]
    if keyword == "additionalProperties":
        allowed = list(subschema.get("properties", {}))
        top = (root or {}).get("properties", {})
        return [
            # A field of the file's own indented under another ('website' under
            # 'description'): the indentation is the mistake, not the name.
            _problem(document, (*path, key), "misplaced-field", key=key, parent=format_field_path(path))
            if path and key in top
            # 'en:' at the left edge, under a text in two languages: the indentation again.
            else _problem(document, (key,), "translation-at-left", key=key)
            if not path and key in TRANSLATION_FIELDS
            else _problem(
                document,
                (*path, key),
                "unknown-field",
                key=key,
                allowed=", ".join(allowed),
                suggestion=field_suggestion(key, allowed),
            )
            for key in instance
            if key not in allowed
        ]
    if keyword == "type":
        code = _TYPE_CODES.get(error.validator_value, "not-text")
        example = hints.example(path) if code == "not-list" else ""
        shown = instance if written is None else written
        return [
            _problem(document, path, code, found=_describe(instance, written), value=shown, example=example)
        ]
    if keyword in ("minLength",) or (keyword == "pattern" and error.validator_value == r"\S"):
        return [_problem(document, path, "empty-text")]
    if keyword == "maxLength":
        code = "url-too-long" if _is_url_pattern(str(subschema.get("pattern", ""))) else "too-long"
        return [_problem(document, path, code, length=len(instance), limit=error.validator_value)]
    if keyword == "minItems":
        return [_problem(document, path, "empty-list", example=hints.example(path))]
    if keyword == "uniqueItems":
        seen, repeated = [], None  # a list: items may be lists or mappings, which cannot be hashed
        for item in instance:
            if item in seen:
                repeated = item
                break
            seen.append(item)
        return [_problem(document, path, "duplicate-item", value=repeated)]
    if keyword == "format":
        return [_problem(document, path, "bad-date", value=instance)]
    if keyword in ("minimum", "maximum"):
        return [_problem(document, path, "bad-year", value=instance if written is None else written)]
    if keyword == "minProperties":
        return [_problem(document, path, "empty-file")]
    if keyword == "pattern":
        # Shortened: a value may be as long as the file (a 240 kB address), and is told in full nowhere.
        shown = instance if len(str(instance)) <= 200 else str(instance)[:199] + "…"
        if _is_url_pattern(str(subschema.get("pattern", ""))) and "@" in str(instance):
            return [_email_in_url(document, path, str(instance), shown, root)]
        code = _pattern_code(subschema, instance)
        if code == "time-without-date":
            return [_problem(document, path, code, value=shown, example=_with_date(document, instance))]
        return [_problem(document, path, code, value=shown)]
    if keyword == "propertyNames":
        return [_problem(document, (*path, instance), "bad-key", value=instance)]
    return [_problem(document, path, "schema", detail=_fallback_detail(error, path, root))]


def _fallback_detail(error, path: tuple, root: dict | None) -> dict[str, str]:
    """A rule no message of ours covers: in Swedish, the field and what the schema
    says it holds; jsonschema's own (English) words only in the English message."""
    if not path:
        swedish = "filen har en form som mallen inte tillåter. Jämför med _mall.yml i samma mapp."
    else:
        swedish = f"värdet i fältet '{format_field_path(path)}' är inte tillåtet."
        described = _description_along(root, error.absolute_schema_path) or _described(error.schema)
        if described:
            swedish += f" Fältet ska innehålla: {described}"
        else:
            swedish += " Jämför med _mall.yml i samma mapp."
    return {"sv": swedish, "en": error.message}


def _description_along(root: dict | None, schema_path) -> str | None:
    """The description nearest the failing rule on the way to it, the file's own left out."""
    node, found = root, None
    for part in schema_path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return found
        if isinstance(node, dict) and isinstance(node.get("description"), str):
            found = node["description"]
    return found


def _required_hint(parent: tuple, key: str, subschema: dict, hints: Hints) -> dict[str, str]:
    if key == "sv":
        return hints.field("swedish")
    localized = key in ("alt", "label") or (
        not parent and key in ("name", "summary", "description", "title", "body")
    )
    if localized:
        return hints.field("localized")
    if not parent and key in hints.fields:
        return hints.field(key)
    # No hint of our own: the schema's description of the field says what it holds.
    described = _described(subschema.get("properties", {}).get(key))
    if described:
        return {"sv": described, "en": FIELD_HINTS["plain"]["en"]}
    return hints.field("plain")


def _described(node) -> str | None:
    """A field's description, also through the allOf that inlining a $ref makes."""
    if not isinstance(node, dict):
        return None
    if isinstance(node.get("description"), str):
        return node["description"]
    for part in node.get("allOf", []):
        found = _described(part)
        if found:
            return found
    return None


def _with_date(document: YamlDocument, time: str) -> str:
    """'16:30' with the event's start date (or an example date): 2027-03-28T16:30."""
    hours, minutes = _TIME_ONLY.match(time.strip()).groups()
    start = document.data.get("start") if isinstance(document.data, dict) else None
    date = (
        str(start)[:10]
        if start is not None and re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}", str(start))
        else None
    )
    return f"{date or '2027-03-28'}T{int(hours):02d}:{minutes}"


def _is_url_pattern(pattern: str) -> bool:
    return pattern.startswith(("^http", "^(?:https"))


_USERINFO = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://([^/?#\s]*)@([^/?#\s]*)")


def _email_in_url(document: YamlDocument, path: tuple, value: str, shown: str, root: dict | None) -> Problem:
    """An address with an @ where a web address belongs: https://anmalan@example.org (a login
    name, not an e-mail address) or the e-mail address alone. What to write instead depends
    on the field: registration takes mailto:, and a file with a contact field takes it there."""
    field = path[-1] if path else ""
    has_contact = "contact" in (root or {}).get("properties", {})
    kind = "registration" if field == "registration" else "contact-field" if has_contact else "other"
    userinfo = _USERINFO.match(value)
    email = f"{userinfo[1]}@{userinfo[2]}" if userinfo else value.removeprefix("mailto:").strip()
    instead = {lang: text.format(email=email) for lang, text in URL_EMAIL_INSTEAD[kind].items()}
    if userinfo:
        user, host = userinfo[1], userinfo[2]
        return _problem(document, path, "url-userinfo", value=shown, user=user, host=host, instead=instead)
    return _problem(document, path, "url-is-email", value=shown, instead=instead)


def _pattern_code(subschema: dict, instance) -> str:
    pattern = subschema.get("pattern", "")
    if pattern.startswith("^(?:https://"):  # registration: an https address or mailto:
        return "bad-url" if str(instance).startswith(("https://", "mailto:")) else "not-https"
    if pattern.startswith("^https?"):
        return "bad-url"
    if pattern.startswith("^https://"):  # an https address: unencrypted, or no address at all
        return "bad-url" if str(instance).startswith("https://") else "not-https"
    if pattern.startswith("^[0-9]{4}-"):
        # '16:30' alone: the time without its date.
        return "time-without-date" if _TIME_ONLY.match(str(instance).strip()) else "bad-datetime"
    if "@" in pattern:
        return "bad-email"
    if pattern == "^[0-9a-f]{8}$":
        return "bad-hash-remove"  # the loader's own "bad-hash" replaces it when it can give the line
    if pattern == "^[0-9]{4}$":
        return "bad-scb-code"
    return "bad-key"


def field_names(folder: Path, schema: str) -> tuple[frozenset[str], frozenset[str]]:
    """The names of a schema's top-level fields, and of every field at any depth."""
    validator = _validators(str(folder))[schema]
    # Asked once per content file: each schema walked again only when its validator is new.
    found = _FIELD_NAMES.get(schema)
    if found is None or found[0] is not validator:
        found = _FIELD_NAMES[schema] = (validator, _walk_field_names(validator.schema))
    return found[1]


_FIELD_NAMES: dict[str, tuple[Draft202012Validator, tuple[frozenset[str], frozenset[str]]]] = {}


def _walk_field_names(root: dict) -> tuple[frozenset[str], frozenset[str]]:
    every: set[str] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("properties"), dict):
                every.update(node["properties"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return frozenset(root.get("properties", {})), frozenset(every)
