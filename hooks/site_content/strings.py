"""Interface strings, one YAML file per language under ``i18n/``."""

from __future__ import annotations

from pathlib import Path

import yaml

from .routes import LANGUAGES


class Strings(dict):
    """The strings of one language; ``t('key', n=3)`` fills placeholders."""

    def __call__(self, key: str, **params) -> str:
        return self[key].format(**params) if params else self[key]

    def plural(self, key: str, n: int, **params) -> str:
        """``key_one`` for one, else ``key_other``, with ``{n}`` filled in.

        Swedish and English both have just these two forms ("1 varning",
        "2 varningar"); a language with more would add keys here.
        """
        return self(f"{key}_one" if n == 1 else f"{key}_other", n=n, **params)

    def count(self, n: int) -> str:
        return self.plural("count", n)


# The repository's own strings, for the command-line tools (make check, make translations).
REPOSITORY_STRINGS = Path(__file__).resolve().parents[2] / "i18n"


def load_strings(folder: Path = REPOSITORY_STRINGS) -> dict[str, Strings]:
    """Load ``<lang>.yml`` for each language; every language must have every key."""
    strings = {}
    for lang in LANGUAGES:
        with open(Path(folder) / f"{lang}.yml", encoding="utf-8") as handle:
            # Our own files; the C loader when PyYAML has it (read on every build of the preview).
            strings[lang] = Strings(yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    keys = {lang: set(values) for lang, values in strings.items()}
    missing = {lang: sorted(set().union(*keys.values()) - own) for lang, own in keys.items()}
    if any(missing.values()):
        raise ValueError(f"i18n: keys missing per language: {missing}")
    return strings
