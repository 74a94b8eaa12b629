"""`odhub import`: OGP's commitment and IRM export into data/commitments/<iso3>.yml.

OGP shares its commitment data as one sheet (CSV, or the XLSX it offers for download) in
the layout of shared/reference/ogp_irm_export_sample.csv: identity columns, text columns,
one 0/1 flag column per policy area, then IRM ratings. This module reads that sheet,
keeps the hub's scope, maps OGP's values to the commitments schema and merges the result
into the per-country files without losing anything an editor wrote:

- a record the import wrote before (`imported: ogp-export`) gets its OGP fields updated;
  any other field on it (notes, a fix an editor added) is kept;
- a record without that marker was written by hand and is never changed;
- the `Full Text` column is never read (it holds OGP's action-plan text verbatim);
- the same sheet imported twice changes nothing the second time.

Nothing is written until the merged data loads as a valid hub; what changed is then told
in the words of `odhub diff`.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
import yaml

from odhub.data import ogp_terms
from odhub.data.model import NOT_ASSESSED, PolicyArea
from odhub.lang import names

IMPORTED = "ogp-export"  # the marker of records this import keeps up to date
ID = "Commitment Unique Identifier"
# The columns this import reads. A sheet without them is not OGP's export layout.
COLUMNS = (
    ID, "Country/Locality", "Code", "National Or Local", "Action Plan Number",
    "Year Of Submission", "Action Plan End Year", "Commitment Title", "Short Title",
    "Lead Institution", "Potential Impact", "Completion (Progress Report)",
    "Completion (End Of Term)", "Starred (Current Formula) Progress Report",
    "Starred (Current Formula) End of Term", "Did It Open Government (Overall)",
    "Early Results", "URL",
)
NEVER_READ = "Full Text"
# OGP's other columns (ratings' numeric codings, IRM bookkeeping): known, deliberately not
# read. A column in none of these lists, nor a policy area, is reported: it may be an area
# OGP added, which data/ogp_policy_areas.yml needs before it can be imported.
NOT_READ = (
    "Commitment Number", "Region", "Commitment Dummy", "Action Plan Duration (Years)", "Theme",
    "Start Date", "End Date", "Supporting Institution(s)",
    "Report Publication Year (Progress Report)", "Compound", "Cluster", "Specificity",
    "_Specificity", "Verifiable", "OGP Value Access To Information",
    "OGP Value Civic Participation", "OGP Value Public Accountability", "OGP Value Technology",
    "_Relevant", "_Potential Impact", "_CompletionProgress", "Starred (2015 Only)",
    "Potential for Results", "_Potential for Results", "Cluster (AP Review)",
    "Cluster Commitment ID(s)", "Report Publication Year (End Of Term)", "_CompletionEndTerm",
    "Change In Completion", "_ChangeCompletion", "_Early Results", "_OpenGovernment",
    "Did It Open Government (Access To Information)", "_DIOGATI",
    "Did It Open Government (Civic Participation)", "_DIOGCP",
    "Did It Open Government: Public Accountability", "_DIOGPA", "Carried Forward",
    "Most Recently Assessed", "Star - Most Recently Assessed", "IRM Assessed",
    "Updated? (Website)", "Active Commitment", "Max star", "Ambition Assessed", "Comp Assessed",
    "DIOG Assessed", "Midterm Only", "Max Completion", "Raw Completion", "High Completion",
    "High Ambition", "High DIOG", "Ambitious and complete, or DIOG",
    "Ambitious but not complete", "Complete but not ambitious", "Not complete or ambitious",
    "Not reviewed", "CHECKSUM", "IRM-Based Score", "Binding constraint", "Latest IRM Report",
    "Subnational in NAPs", "Action Plan ID", "id",
)
LOCAL_LEVELS = ("Legacy Local", "Local")  # OGP's words for OGP Local members
SCOPES = ("open-data", "data-related")  # the default scope (see data/ogp_policy_areas.yml)
# Fields of an imported record the import owns; everything else on it is the editors'.
OWNED = ("member", "level", "local_code", "action_plan", "title", "title_en",
         "lead_institution", "policy_areas", "irm", "url", "as_of", "imported")
RECORD_ORDER = ("id", "member", "level", "local_code", "action_plan", "title", "title_en",
                "lead_institution", "policy_areas", "irm", "url", "sources", "as_of", "notes",
                "imported")
FILE_HEADER = (
    "# yaml-language-server: $schema=../schemas/commitments.schema.json\n"
    "# OGP commitments of {name}, kept apart from the country's hand-written facts.\n"
    "# Written by `odhub import` and scripts/import_reference.py: fields added by hand to a\n"
    "# record are kept when they run again, records without `imported` are never changed,\n"
    "# and comments other than these are not kept.\n"
)


class ImportRefused(Exception):
    """The sheet cannot be imported: wrong layout, unreadable, or bad options."""


@dataclass(frozen=True)
class Sheet:
    name: str
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]

    def column(self, name: str) -> int:
        return self.header.index(name)


@dataclass
class Report:
    """What an import did (or would do): counts, skipped rows and problems, in words."""

    rows: int = 0
    in_scope: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    hand_written: list[str] = field(default_factory=list)
    no_country: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # odhub diff's lines
    files: list[Path] = field(default_factory=list)

    def summary(self, all_areas: bool) -> list[str]:
        scope = "every policy area" if all_areas else "the hub's scope"
        lines = [f"Read {self.rows} commitments: {self.in_scope} in {scope}; "
                 f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged."]
        if self.hand_written:
            lines.append(f"Kept {len(self.hand_written)} records written by hand, which the "
                         f"import never changes: {', '.join(sorted(self.hand_written))}.")
        if self.no_country:
            listed = ", ".join(f"{code} ({count})" for code, count in
                               sorted(self.no_country.items()))
            lines.append(f"Skipped commitments of countries the hub has no file for: "
                         f"{listed}. Add the country (odhub new country --iso3 ...) to "
                         "import them.")
        if self.ignored_columns:
            lines.append("Not imported, columns this import does not know (a new OGP policy "
                         "area needs an entry in data/ogp_policy_areas.yml first): "
                         + ", ".join(self.ignored_columns) + ".")
        return lines


# -- reading the sheet ------------------------------------------------------------------


def read_sheet(path: Path) -> Sheet:
    """The sheet's header and rows as text, from CSV or XLSX."""
    if not path.is_file():
        raise ImportRefused(f"{path}: no such file")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = tuple(next(reader, ()))
            rows = [tuple(row) for row in reader if any(cell.strip() for cell in row)]
    except UnicodeDecodeError as err:
        raise ImportRefused(f"{path}: not UTF-8 text ({err.reason}); save the sheet as "
                            "CSV UTF-8, or import the .xlsx file itself") from None
    return Sheet(path.name, header, rows)


def _read_xlsx(path: Path) -> Sheet:
    from openpyxl import load_workbook  # only XLSX imports pay for it

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a broken file
        raise ImportRefused(f"{path}: not a readable XLSX workbook ({err})") from None
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            header = tuple(_cell(v) for v in next(rows, ()))
            if ID in header or sheet is book.worksheets[-1]:
                body = [tuple(_cell(v) for v in row) for row in rows]
                return Sheet(f"{path.name} ({sheet.title})", header,
                             [r for r in body if any(c.strip() for c in r)])
    finally:
        book.close()
    raise ImportRefused(f"{path}: the workbook has no sheets")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value).strip()


def check_layout(sheet: Sheet, areas: Iterable[PolicyArea]) -> tuple[dict[str, int],
                                                                     list[str]]:
    """(policy area id -> column, ignored columns); ImportRefused names what is missing."""
    missing = [name for name in COLUMNS if name not in sheet.header]
    area_columns: dict[str, int] = {}
    known = ogp_terms.area_ids(areas)
    for index, name in enumerate(sheet.header):
        if ogp_terms.area_key(name) in known and name not in COLUMNS:
            area_columns[known[ogp_terms.area_key(name)]] = index
    if "open-data" not in area_columns:
        missing.append("Open Data")
    if missing:
        raise ImportRefused(
            f"{sheet.name}: this is not OGP's commitment export layout (the layout of "
            f"ogp_irm_export_sample.csv); missing columns: {', '.join(missing)}")
    used = {*COLUMNS, NEVER_READ, *NOT_READ, *(sheet.header[i] for i in area_columns.values())}
    ignored = [name for name in sheet.header if name and name not in used]
    return area_columns, ignored


# -- one row -> one record ---------------------------------------------------------------


def _text(cell: str) -> str | None:
    value = " ".join(cell.split())
    return value if value and value != ogp_terms.NOT_APPLICABLE else None


def _int(cell: str) -> int | None:
    return int(cell) if cell.strip().isdigit() else None


def _flag(cell: str) -> bool | None:
    return {"1": True, "0": False}.get(cell.strip())


def country_of(code: str, member: str, level: str) -> str | None:
    """ISO alpha-3 of the row's country: the code itself, or for a local member the
    country its code starts with (ARBA -> AR -> ARG), else the name after its comma."""
    if level not in LOCAL_LEVELS:
        return code if names.codes(code) else None
    found = pycountry.countries.get(alpha_2=code[:2])
    if found is None and "," in member:
        try:
            found = pycountry.countries.lookup(member.rsplit(",", 1)[1].strip())
        except LookupError:
            found = None
    return found.alpha_3 if found else None


def export_record(sheet: Sheet, row: tuple[str, ...], area_columns: dict[str, int],
                  schema_dir: str, source: str, as_of: str) -> tuple[str | None, dict]:
    """(country iso3 or None, commitment record) for one row; ValueError on bad cells."""
    cell = {name: row[sheet.column(name)] if sheet.column(name) < len(row) else ""
            for name in COLUMNS}
    level = cell["National Or Local"].strip()
    member = " ".join(cell["Country/Locality"].split())
    iso3 = country_of(cell["Code"].strip(), member, level)
    start, end = _int(cell["Year Of Submission"]), _int(cell["Action Plan End Year"])
    number = _int(cell["Action Plan Number"])
    plan: dict[str, Any] = {"label": _plan_label(start, end, number)}
    plan.update({k: v for k, v in (("start", start), ("end", end), ("number", number)) if v})
    record: dict[str, Any] = {"id": cell[ID].strip(), "member": member}
    if level in LOCAL_LEVELS:
        record["level"] = "local"
        record["local_code"] = cell["Code"].strip()
    record["action_plan"] = plan
    record["title"] = _text(cell["Commitment Title"]) or record["id"]
    for key, column in (("title_en", "Short Title"), ("lead_institution", "Lead Institution")):
        value = _text(cell[column])
        if value:
            record[key] = value
    record["policy_areas"] = [area for area, index in area_columns.items()
                              if index < len(row) and row[index].strip() == "1"]
    irm = _irm(cell, schema_dir)
    if irm:
        record["irm"] = irm
    url = _text(cell["URL"])
    if url and url.startswith(("http://", "https://")):
        record["url"] = url
    record["sources"] = [source]
    record["as_of"] = as_of
    record["imported"] = IMPORTED
    return iso3, record


def _plan_label(start: int | None, end: int | None, number: int | None) -> str:
    years = f"{start}-{end}" if start and end else str(start or end or "")
    label = f"{years} (action plan {number})" if number else years
    return label or "action plan not stated"


def _irm(cell: dict[str, str], schema_dir: str) -> dict[str, Any]:
    def rated(column: str, name: str) -> str | None:
        try:
            return ogp_terms.rating(cell[column], name, schema_dir)
        except ValueError as err:
            raise ValueError(f"{column}: {err}") from None

    irm: dict[str, Any] = {}
    impact = rated("Potential Impact", "potential_impact")
    if impact:
        irm["potential_impact"] = impact
    end = rated("Completion (End Of Term)", "completion")
    progress = rated("Completion (Progress Report)", "completion")
    if end and end != NOT_ASSESSED:
        irm["completion"], irm["completion_report"] = end, "end-of-term"
    elif progress and progress != NOT_ASSESSED:
        irm["completion"], irm["completion_report"] = progress, "progress-report"
    elif end or progress:
        irm["completion"] = NOT_ASSESSED
    starred = _flag(cell["Starred (Current Formula) End of Term"])
    if starred is None:
        starred = _flag(cell["Starred (Current Formula) Progress Report"])
    if starred is not None:
        irm["starred"] = starred
    for column, name in (("Did It Open Government (Overall)", "open_government"),
                         ("Early Results", "early_results")):
        value = rated(column, name)
        if value:
            irm[name] = value
    return irm


def in_scope(record: dict, areas: dict[str, PolicyArea]) -> bool:
    return any(areas[a].scope in SCOPES for a in record["policy_areas"] if a in areas)


# -- the files ---------------------------------------------------------------------------


def ordered(record: dict) -> dict:
    out = {key: record[key] for key in RECORD_ORDER if key in record}
    out.update({k: v for k, v in record.items() if k not in out})
    return out


def merge_record(existing: dict | None, new: dict) -> tuple[dict, str]:
    """(record to keep, what happened): added, updated, unchanged or hand-written."""
    if existing is None:
        return ordered(new), "added"
    if existing.get("imported") != IMPORTED:
        return existing, "hand-written"
    merged = {k: v for k, v in existing.items() if k not in OWNED}
    merged.update({k: v for k, v in new.items() if k in OWNED})
    kept = list(existing.get("sources", []))
    merged["sources"] = kept + [u for u in new["sources"] if u not in kept]
    merged = ordered(merged)
    return merged, "unchanged" if merged == existing else "updated"


class CommitmentFiles:
    """data/commitments/ as plain records: read once, merged into, rendered per file."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "data" / "commitments"
        self.countries = {p.stem.upper() for p in (root / "data" / "countries").glob("*.yml")}
        self.records: dict[str, list[dict]] = {}
        self.where: dict[str, tuple[str, int]] = {}  # id -> (iso3, position)
        self.changed: set[str] = set()
        for file in sorted(self.folder.glob("*.yml")):
            data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
            iso3 = str(data.get("iso3") or file.stem.upper())
            self.records[iso3] = list(data.get("commitments") or [])
            for position, record in enumerate(self.records[iso3]):
                self.where.setdefault(str(record.get("id")), (iso3, position))

    def merge(self, iso3: str, record: dict) -> str:
        found = self.where.get(record["id"])
        if found is None:
            self.records.setdefault(iso3, []).append(ordered(record))
            self.where[record["id"]] = (iso3, len(self.records[iso3]) - 1)
            self.changed.add(iso3)
            return "added"
        home, position = found
        merged, what = merge_record(self.records[home][position], record)
        if what == "updated":
            self.records[home][position] = merged
            self.changed.add(home)
        return what

    def path(self, iso3: str) -> Path:
        return self.folder / f"{iso3.lower()}.yml"

    def render(self, iso3: str) -> str:
        records = sorted(self.records[iso3], key=lambda r: str(r.get("id")))
        body = yaml.safe_dump({"iso3": iso3, "commitments": records}, sort_keys=False,
                              allow_unicode=True, width=88)
        return FILE_HEADER.format(name=names.display_name(iso3)) + body

    def rendered(self) -> dict[Path, str]:
        return {self.path(iso3): self.render(iso3) for iso3 in sorted(self.changed)}


# -- the whole run -----------------------------------------------------------------------


def import_export(root: Path, sheet_path: Path, *, source: str, as_of: str,
                  all_areas: bool = False, dry_run: bool = False) -> Report:
    """Import OGP's export into root's data/commitments; InvalidData if the result would
    not load (nothing is written then), ImportRefused for a sheet in another layout."""
    from odhub.cli import diff as datadiff  # diff renders templates: not needed to read a sheet
    from odhub.data.load import load

    if not source.startswith(("http://", "https://")):
        raise ImportRefused(f"--source must be the http(s) address the export was "
                            f"downloaded from, not {source!r}")
    before = load(root)
    sheet = read_sheet(sheet_path)
    area_columns, ignored = check_layout(sheet, before.policy_areas.values())
    report = Report(rows=len(sheet.rows), ignored_columns=ignored)
    files = CommitmentFiles(root)
    schema_dir = str(root / "data" / "schemas")
    seen: set[str] = set()
    for number, row in enumerate(sheet.rows, start=2):
        try:
            iso3, record = export_record(sheet, row, area_columns, schema_dir, source, as_of)
        except ValueError as err:
            report.problems.append(f"{sheet.name}:{number}: {err}")
            continue
        if not record["id"] or record["id"] in seen:
            report.problems.append(f"{sheet.name}:{number}: {ID}: "
                                   f"{'empty' if not record['id'] else 'repeated'} id")
            continue
        seen.add(record["id"])
        if not all_areas and not in_scope(record, before.policy_areas):
            continue
        report.in_scope += 1
        if iso3 is None or iso3 not in files.countries:
            report.no_country[iso3 or record["member"]] += 1
            continue
        what = files.merge(iso3, record)
        if what == "hand-written":
            report.hand_written.append(record["id"])
        else:
            setattr(report, what, getattr(report, what) + 1)
    if report.problems:
        raise ImportRefused("\n".join([*report.problems,
                                       f"{len(report.problems)} rows could not be read; "
                                       "nothing was imported."]))
    contents = files.rendered()
    with _overlay(root, contents) as preview:
        after = load(preview)  # InvalidData: the caller reports it, nothing is written
    report.changes = datadiff.summary_lines(datadiff.diff_models(before, after))
    if not dry_run:
        for path, text in contents.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            report.files.append(path)
    return report


@contextmanager
def _overlay(root: Path, contents: dict[Path, str]) -> Iterator[Path]:
    """A folder that looks like root with `contents` written into data/commitments."""
    with tempfile.TemporaryDirectory(prefix="odhub-import-") as temp:
        preview = Path(temp)
        for entry in root.iterdir():
            if entry.name != "data":
                os.symlink(entry, preview / entry.name)
        (preview / "data").mkdir()
        for entry in (root / "data").iterdir():
            if entry.name != "commitments":
                os.symlink(entry, preview / "data" / entry.name)
        folder = preview / "data" / "commitments"
        source = root / "data" / "commitments"
        if source.is_dir():
            shutil.copytree(source, folder)
        folder.mkdir(exist_ok=True)
        for path, text in contents.items():
            (folder / path.name).write_text(text, encoding="utf-8")
        yield preview

