"""The suggestion pages (``/tipsa/`` and ``/en/suggest/``): what ``overrides/suggest.html`` shows.

The page's text stays in ``docs/tipsa.md`` and ``docs/en/suggest.md``; this
hook hands the template the address tips go to (``extra.suggest_email`` in
``mkdocs.yml``, empty until the organisation sets one), the municipalities to
choose from, the plain ``mailto:`` link for visitors without JavaScript and
the GitHub issue form. The site itself receives nothing: the visitor's own
mail program sends the message (``overrides/assets/javascripts/suggest.js``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

import page_inputs
from site_build import SiteBuild, page_language

TEMPLATE = "suggest.html"
# The term for work in the whole region, offered first when the vocabulary has it.
ALL_OF_SKANE = "hela-skane"
# The issue form for the same tip, in .github/ISSUE_TEMPLATE/.
ISSUE_FORM = "tipsa-om-ett-initiativ.yml"
# The questions, in the order of the form and of the e-mail (keys of i18n/).
# One address, no name or list: what every mail program takes after "mailto:".
_ADDRESS = re.compile(r"[^@\s<>,;:\"()\[\]]+@[^@\s<>,;:\"()\[\]]+\.[^@\s<>,;:\"()\[\]]+")
QUESTIONS = (
    "suggest_name",
    "suggest_municipality",
    "suggest_challenge",
    "suggest_new",
    "suggest_use",
    "suggest_website",
)


# -----------------------------------------------------------------------------
# What the template gets
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggest:
    email: str
    # (key, label) in the page's language: the whole region first, then A–Ö.
    municipalities: list[tuple[str, str]] = field(default_factory=list)
    # The plain link: subject and the questions as empty headings ('' without an address).
    mailto: str = ""
    # The questions in the page's language, for writing without the form or the link.
    questions: list[str] = field(default_factory=list)
    # Where to send a tip without an address: the partners, each to its own site.
    partners: list = field(default_factory=list)
    issue_url: str = ""


def mailto(email: str, subject: str, body: str) -> str:
    """A ``mailto:`` URL (RFC 6068): every character but unreserved ones encoded,
    line breaks as CRLF, so that mail programs keep the body's lines."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{quote(email, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def heading(label: str) -> str:
    """A question as a heading in the e-mail: a colon unless it asks already."""
    return label if label.endswith("?") else f"{label}:"


def template_body(t) -> str:
    """The body of the plain link: a greeting and each question, to answer below it
    (the same headings as suggest.js writes above the answers)."""
    parts = [t["suggest_mail_greeting"], *(f"{heading(t[key])}\n" for key in QUESTIONS)]
    parts.append(f"{heading(t['suggest_from'])}\n")
    return "\n\n".join(parts) + "\n"


def municipality_options(build: SiteBuild, lang: str) -> list[tuple[str, str]]:
    content = build.content
    if not content or "municipalities" not in content.vocabularies:
        return []
    terms = content.sorted_terms("municipalities", lang)
    terms.sort(key=lambda term: term.key != ALL_OF_SKANE)  # stable: the rest stay A–Ö
    return [(term.key, term.label.get(lang)) for term in terms]


# -----------------------------------------------------------------------------
# The address, checked once
# -----------------------------------------------------------------------------


def suggest_email(config: MkDocsConfig) -> str:
    """The configured address for tips, or '' while the organisation has set none."""
    return str(config.extra.get("suggest_email") or "").strip()


def check_email(config: MkDocsConfig) -> None:
    email = suggest_email(config)
    if email and not _ADDRESS.fullmatch(email):
        raise PluginError(
            f"extra.suggest_email (SIS_SUGGEST_EMAIL) är '{email}', inte en e-postadress. "
            "Skriv en enda adress, till exempel tips@exempel.se, eller lämna fältet tomt.\n"
            f"extra.suggest_email (SIS_SUGGEST_EMAIL) is '{email}', not an e-mail address. "
            "Give a single address, such as tips@example.org, or leave it empty."
        )


# -----------------------------------------------------------------------------
# Page context
# -----------------------------------------------------------------------------


@page_inputs.declare("template", TEMPLATE)
def shown(content, lang: str, digests) -> list:
    """What the suggestion page shows of the content (the preview's comparison)."""
    return [
        [digests.term(t) for t in content.sorted_terms("municipalities", lang)],
        [digests.partner_reach(p) for p in content.sorted_partners(lang)],
    ]


def suggest_context(build: SiteBuild, context: dict, page: Page, config: MkDocsConfig) -> None:
    if page.meta.get("template") != TEMPLATE:
        return
    lang = page_language(page)
    t = build.strings[lang]
    email = suggest_email(config)
    repo_url = build.repo_url
    context["suggest"] = Suggest(
        email=email,
        municipalities=municipality_options(build, lang),
        # Never a mailto: without a recipient: without an address the page offers the text to copy.
        mailto=mailto(email, t["suggest_subject"], template_body(t)) if email else "",
        issue_url=f"{repo_url}/issues/new?template={ISSUE_FORM}" if repo_url else "",
        questions=[t[key] for key in QUESTIONS],
        partners=build.content.sorted_partners(lang) if build.content and not email else [],
    )
