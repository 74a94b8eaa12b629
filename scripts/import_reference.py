"""Bring the bundled data in line with the sourced tables in shared/reference.

The first run seeded data/countries and data/hubs. Since then coordinators edit those
files by hand, so this script only *adds* what the reference knows and a file lacks: a
country's OGP status, its portals and its OGP Local members (fields the reference owns),
new countries and hubs, the commitments of ogp_commitments.csv (data/commitments/) and the
index values of indicators.csv (data/indicators/). Commitments that came from OGP's export
are mapped from the export sample itself by the code behind `odhub import`, so importing
that sample again changes nothing. It never changes a value a file holds unless asked:

    python scripts/import_reference.py                  # dry run: print what would change
    python scripts/import_reference.py --write          # create and fill in, keep conflicts
    python scripts/import_reference.py --write --force  # also replace conflicting values

A conflict is a field the reference owns whose value in the file differs from the
reference (an editor changed it, or the reference was revised): it is reported and kept
unless --force is given. Fields the reference does not own (summary, hub, names, notes,
anything an editor added) are never touched. Only facts are carried over (names, codes,
years, dates, URLs); the short sentences are ours. Hub grouping is an editorial choice and
says so in `hub_basis`.
"""

from __future__ import annotations

import argparse
import copy
import csv
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))  # the odhub library, also without an install

from odhub import load  # noqa: E402
from odhub.cli import ogp_import  # noqa: E402
from odhub.data import ogp_terms  # noqa: E402
from odhub.data.model import NOT_ASSESSED  # noqa: E402

# Editorial grouping of countries under OD4D regional hubs. OD4D publishes no country list,
# so we group by the OGP region a source states, otherwise by geography.
HUB_OF = {
    "latin-america": "ARG BRA CHL COL CRI ECU GTM HND MEX PAN PER PRY SLV URY",
    "caribbean": "DOM JAM TTO",
    "africa": "CPV GHA KEN LBR MWI NGA SLE SYC TZA ZAF",
    "francophone-africa": "BFA CIV SEN",
    "mena": "JOR MAR TUN",
    "eastern-europe-central-asia": "ALB ARM AZE BIH GEO KGZ MDA MKD MNE SRB TUR UKR XKX",
    "asia": "AFG AUS IDN KOR LKA MNG NZL PAK PHL PNG TLS",
}
HUB_BASIS = {
    "eastern-europe-central-asia": "Grouped with the UNDP-run ODECA programme by geography; "
    "an editorial grouping, not a list published by OD4D.",
}
DEFAULT_BASIS = "Grouped by the OGP region a source states, or else by geography; an " \
    "editorial grouping, not a list published by OD4D."

# Names readers commonly type that neither CLDR nor ISO give (general knowledge).
ALSO_KNOWN_AS = {
    "CIV": ["Ivory Coast"],
    "CZE": ["Czechia"],
    "TUR": ["Turkey"],
    "MKD": ["Macedonia"],
    "SVK": ["Slovak Republic"],
    "KGZ": ["Kyrgyz Republic"],
    "KOR": ["Republic of Korea"],
    "TLS": ["East Timor"],
    "CPV": ["Cape Verde"],
    "GBR": ["UK", "Great Britain"],
    "USA": ["US", "United States of America"],
}

# Caveats worth showing, in our words, where the reference flags a conflict or doubt.
OGP_NOTES = {
    "TUN": "Sources disagree on the join year: news reports give 2014, the State of Open "
    "Data MENA timeline gives 2016.",
    "AUS": "The join year is ambiguous: intention announced in 2013, full re-commitment "
    "later.",
    "XKX": "XKX is a user-assigned code; Kosovo has no official ISO 3166-1 code.",
    "GEO": "Sources place Georgia in different OGP regional groupings.",
    "JOR": "Described by the State of Open Data as the first MENA country to join OGP; "
    "sources differ on its regional grouping.",
}

# portals.csv: registry rows describe the registry's release v1.15.0 (22 August 2026); the
# three rows read from web pages are dated by those pages (see each row's notes).
REGISTRY_AS_OF = "2026-08"
PAGE_PORTAL_AS_OF = {"KEN": "2015-08", "BFA": "2019-03", "ZAF": "2017-11"}

LANGUAGE_CODES = {"english": "en", "spanish": "es", "french": "fr", "arabic": "ar",
                  "indonesian": "id"}

HUB_ROWS = {  # od4d_hubs.csv organisation prefix -> hub id
    "ILDA": "latin-america",
    "Caribbean Open Institute": "caribbean",
    "Africa Open Data Network": "africa",
    "CAFDO": "francophone-africa",
    "OD4D Asia hub": "asia",
    "Open Data Lab Jakarta": "asia",
    "Access to Knowledge": "mena",
    "Center for Continuing Education": "mena",
    "ODECA": "eastern-europe-central-asia",
}

HUBS = {
    "latin-america": ("Latin America", "Latin America",
                      "ILDA acts as the network's Latin American node, with a focus on "
                      "research, and helps run the regional AbreLatam/ConDatos gatherings."),
    "caribbean": ("Caribbean", "Caribbean",
                  "The Caribbean Open Institute, a regional coalition, runs problem-focused "
                  "open data work from its node at the University of the West Indies, Mona."),
    "africa": ("Africa", "Africa (coordinated from East Africa)",
               "The Africa Open Data Network, hosted by the Local Development Research "
               "Institute in Nairobi since early 2017, coordinates the network's work in "
               "Africa."),
    "francophone-africa": ("Francophone Africa", "Francophone Africa (West Africa)",
                           "Open Burkina was chosen in 2017 to coordinate CAFDO, the "
                           "community for open data in French-speaking Africa, and the "
                           "regional hub."),
    "mena": ("Middle East and North Africa", "Middle East and North Africa",
             "A MENA node was set up in Cairo in 2016 around A2K4D at the American "
             "University in Cairo; Birzeit University's continuing education centre is "
             "described as a node since 2018."),
    "eastern-europe-central-asia": ("Eastern Europe and Central Asia",
                                    "Eastern Europe and Central Asia",
                                    "UNDP coordinated regional open data for development "
                                    "work as ODECA with OD4D support in 2016; its role in "
                                    "2018 is not confirmed."),
    "asia": ("Asia", "Asia (Southeast Asia)",
             "The OD4D Asia hub launched in late 2018 to improve the availability and use "
             "of open data in Southeast Asia; its host organisation is not confirmed."),
}

# Key order of a country file, so a rewritten file reads like the others.
COUNTRY_ORDER = ("iso3", "name", "also_known_as", "hub", "hub_basis", "summary", "ogp",
                 "ogp_local", "charter", "portals", "sources", "as_of")
OGP_ORDER = ("member_since", "basis", "region", "status", "status_since", "status_notes",
             "status_sources", "notes", "action_plans", "sources", "as_of")
# The fields of a country file this script owns: it fills them in and reports conflicts.
OWNED = (("ogp", "status"), ("ogp", "status_since"), ("ogp", "status_notes"),
         ("ogp", "status_sources"), ("ogp_local",), ("portals",))


def urls(cell: str) -> list[str]:
    return [u.strip() for u in cell.split(" ; ") if u.strip()]


def dates_in(text: str) -> list[str]:
    return re.findall(r"\b((?:19|20)\d{2}(?:-\d{2}(?:-\d{2})?)?)\b", text)


def read(reference: Path, name: str) -> list[dict[str, str]]:
    with (reference / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def ogp_basis(row: dict[str, str]) -> str | None:
    text = row["join_basis"].lower()
    if text.startswith("founding government"):
        return "Founding government (September 2011)."
    if "committed to join at the sept 2011" in text:
        return "Committed to join at the launch in September 2011."
    if row["year_joined"]:
        return None  # the year says it all
    return "Shown as participating by a source; it gives no join year."


def _web_url(address: str) -> str:
    # Three rows keep their source's form, a bare host name; links need a scheme.
    return address if re.match(r"^https?://", address) else f"http://{address}"


def portal_record(row: dict[str, str]) -> dict:
    record: dict = {}
    if row["portal_name"]:
        record["name"] = row["portal_name"]
    record["url"] = _web_url(row["url"])
    for key, column in (("software", "software"), ("owner", "owner_name"),
                        ("registry_record", "registry_record")):
        if row[column]:
            record[key] = row[column]
    notes = _portal_notes(row)
    if notes:
        record["notes"] = notes
    record["sources"] = urls(row["source_url"])
    record["as_of"] = REGISTRY_AS_OF if row["registry_record"] else PAGE_PORTAL_AS_OF.get(
        row["iso3"], REGISTRY_AS_OF)
    return record


def _portal_notes(row: dict[str, str]) -> str | None:
    """The caveat of a portal row, without the registry's routine status line."""
    text = re.sub(r"\s*registry: status active; catalog_type Open data portal; owner type "
                  r"Central government; is_national true\s*$", "", row["notes"]).strip()
    text = text.rstrip(".;").strip()
    if not text:
        return None
    return text[0].upper() + text[1:] + "."


def local_member_record(row: dict[str, str]) -> dict:
    record: dict = {"name": row["name"]}
    if row["year_joined"]:
        record["year_joined"] = int(row["year_joined"])
    if row["notes"]:
        record["notes"] = row["notes"].rstrip(".") + "."
    record["sources"] = urls(row["source_url"])
    return record


def status_fields(row: dict[str, str]) -> dict:
    """The status, its date, evidence and sources; evidence alone where no status is
    settled (Afghanistan), so the page can say why."""
    if not (row["status"] or row["status_notes"]):
        return {}
    block: dict = {"status": row["status"]} if row["status"] else {}
    if row["status_since"]:
        block["status_since"] = row["status_since"]
    if row["status_notes"]:
        block["status_notes"] = row["status_notes"].rstrip(".") + "."
    block["status_sources"] = urls(row["status_source"])
    return block


def country_record(iso3: str, ogp: dict[str, str], charter_rows: list[dict[str, str]],
                   portal_rows: list[dict[str, str]],
                   local_rows: list[dict[str, str]]) -> dict:
    """Everything the reference says about one country, as a country file."""
    record: dict = {"iso3": iso3}
    if iso3 in ALSO_KNOWN_AS:
        record["also_known_as"] = ALSO_KNOWN_AS[iso3]
    hub = next((h for h, codes in HUB_OF.items() if iso3 in codes.split()), None)
    if hub:
        record["hub"] = hub
        record["hub_basis"] = HUB_BASIS.get(hub, DEFAULT_BASIS)
    evidence = dates_in(ogp["evidence_date"]) or ([ogp["year_joined"]] if ogp["year_joined"]
                                                  else [])
    ogp_as_of = evidence[-1] if evidence else "2023"
    block: dict = {}
    if ogp["year_joined"]:
        block["member_since"] = int(ogp["year_joined"])
    basis = ogp_basis(ogp)
    if basis:
        block["basis"] = basis
    if ogp["region_stated"]:
        block["region"] = ogp["region_stated"].split(" (")[0].split(" / ")[0]
    block.update(status_fields(ogp))
    if iso3 in OGP_NOTES:
        block["notes"] = OGP_NOTES[iso3]
    block["sources"] = urls(ogp["source_url"])
    block["as_of"] = ogp_as_of
    record["ogp"] = block
    if local_rows:
        record["ogp_local"] = [local_member_record(r) for r in local_rows]
    all_sources = list(block["sources"])
    as_ofs = [ogp_as_of]
    if charter_rows:
        charter, charter_as_of = charter_record(charter_rows, ogp_as_of)
        record["charter"] = charter
        all_sources += [u for u in charter["sources"] if u not in all_sources]
        as_ofs.append(charter_as_of)
    if portal_rows:
        record["portals"] = [portal_record(r) for r in portal_rows]
    record["sources"] = all_sources
    record["as_of"] = max(as_ofs)
    return add_fact_sources(record)


def charter_record(charter_rows: list[dict[str, str]], ogp_as_of: str) -> tuple[dict, str]:
    national = [r for r in charter_rows if r["level"] == "national"]
    local = [r for r in charter_rows if r["level"] != "national"]
    charter: dict = {}
    if national:
        charter["adopted"] = True
        if national[0]["year_adopted"]:
            charter["year"] = int(national[0]["year_adopted"])
        if national[0]["event"]:
            charter["event"] = national[0]["event"]
    if local:
        charter["local_governments"] = [
            {"name": r["government"],
             "level": r["level"].split("(")[1].rstrip(")"),
             **({"year": int(r["year_adopted"])} if r["year_adopted"] else {})}
            for r in local
        ]
    sources: list[str] = []
    for row in charter_rows:
        sources += [u for u in urls(row["source_url"]) if u not in sources]
    charter["sources"] = sources
    years = [r["year_adopted"] for r in charter_rows if r["year_adopted"]]
    event_dates = dates_in(" ".join(r["notes"] for r in charter_rows))
    charter_as_of = "2015-10" if any("Oct 2015" in r["notes"] for r in charter_rows) \
        else (max(years) if years else (event_dates[-1] if event_dates else ogp_as_of))
    charter["as_of"] = charter_as_of
    return charter, charter_as_of


def add_fact_sources(record: dict) -> dict:
    """The record's own `sources` list every fact's sources (append-only) and its `as_of`
    is at least as late as the dated facts it holds."""
    found = list(record.get("sources", []))
    ogp = record.get("ogp") or {}
    groups = [ogp.get("sources", []), ogp.get("status_sources", []),
              (record.get("charter") or {}).get("sources", [])]
    groups += [p["sources"] for p in record.get("portals", [])]
    groups += [m["sources"] for m in record.get("ogp_local", [])]
    for group in groups:
        found += [u for u in group if u not in found]
    record["sources"] = found
    dates = [record.get("as_of"), ogp.get("status_since"),
             (record.get("charter") or {}).get("as_of"),
             *(p["as_of"] for p in record.get("portals", []))]
    record["as_of"] = max(str(d) for d in dates if d)
    return record


def hub_record(hub_id: str, rows: list[dict[str, str]]) -> dict:
    name, region, summary = HUBS[hub_id]
    organisations = []
    sources: list[str] = []
    for row in rows:
        languages = [LANGUAGE_CODES[w.strip().lower()]
                     for w in row["languages_observed"].split(";")
                     if w.strip().lower() in LANGUAGE_CODES]
        organisation: dict = {"name": row["organisation"]}
        host = HOSTS.get(row["organisation"].split(" ")[0], row["host_institution"])
        if host:
            organisation["host"] = host
        if row["location"] and not row["location"].startswith("not stated"):
            organisation["location"] = row["location"]
        if row["website"]:
            organisation["website"] = row["website"]
        if languages:
            organisation["languages_observed"] = languages
        confirmed = "NOT confirmed" not in row["role_and_dates"]
        organisation["role"] = ROLES[row["organisation"].split(" ")[0]]
        organisation["confirmed_hub"] = confirmed
        organisation["sources"] = urls(row["source_url"])
        organisations.append(organisation)
        sources += [u for u in urls(row["source_url"]) if u not in sources]
    return {"id": hub_id, "name": name, "region": region, "summary": summary,
            "organisations": organisations, "sources": sources, "as_of": "2018"}


HOSTS = {  # where the table's host cell is a description rather than a name
    "ILDA": None,
    "Caribbean": "Mona School of Business and Management, University of the West Indies",
    "OD4D": None,
    "ODECA": "UNDP",
}

ROLES = {  # first word of the organisation name -> its role, in our words
    "ILDA": "Latin American node of the OD4D network, mainly for research.",
    "Caribbean": "Ran problem-focused open data initiatives in the Caribbean under OD4D.",
    "Africa": "Coordinates OD4D's work in Africa; launched early 2017, hosted by LDRI.",
    "CAFDO": "Coordinates CAFDO and the OD4D hub for French-speaking Africa since the first "
             "CAFDO conference (Ouagadougou, June 2017).",
    "OD4D": "Launched in late 2018 for open data in Southeast Asia.",
    "Open": "A Web Foundation open data lab (opened 2014); no source we read names it the "
            "OD4D Asia hub.",
    "Access": "A MENA node of the OD4D network, set up in Cairo in 2016.",
    "Center": "Described as an OD4D MENA node since 2018 and later as the MENA hub's host.",
    "ODECA": "UNDP programme that coordinated regional open data work with OD4D funds in "
             "2016; its 2018 role is not confirmed.",
}


# -- merging into files that exist -----------------------------------------------------


@dataclass
class FileChange:
    """What the run does to one file: create it, fill in fields, or keep conflicts."""

    path: Path
    created: bool = False
    filled: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    content: str | None = None  # the new text, when the file changes

    @property
    def changes(self) -> bool:
        return self.content is not None


def _get(record: dict, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(record, dict) or key not in record:
            return None
        record = record[key]
    return record


def _set(record: dict, path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        record = record.setdefault(key, {})
    record[path[-1]] = value


def _host(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/").lower()


def migrate_portal(record: dict, reference: dict) -> None:
    """The old single `portal` becomes part of `portals`, losing nothing: its sources join
    the reference portal with the same address, or it stays as a portal of its own."""
    old = record.pop("portal", None)
    if old is None:
        return
    portals = [dict(p) for p in (record.get("portals") or reference.get("portals") or [])]
    same = next((p for p in portals if _host(p["url"]) == _host(old["url"])), None)
    if same is None:
        portals.append(old)
    else:
        same["sources"] = same["sources"] + [u for u in old["sources"]
                                             if u not in same["sources"]]
    record["portals"] = portals


def agrees(mine: Any, theirs: Any) -> bool:
    """Does the file's value say what the reference says? Extra sources are fine."""
    if isinstance(theirs, dict):
        return isinstance(mine, dict) and all(agrees(mine.get(k), v) for k, v in theirs.items())
    if isinstance(theirs, list) and all(isinstance(v, str) for v in theirs):
        return isinstance(mine, list) and set(theirs) <= set(mine)
    if isinstance(theirs, list):
        return isinstance(mine, list) and len(mine) == len(theirs) and all(
            agrees(a, b) for a, b in zip(mine, theirs, strict=True))
    return mine == theirs


def merge(existing: dict, reference: dict,
          force: bool) -> tuple[dict, list[str], list[str], list[str]]:
    """existing filled in from reference: (record, filled, replaced, conflicts)."""
    record = copy.deepcopy(existing)
    filled: list[str] = []
    replaced: list[str] = []
    conflicts: list[str] = []
    if "portal" in record:
        migrate_portal(record, reference)
        filled.append("portals (moved from portal)")
    for path in OWNED:
        name = ".".join(path)
        mine, theirs = _get(record, path), _get(reference, path)
        if theirs is None or agrees(mine, theirs):
            continue
        if mine is None:
            _set(record, path, theirs)
            filled.append(name)
        elif force:
            _set(record, path, theirs)
            replaced.append(name)
        else:
            conflicts.append(name)
    add_fact_sources(record)
    return ordered(record), filled, replaced, conflicts


def ordered(record: dict) -> dict:
    out = {key: record[key] for key in COUNTRY_ORDER if key in record}
    out.update({k: v for k, v in record.items() if k not in out})
    if isinstance(out.get("ogp"), dict):
        ogp = out["ogp"]
        out["ogp"] = {key: ogp[key] for key in OGP_ORDER if key in ogp}
        out["ogp"].update({k: v for k, v in ogp.items() if k not in out["ogp"]})
    return out


def render(record: dict, schema: str) -> str:
    header = f"# yaml-language-server: $schema=../schemas/{schema}\n"
    return header + yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=88)


def plan_file(path: Path, record: dict, schema: str, force: bool,
              merge_with: Callable[[dict, dict, bool], tuple] | None = merge) -> FileChange:
    """What writing `record` to `path` would do, without touching the disk."""
    if not path.exists():
        return FileChange(path, created=True, content=render(record, schema))
    text = path.read_text(encoding="utf-8")
    if merge_with is None:
        return FileChange(path)
    existing = yaml.safe_load(text) or {}
    merged, filled, replaced, conflicts = merge_with(existing, record, force)
    new_text = render(merged, schema)
    _preserve_comments(text, path)
    # Only a change of data rewrites a file: key order alone never does.
    return FileChange(path, filled=filled, replaced=replaced, conflicts=conflicts,
                      content=new_text if merged != existing else None)


def _preserve_comments(text: str, path: Path) -> None:
    # A rewritten file keeps its fields but not comments: refuse rather than drop them.
    comments = [line for line in text.splitlines()[1:] if line.lstrip().startswith("#")]
    if comments:
        raise SystemExit(f"{path}: has comments this script would drop ({comments[0]!r}); "
                         "move them into a notes field or edit the file by hand")


def report(changes: list[FileChange], root: Path, write: bool) -> list[str]:
    lines = []
    verb = "" if write else "would "
    for change in changes:
        where = change.path.relative_to(root).as_posix()
        if change.created:
            lines.append(f"{where}: {verb}create")
            continue
        if change.filled:
            lines.append(f"{where}: {verb}fill in {', '.join(change.filled)}")
        if change.replaced:
            lines.append(f"{where}: {verb}replace {', '.join(change.replaced)} "
                         "with the reference's values (--force)")
        if change.conflicts:
            lines.append(f"{where}: kept {', '.join(change.conflicts)}: the file differs "
                         "from the reference (--force replaces it)")
        if change.changes and not (change.filled or change.replaced):
            lines.append(f"{where}: {verb}add the facts' sources to the record")
    return lines


def plan_countries(reference: Path, root: Path, force: bool) -> list[FileChange]:
    members = read(reference, "ogp_members.csv")
    adopters = read(reference, "charter_adopters.csv")
    portals = read(reference, "portals.csv")
    local = read(reference, "ogp_local_members.csv")
    folder = root / "data" / "countries"
    changes = []
    for row in members:
        iso3 = row["iso3"]
        record = country_record(
            iso3, row, [a for a in adopters if a["iso3"] == iso3],
            [p for p in portals if p["iso3"] == iso3],
            [m for m in local if m["country_iso3"] == iso3])
        changes.append(plan_file(folder / f"{iso3.lower()}.yml", record,
                                 "country.schema.json", force))
    return changes


def plan_hubs(reference: Path, root: Path) -> list[FileChange]:
    by_hub: dict[str, list[dict[str, str]]] = {}
    for row in read(reference, "od4d_hubs.csv"):
        hub_id = next(h for prefix, h in HUB_ROWS.items() if prefix in row["organisation"])
        by_hub.setdefault(hub_id, []).append(row)
    folder = root / "data" / "hubs"
    return [plan_file(folder / f"{hub_id}.yml", hub_record(hub_id, rows), "hub.schema.json",
                      False, merge_with=None)  # hubs are only ever created
            for hub_id, rows in by_hub.items()]


# -- commitments and indicators -------------------------------------------------------

EXPORT_FILE = "ogp_irm_export_sample.csv"
# The export sample is g0v's copy of OGP's data at this commit (6 July 2024).
EXPORT_SOURCE = ("https://github.com/g0v/ogp-commitments/blob/"
                 "0fbeb4bdfb75567c4a334857d4438c0918232ce5/open_parliament_0703.csv")
EXPORT_AS_OF = "2024-07"
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
# What OGP's commitment pages showed, as the reference's notes record it ("Page: Ambition
# Low; Early Results Marginal"): label -> IRM field.
NOTE_RATINGS = (
    (r"Ambition:? \"?(High|Low|No Data)\"?", "ambition"),
    (r"Early Results:? \"?(No early results to report yet|No notable results|Did Not Change|"
     r"Marginal|Major|Moderate|Significant|Outstanding|No IRM Data|Pending IRM Review)\"?",
     "early_results"),
)
PENDING = ("No Data", "No IRM Data", "Pending IRM Review")


def plan_of(label: str) -> dict:
    """'Finland, Second Action Plan, 2015-17' -> label, start 2015, end 2017, number 2."""
    plan: dict = {"label": label}
    years = re.search(r"((?:19|20)\d{2})\s*[-–]\s*(\d{4}|\d{2})\b", label)
    if years:
        start, end = years.groups()
        plan["start"] = int(start)
        plan["end"] = int(end) if len(end) == 4 else int(start[:2] + end)
    else:
        single = re.search(r"\b((?:19|20)\d{2})\b", label)
        if single:
            plan["start"] = int(single.group(1))
    number = re.search(r"action plan (\d+)\)", label, re.IGNORECASE)
    ordinal = re.search(r"\b(" + "|".join(ORDINALS) + r")\b", label, re.IGNORECASE)
    if number:
        plan["number"] = int(number.group(1))
    elif ordinal:
        plan["number"] = ORDINALS[ordinal.group(1).lower()]
    return plan


def page_irm(row: dict[str, str]) -> dict:
    """IRM ratings of a row read from OGP's pages: its columns, then what its notes say."""
    irm: dict = {}
    if row["potential_impact"]:
        irm["potential_impact"] = ogp_terms.rating_id(row["potential_impact"])
    if row["completion"]:
        irm["completion"] = ogp_terms.rating_id(row["completion"])
        irm["completion_report"] = ogp_terms.rating_id(row["completion_basis"])
    elif re.search(r"Completion (and Early Results )?Pending IRM Review|All IRM ratings "
                   r"Pending", row["notes"]):
        irm["completion"] = NOT_ASSESSED
    midterm = re.search(r"midterm completion (Substantial|Limited|Complete|Not Started)",
                        row["notes"])
    if midterm and "completion" not in irm:
        irm["completion"] = ogp_terms.rating_id(midterm.group(1))
        irm["completion_report"] = "progress-report"
    if row["starred"] in ("0", "1"):
        irm["starred"] = row["starred"] == "1"
    else:
        starred = re.search(r"Starred:? (Yes|No)\b", row["notes"])
        if starred:
            irm["starred"] = starred.group(1) == "Yes"
    if row["did_it_open_government"]:
        irm["open_government"] = ogp_terms.rating_id(row["did_it_open_government"])
    for pattern, name in NOTE_RATINGS:
        found = re.search(pattern, row["notes"])
        if found and name not in irm:
            label = found.group(1)
            irm[name] = NOT_ASSESSED if label in PENDING else ogp_terms.rating_id(label)
    if "Ambition not shown" in row["notes"]:
        irm.pop("ambition", None)
    return irm


# A note sentence that only restates ratings parsed into `irm` (or says where the row came
# from, for the researchers) is left out of the note: the page shows the ratings.
RATING_PART = re.compile(
    r"^(Starred:? (Yes|No|Pending IRM Review)|Early Results:? .+|Ambition:? .+|Verifiable "
    r"(Yes|No)|Completion (and Early Results )?Pending IRM Review|All IRM ratings Pending IRM "
    r"Review|midterm completion \w+( \w+)?|Ambition not shown)$")


def page_notes(notes: str) -> str | None:
    kept = []
    for sentence in re.split(r"(?<=\.)\s+", notes.strip()):
        text = sentence.rstrip(".")
        if text in ("Page row (rule 3)", ""):
            continue
        label, _, rest = text.partition(": ")
        if rest and re.match(r"^(Page|IRM)\b", label) and all(
                RATING_PART.match(part.strip()) for part in rest.split(";")):
            continue
        kept.append(text + ".")
    return " ".join(kept) or None


def page_record(row: dict[str, str], area_ids: dict[str, str]) -> dict:
    record: dict = {"id": row["commitment_id"], "member": row["member"]}
    if row["level"] == "local":
        record["level"] = "local"
    record["action_plan"] = plan_of(row["action_plan"])
    record["title"] = row["title"]
    if row["title_en"]:
        record["title_en"] = row["title_en"]
    if row["lead_institution"]:
        record["lead_institution"] = row["lead_institution"]
    record["policy_areas"] = list(dict.fromkeys(
        area_ids[ogp_terms.area_key(name)] for name in row["policy_areas"].split(" ; ")))
    irm = page_irm(row)
    if irm:
        record["irm"] = irm
    record["url"] = row["url"]
    record["sources"] = urls(row["source_url"])
    notes = page_notes(row["notes"])
    if notes:
        record["notes"] = notes
    return ogp_import.ordered(record)


def plan_commitments(reference: Path, root: Path, force: bool) -> list[FileChange]:
    rows = read(reference, "ogp_commitments.csv")
    model = load(root)
    area_ids = ogp_terms.area_ids(model.policy_areas.values())
    files = ogp_import.CommitmentFiles(root)
    sheet = ogp_import.read_sheet(reference / EXPORT_FILE)
    area_columns, _ = ogp_import.check_layout(sheet, model.policy_areas.values())
    exported = {row[sheet.column(ogp_import.ID)]: row for row in sheet.rows}
    schema_dir = str(root / "data" / "schemas")
    conflicts: dict[str, list[str]] = {}
    for row in rows:
        if row["source_url"] == EXPORT_SOURCE:
            _, record = ogp_import.export_record(sheet, exported[row["commitment_id"]],
                                                 area_columns, schema_dir, EXPORT_SOURCE,
                                                 EXPORT_AS_OF)
            if row["notes"]:  # ours, so a field the import leaves alone
                record["notes"] = row["notes"].rstrip(".") + "."
            found = files.where.get(record["id"])
            kept = files.records[found[0]][found[1]] if found else {}
            # notes are not the import's to update: the reference's fill a gap, or --force
            if found and record.get("notes") and kept.get("notes") != record["notes"] \
                    and (force or "notes" not in kept):
                kept["notes"] = record["notes"]
                files.changed.add(found[0])
            files.merge(row["iso3"], record)
            continue
        record = page_record(row, area_ids)
        found = files.where.get(record["id"])
        if found is None:
            files.merge(row["iso3"], record)
            continue
        home, position = found
        existing = files.records[home][position]
        owned = {k: v for k, v in existing.items() if k in ogp_import.RECORD_ORDER}
        if agrees(owned, record) and set(owned) <= set(record):
            continue
        if force:
            # The reference owns every field a page record has; fields editors added stay.
            added = {k: v for k, v in existing.items() if k not in ogp_import.RECORD_ORDER}
            files.records[home][position] = ogp_import.ordered({**added, **record})
            files.changed.add(home)
        else:
            conflicts.setdefault(home, []).append(record["id"])
    changes = []
    for iso3 in sorted(set(files.records) | set(conflicts)):
        path = files.path(iso3)
        change = FileChange(path, created=not path.exists(),
                            conflicts=conflicts.get(iso3, []))
        if iso3 in files.changed:
            change.content = files.render(iso3)
            if not change.created:
                change.filled = ["commitments"]
        changes.append(change)
    return changes


def indicator_record(row: dict[str, str]) -> dict:
    record: dict = {"measure": row["indicator"], "edition": row["edition"]}
    if row["year"]:
        record["year"] = int(row["year"])
    if row["published"]:
        record["published"] = row["published"]
    if row["value"]:
        record["value"] = float(row["value"]) if "." in row["value"] else int(row["value"])
    for key in ("rank", "rank_of"):
        if row[key]:
            record[key] = int(row[key])
    if row["scale"]:
        record["scale"] = row["scale"]
    # The scaled-score and GDB caveats hold for whole editions: data/indices.yml says them
    # once. A note about this one value is kept.
    notes = row["notes"]
    if notes and not notes.startswith("scaled score:") and "third-party copy of the GDB" \
            not in notes:
        record["notes"] = notes[0].upper() + notes[1:].rstrip(".") + "."
    record["source"] = row["source_url"]
    return record


def plan_indicators(reference: Path, root: Path, force: bool) -> list[FileChange]:
    by_country: dict[str, list[dict]] = {}
    for row in read(reference, "indicators.csv"):
        by_country.setdefault(row["iso3"], []).append(indicator_record(row))
    folder = root / "data" / "indicators"
    changes = []
    for iso3, records in sorted(by_country.items()):
        path = folder / f"{iso3.lower()}.yml"
        wanted = {"iso3": iso3, "indicators": records}
        text = render(wanted, "indicators.schema.json")
        if not path.exists():
            changes.append(FileChange(path, created=True, content=text))
            continue
        existing = yaml.safe_load(path.read_text(encoding="utf-8"))
        if agrees(existing, wanted):
            changes.append(FileChange(path))
        elif force:
            changes.append(FileChange(path, replaced=["indicators"], content=text))
        else:
            changes.append(FileChange(path, conflicts=["indicators"]))
    return changes


def write(changes: list[FileChange], really: bool) -> None:
    for change in changes:
        if really and change.content is not None:
            change.path.parent.mkdir(parents=True, exist_ok=True)
            change.path.write_text(change.content, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    parser.add_argument("--root", type=Path, default=ROOT, help="the hub to update")
    parser.add_argument("--write", action="store_true",
                        help="write the changes (without it, only print them)")
    parser.add_argument("--force", action="store_true",
                        help="with --write, also replace values that differ from the "
                             "reference")
    args = parser.parse_args(argv)
    root: Path = args.root
    changes = [*plan_countries(args.reference, root, args.force),
               *plan_hubs(args.reference, root)]
    write(changes, args.write)
    # Commitments and indicators need every country file in place to load the hub.
    later = [*plan_commitments(args.reference, root, args.force),
             *plan_indicators(args.reference, root, args.force)]
    write(later, args.write)
    changes += later
    for line in report(changes, root, args.write):
        print(line)
    touched = [c for c in changes if c.changes]
    conflicts = sum(len(c.conflicts) for c in changes)
    print(f"{'changed' if args.write else 'would change'} {len(touched)} files, "
          f"{len(changes) - len(touched)} unchanged, {conflicts} conflicts kept",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
