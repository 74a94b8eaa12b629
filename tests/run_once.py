"""Make something once per test run, however many pytest-xdist workers ask for it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock


def once_per_run(factory: pytest.TempPathFactory, name: str,
                 make: Callable[[Path], None]) -> Path:
    """make(folder) runs once for the whole test run, however many xdist workers ask: the
    first takes a file lock and makes it, the others wait and reuse it (pytest-xdist's
    documented pattern). A failure is kept and reported to every worker."""
    # Under xdist each worker's basetemp is <run>/popen-gwN: its parent is this run's and
    # no other's. Without xdist the basetemp itself is this run's folder.
    base = factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, done, failed = shared / name, shared / f"{name}.done", shared / f"{name}.failed"
    with FileLock(str(shared / f"{name}.lock")):
        if not done.exists() and not failed.exists():
            folder.mkdir(exist_ok=True)
            try:
                make(folder)
            except BaseException as err:  # keep the reason for the other workers
                failed.write_text(str(err), encoding="utf-8")
                raise
            done.touch()
    if failed.exists():
        pytest.fail(f"{name} could not be made: {failed.read_text(encoding='utf-8')}")
    return folder
