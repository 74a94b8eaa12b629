"""Audit a built site: per page kind, how many pages, how many sections are empty, and for
country pages how many list commitments and how many have peers backed by commitments.

A section is a heading (h2 to h4) and everything up to the next heading of the same or a
higher level; it is empty when nothing but headings is in it (no sentence, list, table or
figure). Every section of a generated page should say something, if only why it is empty.

    .venv/bin/python scripts/page_audit.py site/
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

HEADINGS = {"h2": 2, "h3": 3, "h4": 4}
SKIP = {"script", "style", "svg", "title"}
CONTENT = {"img", "figure", "table", "svg", "iframe", "select", "input"}


@dataclass
class Section:
    level: int
    title: str
    text: str = ""
    things: int = 0  # images, tables, figures


@dataclass
class Page:
    path: str
    sections: list[Section] = field(default_factory=list)
    article: str = ""


class _Reader(HTMLParser):
    """The article's headings, and the text and content elements after each."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article>
        self.skip = 0
        self.in_heading: int | None = None
        self.heading_text = ""
        self.items: list[tuple[str, object]] = []  # ("heading", (level, text)) / ("text", s)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in SKIP:
            if tag == "svg":
                self.items.append(("thing", tag))
            self.skip += 1
            return
        if tag in HEADINGS and not self.skip:
            self.in_heading = HEADINGS[tag]
            self.heading_text = ""
        elif tag in CONTENT and not self.skip:
            self.items.append(("thing", tag))
        if tag == "a" and dict(attrs).get("class") == "headerlink":
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if not self.depth:
            return
        if tag in SKIP or (tag == "a" and self.skip and self.in_heading):
            self.skip = max(0, self.skip - 1)
            return
        if tag in HEADINGS and self.in_heading is not None:
            self.items.append(("heading", (self.in_heading, self.heading_text.strip())))
            self.in_heading = None

    def handle_data(self, data: str) -> None:
        if not self.depth or self.skip:
            return
        if self.in_heading is not None:
            self.heading_text += data
        elif data.strip():
            self.items.append(("text", data))


def read_page(path: Path, site: Path) -> Page:
    html = path.read_text(encoding="utf-8")
    reader = _Reader()
    reader.feed(html)
    page = Page(path.relative_to(site).as_posix())
    start = html.find("<article")
    page.article = html[start:html.find("</article>", start)] if start >= 0 else ""
    open_sections: list[Section] = []
    for kind, value in reader.items:
        if kind == "heading":
            level, title = value  # type: ignore[misc]
            open_sections = [s for s in open_sections if s.level < level]
            section = Section(level, title)
            page.sections.append(section)
            open_sections.append(section)
        else:
            for section in open_sections:
                if kind == "text":
                    section.text += str(value)
                else:
                    section.things += 1
    return page


def kind_of(relative: str) -> str:
    parts = relative.split("/")
    if len(parts) == 1:
        return "home"
    if len(parts) == 2:  # a section's index or a top-level page: about/index.html
        return f"{parts[0]} (index)"
    if parts[1] == "index.html":
        return f"{parts[0]} (index)"
    if parts[0] == "commitments":
        return "commitments (list pages)"
    return parts[0]


@dataclass
class Audit:
    pages: Counter = field(default_factory=Counter)
    empty: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    countries: int = 0
    with_commitments: int = 0
    with_peers: int = 0
    peers_with_commitments: int = 0


COMMITMENT_LINK = re.compile(r'href="[^"]*#([a-z]{2,4}[0-9]{4})"')


def audit(site: Path) -> Audit:
    found = Audit()
    for path in sorted(site.rglob("index.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith(("assets/", "search/")):
            continue
        page = read_page(path, site)
        kind = kind_of(relative)
        found.pages[kind] += 1
        for section in page.sections:
            if not section.text.strip() and not section.things:
                found.empty[kind] += 1
                found.examples.setdefault(kind, []).append(f"{relative}: {section.title}")
        if kind == "countries":
            found.countries += 1
            commitments = re.findall(r'<h4 id="([a-z]{2,4}[0-9]{4})"', page.article)
            if commitments:
                found.with_commitments += 1
            start = page.article.find('id="peers-to-learn-from"')
            end = page.article.find("<h2", start + 1)
            peers = page.article[start:end] if start >= 0 else ""
            cited = COMMITMENT_LINK.findall(peers)
            if "<li>" in peers:
                found.with_peers += 1
            if commitments and cited:
                found.peers_with_commitments += 1
    return found


def report(found: Audit) -> list[str]:
    lines = ["| page kind | pages | empty sections |", "| --- | ---: | ---: |"]
    for kind in sorted(found.pages):
        lines.append(f"| {kind} | {found.pages[kind]} | {found.empty[kind]} |")
    lines.append("")
    lines.append(f"country pages: {found.countries}; with commitments: "
                 f"{found.with_commitments}; with peers: {found.with_peers}; with commitments "
                 f"and peers whose reasons cite commitment ids: {found.peers_with_commitments}")
    for kind, examples in sorted(found.examples.items()):
        lines.append(f"empty in {kind}: " + "; ".join(examples[:5]))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site folder, e.g. site/")
    args = parser.parse_args(argv)
    found = audit(args.site)
    print("\n".join(report(found)))
    return 1 if sum(found.empty.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
