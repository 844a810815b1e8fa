"""Interface strings, one YAML file per language under ``i18n/``."""

from __future__ import annotations

from pathlib import Path

import yaml

from .routes import LANGUAGES


class Strings(dict):
    """The strings of one language; ``t('key', n=3)`` fills placeholders."""

    def __call__(self, key: str, **params) -> str:
        return self[key].format(**params) if params else self[key]

    def count(self, n: int) -> str:
        return self("count_one" if n == 1 else "count_other", n=n)


def load_strings(folder: Path) -> dict[str, Strings]:
    """Load ``<lang>.yml`` for each language; every language must have every key."""
    strings = {}
    for lang in LANGUAGES:
        with open(Path(folder) / f"{lang}.yml", encoding="utf-8") as handle:
            strings[lang] = Strings(yaml.safe_load(handle))
    keys = {lang: set(values) for lang, values in strings.items()}
    missing = {lang: sorted(set().union(*keys.values()) - own) for lang, own in keys.items()}
    if any(missing.values()):
        raise ValueError(f"i18n: keys missing per language: {missing}")
    return strings
