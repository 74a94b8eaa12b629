"""Fixes to a built site, for engines that run no hooks: what the MkDocs adapter does to
each page as it is built, done to the written files instead.

- The theme-markup repairs (odhub.render.markup), on the whole page.
- The page content's finishing touches (`SiteSource.content_html`: labelled table regions,
  addresses kept out of search), on the page's <article>, where the engine put the
  content. An engine builds its own search index before this runs, so there the address
  links stay searchable (tests/site/engine_differences.yml).
"""

from __future__ import annotations

import re
from pathlib import Path

from odhub.render.content_html import REGION_CLASS
from odhub.render.markup import fix_theme_markup
from odhub.site.source import SiteSource

# The content column of Material's and Zensical's page: one per page, never nested.
_ARTICLE = re.compile(r"""(<article\b[^>]*\bclass="md-content__inner\b[^"]*"[^>]*>)"""
                      r"""(.*?)(</article>)""", re.DOTALL)
_REGION = f'class="{REGION_CLASS}"'


def fix_built_page(html: str) -> str:
    """One built page as the hooks would have written it. Running it twice changes nothing
    the second time: content that already has table regions is left alone."""

    def finish(match: re.Match[str]) -> str:
        content = match.group(2)
        if _REGION in content:
            return match.group(0)
        return match.group(1) + SiteSource.content_html(content) + match.group(3)

    return fix_theme_markup(_ARTICLE.sub(finish, html, count=1))


def fix_built_site(site_dir: Path) -> int:
    """Apply `fix_built_page` to every HTML file under site_dir; returns how many files
    changed."""
    changed = 0
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        fixed = fix_built_page(html)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")
            changed += 1
    return changed
