"""`odhub new ...`: start a case study, guidance page, country or event from a template.

Templates carry valid ids (so the schema is satisfied) and TODO markers in the fields a
coordinator must write; `odhub validate` reports each TODO with its line until replaced.
Nothing is ever overwritten: files are created exclusively, and an event is appended to
data/events.yml only when its id is new and the result still parses as a list.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from jinja2 import Environment

from odhub.data import vocab
from odhub.data.schemas import schema_set
from odhub.lang import names
from odhub.lang.translator import Translator

# Case studies serve the "Scale Effective Use" objective unless the coordinator says more.
CASE_OBJECTIVE = "scale-effective-use"
_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")


# Command-line messages are in the source language; a translated CLI would pass its own.
_ = Translator().gettext


class ScaffoldError(Exception):
    """A reason not to write anything; the message is for the coordinator."""


@dataclass(frozen=True)
class Written:
    path: Path
    appended: bool = False


@cache
def _environment() -> Environment:
    # These templates write YAML and Markdown *source* files for coordinators, not pages:
    # no Markdown escaping (it would litter the file with backslashes). Every value from
    # the command line goes through |yaml (a JSON string, valid YAML) or is a checked id.
    from odhub.render.environment import make_environment  # only when writing a file

    env = make_environment(("scaffold",), autoescape=False, keep_trailing_newline=True)
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    return env


def _render(template: str, translator: Translator, **context: Any) -> str:
    return _environment().get_template(template).render(
        _=translator.gettext, _n=translator.ngettext, **context)


# -- what the hub knows, read without validating the whole hub -----------------------
# A half-finished case study must not stop a coordinator from scaffolding the next one.


@dataclass(frozen=True)
class Known:
    principles: list[str]
    sectors: list[str]
    objectives: list[str]
    audiences: list[str]
    hubs: list[str]
    countries: list[str]
    levels: tuple[str, ...]  # closed lists, from the schemas
    event_kinds: tuple[str, ...]


def known_ids(root: Path) -> Known:
    data = root / "data"
    schemas = schema_set(str(data / "schemas")).documents

    def vocabulary(name: str) -> list[str]:
        file = data / f"{name}.yml"
        try:
            items = yaml.safe_load(file.read_text(encoding="utf-8")) or []
        except (OSError, yaml.YAMLError) as err:
            raise ScaffoldError(_("cannot read {file}: {error}", file=file, error=err)
                                ) from None
        return [item["id"] for item in items if isinstance(item, dict) and "id" in item]

    return Known(
        principles=vocabulary("principles"), sectors=vocabulary("sectors"),
        objectives=vocabulary("objectives"), audiences=vocabulary("audiences"),
        hubs=sorted(f.stem for f in (data / "hubs").glob("*.yml")),
        countries=sorted(f.stem.upper() for f in (data / "countries").glob("*.yml")),
        levels=vocab.allowed(schemas, "guidance", "level"),
        event_kinds=vocab.allowed(schemas, "event", vocab.ITEMS, "kind"),
    )


def _default(known: list[str], preferred: str) -> list[str]:
    return [preferred] if preferred in known else known[:1]


def _check(values: Iterable[str], known: list[str], what: str) -> list[str]:
    values = list(dict.fromkeys(values))  # keep order, drop repeats
    for value in values:
        if value not in known:
            close = difflib.get_close_matches(value, known, n=1)
            hint = _(" (did you mean '{id}'?)", id=close[0]) if close else ""
            raise ScaffoldError(_("'{value}' is not a known {what}{hint}; known: {known}",
                                  value=value, what=_(what), hint=hint,
                                  known=", ".join(known)))
    return values


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", names.ascii_fold(text).lower()).strip("-")
    if len(slug) > 60:
        slug = slug[:60].rsplit("-", 1)[0]
    if not slug:
        raise ScaffoldError(_("the title gives no usable file name; pass --slug"))
    return slug


def _create(root: Path, path: Path, text: str,
            instead: str | None = None) -> Written:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(_("{path} already exists; nothing was written.",
                              path=_relative(path, root)) + " "
                            + (instead or _("Edit that file, or choose another --slug."))
                            ) from None
    return Written(path)


# -- the four kinds ------------------------------------------------------------------


def new_case_study(root: Path, title: str, countries: list[str], *,
                   principles: list[str] = (), sectors: list[str] = (),
                   objectives: list[str] = (), year: int | None = None,
                   slug: str | None = None, translator: Translator | None = None) -> Written:
    known = known_ids(root)
    countries = _check((c.upper() for c in countries), known.countries, "country")
    context = {
        "title": title, "countries": countries,
        "principles": _check(principles or known.principles[:1], known.principles,
                             "principle"),
        "sectors": _check(sectors or known.sectors[:1], known.sectors, "sector"),
        "objectives": _check(objectives or _default(known.objectives, CASE_OBJECTIVE),
                             known.objectives, "objective"),
        "year": year or dt.date.today().year, "known": known,
    }
    path = root / "docs" / "case-studies" / f"{slug or slugify(title)}.md"
    return _create(root, path, _render("case_study.md.j2", translator or Translator(), **context))


def new_guidance(root: Path, title: str, *, objectives: list[str] = (),
                 principles: list[str] = (), audience: list[str] = (),
                 level: str = "introductory", slug: str | None = None,
                 translator: Translator | None = None) -> Written:
    known = known_ids(root)
    if level not in known.levels:
        raise ScaffoldError(_("'{value}' is not a level; known: {known}", value=level,
                              known=", ".join(known.levels)))
    context = {
        "title": title, "level": level, "known": known, "levels": known.levels,
        "objectives": _check(objectives or known.objectives[:1], known.objectives,
                             "objective"),
        "principles": _check(principles or known.principles[:1], known.principles,
                             "principle"),
        "audience": _check(audience or known.audiences[:1], known.audiences, "audience"),
    }
    path = root / "docs" / "guidance" / f"{slug or slugify(title)}.md"
    return _create(root, path, _render("guidance.md.j2", translator or Translator(), **context))


def new_country(root: Path, iso3: str, *, hub: str | None = None,
                translator: Translator | None = None) -> Written:
    known = known_ids(root)
    iso3 = iso3.upper()
    if names.codes(iso3) is None:
        raise ScaffoldError(_("'{value}' is not an ISO 3166-1 alpha-3 country code",
                              value=iso3))
    if hub is not None:
        _check([hub], known.hubs, "hub")
    context = {"iso3": iso3, "name": names.display_name(iso3), "hub": hub, "known": known,
               "as_of": dt.date.today().strftime("%Y-%m")}
    path = root / "data" / "countries" / f"{iso3.lower()}.yml"
    return _create(root, path, _render("country.yml.j2", translator or Translator(), **context),
                   instead=_("Edit that file instead."))


def event_snippet(root: Path, title: str, start: str, *, kind: str = "conference",
                  hubs: list[str] = (), countries: list[str] = (), slug: str | None = None,
                  translator: Translator | None = None) -> tuple[str, str]:
    """(id, YAML text of one list item) for data/events.yml."""
    known = known_ids(root)
    if not _PARTIAL_DATE.match(start):
        raise ScaffoldError(_("--start '{value}' is not YYYY, YYYY-MM or YYYY-MM-DD",
                              value=start))
    if kind not in known.event_kinds:
        raise ScaffoldError(_("'{value}' is not an event kind; known: {known}", value=kind,
                              known=", ".join(known.event_kinds)))
    event_id = slug or slugify(title)
    context = {
        "id": event_id, "title": title, "start": start, "kind": kind,
        "hubs": _check(hubs, known.hubs, "hub"),
        "countries": _check((c.upper() for c in countries), known.countries, "country"),
    }
    return event_id, _render("event.yml.j2", translator or Translator(), **context)


def new_event(root: Path, title: str, start: str, **options: Any) -> Written | str:
    """Append the event to data/events.yml; return the snippet instead if there is none."""
    event_id, snippet = event_snippet(root, title, start, **options)
    path = root / "data" / "events.yml"
    if not path.exists():
        return snippet
    text = path.read_text(encoding="utf-8")
    try:
        existing = yaml.safe_load(text) or []
    except yaml.YAMLError as err:
        raise ScaffoldError(_("data/events.yml does not parse, so nothing was added: "
                              "{error}", error=err)) from None
    if not isinstance(existing, list):
        raise ScaffoldError(_("data/events.yml is not a list of events; nothing was added"))
    if any(isinstance(e, dict) and e.get("id") == event_id for e in existing):
        raise ScaffoldError(_("data/events.yml already has an event with id '{id}'; nothing "
                              "was added. Edit that entry, or choose another --slug.",
                              id=event_id))
    joined = text + ("" if text.endswith("\n") or not text else "\n") + snippet
    if len(yaml.safe_load(joined) or []) != len(existing) + 1:
        raise ScaffoldError(_("appending to data/events.yml would not add exactly one "
                              "event; nothing was added. Paste this by hand:") + "\n" + snippet)
    path.write_text(joined, encoding="utf-8")
    return Written(path, appended=True)


# -- command line --------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    kinds = parser.add_subparsers(dest="new_kind", required=True, metavar="KIND")
    case = kinds.add_parser("case-study", help="docs/case-studies/<slug>.md")
    case.add_argument("--title", required=True)
    case.add_argument("--country", action="append", required=True, metavar="ISO3",
                      help="repeat for several countries")
    case.add_argument("--principle", action="append", default=[], metavar="ID")
    case.add_argument("--sector", action="append", default=[], metavar="ID")
    case.add_argument("--objective", action="append", default=[], metavar="ID")
    case.add_argument("--year", type=int)
    case.add_argument("--slug", help="file name without .md (default: from the title)")

    guide = kinds.add_parser("guidance", help="docs/guidance/<slug>.md")
    guide.add_argument("--title", required=True)
    guide.add_argument("--objective", action="append", default=[], metavar="ID")
    guide.add_argument("--principle", action="append", default=[], metavar="ID")
    guide.add_argument("--audience", action="append", default=[], metavar="ID")
    guide.add_argument("--level", default="introductory",
                       help="introductory, intermediate or advanced (from the schema)")
    guide.add_argument("--slug", help="file name without .md (default: from the title)")

    country = kinds.add_parser("country", help="data/countries/<iso3>.yml")
    country.add_argument("--iso3", required=True)
    country.add_argument("--hub", metavar="ID", help="the regional hub it is grouped under")

    event = kinds.add_parser("event", help="a new entry at the end of data/events.yml")
    event.add_argument("--title", required=True)
    event.add_argument("--start", required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
    event.add_argument("--kind", dest="event_kind", default="conference",
                       help="the event kind, one of the schema's (e.g. workshop)")
    event.add_argument("--hub", action="append", default=[], metavar="ID")
    event.add_argument("--country", action="append", default=[], metavar="ISO3")
    event.add_argument("--slug", help="the event id (default: from the title)")


def run(args: argparse.Namespace) -> int:
    t = Translator()
    root: Path = args.root
    try:
        if args.new_kind == "case-study":
            result = new_case_study(root, args.title, args.country, principles=args.principle,
                                    sectors=args.sector, objectives=args.objective,
                                    year=args.year, slug=args.slug, translator=t)
        elif args.new_kind == "guidance":
            result = new_guidance(root, args.title, objectives=args.objective,
                                  principles=args.principle, audience=args.audience,
                                  level=args.level, slug=args.slug, translator=t)
        elif args.new_kind == "country":
            result = new_country(root, args.iso3, hub=args.hub, translator=t)
        else:
            result = new_event(root, args.title, args.start, kind=args.event_kind,
                               hubs=args.hub, countries=args.country, slug=args.slug,
                               translator=t)
    except ScaffoldError as err:
        print(t.gettext("odhub new: {error}", error=err), file=sys.stderr)
        return 1
    if isinstance(result, str):
        print(t.gettext("There is no data/events.yml yet; add this entry to it:"))
        print(result, end="")
        return 0
    shown = _relative(result.path, root)
    message = (t.gettext("added an event to {path}", path=shown) if result.appended
               else t.gettext("wrote {path}", path=shown))
    print(message)
    print(t.gettext("Next: replace every TODO, then run `odhub validate`; it lists each "
                    "TODO left with its line."))
    return 0


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
