"""Small helpers for tests that edit a copy of the hub or read the reference tables."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from odhub import InvalidData, load

# shared/ sits beside the work tree, on developers' machines and in CI alike.
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace the first occurrence, failing loudly if the text to replace has moved."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """1-based number of the first line containing needle."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def problems_of(root: Path) -> list[str]:
    """Every problem loading the hub at root reports, as printed."""
    with pytest.raises(InvalidData) as caught:
        load(root)
    return [str(p) for p in caught.value.problems]


def reference_rows(name: str) -> list[dict[str, str]]:
    """Rows of a shared/reference table; the test is skipped when shared/ is absent."""
    path = REFERENCE / name
    if not path.exists():
        pytest.skip(f"shared/reference/{name} is not beside the repository")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
