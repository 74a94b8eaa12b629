"""The offline edition as a reader gets it: built and zipped by the documented command.

A session fixture runs `scripts/build_offline.py` (what `make offline` runs) into a
temporary folder and unzips the zip; test modules import the fixture from here.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from run_once import once_per_run

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class OfflineEdition:
    root: Path  # the unzipped folder a reader opens
    zip: Path
    report: str  # what the build command printed


def _build_and_unzip(work: Path) -> None:
    target = work / "odhub-offline.zip"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_offline.py"),
         "--site-dir", str(work / "site"), "--zip", str(target)],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    (work / "report.txt").write_text(result.stdout, encoding="utf-8")
    with zipfile.ZipFile(target) as archive:
        archive.extractall(work / "unzipped")


@pytest.fixture(scope="session")
def offline_edition(tmp_path_factory: pytest.TempPathFactory) -> OfflineEdition:
    """Built once per test run, shared by every xdist worker."""
    work = once_per_run(tmp_path_factory, "offline", _build_and_unzip)
    return OfflineEdition(work / "unzipped" / "odhub-offline", work / "odhub-offline.zip",
                          (work / "report.txt").read_text(encoding="utf-8"))
