"""Read one YAML file with the line and column of every value.

PyYAML keeps the last of two equal keys without a word and loses positions;
partners need both reported. We compose the node tree once, record where each
value stands, and construct the data from the same tree.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Problem

# The C loader is about twenty times faster on large catalogues.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """Safe loading; an impossible date (2026-02-30) stays text for a clear message."""


def _timestamp_or_text(loader, node):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)

FieldPath = tuple  # of str keys and int list indices


@dataclass
class YamlDocument:
    """The data of one file and where each field path stands in it."""

    path: str
    data: object
    positions: dict[FieldPath, tuple[int, int]]
    # A digest of the file's bytes: the same digest, the same content.
    digest: str = ""

    def position(self, field_path: FieldPath) -> tuple[int | None, int | None]:
        """Line and column (1-based) of a field, or of its nearest parent."""
        while field_path:
            if field_path in self.positions:
                return self.positions[field_path]
            field_path = field_path[:-1]
        return self.positions.get((), (None, None))


# Parsed files by path and content: `mkdocs serve` loads the content after
# every save, and all but the saved file are as they were. Documents are
# never changed after parsing, so one can be handed out again.
_parsed: dict[tuple[str, str, str], tuple[YamlDocument | None, list[Problem]]] = {}
_PARSED_LIMIT = 50_000


def read_yaml(path: Path, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``path``; return the document, or None and the problems found."""
    raw = path.read_bytes()
    digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    key = (str(path), display_path, digest)
    if key not in _parsed:
        if len(_parsed) >= _PARSED_LIMIT:
            _parsed.clear()
        _parsed[key] = _parse(raw, display_path, digest)
    document, problems = _parsed[key]
    return document, list(problems)


def _parse(raw: bytes, display_path: str, digest: str) -> tuple[YamlDocument | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(display_path, 1, 1, "", "bom")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(display_path, line, None, "", "encoding")]

    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            problems.append(Problem(display_path, number, line.index("\t") + 1, "", "tab"))
    if problems:
        return None, problems

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(display_path, None, {(): (1, 1)}, digest), []
        positions: dict[FieldPath, tuple[int, int]] = {}
        _record(node, (), positions, problems, display_path)
        if problems:
            return None, problems
        data = loader.construct_document(node)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        detail = getattr(error, "problem", None) or str(error)
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        return None, [Problem(display_path, line, column, "", "yaml-syntax", {"detail": detail})]
    finally:
        loader.dispose()
    return YamlDocument(display_path, data, positions, digest), []


def _record(node, field_path, positions, problems, display_path) -> None:
    positions[field_path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(
                    Problem(
                        display_path,
                        line,
                        key_node.start_mark.column + 1,
                        format_field_path((*field_path, key)),
                        "duplicate-key",
                        {"key": key, "first_line": seen[key]},
                    )
                )
                continue
            seen[key] = line
            _record(value_node, (*field_path, key), positions, problems, display_path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record(item, (*field_path, index), positions, problems, display_path)


def format_field_path(field_path: FieldPath) -> str:
    """('image', 'alt', 'en') -> 'image.alt.en'; ('themes', 0) -> 'themes[1]'."""
    text = ""
    for part in field_path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text
