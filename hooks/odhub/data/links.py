"""Links, images and other addresses in hand-written pages: web addresses only, never script.

A page is rendered with Python-Markdown and the extensions of mkdocs.yml that change what
becomes a link (md_in_html, attr_list, tables, def_list, abbr, admonition, superfences,
details), and the HTML it gives is read with html.parser, as a browser would read it. So
Markdown links and images, reference definitions, attributes set with attr_list and raw
HTML (anchors, images, iframes, forms, srcset, SVG links) are all checked, with character
references decoded: `javascript&#58;` is `javascript:`. Every address must pass
urls.refusal (http, https, mailto, relative or #anchor); event handler attributes,
`<script>`, `srcdoc` and `<base>` are refused too, since they run or redirect code.

Rendering costs a few milliseconds a page, so a page is first scanned for the only ways
an address gets into the HTML (`](`, `]:`, `<` outside plain comments, `{` for attr_list,
character references); a page whose every inline and reference destination is a web or
relative address needs no rendering. The scan may send a harmless page to the renderer,
never a harmful one past it.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from odhub.data.errors import Problem
from odhub.data.markdown_code import blank_code, line_at
from odhub.data.urls import refusal

if TYPE_CHECKING:
    from markdown import Markdown

# Attributes whose value is one address, or a list of them (split as shown).
_URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "poster", "cite", "data", "background",
    "longdesc", "usemap", "codebase", "classid", "profile", "manifest", "lowsrc", "dynsrc",
    "icon", "xlink:href", "xml:base",
})
_URL_LIST_ATTRIBUTES = {"srcset": ",", "imagesrcset": ",", "ping": " ", "archive": " "}
# SVG animation can set an href to any of these values.
_ANIMATION_TAGS = frozenset({"animate", "set", "animatemotion", "animatetransform"})
_ANIMATION_VALUES = ("to", "from", "by", "values")
_REFUSED_TAGS = {
    "script": "<script> is not allowed in pages: scripts go in docs/assets and mkdocs.yml",
    "base": "<base> is not allowed: it changes where every link of the page points",
}
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]*)", re.IGNORECASE)
# Closings of a comment that browsers accept and html.parser does not (or the reverse).
_AMBIGUOUS_COMMENT = re.compile(r"--!>|<!--->?")

# What the quick scan looks for.
_PLAIN_COMMENT = re.compile(r"<!--[^<>{}&\[\]]*?-->")  # e.g. a shortcode: nothing inside
_CHARACTER_REFERENCE = re.compile(r"&(?:#|[A-Za-z][A-Za-z0-9]*;)")
# Control characters (tab and newlines aside): Python-Markdown drops \x02 and \x03, its own
# markers, so "java\x02script:" comes out as "javascript:".
_CONTROLS = tuple(map(chr, (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)))
_DESTINATION_START = re.compile(r"\](?:\s*\(|:)")  # an inline link, or a definition
# Python-Markdown strips any Unicode space (str.strip) before a destination: \s, not " ".
_DESTINATION = re.compile(r"\s*([^ )]{0,2000})")


@dataclass(frozen=True)
class _Found:
    """An address or attribute the page may not carry, as the HTML holds it."""

    message: str
    tag_text: str  # the start tag as written in the HTML
    attribute: str = ""
    value: str = ""  # decoded, as the browser reads it


def unsafe_links(markdown: str, path: str, first_line: int = 1) -> list[Problem]:
    """A problem, with its line, for each address or script in the page that is refused.

    markdown is the page's body (front matter removed) and starts at first_line.
    """
    if _plainly_safe(markdown):
        return []
    found = _findings(_html(markdown))
    if not found:
        return []
    visible = blank_code(markdown)  # an example in code is not the offending line
    lines = _Locator(markdown, visible)
    return [Problem(path, first_line - 1 + lines.line_of(item, index, found), "",
                    item.message)
            for index, item in enumerate(found)]


def _plainly_safe(markdown: str) -> bool:
    """True when no refused address can come out of this page (see the module's doc)."""
    text = _PLAIN_COMMENT.sub("", markdown) if "<!--" in markdown else markdown
    if "<" in text or "{" in text or _CHARACTER_REFERENCE.search(text) \
            or any(control in text for control in _CONTROLS):  # substring search: fast
        return False
    for start in _DESTINATION_START.finditer(text):
        destination = _DESTINATION.match(text, start.end())[1]  # type: ignore[index]
        if len(destination) == 2000 or refusal(destination) \
                or refusal(destination.replace("\\", "")):  # `java\-script:` is `java-script:`
            return False
    return True


@cache
def _converter() -> Markdown:
    import markdown

    extensions = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables"]
    if importlib.util.find_spec("pymdownx") is not None:
        extensions += ["pymdownx.details", "pymdownx.superfences"]
    else:  # without superfences, fences are still code
        extensions.append("fenced_code")
    return markdown.Markdown(extensions=extensions)


def _html(markdown: str) -> str:
    converter = _converter()
    converter.reset()
    return converter.convert(markdown)


def _findings(html: str) -> list[_Found]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    found = reader.found
    for match in _AMBIGUOUS_COMMENT.finditer(html):
        found.append(_Found(f"the HTML comment closing '{match[0]}' is read differently by "
                            "browsers and checkers: close comments with '-->'", match[0]))
    return found


class _Reader(HTMLParser):
    """Every refused address or attribute of an HTML text, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[_Found] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag_text = self.get_starttag_text() or f"<{tag}"

        def refuse(message: str, attribute: str = "", value: str = "") -> None:
            self.found.append(_Found(message, tag_text, attribute, value))

        if tag in _REFUSED_TAGS:
            refuse(_REFUSED_TAGS[tag])
        values = {name: value or "" for name, value in attrs}
        animated = tag in _ANIMATION_TAGS and values.get("attributename", "").lower() in (
            "href", "xlink:href")
        for name, value in values.items():
            if name.startswith("on"):
                refuse(f"<{tag} {name}=...>: event handler attributes run script and are "
                       "not allowed in pages", name, value)
            elif name == "srcdoc":
                refuse(f"<{tag} srcdoc>: an embedded document is not allowed; use src with "
                       "an https address", name, value)
            for url in _addresses(tag, name, value, values, animated):
                why = refusal(url)
                if why:
                    refuse(f"<{tag} {name}> {_shown(url)}: {why}", name, url)

    def handle_data(self, data: str) -> None:
        # html.parser keeps <style> text as text; inside <svg> a browser reads it as markup.
        if self.cdata_elem == "style" and "<" in data:
            inner = _Reader()
            inner.feed(data)
            inner.close()
            self.found += inner.found


def _addresses(tag: str, name: str, value: str, attributes: dict[str, str],
               animated: bool) -> list[str]:
    if name in _URL_ATTRIBUTES:
        return [value]
    if name in _URL_LIST_ATTRIBUTES:
        separator = _URL_LIST_ATTRIBUTES[name]
        parts = [part.split() for part in value.split(separator)]
        return [words[0] for words in parts if words]  # srcset: "url 2x, url 640w"
    if name == "style":
        return [match[2] for match in _CSS_URL.finditer(value)]
    if tag == "meta" and name == "content" \
            and attributes.get("http-equiv", "").lower() == "refresh":
        return _REFRESH_URL.findall(value)
    if animated and name in _ANIMATION_VALUES:
        return value.split(";")
    return []


def _shown(url: str) -> str:
    shown = url if len(url) <= 60 else url[:57] + "..."
    return repr(shown)


class _Locator:
    """The line of each finding in the page's Markdown.

    The start tag of raw HTML, or the address of a Markdown link, is usually in the text
    as written (outside code); when it is not (entities, escapes), the page is rendered
    line by line until the finding appears.
    """

    def __init__(self, markdown: str, visible: str) -> None:
        self.markdown = markdown
        self.visible = visible
        self.after: dict[str, int] = {}  # needle -> where the next search starts

    def line_of(self, item: _Found, index: int, found: list[_Found]) -> int:
        for needle in (item.tag_text, _raw_value(item), item.value):
            if not needle or not needle.strip():
                continue
            start = self.visible.find(needle, self.after.get(needle, 0))
            if start >= 0:
                self.after[needle] = start + len(needle)
                return line_at(self.visible, start)
        return self._first_rendering(item, sum(1 for other in found[:index] if other == item))

    def _first_rendering(self, item: _Found, earlier: int) -> int:
        """The fewest lines of the page whose HTML already holds this finding (bisection)."""
        lines = self.markdown.splitlines(keepends=True)
        low, high = 1, len(lines)
        while low < high:
            middle = (low + high) // 2
            if _findings(_html("".join(lines[:middle]))).count(item) > earlier:
                high = middle
            else:
                low = middle + 1
        return low


def _raw_value(item: _Found) -> str:
    """The attribute's value as written in the start tag, before entities are decoded."""
    if not item.attribute:
        return ""
    match = re.search(rf"""(?:^|[\s/"']){re.escape(item.attribute)}\s*=\s*"""
                      r"""(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", item.tag_text, re.IGNORECASE)
    return next((group for group in match.groups() if group is not None), "") if match else ""
