"""The grammar of shortcodes, `<!-- hub:NAME key=value ... -->`, and the check of each one.

Shortcodes are HTML comments on purpose: without the hook they stay invisible, and no
template language ever runs over contributor Markdown. One regex pass finds them, skipping
fenced code and code spans so documentation can show a shortcode without expanding it.

load() checks every shortcode of every hand-written page against the model, so
`odhub validate` refuses what the build would; render.shortcodes only expands them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from odhub.data import vocab
from odhub.data.errors import Problem
from odhub.data.markdown_code import CODE, FLAGS
from odhub.data.model import Model

# Order matters: code is matched first, so a shortcode or tag inside code is left alone.
TOKENS = re.compile(
    CODE + r"""
    | (?P<shortcode><!--[ \t]*hub:(?P<body>(?:(?!-->).)*)-->)
    | (?P<tag><(?:/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])|![^-]|\?))
    """,
    FLAGS | re.VERBOSE,
)
_ARGUMENT = re.compile(r"([a-z][a-z0-9_-]*)=(\S+)\Z")


@dataclass(frozen=True)
class Shortcode:
    arguments: dict[str, str]  # argument -> kind of value (see known_values)
    required: tuple[str, ...] = ()


SHORTCODES: dict[str, Shortcode] = {
    "countries": Shortcode({"hub": "hub"}),
    "case-studies": Shortcode({
        "principle": "principle", "sector": "sector", "objective": "objective",
        "country": "country", "hub": "hub", "year": "year"}),
    "guidance": Shortcode({
        "objective": "objective", "principle": "principle", "audience": "audience",
        "level": "level"}),
    "peers": Shortcode({"country": "country"}, ("country",)),
    # The home page's parts.
    "search": Shortcode({}),
    "find-country": Shortcode({}),
    "whats-new": Shortcode({}),
    "featured-case-studies": Shortcode({}),
    "offline-download": Shortcode({}),
}


@dataclass(frozen=True)
class Call:
    """One valid shortcode: its name and checked arguments (country codes upper-cased)."""

    name: str
    values: dict[str, str]


def known_values(model: Model, kind: str) -> dict[str, Any]:
    if kind == "level":  # the schema's list: guidance levels are not records
        return dict.fromkeys(vocab.allowed(model.schemas, "guidance", "level"))
    if kind == "year":
        return {str(c.year): c.year for c in model.case_studies.values()}
    return {
        "hub": model.hubs,
        "principle": model.principles,
        "sector": model.sectors,
        "objective": model.objectives,
        "audience": model.audiences,
        "country": model.countries,
    }[kind]


def body_line_offset(source_text: str | None, markdown: str) -> int:
    """Lines before the body in the source file (the front matter MkDocs strips)."""
    if source_text and markdown and source_text.endswith(markdown):
        return source_text[: len(source_text) - len(markdown)].count("\n")
    return 0


def parse(body: str, model: Model, problem: Callable[..., None]) -> Call | None:
    """The shortcode whose comment body is body, or None after reporting each mistake
    through problem(message, field)."""
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
            known = known_values(model, kind)
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
    return Call(name, values) if ok else None


def shortcodes(markdown: str) -> Iterator[re.Match[str]]:
    """Every shortcode comment outside code, in page order."""
    if "hub:" not in markdown:
        return  # most pages: no scan at all
    for match in TOKENS.finditer(markdown):
        if match["shortcode"] is not None:
            yield match


def check_page(markdown: str, model: Model, path: str, first_line: int = 1) -> list[Problem]:
    """A problem for each mistake in the page's shortcodes; markdown starts at first_line."""
    problems: list[Problem] = []
    for match in shortcodes(markdown):
        line = first_line + markdown.count("\n", 0, match.start())
        parse(match["body"], model, lambda message, field="", line=line: problems.append(
            Problem(path, line, field, message)))
    return problems


def escape_tags(markdown: str) -> str:
    """Raw HTML tags outside code turned into text (`<b>` -> `&lt;b>`), as contributor pages
    (case studies, guidance) are built; shortcodes and code are left as they are."""
    if "<" not in markdown:
        return markdown
    return TOKENS.sub(lambda m: escape_tag(m["tag"]) if m["tag"] is not None else m[0],
                      markdown)


def escape_tag(tag: str) -> str:
    return "&lt;" + tag[1:]
