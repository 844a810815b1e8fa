"""Broken internal links in a built site, found in the files themselves.

Every HTML file is parsed (lxml) and every address in it resolved as a browser
would: ``href``, ``src``, ``srcset``, ``poster``, ``data``, the target of a
meta refresh and our own absolute addresses in ``<meta content>`` (link
previews); ``url()`` in every stylesheet; the addresses of the sitemap and
the feeds. The target file must exist, and a ``#fragment`` must be the id (or
the ``name`` of an ``<a>``) of an element of the target page. Addresses on
other hosts, ``mailto:``, ``tel:``, ``data:`` and ``javascript:`` are not
checked. The site may live below a sub-path (``site_url``), as on GitHub Pages.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree, html

NOT_CHECKED = ("mailto:", "tel:", "data:", "javascript:")
ADDRESS_ATTRIBUTES = ("href", "src", "poster")
REFRESH = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")
# "#top" scrolls to the top of any page (HTML's "indicated part of the document").
ANYWHERE = {"", "top"}


class LinkReport(NamedTuple):
    checked: int  # addresses within the site, each resolved to a file
    broken: list[str]  # "<file>: <address> (why)"


def check_links(root: Path, site_url: str) -> LinkReport:
    """Every address in the site that leads nowhere, and how many were checked."""
    checker = _Checker(root, site_url)
    problems, checked = [], 0
    for path in sorted(root.rglob("*")):
        if path.suffix == ".html":
            addresses = _html_addresses(path)
        elif path.suffix == ".css":
            addresses = [match[1] for match in CSS_URL.findall(path.read_text("utf-8"))]
        elif path.suffix == ".xml":
            addresses = _xml_addresses(path, site_url)
        else:
            continue
        source = path.relative_to(root).as_posix()
        for address in addresses:
            problem = checker.problem(source, address)
            if problem:
                problems.append(f"{source}: {address} ({problem})")
            elif problem is not None:
                checked += 1
    return LinkReport(checked, problems)


def _html_addresses(path: Path) -> list[str]:
    document = html.fromstring(path.read_bytes())
    addresses = []
    for element in document.iter(etree.Element):
        for attribute in ADDRESS_ATTRIBUTES:
            if element.get(attribute) is not None:
                addresses.append(element.get(attribute))
        if element.get("srcset"):
            addresses += [
                candidate.split()[0] for candidate in element.get("srcset").split(",") if candidate.strip()
            ]
        if element.tag == "object" and element.get("data"):
            addresses.append(element.get("data"))
        if element.tag == "meta" and element.get("content"):
            content = element.get("content")
            refresh = (
                REFRESH.match(content) if (element.get("http-equiv") or "").lower() == "refresh" else None
            )
            if refresh:
                addresses.append(refresh[1])
            elif re.match(r"^https?://", content):
                addresses.append(content)  # the checker leaves other hosts alone
    return addresses


def _xml_addresses(path: Path, site_url: str) -> list[str]:
    document = etree.parse(str(path))
    addresses = [value for value in document.xpath("//@href | //@src") if isinstance(value, str)]
    addresses += [text.strip() for text in document.xpath("//*[local-name()='loc']/text()")]
    return [address for address in addresses if address.startswith(site_url)]


class _Checker:
    def __init__(self, root: Path, site_url: str):
        self.root = root
        self.site_url = site_url
        self.host = urlsplit(site_url).netloc
        self.prefix = urlsplit(site_url).path or "/"

    def problem(self, source: str, address: str) -> str | None:
        """Why the address leads nowhere; "" when it leads somewhere; None when not checked."""
        address = address.strip()
        if not address or address.lower().startswith(NOT_CHECKED):
            return None
        target = urlsplit(urljoin(self.site_url + source, address))
        if target.scheme not in ("http", "https") or target.netloc != self.host:
            return None  # another host
        path = unquote(target.path)
        if not path.startswith(self.prefix):
            return f"outside the site's path {self.prefix}"
        file = self.root / path[len(self.prefix) :]
        if path.endswith("/") or file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            return "no such file"
        fragment = unquote(target.fragment)
        if fragment in ANYWHERE or file.suffix not in (".html", ".svg"):
            return ""
        if fragment not in _ids(file):
            return f"no element with id '{fragment}' in {file.relative_to(self.root).as_posix()}"
        return ""


@cache
def _ids(file: Path) -> frozenset[str]:
    document = etree.parse(str(file)) if file.suffix == ".svg" else html.fromstring(file.read_bytes())
    ids = set(document.xpath("//@id"))
    ids |= set(document.xpath("//a/@name"))
    return frozenset(ids)
