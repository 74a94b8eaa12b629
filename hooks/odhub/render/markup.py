"""Repairs to HTML the theme writes outside any template block we could override.

Each is a Nu HTML Checker error on every page:

- Material's base.html (and Zensical's) puts `autocomplete="off"` on its drawer and
  search toggles, which are checkboxes; HTML allows `autocomplete` only on text-like
  inputs. The attribute only stops Firefox from restoring those toggles after a reload,
  and the theme resets them.
- Its navigation writes `tabindex=""` on the labels of expanded sections; an empty
  tabindex is not an integer, and browsers treat it as absent, which is what we write.
- Zensical 0.0.73's base.html puts `aria-hidden="true"` on the overlay label of the
  drawer toggle; HTML forbids aria-hidden on a label tied to a form control. The label
  has no text, so there is nothing for assistive technology to skip (Material leaves the
  attribute out).

The MkDocs adapter applies this to each page; `odhub fix-markup` to a built site.
"""

from __future__ import annotations

import re

# Only <input> start tags can carry the first fault; the pattern starts with a literal, so
# the regex engine skips to each "<input" instead of trying every position.
_INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_CHECKBOX = re.compile(r"""\btype\s*=\s*["']?checkbox\b""", re.IGNORECASE)
_AUTOCOMPLETE = re.compile(r"""\s+autocomplete\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""",
                           re.IGNORECASE)
# An empty tabindex inside a start tag: the next ">" comes before any "<" (text, code
# samples included, never holds a raw "<"). Material writes it in lower case; a literal
# start lets the engine jump from one occurrence to the next, about 4 times quicker
# than trying every tag of the page.
_EMPTY_TABINDEX = re.compile(r"""tabindex=(?:""|'')(?=[^<>]*>)""")
_SPACE = " \t\r\n"
# Label start tags, found by their literal start like <input>; only those tied to a
# control (`for`) and hidden are changed.
_LABEL = re.compile(r"<label\b[^<>]*>", re.IGNORECASE)
_FOR = re.compile(r"""\sfor\s*=""", re.IGNORECASE)
_ARIA_HIDDEN = re.compile(r"""\s+aria-hidden\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""",
                          re.IGNORECASE)


def fix_theme_markup(html: str) -> str:
    """The page without `autocomplete` on checkboxes, without empty `tabindex`, and
    without `aria-hidden` on labels of form controls."""

    def fix_input(match: re.Match[str]) -> str:
        tag = match.group(0)
        return _AUTOCOMPLETE.sub("", tag) if _CHECKBOX.search(tag) else tag

    def fix_label(match: re.Match[str]) -> str:
        tag = match.group(0)
        return _ARIA_HIDDEN.sub("", tag) if _FOR.search(tag) else tag

    html = _drop_empty_tabindex(_INPUT.sub(fix_input, html))
    return _LABEL.sub(fix_label, html) if "aria-hidden" in html else html


def _drop_empty_tabindex(html: str) -> str:
    parts: list[str] = []
    done = 0
    for match in _EMPTY_TABINDEX.finditer(html):
        start = match.start()
        if start == 0 or html[start - 1] not in _SPACE:
            continue  # part of another attribute's name (data-tabindex="")
        while start > done and html[start - 1] in _SPACE:  # its leading space goes too
            start -= 1
        parts.append(html[done:start])
        done = match.end()
    if not parts:
        return html
    parts.append(html[done:])
    return "".join(parts)
