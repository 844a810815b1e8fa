"""Write ``CNAME`` into the built site when the site has a custom domain.

GitHub Pages serves a project at ``https://<owner>.github.io/<repository>/``
unless a custom domain is set. The workflow reads the address from the Pages
settings and passes the domain, if there is one, as ``CUSTOM_DOMAIN``
(``extra.custom_domain`` in ``mkdocs.yml``); without it no ``CNAME`` is
written. The domain must be the host of ``site_url``: otherwise every
canonical, hreflang and sitemap address would name another site.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


def custom_domain(config: MkDocsConfig) -> str:
    """The configured custom domain, or '' when the site has none."""
    return str(config.extra.get("custom_domain") or "").strip().lower()


def check_domain(config: MkDocsConfig) -> None:
    domain = custom_domain(config)
    host = (urlsplit(config.site_url or "").hostname or "").lower()
    if domain and domain != host:
        raise PluginError(
            f"CUSTOM_DOMAIN är '{domain}' men site_url ({config.site_url}) har värden '{host}'. "
            f"Sätt SITE_URL till https://{domain}/ eller ta bort CUSTOM_DOMAIN.\n"
            f"CUSTOM_DOMAIN is '{domain}' but site_url ({config.site_url}) has the host '{host}'. "
            f"Set SITE_URL to https://{domain}/ or unset CUSTOM_DOMAIN."
        )


def write_cname(config: MkDocsConfig) -> None:
    domain = custom_domain(config)
    if domain:
        # One line, the domain alone: the form GitHub Pages reads.
        (Path(config.site_dir) / "CNAME").write_text(domain + "\n", encoding="ascii")
