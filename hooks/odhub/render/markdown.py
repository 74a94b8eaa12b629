"""Render Markdown from Jinja templates, treating every data value as untrusted text.

Contributor text (names, summaries, notes) is escaped twice over: HTML special characters
become entities and Markdown syntax characters are backslash-escaped, so a summary can
neither inject markup nor turn into a link. Only values a template marks as Markdown on
purpose (internal links, checked URLs) go through unescaped.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any
from urllib.parse import quote, urlsplit

from babel import Locale
from babel.dates import format_skeleton
from babel.numbers import format_decimal
from jinja2 import Environment
from markupsafe import Markup

from odhub.data.dates import PartialDate
from odhub.data.model import source_label
from odhub.data.urls import WEB_SCHEMES
from odhub.data.urls import scheme as url_scheme
from odhub.lang.names import ascii_fold
from odhub.lang.translator import Translator, cldr_locale
from odhub.render.environment import make_environment

ALLOWED_SCHEMES = WEB_SCHEMES  # a template link is always absolute: no relative URL here
# Exactly the characters Python-Markdown (with tables) lets a backslash escape.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+.!|-])")
_WHITESPACE = re.compile(r"\s+")


class UnsafeURL(ValueError):
    pass


def escape_text(value: Any) -> Markup:
    """Plain text -> Markdown that shows exactly that text."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return _escape_plain(str(value))


@lru_cache(maxsize=1 << 16)  # the same names and titles are escaped on many pages
def _escape_plain(text: str) -> Markup:
    return _escape(_WHITESPACE.sub(" ", text).strip())


def _escape(text: str) -> Markup:
    # Markdown escapes first, so the '#' of an entity like &#39; is never touched; then
    # only &, < and > become entities (quotes are harmless outside attributes).
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    return Markup(escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def safe_url(url: str) -> Markup:
    """A URL fit for a Markdown link target; anything but http, https or mailto is refused."""
    scheme = url_scheme(url)  # as a browser reads it: " java\tscript:" is javascript
    if scheme not in ALLOWED_SCHEMES:
        raise UnsafeURL(f"refusing URL with scheme {scheme!r}: {url!r}")
    return Markup(quote(url, safe=":/?#[]@!$&'*+,;=%~.-_"))


def markdown_link(label: Any, url: str) -> Markup:
    return Markup(f"[{escape_text(label)}]({safe_url(url)})")


def source_links(urls: Iterable[str]) -> Markup:
    """Sources as short links labelled by site: [webfoundation.org](...), [...](...)."""
    return Markup(", ").join(markdown_link(label, url) for label, url in labelled_sources(urls))


def labelled_sources(urls: Iterable[str]) -> list[tuple[str, str]]:
    """(label, url) for each source: its site; two sources on one site are told apart by
    the end of their address."""
    urls = list(urls)
    labels = [source_label(u) for u in urls]
    shared = {label for label in labels if labels.count(label) > 1}
    return [(f"{label} ({_last_part(url)})" if label in shared else label, url)
            for label, url in zip(labels, urls, strict=True)]


def _last_part(url: str) -> str:
    path = urlsplit(url).path.rstrip("/")
    return path.rsplit("/", 1)[-1] or urlsplit(url).hostname or url


def _join(values: Iterable[Any], separator: str = ", ") -> Markup:
    return _escape(separator).join(escape_text(v) for v in values)


def _yaml_string(value: Any) -> Markup:
    # JSON strings are valid YAML scalars, and quoting keeps ':' or '#' from breaking it.
    return Markup(json.dumps(str(value), ensure_ascii=False))


def initial(name: str) -> str:
    """The letter a name is listed under, A to Z: 'Côte d'Ivoire' -> 'C'."""
    return ascii_fold(name).strip()[:1].upper()


def language_name(code: str, language: str = "en") -> str:
    """'id' -> 'Indonesian' from CLDR, so codes in data read as words on pages."""
    return Locale.parse(cldr_locale(language)).languages.get(code, code)


def local_date(value: Any, language: str = "en") -> str:
    """A date as written in data ('2011-09-01', '2015-10', '2015') in the reader's language
    from CLDR: '1 de septiembre de 2011', 'octobre 2015'; other text is left as it is."""
    if value is None:
        return ""
    try:
        date = PartialDate.parse(str(value))
    except ValueError:
        return str(value)
    if date.precision == "day":
        return format_skeleton("yMMMMd", date.first_day, locale=cldr_locale(language))
    if date.precision == "month":
        return format_skeleton("yMMMM", date.first_day, locale=cldr_locale(language))
    return str(date.year)


@cache
def environment(language: str = "en") -> Environment:
    """One sandbox-free environment for our own template files per language, built once
    per process; gettext comes through jinja2.ext.i18n."""
    # Page templates by bare name; shortcode and CLI ones by folder.
    env = make_environment(("pages", ""), finalize=escape_text, keep_trailing_newline=True,
                           language=language)
    env.filters.update(
        join=_join,
        url=safe_url,
        link=lambda url, label=None: markdown_link(label or source_label(url), url),
        sources=source_links,
        source_site=source_label,
        yaml=_yaml_string,
        language_name=lambda code: language_name(code, language),
        date=lambda value: local_date(value, language),
        number=lambda value: format_decimal(value, locale=cldr_locale(language)),
        initial=initial,
    )
    env.globals["language"] = language
    return env


@lru_cache(maxsize=1 << 16)  # pages in one folder link the same targets over and over
def _relative(target: str, start: str) -> str:
    return posixpath.relpath(target, start)


def render(template: str, page_path: str, translator: Translator, **context: Any) -> str:
    """Render one page; `to(...)` inside templates makes links relative to page_path."""
    here = posixpath.dirname(page_path)

    def to(target: str, anchor: str = "") -> Markup:
        relative = _relative(target, here or ".")
        return Markup(relative + (f"#{anchor}" if anchor else ""))

    def link(label: Any, target: str, anchor: str = "") -> Markup:
        return Markup(f"[{escape_text(label)}]({to(target, anchor)})")

    # Guides a hub may or may not have written (e.g. contribute/event.md): a hub without
    # one gets no link rather than a broken one.
    written = getattr(context.get("model"), "hand_written", {})

    def guide_link(label: Any, target: str) -> Markup:
        return link(label, target) if target in written else Markup("")

    return environment(translator.language).get_template(template).render(
        to=to,
        page_link=link,
        guide_link=guide_link,
        page_path=page_path,
        **context,
    )
