"""Render: generated pages, shortcodes, figures and theme fixes, from Jinja templates."""

from __future__ import annotations

from odhub.render.chrome import Chrome
from odhub.render.content import PageMarkdown, page_markdown
from odhub.render.content_html import finish_content_html
from odhub.render.links import PageLinks
from odhub.render.markup import fix_theme_markup
from odhub.render.pages import GeneratedPage, SiteLinks, generated_pages
from odhub.render.place import Places
from odhub.render.repository import published_repository

__all__ = ["Chrome", "GeneratedPage", "PageLinks", "PageMarkdown", "Places", "SiteLinks",
           "finish_content_html", "fix_theme_markup", "generated_pages", "page_markdown",
           "published_repository"]
