"""Shared fixtures: the real repository, a disposable copy of it, and one real build.

Tests live by what they need: unit/ (the library, no site build; `make test-fast`),
site/ (a real MkDocs build; pytest skips folders named build/), browser/ (Chromium through
Playwright), content/ (checks on the bundled data and pages). Tests under site/ get the
`build` mark here and tests under browser/ the `browser` mark.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from run_once import once_per_run

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# What a hub needs to build; copied so tests can break data without touching the repo.
HUB_PARTS = ("data", "docs", "hooks", "overrides", "mkdocs.yml", "mkdocs.es.yml",
             "mkdocs.fr.yml", "mkdocs.zensical.yml", "babel.cfg")
# The documented switches of two banners that are not build warnings but say WARNING:
# Material's about MkDocs 2, and ProperDocs' (a dependency of mkdocs-redirects).
QUIET_BANNERS = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


def copy_hub(target: Path) -> Path:
    for part in HUB_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.exists():
            shutil.copy2(source, target / part)
    return target


@pytest.fixture
def hub_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled hub that a test may edit or break."""
    return copy_hub(tmp_path / "hub")


def mkdocs_build(project: Path, site_dir: Path, config: str = "mkdocs.yml",
                 strict: bool = True) -> subprocess.CompletedProcess[str]:
    command = [str(BIN / "mkdocs"), "build", "-f", str(project / config), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    env = {**os.environ, **QUIET_BANNERS}
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=project)


def run_odhub(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "odhub"), *args], capture_output=True, text=True,
                          cwd=cwd)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        mark = {"site": pytest.mark.build, "browser": pytest.mark.browser}.get(
            Path(str(item.path)).parent.name)
        if mark is not None:
            item.add_marker(mark)


# Every edition, as `make site` builds them: English at the root, the others below it.
EDITIONS = {"en": ("mkdocs.yml", "."), "es": ("mkdocs.es.yml", "es"),
            "fr": ("mkdocs.fr.yml", "fr")}


def _strict_build(site: Path) -> None:
    for config, folder in EDITIONS.values():
        result = mkdocs_build(ROOT, (site / folder).resolve(), config)
        assert result.returncode == 0, f"{config}: {result.stderr}"
        assert "WARNING" not in result.stderr, f"{config}: {result.stderr}"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One strict build of every edition of the bundled content (English at the root),
    shared by every test that reads the site and by every xdist worker."""
    return once_per_run(tmp_path_factory, "site", _strict_build)


@pytest.fixture(scope="session")
def built_editions(built_site: Path) -> dict[str, Path]:
    """Each edition's folder in the shared build, by language."""
    return {language: built_site / folder for language, (_config, folder) in EDITIONS.items()}


# Browser fixtures live in browser_support; importing them here makes them visible to all.
from browser_support import browser, offline_page  # noqa: E402, F401
from offline_support import offline_edition  # noqa: E402, F401  (the zipped offline build)
