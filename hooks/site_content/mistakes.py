"""Mistakes a partner makes in the web editor that still leave a valid file.

YAML reads each of them without complaint, so the schema never sees them, and
the page would show or lose something: a field line left behind a '#', a field
line typed inside a text block (indented as far as the text, so published as
part of it), the template's instructions copied into a new file, a Markdown
link with a space between ']' and '(' or to an address without https://, a
person's own e-mail address. Found in the file as written
(``YamlDocument.comments`` and ``.blocks``) and told with the line.
"""

from __future__ import annotations

import re

from .problems import MOVE_LINE, TRANSLATION_FIELDS, Problem
from .yamlsource import FieldPath, YamlDocument, format_field_path

# The first line of every template's header comment (content/*/_mall.yml).
TEMPLATE_HEADER = re.compile(r"^\s*#\s*MALL FÖR\b")
# "# website: https://…" – a field name as the files write it, a colon, a value.
# One space at most after "#": "#   src: …" is an example block of its own, indented on purpose.
_COMMENTED_FIELD = re.compile(r"^\s*# ?([a-z][a-z_]*):[ \t]+(\S.*)$")
_FIELD_LINE = re.compile(r"^(\s*)([a-z][a-z_]*):(?:[ \t]|$)")
# Lines quoted in messages are cut here.
MAX_QUOTED = 80


def _quoted(line: str) -> str:
    line = line.strip()
    return line if len(line) <= MAX_QUOTED else line[: MAX_QUOTED - 1] + "…"


def source_mistakes(
    document: YamlDocument, top_fields: frozenset[str], all_fields: frozenset[str]
) -> list[Problem]:
    """The mistakes above in one file; ``top_fields``/``all_fields``: its schema's field names."""
    found: list[Problem] = []
    header_told = False
    for number, line in document.comments:
        if TEMPLATE_HEADER.match(line):
            if not header_told:
                params = {"line": line.strip().split(".")[0] + "."}
                found.append(_at(document, number, line, (), "template-header", "warning", **params))
                header_told = True
            continue
        match = _COMMENTED_FIELD.match(line)
        if match and match[1] in all_fields and _looks_like_a_value(match[2]):
            params = {"key": match[1], "line": _quoted(line)}
            found.append(_at(document, number, line, (match[1],), "commented-field", "warning", **params))
    for field_path, (first, lines, key_indent) in document.blocks.items():
        for offset, line in enumerate(lines):
            match = _FIELD_LINE.match(line)
            if not match or match[2] not in all_fields:
                continue
            key = match[2]
            sibling = str(field_path[-1]) if field_path else ""
            if key in top_fields and key not in TRANSLATION_FIELDS:
                fix = {lang: text.format(key=key) for lang, text in MOVE_LINE["left"].items()}
            else:
                fix = {
                    lang: text.format(key=key, sibling=sibling, indent=key_indent)
                    for lang, text in MOVE_LINE["sibling"].items()
                }
            serious = key in TRANSLATION_FIELDS or key in top_fields
            code = "field-in-text-block" if serious else "field-like-line-in-text"
            severity = "error" if serious else "warning"
            params = {"key": key, "line": _quoted(line), "fix": fix}
            found.append(_at(document, first + offset, line, field_path, code, severity, **params))
    return found


# A comment's words after "field:" that are a value, not prose ("# website: none yet"):
# an address, an e-mail address, a date, true/false, a list or fields in brackets.
_VALUE = re.compile(r"^(?:[\[{\"']|https?://|www\.|mailto:|\S+@\S+\.\S+|[0-9]{4}-[0-9]{2}|true$|false$)")


def _looks_like_a_value(text: str) -> bool:
    return bool(_VALUE.match(text.strip())) and "…" not in text  # "…": a template's placeholder


def _at(
    document: YamlDocument,
    number: int,
    source: str,
    field_path: FieldPath,
    code: str,
    severity: str,
    **params,
) -> Problem:
    column = len(source) - len(source.lstrip()) + 1
    return Problem(document.path, number, column, format_field_path(field_path), code, params, severity)


# -----------------------------------------------------------------------------
# Markdown links that do not become links
# -----------------------------------------------------------------------------

_LINK_WITH_SPACE = re.compile(r"\[([^\[\]\n]{1,200})\][ \t]+\((\s*(?:https?://|mailto:)[^\s()]{0,500})\)")
# Link syntax left over as text: '](' or '[' … '(https://' with no ']' between.
_BROKEN_LINK = re.compile(
    r"\]\((?:https?://|mailto:)[^\s)]{0,200}|\[[^\[\]\n]{0,200}\((?:https?://|mailto:)[^\s)]{0,200}"
)
_TAG = re.compile(r"<[^>]*>")
_CODE = re.compile(r"<code>.*?</code>", re.DOTALL)


def link_mistakes(text: str, html: str) -> list[tuple[str, dict]]:
    """(code, params) for each link in Markdown ``text`` that its ``html`` shows as text."""
    shown = _TAG.sub("", _CODE.sub("", html))
    found: list[tuple[str, dict]] = []
    for match in _LINK_WITH_SPACE.finditer(text):
        if match[0] in _unescaped(shown):
            params = {"snippet": _quoted(match[0]), "text": match[1].strip(), "url": match[2].strip()}
            found.append(("markdown-link-space", params))
    if found:
        return found
    for match in _BROKEN_LINK.finditer(_unescaped(shown)):
        found.append(("markdown-link-broken", {"snippet": _quoted(match[0])}))
        break  # one is enough: the partner rewrites the link
    return found


# A link's address that is plainly a web or e-mail address with its beginning left out:
# 'www.radrum.se/om', 'radrum.se', 'info@radrum.se'. A page reads it as a file beside
# itself, which does not exist. (A path such as '../../evenemang/' is a link within
# the site, on purpose, and 'rapport.pdf' a file name, not a host.)
_WHOLE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|#)", re.IGNORECASE)
_EMAIL_LIKE = re.compile(r"^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$")
_HOST_LIKE = re.compile(r"^(?://)?(?:[^\s/:@.]+\.)+(?P<tld>[a-z]{2,})(?:[/?#]\S*)?$", re.IGNORECASE)
_FILE_EXTENSIONS = frozenset(
    {
        *("html", "htm", "php", "asp", "aspx", "md", "txt", "pdf", "doc", "docx", "odt", "xls", "xlsx"),
        *("ods", "ppt", "pptx", "csv", "json", "xml", "ics", "zip", "jpg", "jpeg", "png", "gif", "svg"),
        *("webp", "avif", "mp3", "mp4", "webm"),
    }
)


def address_mistakes(targets: list[str]) -> list[tuple[str, dict]]:
    """(code, params) for each link address in ``targets`` that is a web or e-mail address
    without its https:// or mailto:, each once. The sanitiser keeps such a link (it is no
    danger), so without this the page would publish a link that leads nowhere."""
    found: dict[str, tuple[str, dict]] = {}
    for target in targets:
        value = target.strip()
        if not value or value in found or _WHOLE.match(value):
            continue
        if _EMAIL_LIKE.match(value):
            found[value] = ("link-email-without-mailto", {"value": value, "suggestion": f"mailto:{value}"})
            continue
        host = _HOST_LIKE.match(value)
        if host and (value.lower().startswith(("www.", "//")) or host["tld"].lower() not in _FILE_EXTENSIONS):
            suggestion = "https://" + value.lstrip("/")
            found[value] = ("link-without-https", {"value": value, "suggestion": suggestion})
    return list(found.values())


# Where people keep their own mail: an address there is a person's, not an organisation's.
PERSONAL_MAIL_HOSTS = frozenset(
    {
        *("gmail.com", "googlemail.com", "hotmail.com", "hotmail.se", "outlook.com", "outlook.se"),
        *("live.com", "live.se", "msn.com", "yahoo.com", "yahoo.se", "icloud.com", "me.com"),
        *("telia.com", "spray.se", "bredband.net", "protonmail.com", "proton.me"),
    }
)
# firstname.lastname@…, unless one part names a role (kontakt.skane@…, info-malmo@…).
NAME_LIKE = re.compile(r"^(?P<first>[^\W\d_]{2,})[._-](?P<last>[^\W\d_]{2,})$")
ROLE_WORDS = frozenset(
    {"info", "kontakt", "contact", "post", "mail", "office", "kansli", "kontor", "admin", "hej", "hello"}
    | {"press", "styrelse", "ordforande", "ordf", "support", "service", "reception", "ekonomi", "projekt"}
)


def personal_email(address: str) -> bool:
    """True for an address of a personal mail service or written firstname.lastname."""
    local, _, host = address.strip().lower().rpartition("@")
    if host in PERSONAL_MAIL_HOSTS:
        return True
    name = NAME_LIKE.match(local)
    return bool(name) and not {name["first"], name["last"]} & ROLE_WORDS


def _unescaped(html_text: str) -> str:
    return html_text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')


def line_of(
    document: YamlDocument, field_path: FieldPath, snippet: str, fold: bool = False
) -> tuple[int, int] | None:
    """The file's line and column of ``snippet`` in the block text at ``field_path``, if it is
    one; ``fold``: letters' case aside."""
    block = document.blocks.get(field_path)
    if not block:
        return None
    first, lines, _indent = block
    head = snippet[:20].casefold() if fold else snippet[:20]
    for offset, line in enumerate(lines):
        seen = line.casefold() if fold and len(line.casefold()) == len(line) else line
        if head in seen:
            return first + offset, seen.index(head) + 1
    return None
