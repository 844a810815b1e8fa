"""Start a new content file: ``make new-initiative`` and ``make new-partner``.

    PYTHONPATH=hooks python -m site_content.scaffold initiative ["Initiativets namn"]
    PYTHONPATH=hooks python -m site_content.scaffold partner ["Organisationens namn"]
    PYTHONPATH=hooks python -m site_content.scaffold event ["Evenemangets namn"]
    PYTHONPATH=hooks python -m site_content.scaffold news ["Nyhetens rubrik"]

Asks for the name when it is not given, derives the file name (the slug) and
writes a file with every field, each explained in Swedish. An initiative is
written from the partners' template, content/initiatives/_mall.yml, with the
keys each field may take listed. Required fields are left empty: ``make check``
names each one until it is filled in.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

import yaml

from . import filenames
from .slugs import is_valid_slug, slugify

# Initiatives are written from the partners' template, so both explain the same fields.
TEMPLATE = Path("content") / "initiatives" / filenames.TEMPLATE_NAME
INITIATIVE_HEADING = """\
# Ett initiativ i katalogen. Fyll i fälten och kör `make check` (eller titta på
# kontrollen i din pull request): den säger vad som saknas och var.
# Engelska (en:) är frivilligt men välkommet; utan den visas den svenska texten.
"""
# After the comment line naming a vocabulary file, the keys it holds now.
CHOICES = {
    "content/vocabulary/themes.yml": "themes.yml",
    "content/vocabulary/municipalities.yml": "municipalities.yml",
    "content/vocabulary/organisation-types.yml": "organisation-types.yml",
    "content/vocabulary/stages.yml": "stages.yml",
    "content/partners/": None,
}

PARTNER = """\
# yaml-language-server: $schema=../../schemas/partner.schema.json
# En samverkanspart. Fyll i fälten och kör `make check`.

# Organisationens namn.
name:
  sv: {name}
  en:

# Organisationens egen beskrivning (Markdown går bra).
description:
  sv:
  en:

# Webbplats (frivillig), hela adressen: https://… Skriv bara en adress som
# organisationen själv publicerar.
website:

# E-post (frivillig) till en funktion, inte till en privatperson.
contact:

# Logotyp (frivillig): lägg filen i docs/images/partners/ och skriv alt-text.
# logo:
#   src: images/partners/{slug}.svg
#   alt:
#     sv: Logotyp för {name}
#     en: "{name} logo"
"""

FOLDERS = {"initiative": "initiatives", "partner": "partners", "event": "events", "news": "news"}
QUESTIONS = {
    "initiative": "Vad heter initiativet? ",
    "partner": "Vad heter organisationen? ",
    "event": "Vad heter evenemanget? ",
    "news": "Vilken rubrik har nyheten? ",
}

# Events and news are written from their partners' templates too (content/<folder>/_mall.yml).
ENTRY_HEADINGS = {
    "event": "# Ett evenemang. Fyll i fälten och kör `make check` (eller titta på kontrollen i\n"
    "# din pull request): den säger vad som saknas och var.\n",
    "news": "# En nyhet. Fyll i fälten och kör `make check` (eller titta på kontrollen i\n"
    "# din pull request): den säger vad som saknas och var.\n",
}
# The date field filled in with today's date.
DATE_FIELDS = {"event": "added", "news": "published"}


def template_path(kind: str) -> Path:
    return Path("content") / FOLDERS[kind] / filenames.TEMPLATE_NAME


def render_entry(kind: str, template: str, name: str, today: datetime.date) -> str:
    """An event or news item from its template: own heading, the title and today's date filled in."""
    schema_line, rest = template.split("\n", 1)
    _heading, fields = rest.split("\n\n", 1)
    text = "\n".join([schema_line, ENTRY_HEADINGS[kind], fields])
    text = text.replace("\ntitle:\n  sv:\n", f"\ntitle:\n  sv: {_quote(name)}\n", 1)
    field = DATE_FIELDS[kind]
    return text.replace(f"\n{field}:\n", f"\n{field}: {today.isoformat()}\n", 1)


def _keys(root: Path, filename: str) -> str:
    with open(root / "content" / "vocabulary" / filename, encoding="utf-8") as handle:
        return ", ".join(yaml.safe_load(handle))


def render(kind: str, name: str, root: Path, today: datetime.date) -> str:
    slug = slugify(name)
    if kind == "partner":
        return PARTNER.format(name=_quote(name), slug=slug)
    if kind in ENTRY_HEADINGS:
        return render_entry(kind, (root / template_path(kind)).read_text("utf-8"), name, today)
    return render_initiative((root / TEMPLATE).read_text("utf-8"), name, root, today)


def render_initiative(template: str, name: str, root: Path, today: datetime.date) -> str:
    """The template with its own heading replaced, the name and date filled in, the choices listed."""
    schema_line, rest = template.split("\n", 1)
    _heading, fields = rest.split("\n\n", 1)
    lines = []
    for line in fields.splitlines():
        lines.append(line)
        named = next((source for source in CHOICES if line.startswith("#") and source in line), None)
        if named is not None:
            lines.append(f"# Välj bland: {_choices(root, CHOICES[named])}")
    text = "\n".join([schema_line, INITIATIVE_HEADING, *lines]) + "\n"
    text = text.replace("\nname:\n  sv:\n", f"\nname:\n  sv: {_quote(name)}\n", 1)
    return text.replace("\nadded:\n", f"\nadded: {today.isoformat()}\n", 1)


def _choices(root: Path, filename: str | None) -> str:
    if filename is None:
        partners = (root / "content" / "partners").glob("*.yml")
        return ", ".join(sorted(path.stem for path in partners if is_valid_slug(path.stem)))
    return _keys(root, filename)


def _quote(text: str) -> str:
    """The name as a YAML value that stays text whatever it contains."""
    return yaml.safe_dump(text, allow_unicode=True, default_style='"').strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m site_content.scaffold")
    parser.add_argument("kind", choices=tuple(FOLDERS))
    parser.add_argument("name", nargs="?", help="the name in Swedish (asked for when left out)")
    parser.add_argument("--root", type=Path, default=Path.cwd())
    arguments = parser.parse_args(argv)

    try:
        name = (arguments.name or input(QUESTIONS[arguments.kind])).strip()
    except (EOFError, KeyboardInterrupt):  # Ctrl-D, Ctrl-C or no terminal: no name, no traceback
        print(file=sys.stderr)
        name = ""
    slug = slugify(name)
    if not slug:
        print("Namnet behöver minst en bokstav eller siffra.", file=sys.stderr)
        return 1
    template = TEMPLATE if arguments.kind == "initiative" else template_path(arguments.kind)
    if arguments.kind != "partner" and not (arguments.root / template).is_file():
        print(f"Mallen {template.as_posix()} saknas: hämta den från arkivet.", file=sys.stderr)
        return 1
    target = arguments.root / "content" / FOLDERS[arguments.kind] / f"{slug}.yml"
    if target.exists():
        print(
            f"{target.relative_to(arguments.root)} finns redan. Välj ett annat namn eller ändra i den filen.",
            file=sys.stderr,
        )
        return 1
    target.write_text(render(arguments.kind, name, arguments.root, datetime.date.today()), encoding="utf-8")
    print(f"Skrev {target.relative_to(arguments.root)}. Fyll i fälten och kör sedan: make check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
