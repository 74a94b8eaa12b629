"""Shortcodes: `<!-- hub:NAME key=value ... -->` comments that pull data into hand-written pages.

The grammar and the checks of every argument live in odhub.data.shortcodes (load() runs
them on every page); here each valid shortcode renders through its own template.

The same pass can also neutralise raw HTML in contributor pages (case studies, guidance):
a `<script>` there becomes visible text instead of markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from babel.dates import format_date
from babel.units import format_unit

from odhub.data.dates import build_date
from odhub.data.errors import InvalidData, Problem
from odhub.data.model import CaseStudy, Country, Guidance, Model, sort_key
from odhub.data.shortcodes import TOKENS, Call, body_line_offset, escape_tag, parse
from odhub.data.site import Site
from odhub.derive import events, peers, whatsnew
from odhub.lang.translator import Translator, cldr_locale
from odhub.render import ogp_labels
from odhub.render.markdown import render

TEMPLATES = {
    "countries": "shortcodes/countries.md.j2",
    "case-studies": "shortcodes/case_studies.md.j2",
    "guidance": "shortcodes/guidance.md.j2",
    "peers": "shortcodes/peers.md.j2",
    # The home page's parts.
    "search": "shortcodes/search.md.j2",
    "find-country": "shortcodes/find_country.md.j2",
    "whats-new": "shortcodes/whats_new.md.j2",
    "featured-case-studies": "shortcodes/featured_case_studies.md.j2",
    "offline-download": "shortcodes/offline_download.md.j2",
}


def expand_shortcodes(markdown: str, model: Model, source: str, *,
                      translator: Translator | None = None, source_text: str | None = None,
                      escape_html: bool = False, site: Site | None = None) -> str:
    """Expand every hub: shortcode in one page; raise InvalidData naming docs/<source>:LINE.

    source is the page's path under docs/ (links in the output are relative to it);
    source_text, the whole file, only serves to report line numbers that match the file.
    With escape_html, raw HTML tags outside code are turned into visible text. site, in a
    site build, gives the home page's parts the news, file dates and repository.
    """
    if "<" not in markdown:
        return markdown  # no shortcode and no HTML tag: nothing to do (most pages)
    translator = translator or Translator()
    problems: list[Problem] = []
    offset: int | None = None

    def line_of(position: int) -> int:
        nonlocal offset
        if offset is None:
            offset = body_line_offset(source_text, markdown)
        return offset + markdown.count("\n", 0, position) + 1

    def replace(match: re.Match[str]) -> str:
        if match["tag"] is not None:
            return escape_tag(match["tag"]) if escape_html else match["tag"]
        if match["shortcode"] is None:
            return match[0]
        where = f"docs/{source}"
        call = parse(match["body"], model, lambda message, field="": problems.append(
            Problem(where, line_of(match.start()), field, message)))
        if call is None:
            return match[0]
        return _indent_like(markdown, match.start(),
                            _render(call, model, source, translator, site))

    result = TOKENS.sub(replace, markdown)
    if problems:
        raise InvalidData(problems)
    return result


def _render(call: Call, model: Model, source: str, translator: Translator,
            site: Site | None) -> str:
    context = _CONTEXT[call.name](model, call.values, translator, site)
    return render(TEMPLATES[call.name], source, translator, model=model,
                  **context).strip("\n")


def _indent_like(markdown: str, position: int, text: str) -> str:
    """Indent continuation lines like the comment, so it works inside an admonition."""
    line_start = markdown.rfind("\n", 0, position) + 1
    prefix = markdown[line_start:position]
    if prefix.strip():
        return text  # the comment shares its line with text: leave the layout alone
    return text.replace("\n", "\n" + prefix).replace("\n" + prefix + "\n", "\n\n")


# -- what each shortcode shows ------------------------------------------------------------


def _countries(model: Model, values: dict[str, str], _t: Translator,
               _site: Site | None) -> dict[str, Any]:
    hub = values.get("hub")
    found: list[Country] = (model.countries_by_hub.get(hub, []) if hub
                            else model.countries_by_name)
    return {"countries": found, "hub": model.hubs.get(hub) if hub else None}


def case_studies_where(model: Model, values: dict[str, str]) -> list[CaseStudy]:
    """Case studies matching every given facet, by title."""
    in_hub = {case.src_uri for case in model.case_studies_by_hub.get(values.get("hub"), [])}

    def keep(case: CaseStudy) -> bool:
        return all((
            "principle" not in values or values["principle"] in case.principles,
            "sector" not in values or values["sector"] in case.sectors,
            "objective" not in values or values["objective"] in case.objectives,
            "country" not in values or values["country"] in case.countries,
            "hub" not in values or case.src_uri in in_hub,
            "year" not in values or str(case.year) == values["year"],
        ))

    return sorted((c for c in model.case_studies.values() if keep(c)),
                  key=lambda c: sort_key(c.title))


def guidance_where(model: Model, values: dict[str, str]) -> list[Guidance]:
    def keep(guide: Guidance) -> bool:
        return all((
            "objective" not in values or values["objective"] in guide.objectives,
            "principle" not in values or values["principle"] in guide.principles,
            "audience" not in values or values["audience"] in guide.audience,
            "level" not in values or values["level"] == guide.level,
        ))

    return sorted((g for g in model.guidance.values() if keep(g)),
                  key=lambda g: sort_key(g.title))


def _case_studies(model: Model, values: dict[str, str], _t: Translator,
                  _site: Site | None) -> dict[str, Any]:
    return {"cases": case_studies_where(model, values)}


def _guidance(model: Model, values: dict[str, str], _t: Translator,
              _site: Site | None) -> dict[str, Any]:
    return {"guides": guidance_where(model, values)}


def _peers(model: Model, values: dict[str, str], t: Translator,
           _site: Site | None) -> dict[str, Any]:
    country = model.countries[values["country"]]
    return {"country": country, "peers": peers.suggestions(model, country.iso3),
            "labels": ogp_labels.Labels(t)}


def _nothing(_model: Model, _values: dict[str, str], _t: Translator,
             _site: Site | None) -> dict[str, Any]:
    return {}


def _whats_new(model: Model, _values: dict[str, str], t: Translator,
               site: Site | None) -> dict[str, Any]:
    # Outside a site build (no Site) there are no file dates: news and events only.
    news = whatsnew.whats_new(model, model.posts,
                              site.updated if site else (lambda _path: None), build_date())
    return {"new": news,
            "long_date": lambda day: format_date(day, "long", locale=cldr_locale(t.language)),
            "when": lambda event: events.when(event, t)}


def _featured(model: Model, _values: dict[str, str], _t: Translator,
              _site: Site | None) -> dict[str, Any]:
    return {"cases": whatsnew.featured_case_studies(model)}


def _offline_download(_model: Model, _values: dict[str, str], t: Translator,
                      site: Site | None) -> dict[str, Any]:
    size = site.offline_zip_size if site else None
    return {"url": site.offline_download if site else None,
            "size": format_size(size, t.language) if size else None}


def format_size(size: int, language: str) -> str:
    """Bytes as readers say them, in the site's language: '4.2 MB'."""
    megabytes = size / 1_000_000
    if megabytes >= 1:
        return format_unit(round(megabytes, 1), "digital-megabyte", length="short",
                           locale=cldr_locale(language))
    return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short",
                       locale=cldr_locale(language))


_CONTEXT: dict[str, Callable[[Model, dict[str, str], Translator, Site | None],
                             dict[str, Any]]] = {
    "countries": _countries,
    "case-studies": _case_studies,
    "guidance": _guidance,
    "peers": _peers,
    "search": _nothing,
    "find-country": _nothing,
    "whats-new": _whats_new,
    "featured-case-studies": _featured,
    "offline-download": _offline_download,
}

