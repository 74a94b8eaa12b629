"""Create data/countries and data/hubs from the sourced tables in shared/reference.

Run once to seed the bundled data; after that the YAML files are the source of truth and
coordinators edit them directly. The script refuses to overwrite existing files unless
--force is given. Only facts are carried over (names, codes, years, dates, URLs); the short
sentences are ours. Hub grouping is an editorial choice and says so in `hub_basis`.

    python scripts/import_reference.py --reference ../shared/reference [--force]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# Editorial grouping of countries under OD4D regional hubs. OD4D publishes no country list,
# so we group by the OGP region a source states, otherwise by geography.
HUB_OF = {
    "latin-america": "ARG BRA CHL COL CRI ECU GTM HND MEX PAN PER SLV URY",
    "caribbean": "DOM JAM TTO",
    "africa": "CPV GHA KEN LBR MWI NGA SLE SYC TZA ZAF",
    "francophone-africa": "BFA CIV",
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


def country_record(iso3: str, ogp: dict[str, str], charter_rows: list[dict[str, str]],
                   portal: dict[str, str] | None) -> dict:
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
    if iso3 in OGP_NOTES:
        block["notes"] = OGP_NOTES[iso3]
    block["sources"] = urls(ogp["source_url"])
    block["as_of"] = ogp_as_of
    record["ogp"] = block
    all_sources = list(block["sources"])
    as_ofs = [ogp_as_of]
    if charter_rows:
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
        sources = []
        for row in charter_rows:
            sources += [u for u in urls(row["source_url"]) if u not in sources]
        charter["sources"] = sources
        years = [r["year_adopted"] for r in charter_rows if r["year_adopted"]]
        event_dates = dates_in(" ".join(r["notes"] for r in charter_rows))
        charter_as_of = "2015-10" if any("Oct 2015" in r["notes"] for r in charter_rows) \
            else (max(years) if years else (event_dates[-1] if event_dates else ogp_as_of))
        charter["as_of"] = charter_as_of
        record["charter"] = charter
        all_sources += [u for u in sources if u not in all_sources]
        as_ofs.append(charter_as_of)
    if portal:
        portal_sources = urls(portal["source_url"])
        record["portal"] = {"url": portal["portal_url"], "sources": portal_sources,
                            "as_of": "2026"}
        all_sources += [u for u in portal_sources if u not in all_sources]
    record["sources"] = all_sources
    record["as_of"] = max(as_ofs)
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


def dump(path: Path, schema: str, record: dict, force: bool) -> bool:
    if path.exists() and not force:
        return False
    header = f"# yaml-language-server: $schema=../schemas/{schema}\n"
    body = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=88)
    path.write_text(header + body, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    parser.add_argument("--force", action="store_true", help="overwrite existing files")
    args = parser.parse_args(argv)
    members = read(args.reference, "ogp_members.csv")
    adopters = read(args.reference, "charter_adopters.csv")
    portals = {row["iso3"]: row for row in read(args.reference, "portals.csv")}
    written = skipped = 0
    countries = ROOT / "data" / "countries"
    countries.mkdir(parents=True, exist_ok=True)
    for row in members:
        iso3 = row["iso3"]
        record = country_record(iso3, row, [a for a in adopters if a["iso3"] == iso3],
                                portals.get(iso3))
        if dump(countries / f"{iso3.lower()}.yml", "country.schema.json", record, args.force):
            written += 1
        else:
            skipped += 1
    hubs_dir = ROOT / "data" / "hubs"
    hubs_dir.mkdir(parents=True, exist_ok=True)
    by_hub: dict[str, list[dict[str, str]]] = {}
    for row in read(args.reference, "od4d_hubs.csv"):
        hub_id = next(h for prefix, h in HUB_ROWS.items() if prefix in row["organisation"])
        by_hub.setdefault(hub_id, []).append(row)
    for hub_id, rows in by_hub.items():
        if dump(hubs_dir / f"{hub_id}.yml", "hub.schema.json", hub_record(hub_id, rows),
                args.force):
            written += 1
        else:
            skipped += 1
    print(f"wrote {written} files, kept {skipped} existing ones", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
