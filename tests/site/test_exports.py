"""The hub's own open data: a valid Frictionless data package, an iCalendar file and an
Atom feed that parse, and `odhub export` writing the same files as the build."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import frictionless
import icalendar
import pytest
import yaml

from conftest import run_odhub
from hub_edits import reference_rows
from odhub.data import load, vocab
from odhub.export.exports import LIST_SEPARATOR

pytestmark = pytest.mark.build
ATOM = "{http://www.w3.org/2005/Atom}"
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def data_dir(built_site: Path) -> Path:
    return built_site / "data"


@pytest.fixture(scope="module")
def reference_events(repo_root: Path) -> list[dict[str, str]]:
    return reference_rows("events_2018.csv")


def test_data_package_is_valid_with_descriptions_and_licence(data_dir: Path,
                                                             repo_root: Path) -> None:
    report = frictionless.validate(str(data_dir / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert [licence["name"] for licence in package["licenses"]] == ["CC-BY-4.0"]
    names = {r["name"] for r in package["resources"]}
    for table in ("countries", "commitments", "case-studies", "hubs", "events"):
        assert {table, f"{table}-json"} <= names
    for resource in package["resources"]:
        assert (data_dir / resource["path"]).is_file()
        for field in resource["schema"]["fields"]:
            assert field.get("description"), (resource["name"], field["name"])


def test_closed_fields_declare_their_schemas_values_and_frictionless_holds_rows_to_them(
        data_dir: Path, repo_root: Path, tmp_path: Path) -> None:
    schemas = load(repo_root).schemas
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    fields = {(r["name"], f["name"]): f for r in package["resources"]
              for f in r["schema"]["fields"]}
    completion = vocab.allowed(schemas, "commitments", "commitments", vocab.ITEMS, "irm",
                               "completion")
    for resource in ("commitments", "commitments-json"):
        assert fields[resource, "completion"]["constraints"]["enum"] == list(completion)
    assert fields["countries", "ogp_status"]["constraints"]["enum"] == list(
        vocab.allowed(schemas, "country", "ogp", "status"))
    # A value outside the list is a validation error, not just a documented wish.
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    table = copy / "commitments.csv"
    rows = list(csv.DictReader(table.open(encoding="utf-8", newline="")))
    rows[0]["completion"] = "finished"
    with table.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = frictionless.validate(str(copy / "datapackage.json"))
    errors = report.flatten(["fieldName", "type"])
    assert errors == [["completion", "constraint-error"]], errors


def test_tables_hold_every_record(data_dir: Path, repo_root: Path) -> None:
    model = load(repo_root)
    expected = {
        "countries": len(model.countries),
        "commitments": sum(len(c.commitments) for c in model.countries.values()),
        "case-studies": len(model.case_studies),
        "hubs": len(model.hubs),
        "events": len(model.events),
    }
    for name, count in expected.items():
        with (data_dir / f"{name}.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        records = json.loads((data_dir / f"{name}.json").read_text(encoding="utf-8"))
        assert len(rows) == len(records) == count, name
        # CSV and JSON say the same: lists joined with the separator, null as empty.
        for row, record in zip(rows, records, strict=True):
            for key, value in record.items():
                if isinstance(value, list):
                    value = LIST_SEPARATOR.join(value)
                elif isinstance(value, bool):
                    value = str(value).lower()
                elif value is None:
                    value = ""
                assert row[key] == str(value), (name, key)


def test_calendar_parses_and_holds_the_events_with_a_known_day(
        data_dir: Path, reference_events: list[dict[str, str]]) -> None:
    calendar = icalendar.Calendar.from_ical((data_dir / "events.ics").read_bytes())
    entries = list(calendar.walk("VEVENT"))
    dated = [row for row in reference_events if DAY.match(row["start_date"])]
    assert len(entries) == len(dated)
    assert len({str(e["UID"]) for e in entries}) == len(entries)

    # The Tbilisi summit, with its dates as the reference gives them. DTEND is exclusive.
    [summit] = [row for row in reference_events if "Tbilisi" in row["location"]]
    [entry] = [e for e in entries if "Tbilisi" in str(e.get("LOCATION", ""))]
    assert entry.decoded("DTSTART") == dt.date.fromisoformat(summit["start_date"])
    last = dt.date.fromisoformat(summit["end_date"])
    assert entry.decoded("DTEND") == last + dt.timedelta(days=1)


def test_feed_parses_with_one_entry_per_post(data_dir: Path, built_site: Path,
                                            repo_root: Path) -> None:
    posts = sorted((repo_root / "docs" / "news" / "posts").glob("*.md"))
    assert posts, "the news section should have a post"
    root = ET.parse(data_dir / "news.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(posts)
    titles = set()
    for post in posts:
        front = yaml.safe_load(post.read_text(encoding="utf-8").split("---")[1])
        titles.add(front["title"])
    assert {e.findtext(f"{ATOM}title") for e in entries} == titles
    for entry in entries:
        assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
        assert entry.findtext(f"{ATOM}summary").strip()
        href = entry.find(f"{ATOM}link").get("href")
        # Relative to the feed's own address: it must land on the built post.
        assert (data_dir / href / "index.html").resolve().is_file(), href


def test_pages_link_the_feed_and_the_downloads(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="alternate ?" type="application/atom\+xml"[^>]*'
                     r'href="\./data/news\.xml"', home)
    open_data = (built_site / "data" / "index.html").read_text(encoding="utf-8")
    for href in re.findall(r'<a href="([^"#:]+)"[^>]*download', open_data):
        assert (built_site / "data" / href).is_file(), href
    events = (built_site / "events" / "index.html").read_text(encoding="utf-8")
    assert 'href="../data/events.ics"' in events


def test_export_command_writes_the_same_files_as_the_build(
        data_dir: Path, repo_root: Path, tmp_path: Path) -> None:
    result = run_odhub("export", "--out", str(tmp_path / "out"), cwd=repo_root)
    assert result.returncode == 0, result.stderr
    built = {p.name for p in data_dir.iterdir()} - {"index.html"}
    exported = {p.name for p in (tmp_path / "out").iterdir()}
    assert exported == built

    def stable(name: str, folder: Path) -> bytes:
        # DTSTAMP records the day the file was made; the build may have run yesterday.
        content = (folder / name).read_bytes()
        return re.sub(rb"DTSTAMP:[0-9TZ]+", b"DTSTAMP:-", content)

    for name in sorted(built):
        assert stable(name, tmp_path / "out") == stable(name, data_dir), name


def test_export_refuses_docs_and_reports_bad_posts(hub_copy: Path) -> None:
    result = run_odhub("export", "--out", "docs/data", cwd=hub_copy)
    assert result.returncode == 1
    assert "docs/" in result.stderr
    assert not (hub_copy / "docs" / "data").exists()

    post = next((hub_copy / "docs" / "news" / "posts").glob("*.md"))
    text = post.read_text(encoding="utf-8")
    post.write_text(re.sub(r"^date: .*$", "date: someday", text, count=1, flags=re.M),
                    encoding="utf-8")
    line = next(n for n, t in enumerate(post.read_text().splitlines(), 1)
                if t.startswith("date:"))
    result = run_odhub("export", "--out", str(hub_copy / "out"), cwd=hub_copy)
    assert result.returncode == 1
    relative = post.relative_to(hub_copy).as_posix()
    assert f"{relative}:{line}: date: needs a date" in result.stderr
