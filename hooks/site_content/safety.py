"""Keep executable markup out of content.

Descriptions are Markdown, and Markdown lets raw HTML through. Partners may use
a small, harmless subset; anything that could run code in a visitor's browser
is refused with a message saying what to write instead. These are early,
friendly answers read from the source; the guarantee is the sanitiser of the
rendered HTML (markup.py), which the check runs on every Markdown field too.
"""

from __future__ import annotations

import html
import re

from . import markup
from .problems import IMAGE_INSTEAD

FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "style",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "base",
    "link",
    "meta",
    "svg",
    "math",
    "template",
}
# The sanitiser's allow-list (markup.py): one list for the check and the page.
ALLOWED_TAGS = markup.ALLOWED_TAGS
# A tag name as a browser reads it: up to a space, / or > (<x:y>, <a.b> and <h@x> are tags too).
_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][^\s/>]*)([^>]*)>?")
# An autolink (<https://…>, <mailto:…>) or an e-mail address (<info@example.org>): no
# space inside, so no attribute; not a tag (the link checks below judge its scheme).
_ADDRESS = re.compile(r"<[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"']*>|<[\w.+-]+@[\w-]+(?:\.[\w-]+)+>")
_EVENT_ATTRIBUTE = re.compile(r"(?:^|[\s\"'/])(on[a-z]+)\s*=", re.IGNORECASE)
# {onmouseover=…} after a link or emphasis: attribute lists (not converted in
# descriptions, but a handler there is meant to run).
_ATTRIBUTE_LIST = re.compile(r"\{[^{}\n]*\}")
_LIST_EVENT = re.compile(r"(?:^|[\s{:\"'/])(on[a-z]+)\s*=", re.IGNORECASE)
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\s*[(\[]")
_SCHEMES = r"(?:javascript|vbscript|data)\s*:"
_LINK_TARGETS = [
    re.compile(r"\]\(\s*<?\s*" + _SCHEMES, re.IGNORECASE),  # [text](javascript:…)
    # [ref]: data:… ([ \t], not \s: from every line start \s* would run over all blank lines below)
    re.compile(r"^[ \t]*\[[^\]]+\]:\s*<?\s*" + _SCHEMES, re.IGNORECASE | re.MULTILINE),
    re.compile(r"<\s*" + _SCHEMES, re.IGNORECASE),  # <javascript:…>
    re.compile(
        r"(?:href|src|action|formaction|srcset|xlink:href|poster|background)\s*=\s*[\"']?\s*" + _SCHEMES,
        re.IGNORECASE,
    ),
]

INSTEAD = {
    "sv": "Skriv vanlig text eller Markdown (till exempel [länktext](https://…)).",
    "en": "Write plain text or Markdown (for example [link text](https://…)).",
}


# A comment or declaration ('<!--', '<!x', '<?x'): markup too, in a browser.
_DECLARATION = re.compile(r"<[!?][^\s>]{0,8}")


def html_tag(text: str) -> str | None:
    """The first HTML tag, comment or declaration in a plain-text field (names, summaries,
    alt texts, labels), if any."""
    unescaped = _ADDRESS.sub("", html.unescape(text))
    match = _TAG.search(unescaped)
    if match:
        return f"<{match.group(1).lower()}>"
    declaration = _DECLARATION.search(unescaped)
    return declaration[0] if declaration else None


def unsafe_markup(text: str) -> list[dict]:
    """What in ``text`` is not allowed, each as per-language 'what' and 'instead', and 'near':
    what to look for (case aside) to find its line in the file."""
    # Entities such as &#106;avascript: must not hide a scheme or a tag.
    decoded = html.unescape(text)
    found: list[dict[str, dict[str, str]]] = []
    refused: set[str] = set()
    for match in _TAG.finditer(_ADDRESS.sub("", decoded)):
        tag, attributes = match.group(1).lower(), match.group(2)
        if tag in refused:
            continue  # its closing tag, or the same tag again
        if tag == "img":
            refused.add(tag)
            found.append(_image_finding("<img"))
            continue
        if tag in FORBIDDEN_TAGS or tag not in ALLOWED_TAGS:
            refused.add(tag)
            found.append(
                {
                    "what": {"sv": f"HTML-taggen <{tag}>", "en": f"The HTML tag <{tag}>"},
                    "instead": INSTEAD,
                    "near": f"<{tag}",
                }
            )
            continue
        event = _EVENT_ATTRIBUTE.search(attributes)
        if event:
            found.append(_event_finding(event.group(1).lower()))
    for attribute_list in _ATTRIBUTE_LIST.finditer(decoded):
        event = _LIST_EVENT.search(attribute_list.group(0))
        if event:
            found.append(_event_finding(event.group(1).lower()))
    if "img" not in refused and _MARKDOWN_IMAGE.search(decoded):
        found.append(_image_finding("!["))
    for pattern in _LINK_TARGETS:
        match = pattern.search(decoded)
        if match:
            scheme = re.search(r"(javascript|vbscript|data)", match.group(0), re.IGNORECASE).group(1).lower()
            found.append(
                {
                    "what": {"sv": f"En länk med {scheme}:", "en": f"A link with {scheme}:"},
                    "instead": {
                        "sv": "Länka till en vanlig webbadress som börjar med https://.",
                        "en": "Link to an ordinary web address starting with https://.",
                    },
                    "near": f"{scheme}:",
                }
            )
            break
    return found


def _event_finding(name: str) -> dict:
    return {
        "what": {"sv": f"Attributet {name}= (kör kod)", "en": f"The attribute {name}= (runs code)"},
        "instead": {"sv": "Ta bort attributet.", "en": "Remove the attribute."},
        "near": name,
    }


def _image_finding(near: str) -> dict:
    return {"what": {"sv": "En bild", "en": "An image"}, "instead": IMAGE_INSTEAD, "near": near}
