"""Repairs to HTML the theme writes outside any template block we could override.

Both are Nu HTML Checker errors on every page:

- Material's base.html puts `autocomplete="off"` on its drawer and search toggles, which
  are checkboxes; HTML allows `autocomplete` only on text-like inputs. The attribute only
  stops Firefox from restoring those toggles after a reload, and Material resets them.
- Its navigation writes `tabindex=""` on the labels of expanded sections; an empty
  tabindex is not an integer, and browsers treat it as absent, which is what we write.
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


def fix_theme_markup(html: str) -> str:
    """The page without `autocomplete` on checkboxes and without empty `tabindex`."""

    def fix_input(match: re.Match[str]) -> str:
        tag = match.group(0)
        return _AUTOCOMPLETE.sub("", tag) if _CHECKBOX.search(tag) else tag

    return _drop_empty_tabindex(_INPUT.sub(fix_input, html))


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
