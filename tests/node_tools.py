"""Tools the repository installs for its own checks: axe-core and the Nu HTML Checker.

`npm ci` (run by .ci/run from package-lock.json) puts them in ./node_modules; Debian's
Java runs vnu.jar. A developer without them gets a skip that says how to install them;
in CI (CI=true) a missing tool is a failure, so the checks can never be skipped silently.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def missing(reason: str) -> None:
    """Skip with the reason outside CI; fail in CI, where .ci/run installs every tool."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; .ci/run should have installed it")
    pytest.skip(reason)


def require_file(path: Path) -> Path:
    if not path.is_file():
        missing(f"{path.relative_to(ROOT)} is missing (run `npm ci` in the repository root)")
    return path


def require_java() -> str:
    java = shutil.which("java")
    if java is None:
        missing("java is not installed (apt-get install default-jre-headless)")
    return str(java)
