"""Synthetic catalogues for the benchmark: N made-up initiatives, both languages.

Texts are placeholder prose of realistic length (a name of a few words, a
summary near the 300-character limit, a description of two to four
paragraphs), every vocabulary key is used, and the files follow the format of
``content/initiatives/``. Nothing here is a fact: the files live only in the
benchmark's temporary folder.
"""

from __future__ import annotations

import datetime
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from site_content.model import text_hash  # noqa: E402


def _words(text: str) -> list[str]:
    return text.split()


# Words to build placeholder prose from; not meant to make sense.
_WORDS = {
    "sv": _words(
        "grannar odlar tillsammans mötesplats förening skola bibliotek unga äldre nyanlända arbete "
        "praktik kommun region stöd samverkan idé metod tjänst kooperativ lokal bygd stad landsbygd "
        "hälsa omsorg jämställdhet språk läxhjälp kultur idrott mat miljö delning cykel verkstad "
        "café träffar nätverk forskning utveckling socialt företag volontärer handledning mentor "
        "trygghet boende hyresgäster integration ungdomar sommarjobb digital kunskap lärande möten "
        "samtal Ängelholm Åstorp Östra Göinge"
    ),
    "en": _words(
        "neighbours grow together meeting place association school library young older newcomers "
        "work placement municipality region support collaboration idea method service co-operative "
        "local village town countryside health care equality language homework culture sport food "
        "environment sharing bicycle workshop café gatherings network research development social "
        "enterprise volunteers guidance mentor safety housing tenants integration youth summer jobs "
        "digital knowledge learning meetings"
    ),
}
_NAME_WORDS = {
    "sv": ("Bygdens Grannskapets Odlings Läx Jobb Mat Cykel Språk Kultur Hälso Trygghets Delnings").split(),  # noqa: SIM905 - prose, easier to read than a list
    "en": ("Village Neighbourhood Garden Homework Jobs Food Bicycle Language Culture Health Safety").split(),  # noqa: SIM905 - prose, easier to read than a list
}
_NAME_ENDS = {
    "sv": ("nav lotten hjälpen spåret verkstaden caféet kollektivet rummet labbet nätverket").split(),  # noqa: SIM905 - prose, easier to read than a list
    "en": ("hub plot help track workshop café collective room lab network").split(),  # noqa: SIM905 - prose, easier to read than a list
}


@dataclass(frozen=True)
class Vocabularies:
    themes: list[str]
    municipalities: list[str]
    organisation_types: list[str]
    stages: list[str]
    partners: list[str]

    @classmethod
    def read(cls, root: Path) -> Vocabularies:
        """The keys a catalogue may use, read from the repository's content."""

        def keys(name: str) -> list[str]:
            data = yaml.safe_load((root / "content" / "vocabulary" / name).read_text(encoding="utf-8"))
            return list(data)

        return cls(
            themes=keys("themes.yml"),
            municipalities=keys("municipalities.yml"),
            organisation_types=keys("organisation-types.yml"),
            stages=keys("stages.yml"),
            partners=sorted(p.stem for p in (root / "content" / "partners").glob("*.yml")),
        )


def _sentence(rng: random.Random, lang: str, words: int) -> str:
    chosen = [rng.choice(_WORDS[lang]) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _prose(rng: random.Random, lang: str, length: int) -> str:
    """Whole sentences, at most ``length`` characters in all."""
    text = _sentence(rng, lang, 5)
    while True:
        sentence = _sentence(rng, lang, rng.randint(6, 12))
        if len(text) + 1 + len(sentence) > length:
            return text
        text += " " + sentence


# A link at the end of a description, in about a quarter of them: of the real content's
# descriptions and news texts, about one in five has a link or an HTML tag.
_LINK_SHARE = 0.25
_LINK_TEXT = {"sv": "Läs mer hos initiativet", "en": "Read more on the initiative's site"}


def _description(rng: random.Random, lang: str, website: str) -> str:
    """Two to four paragraphs of Markdown, with emphasis, sometimes a list, sometimes a link."""
    paragraphs = [_prose(rng, lang, rng.randint(300, 700)) for _ in range(rng.randint(2, 4))]
    paragraphs[0] = "*" + paragraphs[0].replace(".", ".*", 1)
    if rng.random() < 0.4:
        paragraphs.insert(1, "\n".join(f"- {_sentence(rng, lang, rng.randint(3, 7))}" for _ in range(3)))
    if rng.random() < _LINK_SHARE:
        paragraphs[-1] += f" [{_LINK_TEXT[lang]}]({website})."
    return "\n\n".join(paragraphs) + "\n"


def _translated(sv: str, en: str) -> dict:
    """Both languages, the English stamped as checked against the Swedish (as
    ``make translations STAMP=…`` stamps a partner's file)."""
    return {"sv": sv, "en": en, "en_from": _Quoted(text_hash(sv))}


def _pick(rng: random.Random, keys: list[str], index: int, most: int) -> list[str]:
    """One to ``most`` keys; the first cycles through all keys so each is used."""
    chosen = [keys[index % len(keys)]]
    for key in rng.sample(keys, rng.randint(0, most - 1)):
        if key not in chosen:
            chosen.append(key)
    return chosen


def initiative(rng: random.Random, index: int, vocabularies: Vocabularies) -> tuple[str, dict]:
    """The file name and data of initiative number ``index``."""
    first = rng.randrange(len(_NAME_WORDS["en"]))
    end = rng.randrange(len(_NAME_ENDS["en"]))
    name_sv = f"{_NAME_WORDS['sv'][first]}{_NAME_ENDS['sv'][end]} {index}"
    name_en = f"The {_NAME_WORDS['en'][first]} {_NAME_ENDS['en'][end]} {index}"
    slug = f"{_NAME_WORDS['en'][first]}-{_NAME_ENDS['en'][end]}-{index}".lower().replace("é", "e")
    added = datetime.date(2026, 1, 1) + datetime.timedelta(days=index % 300)
    website = f"https://initiativ-{index}.example.org/"
    data = {
        "name": _translated(name_sv, name_en),
        "summary": _translated(_prose(rng, "sv", rng.randint(160, 290)), _prose(rng, "en", 250)),
        "description": _translated(_description(rng, "sv", website), _description(rng, "en", website)),
        "themes": _pick(rng, vocabularies.themes, index, 3),
        "municipalities": _pick(rng, vocabularies.municipalities, index, 3),
        "partners": _pick(rng, vocabularies.partners, index, 2) if index % 3 else [],
        "organisation": {
            "name": f"{_NAME_WORDS['sv'][first]}föreningen {index}",
            "type": vocabularies.organisation_types[index % len(vocabularies.organisation_types)],
        },
        "stage": vocabularies.stages[index % len(vocabularies.stages)],
        "started": 1990 + index % 35,
        "website": website,
        "contact": f"info@initiativ-{index}.example.org",
        "added": added,
    }
    if index % 4 == 0:
        data["updated"] = added + datetime.timedelta(days=30)
    if index % 5 == 0:
        data["image"] = {
            "src": "images/initiatives/exempel-odlingslotten.svg",
            "alt": _translated(_sentence(rng, "sv", 6), _sentence(rng, "en", 6)),
        }
    return f"{slug}.yml", data


class _Quoted(str):
    """A text written in quotes: a fingerprint such as 3e121760 would otherwise be read as a number."""


class _Dumper(yaml.SafeDumper):
    """Multi-line texts as literal blocks (``|``), as partners write them."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text)


def _quoted(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')


_Dumper.add_representer(_Quoted, _quoted)


def write_catalogue(folder: Path, size: int, vocabularies: Vocabularies, seed: int = 8) -> list[str]:
    """Write ``size`` initiatives into ``folder``; return their slugs."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    slugs = []
    for index in range(1, size + 1):
        filename, data = initiative(rng, index, vocabularies)
        text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
        (folder / filename).write_text(text, encoding="utf-8")
        slugs.append(filename.removesuffix(".yml"))
    return slugs


def read_catalogue(folder: Path) -> list[tuple[str, dict]]:
    """The slugs and data of a written catalogue, in file order."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return [
        (path.stem, yaml.load(path.read_text(encoding="utf-8"), Loader=loader))
        for path in sorted(folder.glob("*.yml"))
    ]
