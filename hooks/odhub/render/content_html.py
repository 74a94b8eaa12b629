"""Finishing touches to a page's content HTML, before the search index reads it.

- Tables scroll inside their own region (WCAG 1.4.10 Reflow, 2.1.1 Keyboard): each
  `<table>` is wrapped in a `role="region"` named after the heading above it, with
  `tabindex="0"` so a keyboard can scroll it. Tables a template wraps in
  `<div class="odhub-reflow">` also get a `data-label` on every cell, from its column's
  header, so odhub.css can stack their rows on narrow screens.
- Links whose text is only an address (a source's URL, or its site name, perhaps with the
  end of its address) are kept out of the search index, so "health" finds pages about
  health, not every page that cites a URL with "health-check" in it.

Markdown never nests tables and MkDocs writes well-formed HTML, so a few regular
expressions over the content suffice; pages with neither tables nor external links are
returned untouched.
"""

from __future__ import annotations

import html as htmllib
import re

from markupsafe import escape

from odhub.data.model import source_label

REFLOW_CLASS = "odhub-reflow"
REGION_CLASS = "odhub-table"

_TOKENS = re.compile(
    r"(?P<heading><h(?P<level>[1-6])\b[^>]*>(?P<title>.*?)</h(?P=level)>)"
    r"|(?P<table><table\b[^>]*>.*?</table>)",
    re.DOTALL | re.IGNORECASE)
_REFLOW_BEFORE = re.compile(r'<div class="' + REFLOW_CLASS + r'\b[^"]*">\s*\Z')
_LOOK_BACK = 80  # characters before a table where its reflow wrapper would be
_TAG = re.compile(r"<[^>]*>")
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.DOTALL)
_CELL_START = re.compile(r"<td\b")
_EXTERNAL_LINK = re.compile(
    r'<a\b(?P<attrs>[^>]*\bhref="(?P<href>(?:https?|mailto):[^"]*)"[^>]*)>(?P<text>.*?)</a>',
    re.DOTALL)


def finish_content_html(html: str, page_title: str = "") -> str:
    """The content with labelled table regions and addresses kept out of search."""
    if "<table" in html:
        html = label_tables(html, page_title)
    if "://" in html or "mailto:" in html:
        html = keep_addresses_out_of_search(html)
    return html


def text_of(fragment: str) -> str:
    """The words of an HTML fragment: no tags, no permalink sign, entities decoded."""
    words = _TAG.sub("", _PERMALINK.sub("", fragment))
    return " ".join(htmllib.unescape(words).split())


def label_tables(html: str, page_title: str = "") -> str:
    """Wrap every table in a scrollable region named after the heading above it."""
    parts: list[str] = []
    heading = page_title
    position = 0
    for match in _TOKENS.finditer(html):
        if match["heading"] is not None:
            heading = text_of(match["title"]) or heading
            continue
        parts.append(html[position:match.start()])
        table = match["table"]
        if _REFLOW_BEFORE.search(html[max(0, match.start() - _LOOK_BACK):match.start()]):
            table = _reflowable(table)
        label = escape(heading)
        parts.append(f'<div class="{REGION_CLASS}" role="region" aria-label="{label}" '
                     f'tabindex="0">{table}</div>')
        position = match.end()
    parts.append(html[position:])
    return "".join(parts)


def _reflowable(table: str) -> str:
    """Every body cell gets data-label="<its column's header>", which the stacked layout
    shows before the cell (and screen readers read with it)."""
    headers = [escape(text_of(cell)) for cell in _HEADER_CELL.findall(table)]
    if not headers:
        return table

    def label_row(row: re.Match[str]) -> str:
        cells = iter(headers)
        return _CELL_START.sub(lambda cell: f'<td data-label="{next(cells, "")}"',
                               row.group(0))

    return _ROW.sub(label_row, table)


def keep_addresses_out_of_search(html: str) -> str:
    """`data-search-exclude` on links that only show an address or a site's name."""

    def mark(match: re.Match[str]) -> str:
        if "data-search-exclude" in match["attrs"]:
            return match.group(0)
        href = htmllib.unescape(match["href"])
        text = text_of(match["text"])
        site = source_label(href)
        # The address itself, or its site's name, alone or with the end of the address
        # that tells two sources on one site apart: "opengovpartnership.org (kenya)".
        named_by_address = text in {href, href.rstrip("/"), href.removeprefix("mailto:"),
                                    site} or (text.startswith(f"{site} (")
                                              and text.endswith(")"))
        if not named_by_address:
            return match.group(0)
        return f'<a{match["attrs"]} data-search-exclude>{match["text"]}</a>'

    return _EXTERNAL_LINK.sub(mark, html)
