"""Which pages are versions of one another in Swedish and English.

Every page has a translation key shared by its language versions. A version
whose text is only a Swedish fallback is not a translation: it gets a switcher
link but is never announced with hreflang.
"""

from __future__ import annotations

from dataclasses import dataclass

from .routes import DEFAULT_LANGUAGE, LANGUAGES, language_of, other_language


def normal_url(url: str) -> str:
    """MkDocs calls the home page './' in files and '' in pages: one name for both."""
    return "" if url in (".", "./") else url


@dataclass(frozen=True)
class Version:
    key: str
    lang: str
    url: str
    translated: bool = True


class Translations:
    def __init__(self) -> None:
        self._by_key: dict[str, dict[str, Version]] = {}
        self._by_url: dict[str, Version] = {}

    def add(self, key: str, url: str, translated: bool = True) -> Version:
        url = normal_url(url)
        version = Version(key, language_of(url), url, translated)
        self._by_key.setdefault(key, {})[version.lang] = version
        self._by_url[url] = version
        return version

    def has(self, key: str, lang: str) -> bool:
        return lang in self._by_key.get(key, {})

    def keys(self) -> list[str]:
        return list(self._by_key)

    def urls(self) -> set[str]:
        """The address of every page (the home page as '')."""
        return set(self._by_url)

    def url_of(self, key: str, lang: str) -> str:
        return self._by_key[key][lang].url

    def of(self, url: str) -> Version | None:
        return self._by_url.get(normal_url(url))

    def counterpart(self, url: str) -> Version | None:
        version = self.of(url)
        if version is None:
            return None
        return self._by_key[version.key].get(other_language(version.lang))

    def original_of(self, url: str) -> str | None:
        """The URL of the Swedish page a fallback (an untranslated version) shows, else None."""
        version = self.of(url)
        if version is None or version.translated or version.lang == DEFAULT_LANGUAGE:
            return None
        original = self._by_key[version.key].get(DEFAULT_LANGUAGE)
        return original.url if original else None

    def alternates(self, url: str) -> list[tuple[str, str]]:
        """(hreflang, url) pairs for a page, with x-default; empty unless translated."""
        version = self.of(url)
        if version is None:
            return []
        versions = self._by_key[version.key]
        if any(lang not in versions or not versions[lang].translated for lang in LANGUAGES):
            return []
        pairs = [(lang, versions[lang].url) for lang in LANGUAGES]
        return [*pairs, ("x-default", versions[DEFAULT_LANGUAGE].url)]
