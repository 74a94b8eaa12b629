"""odhub: the Open Data Peer Hub library. Pure functions from data to pages; no MkDocs."""

from .content import PageMarkdown, page_markdown
from .errors import InvalidData, Problem
from .exports import EXPORT_DIR, write_exports
from .history import SourceFiles
from .load import load
from .markup import fix_theme_markup
from .model import Model
from .pages import GeneratedPage, SiteLinks, generated_pages

__all__ = [
    "EXPORT_DIR",
    "GeneratedPage",
    "InvalidData",
    "Model",
    "PageMarkdown",
    "Problem",
    "SiteLinks",
    "SourceFiles",
    "fix_theme_markup",
    "generated_pages",
    "load",
    "page_markdown",
    "write_exports",
]
