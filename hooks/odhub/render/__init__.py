"""Render: generated pages, shortcodes, figures and theme fixes, from Jinja templates."""

from __future__ import annotations

from odhub.render.content import PageMarkdown, page_markdown
from odhub.render.links import PageLinks
from odhub.render.markup import fix_theme_markup
from odhub.render.pages import GeneratedPage, SiteLinks, generated_pages

__all__ = ["GeneratedPage", "PageLinks", "PageMarkdown", "SiteLinks", "fix_theme_markup",
           "generated_pages", "page_markdown"]
