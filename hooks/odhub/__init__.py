"""odhub: the Open Data Peer Hub library. Pure functions from data to pages; no MkDocs."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Imported now: `load` is also the name of a submodule, and importing odhub.load anywhere
# would otherwise leave the module, not the function, at odhub.load.
from .errors import InvalidData, Problem
from .load import load

# Where each public name lives. Modules load on first use, so `odhub validate` does not
# pay for the page renderer, the exporters and their libraries (~0.15 s at every start).
_WHERE = {
    "Chrome": "chrome",
    "EXPORT_DIR": "exports",
    "GeneratedPage": "pages",
    "Model": "model",
    "PageMarkdown": "content",
    "Places": "place",
    "Repository": "repository",
    "Site": "site",
    "SiteLinks": "pages",
    "SourceFiles": "history",
    "finish_content_html": "content_html",
    "fix_theme_markup": "markup",
    "generated_pages": "pages",
    "page_markdown": "content",
    "write_exports": "exports",
}

# A new name goes here and in _WHERE (and, for type checkers, at the end).
__all__ = [
    "EXPORT_DIR",
    "Chrome",
    "GeneratedPage",
    "InvalidData",
    "Model",
    "PageMarkdown",
    "Places",
    "Problem",
    "Repository",
    "Site",
    "SiteLinks",
    "SourceFiles",
    "finish_content_html",
    "fix_theme_markup",
    "generated_pages",
    "load",
    "page_markdown",
    "write_exports",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


if TYPE_CHECKING:
    from .chrome import Chrome
    from .content import PageMarkdown, page_markdown
    from .content_html import finish_content_html
    from .exports import EXPORT_DIR, write_exports
    from .history import SourceFiles
    from .markup import fix_theme_markup
    from .model import Model
    from .pages import GeneratedPage, SiteLinks, generated_pages
    from .place import Places
    from .repository import Repository
    from .site import Site
