"""The baseline: plain MkDocs, the same theme and configuration, no hooks.

It builds the pages our hooks generate as ready-made Markdown files at the
same paths, with the same texts, links and lists (cards become Markdown list
items, excluded from search as ours are), so that the two builds differ only
in how the pages come to be.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import yaml

# The folders the baseline keeps from the repository; hooks/ is left out.
INPUTS = ("mkdocs.yml", "docs", "content", "i18n")

# Our main.html and partials read the hooks' per-page context ("sis"), which
# plain MkDocs lacks: the baseline gets Material's templates, our stylesheet
# and script, and the EU bar and footer as fixed HTML of the same size.
_MAIN = """{% extends "base.html" %}
{% block styles %}
  {{ super() }}
  <link rel="stylesheet" href="{{ 'assets/stylesheets/sis.css' | url }}">
{% endblock %}
{% block announce %}
<div class="sis-eu" lang="sv">
  <img class="sis-eu__emblem" src="{{ 'assets/images/eu-emblem.svg' | url }}" alt="EU:s flagga"
       width="60" height="40">
  <p class="sis-eu__text"><span class="sis-eu__union">Europeiska unionen</span>
  <span class="sis-eu__fund">Europeiska regionala utvecklingsfonden</span></p>
</div>
{% endblock %}
{% block scripts %}
  {{ super() }}
  {% if page and page.meta and page.meta.view == "catalogue" %}
    <script src="{{ 'assets/javascripts/catalogue.js' | url }}" defer></script>
  {% endif %}
{% endblock %}
"""
_COPYRIGHT = """<div class="md-copyright sis-footer">
  <p class="sis-footer__funding">Projektet finansieras av Europeiska unionen genom Europeiska
  regionala utvecklingsfonden.</p>
  <nav aria-label="Om webbplatsen"><ul class="sis-footer__links">
    <li><a href="{{ 'kontakt/' | url }}">Kontakt</a></li>
    <li><a href="{{ 'tillganglighet/' | url }}">Tillgänglighet</a></li>
    <li><a href="{{ 'integritet/' | url }}">Integritet</a></li>
    <li><a href="{{ config.repo_url }}">Källkod och innehåll</a></li>
  </ul></nav>
</div>
"""

_SECTIONS = {
    "sv": {
        "initiatives": "initiativ",
        "partners": "samverkansparter",
        "themes": "tema",
        "municipalities": "kommun",
    },
    "en": {
        "initiatives": "en/initiatives",
        "partners": "en/partners",
        "themes": "theme",
        "municipalities": "municipality",
    },
}
_WORDS = {
    "sv": {"facts": "Fakta om initiativet", "related": "Liknande initiativ", "themes": "Teman",
           "municipalities": "Kommuner", "stage": "Fas", "organisation": "Organisation",
           "started": "Startår", "partners": "Samverkansparter", "website": "Webbplats",
           "contact": "Kontakt", "added": "Publicerad", "updated": "Uppdaterad",
           "term_themes": "Tema", "term_municipalities": "Kommun", "back": "Alla initiativ"},
    "en": {"facts": "About the initiative", "related": "Similar initiatives", "themes": "Themes",
           "municipalities": "Municipalities", "stage": "Stage", "organisation": "Organisation",
           "started": "Started", "partners": "Partners", "website": "Website",
           "contact": "Contact", "added": "Published", "updated": "Updated",
           "term_themes": "Theme", "term_municipalities": "Municipality", "back": "All initiatives"},
}  # fmt: skip


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class _Site:
    """The catalogue's data and where each of its pages lives."""

    def __init__(self, root: Path, catalogue: list[tuple[str, dict]]):
        vocabulary = root / "content" / "vocabulary"
        self.vocabularies = {
            "themes": _load(vocabulary / "themes.yml"),
            "municipalities": _load(vocabulary / "municipalities.yml"),
            "stages": _load(vocabulary / "stages.yml"),
            "organisation_types": _load(vocabulary / "organisation-types.yml"),
        }
        self.partners = {p.stem: _load(p) for p in sorted((root / "content" / "partners").glob("*.yml"))}
        self.initiatives = dict(catalogue)

    def label(self, vocabulary: str, key: str, lang: str) -> str:
        return self.vocabularies[vocabulary][key]["label"][lang]

    def term_slug(self, vocabulary: str, key: str, lang: str) -> str:
        return (self.vocabularies[vocabulary][key].get("slug") or {}).get(lang, key)

    def initiative_src(self, lang: str, slug: str) -> str:
        return f"{_SECTIONS[lang]['initiatives']}/{slug}.md"

    def partner_src(self, lang: str, slug: str) -> str:
        return f"{_SECTIONS[lang]['partners']}/{slug}.md"

    def term_src(self, lang: str, vocabulary: str, key: str) -> str:
        section = _SECTIONS[lang]
        return f"{section['initiatives']}/{section[vocabulary]}/{self.term_slug(vocabulary, key, lang)}.md"

    def members(self, vocabulary: str, key: str) -> list[str]:
        return [slug for slug, data in self.initiatives.items() if key in data[vocabulary]]

    def sorted(self, slugs, lang: str) -> list[str]:
        return sorted(slugs, key=lambda slug: self.initiatives[slug]["name"][lang].casefold())


def _link(text: str, source: str, target: str) -> str:
    return f"[{text}]({posixpath.relpath(target, posixpath.dirname(source) or '.')})"


def _cards(site: _Site, slugs: list[str], lang: str, source: str) -> str:
    """Initiatives as a list of cards: name, summary, themes and places."""
    items = []
    for slug in slugs:
        data = site.initiatives[slug]
        tags = ", ".join(site.label("themes", key, lang) for key in data["themes"])
        places = ", ".join(site.label("municipalities", key, lang) for key in data["municipalities"])
        items.append(
            f"- **{_link(data['name'][lang], source, site.initiative_src(lang, slug))}**\n\n"
            f"    {data['summary'][lang]}\n\n"
            f"    *{tags}* · {places}\n"
        )
    return '<div class="sis-cards" data-search-exclude markdown>\n\n' + "\n".join(items) + "\n</div>\n"


def _initiative_page(site: _Site, slug: str, lang: str, related: list[str]) -> str:
    data = site.initiatives[slug]
    words = _WORDS[lang]
    source = site.initiative_src(lang, slug)
    lines = [f"# {data['name'][lang]}", "", data["summary"][lang] + "\n{ .sis-lead }", ""]
    if data.get("image"):
        image = posixpath.relpath(data["image"]["src"], posixpath.dirname(source))
        lines += [f"![{data['image']['alt'][lang]}]({image})", ""]
    lines += [data["description"][lang], "", f"## {words['facts']}", ""]
    for vocabulary in ("themes", "municipalities"):
        links = ", ".join(
            _link(site.label(vocabulary, key, lang), source, site.term_src(lang, vocabulary, key))
            for key in data[vocabulary]
        )
        lines.append(f"- **{words[vocabulary]}:** {links}")
    organisation = data["organisation"]
    lines += [
        f"- **{words['stage']}:** {site.label('stages', data['stage'], lang)}",
        f"- **{words['organisation']}:** {organisation['name']} "
        f"({site.label('organisation_types', organisation['type'], lang)})",
        f"- **{words['started']}:** {data['started']}",
    ]
    if data.get("partners"):
        links = ", ".join(
            _link(site.partners[key]["name"][lang], source, site.partner_src(lang, key))
            for key in data["partners"]
        )
        lines.append(f"- **{words['partners']}:** {links}")
    lines += [
        f"- **{words['website']}:** <{data['website']}>",
        f"- **{words['contact']}:** <{data['contact']}>",
        f"- **{words['added']}:** {data['added']}",
    ]
    if data.get("updated"):
        lines.append(f"- **{words['updated']}:** {data['updated']}")
    lines += ["", f"## {words['related']}", "", _cards(site, related, lang, source)]
    return "\n".join(lines)


def _related(site: _Site) -> dict[str, list[str]]:
    """Three initiatives sharing most themes, as the content model picks them."""
    by_theme: dict[str, list[str]] = {}
    for slug, data in site.initiatives.items():
        for theme in data["themes"]:
            by_theme.setdefault(theme, []).append(slug)
    related = {}
    for slug, data in site.initiatives.items():
        shared: dict[str, int] = {}
        for theme in data["themes"]:
            for other in by_theme[theme]:
                if other != slug:
                    shared[other] = shared.get(other, 0) + 1
        related[slug] = [other for other, _ in sorted(shared.items(), key=lambda p: (-p[1], p[0]))[:3]]
    return related


def write_pages(site: _Site, docs: Path) -> None:
    """Every page the hooks generate, as Markdown at the same path."""

    def write(src: str, text: str) -> None:
        path = docs / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    related = _related(site)
    for lang in ("sv", "en"):
        for slug in site.initiatives:
            write(site.initiative_src(lang, slug), _initiative_page(site, slug, lang, related[slug]))
        for vocabulary in ("themes", "municipalities"):
            for key in site.vocabularies[vocabulary]:
                members = site.members(vocabulary, key)
                if not members:
                    continue
                source = site.term_src(lang, vocabulary, key)
                title = f"{_WORDS[lang]['term_' + vocabulary]}: {site.label(vocabulary, key, lang)}"
                back = _link(_WORDS[lang]["back"], source, f"{_SECTIONS[lang]['initiatives']}/index.md")
                write(
                    source,
                    f"# {title}\n\n{len(members)} · {back}\n\n"
                    + _cards(site, site.sorted(members, lang), lang, source),
                )
        for key, partner in site.partners.items():
            source = site.partner_src(lang, key)
            members = [slug for slug, data in site.initiatives.items() if key in (data.get("partners") or [])]
            write(
                source,
                f"# {partner['name'][lang]}\n\n{partner['description'][lang]}\n\n"
                f"## {_WORDS[lang]['partners']}\n\n" + _cards(site, site.sorted(members, lang), lang, source),
            )
        # The catalogue: its own text, every initiative, then the term lists.
        source = f"{_SECTIONS[lang]['initiatives']}/index.md"
        own = (docs / source).read_text(encoding="utf-8")
        browse = []
        for vocabulary in ("themes", "municipalities"):
            browse.append(f"## {_WORDS[lang][vocabulary]}\n")
            for key in site.vocabularies[vocabulary]:
                count = len(site.members(vocabulary, key))
                if count:
                    label = site.label(vocabulary, key, lang)
                    browse.append(f"- {_link(label, source, site.term_src(lang, vocabulary, key))} ({count})")
            browse.append("")
        cards = _cards(site, site.sorted(site.initiatives, lang), lang, source)
        write(source, own + "\n\n" + cards + "\n" + "\n".join(browse))
        # The translation status: one row per entry.
        rows = ["| | | |", "| --- | --- | --- |"]
        for key, partner in site.partners.items():
            rows.append(f"| {partner['name']['sv']} | `content/partners/{key}.yml` | ✓ |")
        for slug in site.sorted(site.initiatives, "sv"):
            rows.append(f"| {site.initiatives[slug]['name']['sv']} | `content/initiatives/{slug}.yml` | ✓ |")
        for name, terms in site.vocabularies.items():
            rows.extend(
                f"| {term['label']['sv']} | `content/vocabulary/{name}.yml` | ✓ |" for term in terms.values()
            )
        title = "Översättningsstatus" if lang == "sv" else "Translation status"
        target = "oversattningsstatus.md" if lang == "sv" else "en/translation-status.md"
        write(target, f"# {title}\n\n" + "\n".join(rows) + "\n")


def prepare(root: Path, target: Path, catalogue: list[tuple[str, dict]]) -> Path:
    """A folder that plain MkDocs builds into the same pages as ours."""
    target.mkdir(parents=True)
    for name in INPUTS:
        if (root / name).is_dir():
            shutil.copytree(root / name, target / name)
        else:
            shutil.copy2(root / name, target / name)
    overrides = target / "overrides-baseline"
    shutil.copytree(root / "overrides" / "assets", overrides / "assets")
    (overrides / "main.html").write_text(_MAIN, encoding="utf-8")
    (overrides / "partials").mkdir()
    (overrides / "partials" / "copyright.html").write_text(_COPYRIGHT, encoding="utf-8")
    # Pages that ask for a template of ours (the landing page) get the plain one.
    for page in (target / "docs").rglob("*.md"):
        for name in re.findall(r"(?m)^template:\s*(\S+)\s*$", page.read_text(encoding="utf-8")):
            (overrides / name).write_text('{% extends "main.html" %}\n', encoding="utf-8")

    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    # No hooks; "watch" only matters to `mkdocs serve` and names hooks/.
    config, hooks = re.subn(r"(?m)^hooks:\n(?:[ \t]+(?:- |#).*\n)+", "", config)
    config = re.sub(r"(?m)^watch:\n(?:[ \t]+(?:- |#).*\n)+", "", config)
    config, themes = re.subn(r"(?m)^(\s+custom_dir:) overrides\s*$", r"\1 overrides-baseline", config)
    assert hooks == 1 and themes == 1, "mkdocs.yml no longer has the hooks or custom_dir the bench expects"
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")

    write_pages(_Site(target, catalogue), target / "docs")
    return target
