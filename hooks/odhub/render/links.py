"""Links in the HTML blocks we add to contributor pages (facts, related pages).

Those blocks are data, so we write them as HTML rather than as Markdown links: links are
Python-Markdown's slowest construct, and MkDocs then checks and rewrites each one. Raw
HTML passes through both untouched, so here we do what MkDocs would have done: turn a
page's docs path into the URL the build gives it, relative to the linking page, and
refuse a target that is not a page of the build.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from odhub.render.markdown import labelled_sources, safe_url


class BrokenLink(ValueError):
    """A generated block links to a path that is not a page of this build."""

    def __init__(self, target: str) -> None:
        self.target = target
        super().__init__(target)


@dataclass(frozen=True)
class PageLinks:
    """How the build names its pages.

    known: the docs paths of every page in the build (None: links are not checked, for
    callers outside a build); directory_urls: MkDocs' use_directory_urls (the offline
    edition turns it off, so pages are files: countries/ken.html).
    """

    known: frozenset[str] | None = None
    directory_urls: bool = True

    def href(self, target: str, here: str, anchor: str = "") -> str:
        """The relative URL from page `here` to page `target` (both docs paths)."""
        if self.known is not None and target not in self.known:
            raise BrokenLink(target)
        url = _relative(_page_url(target, self.directory_urls),
                        _folder(_page_url(here, self.directory_urls)))
        return f"{url}#{anchor}" if anchor else url

    def link(self, label: Any, target: str, here: str, anchor: str = "") -> Markup:
        return Markup('<a href="{}">{}</a>').format(self.href(target, here, anchor), label)


def url_link(url: str, label: Any) -> Markup:
    """An outside link (http, https or mailto only, as render/markdown.py checks)."""
    return Markup('<a href="{}">{}</a>').format(escape(safe_url(url)), label)


def source_links(urls: list[str]) -> Markup:
    """Sources as short HTML links labelled by site, as the Markdown blocks had them."""
    return Markup(", ").join(url_link(url, label) for label, url in labelled_sources(urls))


@lru_cache(maxsize=1 << 16)
def _page_url(src: str, directory_urls: bool) -> str:
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        folder = stem.removesuffix("index")
        return folder if directory_urls else folder + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


def _folder(url: str) -> str:
    if url.endswith("/") or not url:
        return url.rstrip("/") or "."
    return posixpath.dirname(url) or "."


@lru_cache(maxsize=1 << 16)  # pages in one folder link the same targets over and over
def _relative(url: str, folder: str) -> str:
    if url.endswith("/") or not url:
        relative = posixpath.relpath(url.rstrip("/") or ".", folder)
        return "./" if relative == "." else relative + "/"
    return posixpath.relpath(url, folder)
