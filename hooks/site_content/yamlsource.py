"""Read one YAML file with the line and column of every value.

PyYAML keeps the last of two equal keys without a word and loses positions;
partners need both reported. We compose the node tree once, record where each
value stands, and construct the data from the same tree.

Anyone can propose a content file, so the tree is composed here, event by
event, and the file refused when it is larger, deeper or richer than content
ever needs: anchors, aliases, merge keys ('<<:') and tags ('!!python/object',
'!foo') never become nodes, and a 'billion laughs' or a list ten thousand
levels deep costs a few events, not minutes or a RecursionError.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import characters
from .problems import Problem
from .yamlerrors import explain, source_lines

# The C loader is about twenty times faster on large catalogues.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A content file is a few kilobytes (the largest, municipalities.yml, about 3);
# MAINTAINING.md and BIDRA.md name this limit.
MAX_BYTES = 256 * 1024
# Collections inside collections. The deepest field any schema has is three
# (image.alt.sv in an initiative, key.label.sv in a vocabulary).
MAX_DEPTH = 10
# Values (texts, numbers, lists, mappings) in one file. The largest file,
# municipalities.yml, has about 300; each value costs the check a little.
MAX_VALUES = 5000
# Characters in one number. A year has four, an SCB code four; Python refuses to
# convert more than 4300 digits (a ValueError), and converting is quadratic before that.
MAX_NUMBER_LENGTH = 20


class ContentLoader(_BaseLoader):
    """Safe loading with YAML 1.2's core schema; an impossible date (2026-02-30) stays
    text for a clear message.

    PyYAML resolves plain values by YAML 1.1, where 16:30 is the number 990 (base
    60), no/on/yes/off are booleans and 010 is octal 8: a partner who wrote a time
    or the word "no" would be told about a value never written. Here only YAML
    1.2's forms are numbers, booleans and null; dates (2026-11-20) stay dates, as
    every content file's added: relies on them.
    """


_CORE_RESOLVERS = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
    (
        "tag:yaml.org,2002:timestamp",
        r"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
        r"|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
        r"(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?"
        r"(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$",
        "0123456789",
    ),
    # Recognised only to be refused ('yaml-merge-key'), never merged.
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", "<"),
]
ContentLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in _CORE_RESOLVERS:
    ContentLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def core_int(loader, node) -> int:
    """An integer as YAML 1.2 reads it: 010 is ten, 0o10 eight, 0x10 sixteen."""
    value = loader.construct_scalar(node)
    sign = -1 if value.startswith("-") else 1
    digits = value.lstrip("+-")
    if digits.startswith("0o"):
        return sign * int(digits[2:], 8)
    if digits.startswith("0x"):
        return sign * int(digits[2:], 16)
    return sign * int(digits, 10)


def timestamp_or_text(loader, node):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


ContentLoader.add_constructor("tag:yaml.org,2002:int", core_int)
ContentLoader.add_constructor("tag:yaml.org,2002:timestamp", timestamp_or_text)

FieldPath = tuple  # of str keys and int list indices


@dataclass
class YamlDocument:
    """The data of one file and where each field path stands in it."""

    path: str
    data: object
    positions: dict[FieldPath, tuple[int, int]]
    # A digest of the file's bytes: the same digest, the same content.
    digest: str = ""
    # The mappings written in braces, {sv: …, en: …}, rather than one key a line.
    flow: frozenset[FieldPath] = frozenset()
    # What the file has where YAML made a number, true/false, a date or nothing of
    # it (010, 1e3, ~): messages quote the partner's words, not the parser's value.
    written: dict[FieldPath, str] = field(default_factory=dict)
    # Each text written as a block (after | or >): its first line's number, its lines as
    # the file has them and the indentation of its field's name ('  en: |': 2); and every
    # comment line outside them, (number, line). What a partner typed in the wrong
    # place is found there (mistakes.py).
    blocks: dict[FieldPath, tuple[int, tuple[str, ...], int]] = field(default_factory=dict)
    comments: tuple[tuple[int, str], ...] = ()

    def as_written(self, field_path: FieldPath, value: object) -> object:
        """``value`` as the file writes it, when it is not text."""
        if isinstance(value, str) or field_path not in self.written:
            return value
        return self.written[field_path]

    def position(self, field_path: FieldPath) -> tuple[int | None, int | None]:
        """Line and column (1-based) of a field, or of its nearest parent."""
        while field_path:
            if field_path in self.positions:
                return self.positions[field_path]
            field_path = field_path[:-1]
        return self.positions.get((), (None, None))


def read_source(path: Path, display_path: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or None and the problem that refuses it before parsing."""
    status = os.lstat(path)  # one call for both questions: every file is read on every load
    if stat.S_ISLNK(status.st_mode):  # never followed: a pull request's link may point anywhere
        return None, [Problem(display_path, None, None, "", "file-symlink", {"value": display_path})]
    size = status.st_size
    if size > MAX_BYTES:  # told before the file is read at all
        return None, [too_large(display_path, size)]
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:  # grown since
        return None, [too_large(display_path, len(raw))]
    return raw, []


def read_yaml(
    path: Path, display_path: str, source: tuple[bytes | None, list[Problem]] | None = None
) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``path``; return the document, or None and the problems found.

    ``source``: what ``read_source`` gave for the file, when the caller has read it already
    (the content cache reads a file once, for its digest and its parse).
    """
    raw, problems = source if source is not None else read_source(path, display_path)
    if raw is None:
        return None, list(problems)
    return parse(raw, display_path, hashlib.blake2b(raw, digest_size=16).hexdigest())


def too_large(display_path: str, size: int) -> Problem:
    kilobytes = -(-size // 1024)  # rounded up: 256 kB and one byte is 257
    params = {"size": kilobytes, "limit": MAX_BYTES // 1024}
    return Problem(display_path, None, None, "", "yaml-too-large", params)


def parse(raw: bytes, display_path: str, digest: str) -> tuple[YamlDocument | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(display_path, 1, 1, "", "bom")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(display_path, line, None, "", "encoding")]

    problems: list[Problem] = []
    for number, line in enumerate(source_lines(text), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            problems.append(Problem(display_path, number, line.index("\t") + 1, "", "tab"))
    if problems:
        return None, problems

    loader = None
    try:
        loader = ContentLoader(text)  # PyYAML's Python reader refuses control characters here
        node, refused = _compose(loader, text, display_path)
        if refused:
            return None, refused
        if node is None:
            return YamlDocument(display_path, None, {(): (1, 1)}, digest), []
        positions, flow, written = record_positions(node, problems, display_path, text)
        if problems:
            return None, problems
        data = loader.construct_document(node)
        blocks, comments = _blocks_and_comments(node, text)
    except yaml.YAMLError as error:
        return None, [explain(error, text, display_path, ContentLoader)]
    finally:
        if loader is not None:
            loader.dispose()
    document = YamlDocument(display_path, data, positions, digest, frozenset(flow), written, blocks, comments)
    return document, []


def _blocks_and_comments(root, text: str):
    """The texts written as blocks (| or >) by field path, and the comment lines outside them."""
    lines = source_lines(text)
    blocks: dict[FieldPath, tuple[int, tuple[str, ...], int]] = {}
    inside: set[int] = set()
    stack = [(root, ())]
    while stack:
        node, field_path = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend((value, (*field_path, key.value)) for key, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*field_path, index)) for index, item in enumerate(node.value))
        elif node.style in ("|", ">"):
            first = node.start_mark.line + 1  # 0-based: the line after the indicator
            end = node.end_mark.line + (1 if node.end_mark.column else 0)
            indicator = lines[node.start_mark.line] if node.start_mark.line < len(lines) else ""
            key_indent = len(indicator) - len(indicator.lstrip(" "))
            blocks[field_path] = (first + 1, tuple(lines[first:end]), key_indent)
            inside.update(range(first, end))
    comments = tuple(
        (number + 1, line)
        for number, line in enumerate(lines)
        if number not in inside and line.lstrip().startswith("#")
    )
    return blocks, comments


# -----------------------------------------------------------------------------
# Composing the node tree from events, refusing what content never needs
# -----------------------------------------------------------------------------


def _compose(loader, text: str, display_path: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The document's node tree, or the problems that refuse it (one per kind, at its first place).

    Built here from the parser's events, without recursion, instead of by
    PyYAML's composer: every event is checked before it becomes a node, an
    alias is never expanded, and reading stops at the first collection too
    deep or the value one too many. Raises YAMLError on bad syntax.
    """
    found: dict[str, Problem] = {}

    def refuse(code: str, where, field: str = "", **params) -> None:
        found.setdefault(code, Problem(display_path, where.line + 1, where.column + 1, field, code, params))

    root = None
    # Per open collection: [node, is a mapping, children seen, the key awaiting its value,
    # its field path]. In a mapping the even-numbered children are keys.
    open_collections: list[list] = []
    documents = values = 0
    while True:
        event = loader.get_event()
        if isinstance(event, yaml.StreamEndEvent):
            break
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                refuse("yaml-several-documents", event.start_mark)
                break
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            open_collections.pop()[0].end_mark = event.end_mark
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        values += 1
        if values > MAX_VALUES:
            refuse("yaml-too-many-values", event.start_mark, limit=MAX_VALUES)
            break
        parent = open_collections[-1] if open_collections else None
        is_key = parent is not None and parent[1] and parent[2] % 2 == 0
        if isinstance(event, yaml.AliasEvent):
            refuse("yaml-anchor", event.start_mark, mark=f"*{event.anchor}")
        else:
            if event.anchor is not None:
                refuse("yaml-anchor", event.start_mark, mark=f"&{event.anchor}")
            if event.tag is not None:
                refuse("yaml-tag", event.start_mark, tag=_tag_as_written(text, event))
            if is_key and isinstance(event, yaml.ScalarEvent) and event.value == "<<" and event.implicit[0]:
                refuse("yaml-merge-key", event.start_mark)
            if is_key and isinstance(event, yaml.CollectionStartEvent):
                refuse("yaml-complex-key", event.start_mark)
        node = _node(loader, event)
        field_path = _child_path(parent, is_key)
        if node.tag == _INT_TAG and len(event.value) > MAX_NUMBER_LENGTH:  # refused before int() sees it
            field, length = format_field_path(field_path), len(event.value)
            refuse("yaml-number-too-long", event.start_mark, field, length=length, limit=MAX_NUMBER_LENGTH)
        if parent is None:
            root = node
        elif not parent[1]:
            parent[0].value.append(node)
        elif is_key:
            parent[3] = node
        else:
            parent[0].value.append((parent[3], node))
        if parent is not None:
            parent[2] += 1
        if isinstance(event, yaml.CollectionStartEvent):
            open_collections.append([node, isinstance(event, yaml.MappingStartEvent), 0, None, field_path])
            if len(open_collections) > MAX_DEPTH:
                refuse("yaml-too-deep", event.start_mark, limit=MAX_DEPTH)
                break
    return root, sorted(found.values(), key=lambda p: (p.line, p.column))


_INT_TAG = "tag:yaml.org,2002:int"
_STR_TAG = "tag:yaml.org,2002:str"


def _child_path(parent: list | None, is_key: bool) -> FieldPath:
    """The field path of the node about to be added to ``parent`` (a key: its mapping's)."""
    if parent is None:
        return ()
    if not parent[1]:
        return (*parent[4], parent[2])
    if is_key or not isinstance(parent[3], yaml.ScalarNode):
        return parent[4]
    return (*parent[4], parent[3].value)


def _node(loader, event) -> yaml.Node:
    """The node PyYAML's composer would make of ``event`` (an alias: a placeholder, refused anyway)."""
    if isinstance(event, yaml.ScalarEvent):
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        return yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
    if isinstance(event, yaml.SequenceStartEvent):
        tag = loader.resolve(yaml.SequenceNode, None, True)
        return yaml.SequenceNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
    if isinstance(event, yaml.MappingStartEvent):
        tag = loader.resolve(yaml.MappingNode, None, True)
        return yaml.MappingNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
    return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)


def _tag_as_written(text: str, event) -> str:
    """'!!python/object:os.system' as the file has it, not as PyYAML resolves it."""
    lines = source_lines(text)
    line = lines[event.start_mark.line] if event.start_mark.line < len(lines) else ""
    written = line[event.start_mark.column :].split(maxsplit=1)
    tag = written[0] if written and written[0].startswith("!") else event.tag
    return tag if len(tag) <= 40 else tag[:39] + "…"


# -----------------------------------------------------------------------------
# Positions
# -----------------------------------------------------------------------------


def record_positions(
    root, problems, display_path, text: str = ""
) -> tuple[dict[FieldPath, tuple[int, int]], set[FieldPath], dict[FieldPath, str]]:
    """Where each field path starts, which mappings are in braces and what the file
    writes where a value is not text; duplicate keys and texts with forbidden
    characters recorded as problems. Iterative."""
    positions: dict[FieldPath, tuple[int, int]] = {}
    flow: set[FieldPath] = set()
    written: dict[FieldPath, str] = {}
    stack = [(root, ())]
    while stack:
        node, field_path = stack.pop()
        positions[field_path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        children = []
        if isinstance(node, yaml.ScalarNode) and characters.first_forbidden(node.value):
            problems.append(_forbidden_character(node, field_path, text, display_path))
        if isinstance(node, yaml.ScalarNode) and node.tag != _STR_TAG:
            written[field_path] = node.value
        if isinstance(node, yaml.MappingNode):
            if node.flow_style:
                flow.add(field_path)
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = key_node.value
                if characters.first_forbidden(key):
                    problems.append(_forbidden_character(key_node, field_path, text, display_path))
                    continue
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
                children.append((value_node, (*field_path, key)))
        elif isinstance(node, yaml.SequenceNode):
            children = [(item, (*field_path, index)) for index, item in enumerate(node.value)]
        stack.extend(reversed(children))  # in file order, as the recursion was
    return positions, flow, written


# A YAML escape in a double-quoted text: \\x01, \\u0001, \\U00000001 or one letter (\\0, \\v …).
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)


def _forbidden_character(node, field_path: FieldPath, text: str, display_path: str) -> Problem:
    """A text holding a character no feed or calendar can carry (``characters``), placed at
    the escape that wrote it ("\\x01"): YAML's reader refuses the character itself."""
    character = characters.first_forbidden(node.value)[0]
    written = characters.yaml_escape(character)
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    start, end = node.start_mark.index, node.end_mark.index
    for match in _ESCAPE.finditer(text, start, end):
        if _decoded(match[0]) == character:
            before = source_lines(text[: match.start()])
            written, line, column = match[0], len(before), len(before[-1]) + 1
            break
    params = {"written": written, "character": characters.describe(character)}
    field = format_field_path(field_path)
    return Problem(display_path, line, column, field, "text-forbidden-character", params)


def _decoded(escape: str) -> str | None:
    """The character a YAML escape stands for, as PyYAML reads it."""
    if escape[1] in "xuU":
        point = int(escape[2:], 16)
        return chr(point) if point <= 0x10FFFF else None
    return yaml.scanner.Scanner.ESCAPE_REPLACEMENTS.get(escape[1])


def format_field_path(field_path: FieldPath) -> str:
    """('image', 'alt', 'en') -> 'image.alt.en'; ('themes', 0) -> 'themes[1]'."""
    text = ""
    for part in field_path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text
