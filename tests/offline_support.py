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

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class OfflineEdition:
    root: Path  # the unzipped folder a reader opens
    zip: Path
    report: str  # what the build command printed


@pytest.fixture(scope="session")
def offline_edition(tmp_path_factory: pytest.TempPathFactory) -> OfflineEdition:
    work = tmp_path_factory.mktemp("offline")
    target = work / "odhub-offline.zip"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_offline.py"),
         "--site-dir", str(work / "site"), "--zip", str(target)],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    with zipfile.ZipFile(target) as archive:
        archive.extractall(work / "unzipped")
    return OfflineEdition(work / "unzipped" / "odhub-offline", target, result.stdout)
