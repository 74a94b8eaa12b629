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

_INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_CHECKBOX = re.compile(r"""\btype\s*=\s*["']?checkbox\b""", re.IGNORECASE)
_AUTOCOMPLETE = re.compile(r"""\s+autocomplete\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""",
                           re.IGNORECASE)
_EMPTY_TABINDEX = re.compile(r"""\s+tabindex\s*=\s*(?:""|'')""", re.IGNORECASE)
# A start tag holding an empty tabindex; text (including code samples) never holds a raw
# "<", so this is markup. Matching only those tags, not every tag, saves ~1 ms a page.
_TAG_WITH_EMPTY_TABINDEX = re.compile(
    r"""<[a-zA-Z][^<>]*?\stabindex\s*=\s*(?:""|'')[^<>]*>""", re.IGNORECASE)


def fix_theme_markup(html: str) -> str:
    """The page without `autocomplete` on checkboxes and without empty `tabindex`."""

    def fix_input(match: re.Match[str]) -> str:
        tag = match.group(0)
        return _AUTOCOMPLETE.sub("", tag) if _CHECKBOX.search(tag) else tag

    def fix_tag(match: re.Match[str]) -> str:
        return _EMPTY_TABINDEX.sub("", match.group(0))

    return _TAG_WITH_EMPTY_TABINDEX.sub(fix_tag, _INPUT.sub(fix_input, html))
