"""Repairs to HTML the theme writes outside any template block we could override.

Material's base.html puts `autocomplete="off"` on its drawer and search toggles, which are
checkboxes; HTML allows `autocomplete` only on text-like inputs, so every page fails the
Nu HTML Checker. The attribute only stops Firefox from restoring those toggles after a
reload, and Material resets them on load anyway.
"""

from __future__ import annotations

import re

_INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_CHECKBOX = re.compile(r"""\btype\s*=\s*["']?checkbox\b""", re.IGNORECASE)
_AUTOCOMPLETE = re.compile(r"""\s+autocomplete\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""",
                           re.IGNORECASE)


def fix_theme_markup(html: str) -> str:
    """The page with `autocomplete` removed from checkbox inputs; nothing else changes."""

    def fix(match: re.Match[str]) -> str:
        tag = match.group(0)
        return _AUTOCOMPLETE.sub("", tag) if _CHECKBOX.search(tag) else tag

    return _INPUT.sub(fix, html)
