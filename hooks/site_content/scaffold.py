"""Start a new content file: ``make new-initiative`` and ``make new-partner``.

    PYTHONPATH=hooks python -m site_content.scaffold initiative ["Initiativets namn"]
    PYTHONPATH=hooks python -m site_content.scaffold partner ["Organisationens namn"]

Asks for the name when it is not given, derives the file name (the slug) and
writes a file with every field, each explained in Swedish. Required fields are
left empty: ``make check`` names each one until it is filled in.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

import yaml

from .slugs import slugify

INITIATIVE = """\
# yaml-language-server: $schema=../../schemas/initiative.schema.json
# Ett initiativ i katalogen. Fyll i fälten och kör `make check` (eller titta på
# kontrollen i din pull request): den säger vad som saknas och var.
# Engelska (en:) är frivilligt men välkommet; utan den visas den svenska texten.

# Initiativets namn.
name:
  sv: {name}
  en:

# En eller två meningar om vad initiativet gör, högst 300 tecken.
summary:
  sv:
  en:

# Längre beskrivning (frivillig). Markdown går bra: **fetstil**, [länk](https://…), listor.
description:
  sv:
  en:

# Ett eller flera teman, till exempel [skola, utanforskap]. Välj bland:
# {themes}
themes:

# En eller flera kommuner, till exempel [malmo, lund], eller [hela-skane]. Nycklarna
# finns i content/vocabulary/municipalities.yml.
municipalities:

# Samverkansparter som är med (frivilligt), till exempel [coompanion-skane]. Välj bland:
# {partners}
partners:

# Organisationen som driver initiativet. Typ, välj bland:
# {organisation_types}
organisation:
  name:
  type:

# Hur långt initiativet har kommit: {stages}
stage:

# Året initiativet startade, till exempel 2016.
started:

# Webbplats (frivillig), hela adressen: https://…
website:

# E-post (frivillig) till en funktion, till exempel info@…, inte till en privatperson.
contact:

# Bild (frivillig): lägg bilden i docs/images/initiatives/ och skriv en alt-text som
# beskriver vad bilden visar. Publicera bara bilder på personer som har sagt ja.
# image:
#   src: images/initiatives/{slug}.jpg
#   alt:
#     sv:
#     en:

# Datum då initiativet publiceras första gången (ÅÅÅÅ-MM-DD) och, vid ändringar, senast ändrat.
added: {today}
updated:

# true = utkast som bara syns i förhandsvisningen. Ta bort raden eller skriv false för att publicera.
draft: false
"""

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

FOLDERS = {"initiative": "initiatives", "partner": "partners"}
QUESTIONS = {"initiative": "Vad heter initiativet? ", "partner": "Vad heter organisationen? "}


def _keys(root: Path, filename: str) -> str:
    with open(root / "content" / "vocabulary" / filename, encoding="utf-8") as handle:
        return ", ".join(yaml.safe_load(handle))


def render(kind: str, name: str, root: Path, today: datetime.date) -> str:
    slug = slugify(name)
    if kind == "partner":
        return PARTNER.format(name=_quote(name), slug=slug)
    partners = ", ".join(sorted(path.stem for path in (root / "content" / "partners").glob("*.yml")))
    return INITIATIVE.format(
        name=_quote(name),
        slug=slug,
        today=today.isoformat(),
        partners=partners,
        themes=_keys(root, "themes.yml"),
        organisation_types=_keys(root, "organisation-types.yml"),
        stages=" | ".join(_keys(root, "stages.yml").split(", ")),
    )


def _quote(text: str) -> str:
    """The name as a YAML value that stays text whatever it contains."""
    return yaml.safe_dump(text, allow_unicode=True, default_style='"').strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m site_content.scaffold")
    parser.add_argument("kind", choices=tuple(FOLDERS))
    parser.add_argument("name", nargs="?", help="the name in Swedish (asked for when left out)")
    parser.add_argument("--root", type=Path, default=Path.cwd())
    arguments = parser.parse_args(argv)

    name = (arguments.name or input(QUESTIONS[arguments.kind])).strip()
    slug = slugify(name)
    if not slug:
        print("Namnet behöver minst en bokstav eller siffra.", file=sys.stderr)
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
