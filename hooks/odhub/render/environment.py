"""Jinja environments for SVG and raw-HTML fragments, shared by maps, charts and pages.

These fragments are XML/HTML, not Markdown, so they use plain autoescaping (render.py's
environment adds Markdown escaping, which would show up as backslashes here).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import jinja2

from odhub.lang.translator import SOURCE_LANGUAGE, Translator

TEMPLATES = Path(__file__).resolve().parent / "templates"

# Characters XML 1.0 forbids even when escaped; untrusted text could carry them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SVG_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


@functools.cache
def environment(folder: str, language: str = SOURCE_LANGUAGE) -> jinja2.Environment:
    """One autoescaping environment per template folder (e.g. "svg", "html") and language,
    built once."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES / folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
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


def xml_text(text: object) -> str:
    """Text safe to put in an XML document once escaped: forbidden characters dropped."""
    return _XML_ILLEGAL.sub("", str(text))
