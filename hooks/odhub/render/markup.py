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

_INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_CHECKBOX = re.compile(r"""\btype\s*=\s*["']?checkbox\b""", re.IGNORECASE)
_AUTOCOMPLETE = re.compile(r"""\s+autocomplete\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""",
                           re.IGNORECASE)
_EMPTY_TABINDEX = re.compile(r"""\s+tabindex\s*=\s*(?:""|'')""", re.IGNORECASE)
# A start tag holding an empty tabindex; text (including code samples) never holds a raw
# "<", so this is markup. Matching only those tags, not every tag, saves ~1 ms a page.
_TAG_WITH_EMPTY_TABINDEX = re.compile(
    r"""<[a-zA-Z][^<>]*?\stabindex\s*=\s*(?:""|'')[^<>]*>""", re.IGNORECASE)
_HIDDEN_LABEL = re.compile(r"""<label\b(?=[^<>]*\sfor\s*=)(?=[^<>]*\saria-hidden\s*=)"""
                           r"""[^<>]*>""", re.IGNORECASE)
_ARIA_HIDDEN = re.compile(r"""\s+aria-hidden\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""",
                          re.IGNORECASE)


def fix_theme_markup(html: str) -> str:
    """The page without `autocomplete` on checkboxes, without empty `tabindex`, and
    without `aria-hidden` on labels of form controls."""

    def fix_input(match: re.Match[str]) -> str:
        tag = match.group(0)
        return _AUTOCOMPLETE.sub("", tag) if _CHECKBOX.search(tag) else tag

    def fix_tag(match: re.Match[str]) -> str:
        return _EMPTY_TABINDEX.sub("", match.group(0))

    def fix_label(match: re.Match[str]) -> str:
        return _ARIA_HIDDEN.sub("", match.group(0))

    html = _TAG_WITH_EMPTY_TABINDEX.sub(fix_tag, _INPUT.sub(fix_input, html))
    return _HIDDEN_LABEL.sub(fix_label, html)
