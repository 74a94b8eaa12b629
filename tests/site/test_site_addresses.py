"""No built page carries a non-web address: every attribute of every file of both editions.

load() refuses such addresses in contributor text (test_page_links.py); this looks at
what the build wrote, theme and generated pages included, with a reader of its own, so a
gap in the library's check or a template that writes `javascript:` is caught either way.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from offline_support import OfflineEdition

pytestmark = pytest.mark.build

ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "cite", "data", "background",
              "longdesc", "usemap", "codebase", "xlink:href", "xml:base", "manifest", "icon"}
LISTS = {"srcset", "imagesrcset", "ping"}
ALLOWED = {None, "http", "https", "mailto"}
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


def scheme(url: str) -> str | None:
    """As a browser reads it: outer controls and spaces dropped, tabs and newlines removed."""
    cleaned = re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21)))))
    if cleaned.replace("\\", "/").startswith("//"):
        return "(another host)"
    match = _SCHEME.match(cleaned)
    return match[1].lower() if match else None


class Addresses(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.checked = 0
        self.refused: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.refused.append(f"<{tag} {name}>")
            if name in ATTRIBUTES:
                urls = [value or ""]
            elif name in LISTS:
                urls = [part.split()[0] for part in (value or "").split(",") if part.split()]
            else:
                continue
            for url in urls:
                self.checked += 1
                if scheme(url) not in ALLOWED:
                    self.refused.append(f"<{tag} {name}={url[:80]!r}>")


def scan(site: Path) -> tuple[int, list[str]]:
    checked = 0
    refused: list[str] = []
    files = [f for pattern in ("*.html", "*.xml", "*.svg") for f in site.rglob(pattern)]
    for file in sorted(files):
        reader = Addresses()
        reader.feed(file.read_text(encoding="utf-8"))
        reader.close()
        checked += reader.checked
        refused += [f"{file.relative_to(site)}: {item}" for item in reader.refused]
    return checked, refused


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<a href="https://ok.example">a</a><a href="#x">b</a><a href="java&#x09;script:x">c'
        '</a><img alt="" srcset="a.png 1x, data:x 2x"><a href="//evil.example/">d</a>'
        '<p onclick="x">e</p>', encoding="utf-8")
    checked, refused = scan(tmp_path)
    assert checked == 6
    assert refused == ["index.html: <a href='java\\tscript:x'>",
                       "index.html: <img srcset='data:x'>",
                       "index.html: <a href='//evil.example/'>", "index.html: <p onclick>"]


def test_the_web_edition_carries_only_web_addresses(built_site: Path) -> None:
    checked, refused = scan(built_site)
    assert checked > 5_000  # every link of every page was looked at
    assert refused == []


def test_the_offline_edition_carries_only_web_addresses(
        offline_edition: OfflineEdition) -> None:
    checked, refused = scan(offline_edition.root)
    assert checked > 5_000
    assert refused == []
