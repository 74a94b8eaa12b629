"""Every internal link and #anchor in the whole build leads to a file and an id that exist."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest

from offline_support import OfflineEdition

pytestmark = pytest.mark.build

# Attributes that point at another file of the site (links, and resources pages load).
LINK_ATTRIBUTES = {"a": "href", "area": "href", "link": "href", "script": "src", "img": "src",
                   "source": "src", "iframe": "src", "embed": "src", "object": "data"}


@dataclass
class PageLinks:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str, str]] = field(default_factory=list)  # (line, tag, target)


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.page.ids.add(values[name])
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and values.get(attribute) is not None:
            self.page.links.append((self.getpos()[0], tag, values[attribute]))


def parse(page: Path) -> PageLinks:
    parser = _LinkParser()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


def is_external(target: str) -> bool:
    parts = urlsplit(target)
    return bool(parts.scheme or parts.netloc)  # http:, mailto:, data:, javascript:, //host


def resolve(site: Path, page: Path, path: str) -> Path:
    """The file a relative or root-relative URL path names; a directory means index.html."""
    if path.startswith("/"):
        # As a browser resolves it: ".." never climbs above the root.
        target = site / posixpath.normpath(unquote(path)).lstrip("/")
    else:
        base = PurePosixPath(page.relative_to(site).as_posix()).parent
        target = site / base / unquote(path)
    target = target.resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(site: Path) -> list[str]:
    pages = {page.resolve(): parse(page) for page in sorted(site.rglob("*.html"))}
    broken: list[str] = []
    for page, found in pages.items():
        where = page.relative_to(site.resolve()).as_posix()
        for line, tag, target in found.links:
            if is_external(target) or not target.strip():
                continue
            parts = urlsplit(target)
            goal = resolve(site.resolve(), page, parts.path) if parts.path else page
            if site.resolve() not in goal.parents:
                broken.append(f"{where}:{line}: <{tag}> {target}: leaves the site")
            elif not goal.is_file():
                broken.append(f"{where}:{line}: <{tag}> {target}: no such file")
            elif parts.fragment and goal.suffix == ".html":
                ids = pages[goal].ids if goal in pages else parse(goal).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{where}:{line}: <{tag}> {target}: no id "
                                  f"'{unquote(parts.fragment)}' in "
                                  f"{goal.relative_to(site.resolve()).as_posix()}")
    return broken


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    broken = broken_links(built_site)
    assert broken == [], f"{len(broken)} broken links:\n" + "\n".join(broken)


def test_every_internal_link_resolves_in_the_offline_edition(
        offline_edition: OfflineEdition) -> None:
    # Without directory URLs every link names a file, which is what file:// readers follow.
    broken = broken_links(offline_edition.root)
    assert broken == [], f"{len(broken)} broken links:\n" + "\n".join(broken)


def test_the_checker_sees_links_between_pages(built_site: Path) -> None:
    # Guards the check itself: a parser that found no links would pass everything.
    targets: dict[str, int] = defaultdict(int)
    for page in built_site.rglob("*.html"):
        for _, tag, target in parse(page).links:
            if tag == "a" and not is_external(target):
                targets["fragment" if "#" in target else "page"] += 1
    assert targets["page"] > 1000
    assert targets["fragment"] > 100


def test_the_checker_finds_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "guide").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="guide/">ok</a>\n<a href="guide/#steps">ok</a>\n<a href="#top">ok</a>\n'
        '<p id="top"></p>\n<a href="gone/">broken</a>\n<a href="guide/#nowhere">broken</a>\n'
        '<a href="https://example.org/missing">external</a>\n', encoding="utf-8")
    (tmp_path / "guide" / "index.html").write_text(
        '<h2 id="steps">Steps</h2>\n<a href="../index.html#top">ok</a>\n'
        '<img src="../img/map.svg" alt="map">\n<a href="/../guide/#steps">ok</a>\n'
        '<a href="/../nowhere/">broken</a>\n', encoding="utf-8")
    assert broken_links(tmp_path) == [
        "guide/index.html:3: <img> ../img/map.svg: no such file",
        "guide/index.html:5: <a> /../nowhere/: no such file",
        "index.html:5: <a> gone/: no such file",
        "index.html:6: <a> guide/#nowhere: no id 'nowhere' in guide/index.html",
    ]
