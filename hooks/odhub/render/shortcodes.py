"""Shortcodes: `<!-- hub:NAME key=value ... -->` comments that pull data into hand-written pages.

They are HTML comments on purpose: without the hook they stay invisible, and no template
language ever runs over contributor Markdown. One regex pass finds them, skipping fenced
code and code spans so documentation can show a shortcode without expanding it; every
argument is checked against the model and each shortcode renders through its own template.

The same pass can also neutralise raw HTML in contributor pages (case studies, guidance):
a `<script>` there becomes visible text instead of markup.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from odhub.data.errors import InvalidData, Problem
from odhub.data.model import CaseStudy, Country, Guidance, Model, sort_key
from odhub.derive import peers
from odhub.lang.translator import N_, Translator
from odhub.render.markdown import render

# Order matters: code is matched first, so a shortcode or tag inside code is left alone.
_TOKENS = re.compile(
    r"""
    (?P<fence>^[ \t]*(?P<mark>`{3,}|~{3,})[^\n]*\n(?:.*?\n)??[ \t]*(?P=mark)[ \t]*$)
    | (?P<code>(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)(?P=ticks)(?!`))
    | (?P<shortcode><!--[ \t]*hub:(?P<body>(?:(?!-->).)*)-->)
    | (?P<tag><(?:/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])|![^-]|\?))
    """,
    re.MULTILINE | re.DOTALL | re.VERBOSE,
)
_ARGUMENT = re.compile(r"([a-z][a-z0-9_-]*)=(\S+)\Z")
_LEVELS = (N_("introductory"), N_("intermediate"), N_("advanced"))


@dataclass(frozen=True)
class Shortcode:
    template: str
    arguments: dict[str, str]  # argument -> kind of value (see _known_values)
    required: tuple[str, ...] = ()


SHORTCODES: dict[str, Shortcode] = {
    "countries": Shortcode("shortcodes/countries.md.j2", {"hub": "hub"}),
    "case-studies": Shortcode("shortcodes/case_studies.md.j2", {
        "principle": "principle", "sector": "sector", "objective": "objective",
        "country": "country", "hub": "hub", "year": "year"}),
    "guidance": Shortcode("shortcodes/guidance.md.j2", {
        "objective": "objective", "principle": "principle", "audience": "audience",
        "level": "level"}),
    "peers": Shortcode("shortcodes/peers.md.j2", {"country": "country"}, ("country",)),
}


def _known_values(model: Model, kind: str) -> dict[str, Any]:
    return {
        "hub": model.hubs,
        "principle": model.principles,
        "sector": model.sectors,
        "objective": model.objectives,
        "audience": model.audiences,
        "country": model.countries,
        "level": dict.fromkeys(_LEVELS),
        "year": {str(c.year): c.year for c in model.case_studies.values()},
    }[kind]


def body_line_offset(source_text: str | None, markdown: str) -> int:
    """Lines before the body in the source file (the front matter MkDocs strips)."""
    if source_text and markdown and source_text.endswith(markdown):
        return source_text[: len(source_text) - len(markdown)].count("\n")
    return 0


def expand_shortcodes(markdown: str, model: Model, source: str, *,
                      translator: Translator | None = None, source_text: str | None = None,
                      escape_html: bool = False) -> str:
    """Expand every hub: shortcode in one page; raise InvalidData naming docs/<source>:LINE.

    source is the page's path under docs/ (links in the output are relative to it);
    source_text, the whole file, only serves to report line numbers that match the file.
    With escape_html, raw HTML tags outside code are turned into visible text.
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
            return "&lt;" + match["tag"][1:] if escape_html else match["tag"]
        if match["shortcode"] is None:
            return match[0]
        where = f"docs/{source}"
        expanded = _expand(match["body"], model, source, translator,
                           lambda message, field="": problems.append(
                               Problem(where, line_of(match.start()), field, message)))
        if expanded is None:
            return match[0]
        return _indent_like(markdown, match.start(), expanded)

    result = _TOKENS.sub(replace, markdown)
    if problems:
        raise InvalidData(problems)
    return result


def _expand(body: str, model: Model, source: str, translator: Translator,
            problem: Callable[..., None]) -> str | None:
    words = body.split()
    name = words[0] if words else ""
    spec = SHORTCODES.get(name)
    if spec is None:
        close = difflib.get_close_matches(name, sorted(SHORTCODES), n=1)
        hint = f" (did you mean 'hub:{close[0]}'?)" if close else ""
        problem(f"unknown shortcode 'hub:{name}'{hint}; known: "
                + ", ".join(f"hub:{known}" for known in sorted(SHORTCODES)))
        return None
    field = f"hub:{name}"
    values: dict[str, str] = {}
    ok = True
    for word in words[1:]:
        argument = _ARGUMENT.match(word)
        if argument is None:
            problem(f"'{word}' is not a key=value argument", field)
            ok = False
            continue
        key, value = argument.groups()
        kind = spec.arguments.get(key)
        if kind is None:
            problem(f"unknown argument '{key}'; {name} takes: "
                    + ", ".join(sorted(spec.arguments)), field)
            ok = False
        elif key in values:
            problem(f"argument '{key}' is given twice", field)
            ok = False
        else:
            value = value.upper() if kind == "country" else value
            known = _known_values(model, kind)
            if value not in known:
                choices = sorted(known)
                close = difflib.get_close_matches(value, choices, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                problem(f"{key}: '{value}' is not a known {kind}{hint}; known: "
                        + ", ".join(choices), field)
                ok = False
            values[key] = value
    for key in spec.required:
        if key not in values:
            problem(f"the argument '{key}' is required", field)
            ok = False
    if not ok:
        return None
    context = _CONTEXT[name](model, values, translator)
    return render(spec.template, source, translator, model=model, **context).strip("\n")


def _indent_like(markdown: str, position: int, text: str) -> str:
    """Indent continuation lines like the comment, so it works inside an admonition."""
    line_start = markdown.rfind("\n", 0, position) + 1
    prefix = markdown[line_start:position]
    if prefix.strip():
        return text  # the comment shares its line with text: leave the layout alone
    return text.replace("\n", "\n" + prefix).replace("\n" + prefix + "\n", "\n\n")


# -- what each shortcode shows ------------------------------------------------------------


def _countries(model: Model, values: dict[str, str], _t: Translator) -> dict[str, Any]:
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


def _case_studies(model: Model, values: dict[str, str], _t: Translator) -> dict[str, Any]:
    return {"cases": case_studies_where(model, values)}


def _guidance(model: Model, values: dict[str, str], _t: Translator) -> dict[str, Any]:
    return {"guides": guidance_where(model, values)}


def _peers(model: Model, values: dict[str, str], t: Translator) -> dict[str, Any]:
    country = model.countries[values["country"]]
    return {"country": country, "peers": peers.suggestions(model, country.iso3, t)}


_CONTEXT: dict[str, Callable[[Model, dict[str, str], Translator], dict[str, Any]]] = {
    "countries": _countries,
    "case-studies": _case_studies,
    "guidance": _guidance,
    "peers": _peers,
}
