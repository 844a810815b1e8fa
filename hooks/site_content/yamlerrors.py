"""YAML syntax errors told the way a partner can act on them.

PyYAML says, in English, where it gave up ("did not find expected key", ten
lines below a Word quote that never closed). This module finds where the
mistake starts and names it: a typographic quote, a missing space after a
colon, a colon inside a text, indentation, an unclosed quote or bracket.
The messages themselves are in ``problems.MESSAGES`` (yaml-…).
"""

from __future__ import annotations

import re

import yaml

from .problems import TRANSLATION_FIELDS, Problem

# YAML's line breaks: the line numbers of its marks count these, not str.splitlines'.
LINE_BREAKS = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
# What YAML 1.1 allows in a file (everything else is refused by its reader).
NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Quotes word processors write instead of the straight ones YAML reads.
TYPOGRAPHIC_QUOTES = "”“„’‘‚«»"
# A field name and its colon at the start of a line (after list dashes).
FIELD_START = re.compile(r"^(?P<indent>\s*(?:-\s+)*)(?P<key>[^\s#:'\"\[\]{},&*!|>%@`-][^:]*?):")
EXAMPLE_LIMIT = 60
# A field's text that starts with a character YAML reads as its own: *fetstil* and
# **fetstil** (an alias), "- " (a list), & (an anchor), ! (a tag), % @ ` (reserved).
TEXT_START = re.compile(r"[ \t]+(?P<value>(?:[*&!%@`]|-[ \t]).*)$")
# \\uD800 or \\U0000D800 in a double-quoted text.
UNICODE_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})")


def source_lines(text: str) -> list[str]:
    return LINE_BREAKS.split(text)


def explain(error: yaml.YAMLError, text: str, display_path: str, loader_class) -> Problem:
    """One Problem, at the line where the mistake starts, for PyYAML's ``error``."""
    lines = source_lines(text)

    def at(line: int, column: int | None, code: str, **params) -> Problem:
        return Problem(display_path, line + 1, None if column is None else column + 1, "", code, params)

    if isinstance(error, yaml.reader.ReaderError):
        match = NOT_PRINTABLE.search(text)
        if match:
            before = source_lines(text[: match.start()])
            return at(
                len(before) - 1, len(before[-1]), "yaml-control-character", character=f"U+{ord(match[0]):04X}"
            )
        return Problem(display_path, None, None, "", "yaml-syntax")

    problem = getattr(error, "problem", None) or ""
    context = getattr(error, "context", None) or ""
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)

    if "invalid Unicode character escape" in problem and problem_mark is not None:
        # "\\uD800": half of a character (a lone surrogate), which no file or feed can hold.
        text_line = lines[problem_mark.line] if problem_mark.line < len(lines) else ""
        for match in UNICODE_ESCAPE.finditer(text_line):
            if match.start() <= problem_mark.column < match.end():
                written = match[0]
                return at(
                    problem_mark.line,
                    match.start(),
                    "text-forbidden-character",
                    written=written,
                    character=f"U+{int(written[2:], 16):04X}",
                )

    quote = _runaway_quote(text, lines, context, problem_mark, context_mark, loader_class)
    if quote:
        line, column, code, params = quote
        return at(line, column, code, **params)

    if problem_mark is None:
        return Problem(display_path, None, None, "", "yaml-syntax")
    for mark in (context_mark, problem_mark):
        start = _text_start(lines, mark)
        if start:
            line, column, params = start
            return at(line, column, "yaml-text-start", **params)
    line, column = problem_mark.line, problem_mark.column
    text_line = lines[line] if line < len(lines) else ""
    character = text_line[column : column + 1]

    if problem == "could not find expected ':'" and context_mark is not None:
        block = _unindented_block(lines, context_mark.line)
        if block:
            return at(context_mark.line, context_mark.column, "yaml-block-indent", **block)
        key_line = lines[context_mark.line] if context_mark.line < len(lines) else ""
        start = FIELD_START.match(key_line)
        if start and start.end() < len(key_line.rstrip()) and not key_line[start.end()].isspace():
            written = key_line[len(start["indent"]) :].rstrip()
            fixed = written.replace(":", ": ", 1)
            return at(
                context_mark.line,
                start.end(),
                "yaml-missing-space",
                text=_shorten(written),
                fixed=_shorten(fixed),
            )
        return at(context_mark.line, context_mark.column, "yaml-missing-colon")

    if problem.startswith("mapping values are not allowed"):
        start = FIELD_START.match(text_line)
        if start and start.end() - 1 < column:
            # A field already began on this line: this colon is inside its text.
            rest = text_line[start.end() :]
            value_column = start.end() + len(rest) - len(rest.lstrip())
            return _colon_in_text(at, line, value_column, start["key"].strip(), rest.strip())
        return at(line, len(text_line) - len(text_line.lstrip()), "yaml-indentation")

    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        if context_mark is not None and context_mark.line < line:
            opening = lines[context_mark.line][context_mark.column : context_mark.column + 1]
            closing = {"[": "]", "{": "}"}.get(opening, "]")
            example = "[skola, arbete]" if closing == "]" else "{sv: Text, en: Text}"
            return at(
                context_mark.line,
                context_mark.column,
                "yaml-unclosed-bracket",
                opening=opening,
                closing=closing,
                example=example,
            )
        if character == ":":
            segment = re.split(r"[\[{,]", text_line[:column])[-1]
            key, _, before = segment.partition(":")
            after = re.split(r"[,\]}]", text_line[column:])[0]
            value_column = column - len(before.lstrip())
            return _colon_in_text(at, line, value_column, key.strip(), (before + after).strip())

    if "expected key" in problem or "expected <block end>" in problem or "expected '-' indicator" in problem:
        left = _translation_at_left(lines, line)
        if left:
            return at(left[0], 0, "translation-at-left", key=left[1])
        return at(line, len(text_line) - len(text_line.lstrip()), "yaml-indentation")

    if "cannot start any token" in problem:
        return at(line, column, "yaml-reserved-start", character=character)

    return at(line, column, "yaml-syntax")


def _runaway_quote(text, lines, context, problem_mark, context_mark, loader_class):
    """A quoted text that ran on past its line: unclosed, or closed with a typographic quote.

    YAML lets quoted text span lines, so the parser fails only where the run
    ends (the next straight quote or the end of the file); the mistake is
    where it began.
    """
    start = None
    if context.startswith("while scanning a quoted scalar") and context_mark is not None:
        start = (context_mark.line, context_mark.column)
    elif problem_mark is not None:
        for token in _tokens(text, loader_class):
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.start_mark.line < token.end_mark.line == problem_mark.line
            ):
                start = (token.start_mark.line, token.start_mark.column)
                break
    if start is None:
        return None
    line, column = start
    text_line = lines[line] if line < len(lines) else ""
    opening = text_line[column : column + 1] or '"'
    rest = text_line[column + 1 :]
    typographic = [index for index, char in enumerate(rest) if char in TYPOGRAPHIC_QUOTES]
    if typographic:
        index = typographic[-1]
        return line, column + 1 + index, "yaml-typographic-quote", {"quote": rest[index], "straight": opening}
    return line, column, "yaml-unclosed-quote", {"quote": opening}


def _tokens(text: str, loader_class) -> list:
    """The tokens before the error (the scanner stops there)."""
    tokens = []
    loader = loader_class(text)
    try:
        while True:
            token = loader.get_token()
            if token is None or isinstance(token, yaml.StreamEndToken):
                break
            tokens.append(token)
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return tokens


def _text_start(lines: list[str], mark) -> tuple[int, int, dict] | None:
    """Where a field's text on the line of ``mark`` starts with a character YAML reads as
    its own, with the field written the right way; None if it does not."""
    if mark is None or mark.line >= len(lines):
        return None
    text_line = lines[mark.line]
    field = FIELD_START.match(text_line)
    value = TEXT_START.match(text_line, field.end()) if field else None
    if value is None:
        return None
    written = value["value"].rstrip()
    quoted = written.replace("\\", "\\\\").replace('"', '\\"')
    example = _shorten(f'{field["key"].strip()}: "{quoted}"')
    start = re.match(r"[*&!%@`-]+", written)[0]
    return mark.line, value.start("value"), {"start": start, "example": example}


# A field whose text follows as a block: "  en: |", "description: >-".
BLOCK_FIELD = re.compile(
    r"^(?P<indent>[ ]*)(?P<key>[A-Za-z_][\w-]*):[ \t]+(?P<indicator>[|>][-+0-9]*)[ \t]*$"
)


def _unindented_block(lines: list[str], number: int) -> dict | None:
    """The field 'key: |' just above line ``number``, when that line (its text) is not
    indented further than the field's name: YAML then takes the text for a field."""
    above = next((lines[n] for n in range(number - 1, -1, -1) if lines[n].strip()), None)
    field = BLOCK_FIELD.match(above) if above is not None else None
    text_line = lines[number] if number < len(lines) else ""
    if field is None or len(text_line) - len(text_line.lstrip(" ")) > len(field["indent"]):
        return None
    return {"key": field["key"], "indicator": field["indicator"], "indent": len(field["indent"]) + 2}


def _translation_at_left(lines: list[str], number: int) -> tuple[int, str] | None:
    """The line and field of an 'en:' (or 'sv:', 'en_from:') at the left edge that the indented
    line ``number`` follows: it belongs, indented, to the text above it."""
    indent = len(lines[number]) - len(lines[number].lstrip(" ")) if number < len(lines) else 0
    for n in range(number - 1, -1, -1):
        candidate = lines[n]
        if not candidate.strip() or candidate.lstrip().startswith("#"):
            continue
        if len(candidate) - len(candidate.lstrip(" ")) < indent:
            field = FIELD_START.match(candidate)
            key = field["key"].strip() if field else ""
            return (n, key) if field and not field["indent"] and key in TRANSLATION_FIELDS else None
    return None


def _colon_in_text(at, line: int, column: int, key: str, value: str) -> Problem:
    if value[:1] in TYPOGRAPHIC_QUOTES:
        return at(line, column, "yaml-typographic-open", quote=value[0])
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    return at(line, column, "yaml-colon-in-text", example=_shorten(f'{key}: "{quoted}"'))


def _shorten(text: str) -> str:
    return text if len(text) <= EXAMPLE_LIMIT else text[: EXAMPLE_LIMIT - 1] + "…"
