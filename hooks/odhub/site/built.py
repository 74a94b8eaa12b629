"""Fixes to a built site, for engines that run no hooks (the MkDocs adapter applies the
same function to each page as it is written)."""

from __future__ import annotations

from pathlib import Path

from odhub.render.markup import fix_theme_markup


def fix_built_site(site_dir: Path) -> int:
    """Apply the theme-markup repairs to every HTML file under site_dir; returns how many
    files changed. Running it twice changes nothing the second time."""
    changed = 0
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        fixed = fix_theme_markup(html)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")
            changed += 1
    return changed
