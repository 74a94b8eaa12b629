"""What happens to a hand-written page's Markdown during a build (MkDocs' on_page_markdown).

Every page gets its shortcodes expanded. Contributor pages (case studies, guidance) also
have raw HTML turned into text, a facts block on top, related links at the end, and tags
for their principles and sectors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from babel import Locale

from odhub.data.model import Model
from odhub.data.site import Site
from odhub.derive import related
from odhub.lang.translator import SOURCE_LANGUAGE, Translator, cldr_locale
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
                  site: Site | None = None) -> PageMarkdown:
    """Transform one page; src_uri is its path under docs/. Raises InvalidData.

    site (a site build's folder, repository and file dates) feeds the home page's parts.
    """
    translator = Translator(language)
    notice = edition_notice(model, src_uri, translator)
    if notice:
        markdown = _wrap(markdown, notice, "").rstrip() + "\n"
    case = model.case_studies.get(src_uri)
    guide = model.guidance.get(src_uri)
    markdown = expand_shortcodes(markdown, model, src_uri, translator=translator,
                                 source_text=source_text,
                                 escape_html=case is not None or guide is not None,
                                 site=site)
    if case is not None:
        top = render("case_study_facts.md.j2", src_uri, translator, model=model, case=case)
        bottom = render("case_study_related.md.j2", src_uri, translator, model=model,
                        case=case, similar=related.similar_case_studies(model, case),
                        guides=related.guidance_for_principles(model, case.principles))
        tags = [model.principles[p].title for p in case.principles]
        tags += [model.sectors[s].title for s in case.sectors]
        return PageMarkdown(_wrap(markdown, top, bottom), {"tags": tags})
    if guide is not None:
        top = render("guidance_facts.md.j2", src_uri, translator, model=model, guide=guide)
        bottom = render("guidance_related.md.j2", src_uri, translator, model=model,
                        guide=guide, cases=related.case_studies_for_guidance(model, guide))
        tags = [model.principles[p].title for p in guide.principles]
        return PageMarkdown(_wrap(markdown, top, bottom), {"tags": tags})
    return PageMarkdown(markdown)


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
