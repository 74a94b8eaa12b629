"""What happens to a hand-written page's Markdown during a build (MkDocs' on_page_markdown).

Every page gets its shortcodes expanded. Contributor pages (case studies, guidance) also
have raw HTML turned into text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .i18n import Translator
from .model import Model
from .shortcodes import expand_shortcodes


@dataclass(frozen=True)
class PageMarkdown:
    """The page's new Markdown, and front matter fields to set on the page (e.g. tags)."""

    markdown: str
    meta: dict[str, Any] = field(default_factory=dict)


def page_markdown(model: Model, markdown: str, src_uri: str, *,
                  source_text: str | None = None, language: str = "en") -> PageMarkdown:
    """Transform one page; src_uri is its path under docs/. Raises InvalidData."""
    translator = Translator(language)
    contributed = src_uri in model.case_studies or src_uri in model.guidance
    markdown = expand_shortcodes(markdown, model, src_uri, translator=translator,
                                 source_text=source_text, escape_html=contributed)
    return PageMarkdown(markdown)
