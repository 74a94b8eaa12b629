"""What happens to a hand-written page's Markdown during a build (MkDocs' on_page_markdown).

Every page gets its shortcodes expanded. Contributor pages (case studies, guidance) also
have raw HTML turned into text, a facts block on top, related links at the end, and tags
for their principles and sectors.

The facts and related blocks are data, so they are written as HTML blocks with links we
check ourselves (render/links.py): as Markdown they cost Python-Markdown about as much as
the page's own prose. Their headings stay Markdown, for ids and the table of contents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from babel import Locale

from odhub.data.errors import InvalidData, Problem
from odhub.data.model import Model
from odhub.data.site import Site
from odhub.derive import related
from odhub.lang.translator import SOURCE_LANGUAGE, Translator, cldr_locale
from odhub.render.environment import environment
from odhub.render.links import BrokenLink, PageLinks, source_links, url_link
from odhub.render.markdown import render
from odhub.render.shortcodes import expand_shortcodes

# A leading ATX level-1 heading, if the author wrote one: the facts block goes below it.
_LEADING_H1 = re.compile(r"\A(\s*#[ \t][^\n]*\n)")


@dataclass(frozen=True)
class PageMarkdown:
    """The page's new Markdown, and front matter fields to set on the page (e.g. tags)."""

    markdown: str
    meta: dict[str, Any] = field(default_factory=dict)


def page_markdown(model: Model, markdown: str, src_uri: str, *,
                  source_text: str | None = None, language: str = "en",
                  site: Site | None = None,
                  links: PageLinks | None = None) -> PageMarkdown:
    """Transform one page; src_uri is its path under docs/. Raises InvalidData.

    site (a site build's folder, repository and file dates) feeds the home page's parts.
    links: the build's pages and URL style; a block linking to a page outside it fails.
    Without it (outside a build), directory URLs and no check.
    """
    translator = Translator(language)
    notice = edition_notice(model, src_uri, translator)
    meta: dict[str, Any] = {}
    if notice:
        markdown = _wrap(markdown, notice, "").rstrip() + "\n"
        if translator.language not in model.page_translations.get(src_uri, {}):
            # Shown in English: the edition's search lists such pages after its own.
            meta["shown_in"] = SOURCE_LANGUAGE
    case = model.case_studies.get(src_uri)
    guide = model.guidance.get(src_uri)
    markdown = expand_shortcodes(markdown, model, src_uri, translator=translator,
                                 source_text=source_text,
                                 escape_html=case is not None or guide is not None,
                                 site=site)
    if case is None and guide is None:
        return PageMarkdown(markdown, meta)

    def block(template: str, **context: Any) -> str:
        try:
            return _block(template, src_uri, translator, links or PageLinks(),
                          model=model, **context)
        except BrokenLink as err:
            raise InvalidData([Problem(
                f"docs/{src_uri}", 0, "",
                f"the block {template.split('.')[0]!r} links to {err.target!r}, which is "
                "not a page of this build (its data names a page that does not exist)")]
            ) from None

    if case is not None:
        top = block("case_study_facts.html.j2", case=case)
        bottom = block("case_study_related.html.j2", case=case,
                       similar=related.similar_case_studies(model, case),
                       guides=related.guidance_for_principles(model, case.principles))
        tags = [model.principles[p].title for p in case.principles]
        tags += [model.sectors[s].title for s in case.sectors]
        return PageMarkdown(_wrap(markdown, top, bottom), {**meta, "tags": tags})
    assert guide is not None
    top = block("guidance_facts.html.j2", guide=guide)
    bottom = block("guidance_related.html.j2", guide=guide,
                   cases=related.case_studies_for_guidance(model, guide))
    tags = [model.principles[p].title for p in guide.principles]
    return PageMarkdown(_wrap(markdown, top, bottom), {**meta, "tags": tags})


def _block(template: str, src_uri: str, translator: Translator, links: PageLinks,
           **context: Any) -> str:
    def link(label: Any, target: str, anchor: str = "") -> str:
        return links.link(label, target, src_uri, anchor)

    return environment("html", translator.language).get_template(template).render(
        link=link, sources=source_links, url_link=url_link, **context)


def edition_notice(model: Model, src_uri: str, translator: Translator) -> str:
    """In another language's edition, a hand-written page says whether it is shown in
    English (no translation yet) or translated from an older English version."""
    if translator.language == SOURCE_LANGUAGE or src_uri not in model.hand_written:
        return ""
    translation = model.page_translations.get(src_uri, {}).get(translator.language)
    if translation is not None and not translation.stale:
        return ""
    return render("edition_notice.md.j2", src_uri, translator, translation=translation,
                  language_name=Locale.parse(cldr_locale(translator.language))
                  .get_display_name(cldr_locale(translator.language)))


def _wrap(markdown: str, top: str, bottom: str) -> str:
    heading = _LEADING_H1.match(markdown)
    split = heading.end() if heading else 0
    return f"{markdown[:split]}\n{top}\n\n{markdown[split:].rstrip()}\n\n{bottom}"
