"""The one Jinja environment factory: every template of the library is loaded through it.

Page templates (Markdown) add Markdown escaping as their finalize step (see markdown.py);
SVG, HTML and XML fragments use plain autoescaping (Markdown escapes would show up as
backslashes there); scaffold templates write source files, so they escape nothing and
pass every value through a |yaml filter instead.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from odhub.lang.translator import SOURCE_LANGUAGE, Translator

TEMPLATES = Path(__file__).resolve().parent / "templates"

# Characters XML 1.0 forbids even when escaped; untrusted text could carry them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def make_environment(folders: tuple[str, ...], *, autoescape: bool = True,
                     finalize: Callable[[Any], Any] | None = None,
                     keep_trailing_newline: bool = False,
                     language: str = SOURCE_LANGUAGE) -> jinja2.Environment:
    """An environment over the given template folders (relative to templates/), with the
    settings every template here assumes: undefined names fail, block tags leave no
    blank lines, gettext in the language given. Callers cache what they build."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(TEMPLATES / folder) for folder in folders]),
        autoescape=autoescape,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
        extensions=["jinja2.ext.i18n"],
    )
    install_translator(env, Translator(language))
    return env


def install_translator(env: jinja2.Environment, translator: Translator) -> None:
    """gettext for templates through jinja2.ext.i18n (as MkDocs' own localization does):
    `_("text {name}", name=...)`, and `_n(singular, plural, count)` for plurals."""
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=translator.gettext, ngettext=translator.ngettext, newstyle=False)
    env.globals["_n"] = translator.ngettext


@functools.cache
def environment(folder: str, language: str = SOURCE_LANGUAGE) -> jinja2.Environment:
    """One autoescaping environment per fragment folder (e.g. "svg", "html") and language,
    built once."""
    return make_environment((folder,), language=language)


def xml_text(text: object) -> str:
    """Text safe to put in an XML document once escaped: forbidden characters dropped."""
    return _XML_ILLEGAL.sub("", str(text))
