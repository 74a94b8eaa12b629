"""Validation and scaffolding never modify or delete a file that exists.

Each test takes a fingerprint (content hash, size and modification time to the
nanosecond) of every file in a copy of the hub, runs a command, and compares: a file
rewritten with the same bytes still changes its time, so it would be caught.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import run_odhub

Fingerprint = dict[str, tuple[str, int, int]]


def fingerprint(root: Path) -> Fingerprint:
    prints: Fingerprint = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            prints[path.relative_to(root).as_posix()] = (digest, stat.st_size,
                                                         stat.st_mtime_ns)
    return prints


def assert_existing_files_untouched(before: Fingerprint, after: Fingerprint) -> set[str]:
    """Every file from before is still there, unchanged; returns the files added."""
    missing = sorted(set(before) - set(after))
    assert not missing, f"deleted: {missing}"
    changed = sorted(p for p in before if before[p] != after[p])
    assert not changed, f"modified: {changed}"
    return set(after) - set(before)


def break_some_files(hub: Path) -> None:
    """Several kinds of mistakes in several files, as a careless pull request would make."""
    kenya = hub / "data/countries/ken.yml"
    kenya.write_text(kenya.read_text(encoding="utf-8").replace("hub: africa", "hub: afrika"),
                     encoding="utf-8")
    (hub / "data/countries/fra.yml").write_text("iso3: [FRA\n", encoding="utf-8")
    case = sorted((hub / "docs/case-studies").glob("*.md"))[0]
    case.write_text(case.read_text(encoding="utf-8").replace("year:", "yeer:", 1),
                    encoding="utf-8")


def test_validate_on_good_data_changes_nothing(hub_copy: Path) -> None:
    before = fingerprint(hub_copy)
    result = run_odhub("validate", cwd=hub_copy)
    assert result.returncode == 0, result.stderr
    assert not assert_existing_files_untouched(before, fingerprint(hub_copy))


def test_validate_on_bad_data_changes_nothing(hub_copy: Path) -> None:
    break_some_files(hub_copy)
    before = fingerprint(hub_copy)
    result = run_odhub("validate", cwd=hub_copy)
    assert result.returncode == 1
    assert "fra.yml" in result.stderr and "ken.yml" in result.stderr
    assert not assert_existing_files_untouched(before, fingerprint(hub_copy))


def test_generate_only_adds_files_in_its_output_folder(hub_copy: Path) -> None:
    before = fingerprint(hub_copy)
    result = run_odhub("generate", "--out", "generated", cwd=hub_copy)
    assert result.returncode == 0, result.stderr
    added = assert_existing_files_untouched(before, fingerprint(hub_copy))
    assert added and all(path.startswith("generated/") for path in added)


def test_generate_refuses_docs_and_changes_nothing(hub_copy: Path) -> None:
    before = fingerprint(hub_copy)
    result = run_odhub("generate", "--out", "docs", cwd=hub_copy)
    assert result.returncode == 1
    assert not assert_existing_files_untouched(before, fingerprint(hub_copy))


def test_generate_on_bad_data_writes_nothing(hub_copy: Path) -> None:
    break_some_files(hub_copy)
    before = fingerprint(hub_copy)
    result = run_odhub("generate", "--out", "generated", cwd=hub_copy)
    assert result.returncode == 1
    assert not assert_existing_files_untouched(before, fingerprint(hub_copy))


@pytest.mark.parametrize("args", [
    ["new", "country", "--iso3", "KEN"],
    ["new", "case-study", "--title", "placeholder", "--country", "KEN", "--slug", "SLUG"],
    ["new", "guidance", "--title", "placeholder", "--slug", "SLUG"],
], ids=["country", "case-study", "guidance"])
def test_scaffolding_refuses_to_overwrite(hub_copy: Path, args: list[str]) -> None:
    folder = "case-studies" if "case-study" in args else "guidance"
    existing = sorted((hub_copy / "docs" / folder).glob("*.md"))[0].stem
    args = [existing if a == "SLUG" else a for a in args]
    before = fingerprint(hub_copy)
    result = run_odhub(*args, cwd=hub_copy)
    assert result.returncode == 1
    assert "already exists" in result.stderr and "Traceback" not in result.stderr
    assert not assert_existing_files_untouched(before, fingerprint(hub_copy))


def test_scaffolding_adds_one_new_file(hub_copy: Path) -> None:
    before = fingerprint(hub_copy)
    result = run_odhub("new", "case-study", "--title", "A new scaffolded page",
                       "--country", "KEN", "--slug", "scaffolded-page", cwd=hub_copy)
    assert result.returncode == 0, result.stderr
    added = assert_existing_files_untouched(before, fingerprint(hub_copy))
    assert added == {"docs/case-studies/scaffolded-page.md"}


def test_a_new_event_only_appends_to_the_events_file(hub_copy: Path) -> None:
    # Events share one file by design, so a new event is appended to it: every byte that
    # was there stays, in place, and no other file changes.
    events = "data/events.yml"
    old_text = (hub_copy / events).read_bytes()
    before = fingerprint(hub_copy)
    result = run_odhub("new", "event", "--title", "A scaffolded event", "--start", "2030-01",
                       cwd=hub_copy)
    assert result.returncode == 0, result.stderr
    after = fingerprint(hub_copy)
    assert (hub_copy / events).read_bytes().startswith(old_text)
    del before[events], after[events]
    assert not assert_existing_files_untouched(before, after)
