"""A tiny run of the benchmark, so the script keeps working as the hub changes.

Nothing here is timed: the checks are that the table has every column, one row, and
figures that hang together (a positive time, a page count that covers the generated
records, sizes that add up), not how fast anything was.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "scripts" / "bench.py"

pytestmark = pytest.mark.build

COLUMNS = ["pages", "records", "commitments", "build s", "build CPU s", "Material CPU s",
           "CPU build/Material", "floor s", "CPU build/floor", "peak MiB",
           "median page KB", "largest page KB", "country page KB", "explorer KB + data KB",
           "first visit KB", "query KB", "results s (fast 3G)", "site MB", "validate s"]


def _number(cell: str) -> float:
    # "45 + 17" (a page and the data file it loads) counts as their sum.
    return sum(float(part.replace(",", "")) for part in cell.split("+"))


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench") / "work"


@pytest.fixture(scope="module")
def quick_run(work: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(BENCH), "--quick", "--keep", str(work)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


def test_prints_one_table_with_every_column(quick_run) -> None:
    assert quick_run.returncode == 0, quick_run.stdout + quick_run.stderr
    lines = [line for line in quick_run.stdout.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header == COLUMNS
    assert set(lines[1].replace("|", "").split()) == {"---"}
    assert len(lines) == 3, "one row for the one --quick scale"


def test_figures_are_sane(quick_run) -> None:
    row = [line for line in quick_run.stdout.splitlines() if line.startswith("|")][2]
    values = dict(zip(COLUMNS, (_number(c) for c in row.strip("|").split("|")), strict=True))
    # --quick asks for 20 pages; the hub also has its generated and hand-written pages.
    assert values["records"] >= 20
    assert values["pages"] > values["records"]
    for column in ("build s", "build CPU s", "Material CPU s", "CPU build/Material",
                   "floor s", "CPU build/floor", "peak MiB", "validate s",
                   "results s (fast 3G)"):
        assert values[column] > 0, column
    assert values["median page KB"] <= values["largest page KB"]
    # The synthetic countries have 20 commitments each; their pages and the explorer list
    # them, so both weigh something.
    assert values["commitments"] >= 20
    assert values["country page KB"] > 0 and values["explorer KB + data KB"] > 0
    # A first visit loads at least the page itself (gzip), and a query some of the index.
    assert values["first visit KB"] > 0 and 0 < values["query KB"] < values["site MB"] * 1000
    # Half the pages weigh at least the median page, and they are part of the site.
    assert values["pages"] * values["median page KB"] / 2 < values["site MB"] * 1000


def test_summary_names_the_validate_run_and_the_machine(quick_run) -> None:
    out = quick_run.stdout
    assert "`odhub validate` at 50 records:" in out
    assert "load average" in out and "median" in out


def test_synthetic_hub_stays_out_of_the_repository(quick_run, work: Path) -> None:
    # Synthetic data is never published: it goes to the work folder, never to docs/.
    assert list(work.glob("hub-*/docs/case-studies/synthetic-case-*.md"))
    assert not list((ROOT / "docs" / "case-studies").glob("synthetic-*"))
    assert not list((ROOT / "docs" / "guidance").glob("synthetic-*"))


def test_breakdown_splits_one_build(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(BENCH), "--breakdown", "--profile-pages", "20",
                             "--keep", str(tmp_path / "work")],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {cells[0]: cells[1:] for line in result.stdout.splitlines()
            if line.startswith("| ") and "---" not in line
            for cells in [[c.strip() for c in line.strip("|").split("|")]]}
    total = float(rows.pop("total")[0])
    rows.pop("part of one build")
    assert "Python-Markdown convert" in rows
    assert any(label.startswith("our hooks:") for label in rows)
    parts = [float(seconds) for seconds, _share in rows.values()]
    assert all(share.endswith("%") for _seconds, share in rows.values())
    # Small parts are left out of the table, so the rows add up to at most the total.
    assert 0.8 * total <= sum(parts) <= total + 0.01


EDITIONS_COLUMNS = ["hub", "pages per edition", "editions", "one CPU s", "all CPU s",
                    "CPU ratio", "one wall s", "all wall s", "wall ratio"]


def test_editions_compares_every_edition_with_one(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(BENCH), "--editions", "--quick",
                             "--keep", str(tmp_path / "work")],
                            capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("|")]
    assert [c.strip() for c in lines[0].strip("|").split("|")] == EDITIONS_COLUMNS
    assert len(lines) == 3, "one row: the 20-page synthetic hub"
    cells = dict(zip(EDITIONS_COLUMNS, (c.strip() for c in lines[2].strip("|").split("|")),
                     strict=True))
    assert cells["hub"] == "synthetic 20"
    assert int(cells["editions"]) == len(list(ROOT.glob("mkdocs.[a-z][a-z].yml"))) + 1
    # With one run the ratio is that run's: all editions' CPU over the English build's.
    one, every = _number(cells["one CPU s"]), _number(cells["all CPU s"])
    assert 0 < one < every
    assert abs(_number(cells["CPU ratio"]) - every / one) < 0.02
    # Each edition writes a whole site: English at the root, the others below it.
    site = tmp_path / "work" / "editions-synthetic 20"
    for language in ("es", "fr"):
        assert (site / language / "index.html").is_file()
    assert "3 editions cost" in result.stdout and "target of ×3.3" in result.stdout
