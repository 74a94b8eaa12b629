"""`odhub import` on OGP's real export sample, in a copy of the hub: it adds the in-scope
commitments, a second run changes nothing, hand-written records and fields survive, the
Full Text column is never copied, XLSX reads like CSV, and other layouts are refused."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
import yaml

from conftest import run_odhub
from hub_edits import REFERENCE, reference_rows
from odhub import load
from odhub.data import ogp_terms

SAMPLE = REFERENCE / "ogp_irm_export_sample.csv"
SOURCE = ("https://github.com/g0v/ogp-commitments/blob/"
          "0fbeb4bdfb75567c4a334857d4438c0918232ce5/open_parliament_0703.csv")


@pytest.fixture
def sample() -> Path:
    if not SAMPLE.exists():
        pytest.skip("shared/reference/ogp_irm_export_sample.csv is not beside the repository")
    return SAMPLE


def run_import(hub: Path, sheet: Path, *extra: str):
    return run_odhub("import", str(sheet), "--source", SOURCE, "--as-of", "2024-07", *extra,
                     cwd=hub)


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def sample_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, list(reader)


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def in_scope_ids(model) -> set[str]:
    header, rows = sample_rows(SAMPLE)
    areas = ogp_terms.area_ids(model.policy_areas.values())
    scoped = {i for i, name in enumerate(header)
              if ogp_terms.area_key(name) in areas
              and model.policy_areas[areas[ogp_terms.area_key(name)]].scope}
    return {row[0] for row in rows if any(row[i] == "1" for i in scoped)}


def test_import_of_the_real_sample_adds_in_scope_and_then_changes_nothing(
        hub_copy: Path, sample: Path) -> None:
    before = load(hub_copy)
    expected = in_scope_ids(before) - set(before.commitments)
    assert expected, "the sample has in-scope commitments the bundled data lacks"
    first = run_import(hub_copy, sample)
    assert first.returncode == 0, first.stderr
    added = [line for line in first.stdout.splitlines() if ": commitment added: " in line]
    assert {line.split("commitment added: ")[1].split()[0] for line in added} == expected
    after = load(hub_copy)
    assert set(after.commitments) == set(before.commitments) | expected
    for cid in expected:
        record = after.commitments[cid]
        assert record.imported == "ogp-export" and record.sources == (SOURCE,)
        assert record.url and record.url.startswith("https://opengovpartnership.org/")
    digest = tree_digest(hub_copy / "data")
    second = run_import(hub_copy, sample)
    assert second.returncode == 0, second.stderr
    assert "No changes to the hub's data." in second.stdout
    assert f"{len(in_scope_ids(before))} in the hub's scope; 0 added, 0 updated" \
        in second.stdout
    assert tree_digest(hub_copy / "data") == digest


def test_bundled_export_rows_say_what_the_reference_table_says(repo_root: Path) -> None:
    model = load(repo_root)
    areas = ogp_terms.area_ids(model.policy_areas.values())
    exported = [r for r in reference_rows("ogp_commitments.csv") if r["source_url"] == SOURCE]
    assert len(exported) == 80
    for row in exported:
        c = model.commitments[row["commitment_id"]]
        assert c.imported == "ogp-export" and c.iso3 == row["iso3"]
        assert c.title == row["title"] and (c.title_en or "") == row["title_en"]
        assert c.level == row["level"] and c.url == row["url"]
        assert set(c.policy_areas) == {areas[ogp_terms.area_key(a)]
                                       for a in row["policy_areas"].split(" ; ")}
        rated = c.irm.completion if c.irm.completion != "not-assessed" else None
        assert (rated or "") == ogp_terms.rating_id(row["completion"]), c.id
        assert (c.irm.completion_report or "").replace("-", " ") == row["completion_basis"]
        assert {True: "1", False: "0", None: ""}[c.irm.starred] == row["starred"], c.id
        impact = c.irm.potential_impact if c.irm.potential_impact != "not-assessed" else None
        assert (impact or "") == ogp_terms.rating_id(row["potential_impact"]), c.id
        opened = c.irm.open_government if c.irm.open_government != "not-assessed" else None
        assert (opened or "") == ogp_terms.rating_id(row["did_it_open_government"]), c.id


def test_every_reference_commitment_is_bundled_with_sources(repo_root: Path) -> None:
    model = load(repo_root)
    for row in reference_rows("ogp_commitments.csv"):
        c = model.commitments[row["commitment_id"]]
        assert c.iso3 == row["iso3"]
        assert set(row["source_url"].split(" ; ")) <= set(c.sources)


def test_local_members_are_told_by_their_code(repo_root: Path) -> None:
    buenos_aires = load(repo_root).commitments["BUE0009"]
    assert (buenos_aires.iso3, buenos_aires.level, buenos_aires.local_code) == \
        ("ARG", "local", "ARBA")
    assert buenos_aires.member == "Buenos Aires, Argentina"


def test_hand_written_records_and_fields_are_kept(hub_copy: Path, sample: Path,
                                                 tmp_path: Path) -> None:
    header, rows = sample_rows(sample)
    index = {name: i for i, name in enumerate(header)}
    # An editor added a note to an imported record; OGP then retitled it in English.
    argentina = hub_copy / "data/commitments/arg.yml"
    data = yaml.safe_load(argentina.read_text(encoding="utf-8"))
    record = next(r for r in data["commitments"] if r["id"] == "AR0045")
    record["notes"] = "Checked with the Congress team in 2025."
    # And wrote by hand a record the export also has (no `imported` marker).
    albania = hub_copy / "data/commitments/alb.yml"
    hand = {"id": "AL0066", "member": "Albania", "action_plan": {"label": "2020-2022"},
            "title": "Written by hand", "policy_areas": ["open-data"],
            "sources": ["https://example.org/hand"]}
    other = yaml.safe_load(albania.read_text(encoding="utf-8"))
    other["commitments"].append(hand)
    for path, content in ((argentina, data), (albania, other)):
        path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    for row in rows:
        if row[0] == "AR0045":
            row[index["Short Title"]] = "Opening data from Congress (retitled)"
    sheet = write_rows(tmp_path / "export.csv", header, rows)
    result = run_import(hub_copy, sheet)
    assert result.returncode == 0, result.stderr
    assert "Argentina: commitment AR0045 updated: title_en" in result.stdout
    assert "Kept 1 records written by hand, which the import never changes: AL0066." \
        in result.stdout
    model = load(hub_copy)
    assert model.commitments["AR0045"].title_en == "Opening data from Congress (retitled)"
    assert model.commitments["AR0045"].notes == "Checked with the Congress team in 2025."
    assert model.commitments["AL0066"].title == "Written by hand"
    assert model.commitments["AL0066"].sources == ("https://example.org/hand",)


def test_full_text_is_never_copied(hub_copy: Path, sample: Path, tmp_path: Path) -> None:
    header, rows = sample_rows(sample)
    marker = "VERBATIM-ACTION-PLAN-TEXT"
    full = header.index("Full Text")
    for row in rows:
        row[full] = f"{marker} of {row[0]}"
    sheet = write_rows(tmp_path / "export.csv", header, rows)
    result = run_import(hub_copy, sheet, "--all-areas")
    assert result.returncode == 0, result.stderr
    assert "added" in result.stdout
    for file in (hub_copy / "data").rglob("*.yml"):
        assert marker not in file.read_text(encoding="utf-8"), file


def test_xlsx_reads_like_csv(repo_root: Path, sample: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    from conftest import copy_hub

    header, rows = sample_rows(sample)
    book = Workbook()
    sheet = book.active
    sheet.title = "Commitments"
    sheet.append(header)
    for row in rows:  # numbers as numbers, as OGP's spreadsheet has them
        sheet.append([int(v) if v.isdigit() else v for v in row])
    book.save(tmp_path / "export.xlsx")
    from_csv = copy_hub(tmp_path / "a")
    from_xlsx = copy_hub(tmp_path / "b")
    assert run_import(from_csv, sample).returncode == 0
    result = run_import(from_xlsx, tmp_path / "export.xlsx")
    assert result.returncode == 0, result.stderr
    assert tree_digest(from_csv / "data") == tree_digest(from_xlsx / "data")


def test_other_layouts_are_refused_naming_the_missing_columns(hub_copy: Path,
                                                             tmp_path: Path) -> None:
    sheet = write_rows(tmp_path / "other.csv", ["id", "title", "Open Data"],
                       [["KE0099", "Something", "1"]])
    digest = tree_digest(hub_copy / "data")
    result = run_import(hub_copy, sheet)
    assert result.returncode == 1
    assert "not OGP's commitment export layout" in result.stderr
    assert "missing columns: Commitment Unique Identifier, Country/Locality, Code" \
        in result.stderr
    assert tree_digest(hub_copy / "data") == digest


def test_a_bad_rating_is_refused_with_its_row(hub_copy: Path, sample: Path,
                                              tmp_path: Path) -> None:
    header, rows = sample_rows(sample)
    rows[1][header.index("Potential Impact")] = "Huge"
    sheet = write_rows(tmp_path / "export.csv", header, rows)
    digest = tree_digest(hub_copy / "data")
    result = run_import(hub_copy, sheet)
    assert result.returncode == 1
    assert "export.csv:3: Potential Impact: 'Huge' is not a rating we know" in result.stderr
    assert "nothing was imported" in result.stderr
    assert tree_digest(hub_copy / "data") == digest
