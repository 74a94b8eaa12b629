"""scripts/import_reference.py: the bundled data is in line with shared/reference, a dry
run writes nothing, and a value an editor changed is kept unless --force is given."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from hub_edits import REFERENCE, replace_in

SCRIPT = ROOT / "scripts" / "import_reference.py"


def run(hub: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if not REFERENCE.exists():
        pytest.skip("shared/reference is not beside the repository")
    return subprocess.run([sys.executable, str(SCRIPT), "--reference", str(REFERENCE),
                           "--root", str(hub), *args], capture_output=True, text=True)


def test_the_bundled_data_is_in_line_with_the_reference(hub_copy: Path) -> None:
    result = run(hub_copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # nothing to create, fill in or keep
    assert "would change 0 files" in result.stderr and "0 conflicts" in result.stderr


def test_an_edited_value_is_kept_unless_forced(hub_copy: Path) -> None:
    kenya = hub_copy / "data/countries/ken.yml"
    replace_in(kenya, "status_notes: Fifth action plan 2023-2027.",
               "status_notes: Fifth action plan 2023-2027, checked by the hub in 2026.")
    replace_in(kenya, "iso3: KEN\n", "iso3: KEN\nsummary: Written by an editor.\n")
    edited = kenya.read_text(encoding="utf-8")
    dry = run(hub_copy)
    assert "data/countries/ken.yml: kept ogp.status_notes" in dry.stdout
    assert run(hub_copy, "--write").returncode == 0
    assert kenya.read_text(encoding="utf-8") == edited
    forced = run(hub_copy, "--write", "--force")
    assert "data/countries/ken.yml: replace ogp.status_notes" in forced.stdout
    text = kenya.read_text(encoding="utf-8")
    assert "status_notes: Fifth action plan 2023-2027.\n" in text
    assert "summary: Written by an editor." in text  # not a field the reference owns


def test_a_missing_fact_is_filled_in_and_a_missing_country_created(hub_copy: Path) -> None:
    (hub_copy / "data/countries/lux.yml").unlink()
    tanzania = hub_copy / "data/countries/tza.yml"
    text = tanzania.read_text(encoding="utf-8")
    start = text.index("  status: withdrawn")
    end = text.index("  sources:", start)
    tanzania.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run(hub_copy, "--write")
    assert "data/countries/lux.yml: create" in result.stdout
    assert "data/countries/tza.yml: fill in ogp.status, ogp.status_since" in result.stdout
    assert tanzania.read_text(encoding="utf-8") == text
    assert run(hub_copy).stdout == ""
