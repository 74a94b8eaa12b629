"""Under `mkdocs serve`, every rebuild re-runs on_config in the same process: the adapter
must reload the library and the data, not keep what the first build loaded."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from mkdocs.config import load_config

from hub_edits import replace_in


@pytest.fixture(autouse=True)
def keep_library_modules() -> Iterator[None]:
    """The adapter re-imports odhub; give later tests in this process the modules back."""
    saved = {name: module for name, module in sys.modules.items()
             if name == "odhub" or name.startswith("odhub.")}
    yield
    for name in [n for n in sys.modules if n == "odhub" or n.startswith("odhub.")]:
        del sys.modules[name]
    sys.modules.update(saved)


def load_adapter(hub: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("odhub_adapter_under_test",
                                                  hub / "hooks" / "mkdocs_adapter.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rebuild_sees_edited_data_and_a_fresh_library(hub_copy: Path) -> None:
    adapter = load_adapter(hub_copy)
    config = load_config(str(hub_copy / "mkdocs.yml"))

    adapter.on_config(config)
    first_library, first_model = adapter._odhub, adapter._site.model
    assert first_model.countries["KEN"].hub == "africa"

    # A coordinator edits a data file while the preview server runs.
    replace_in(hub_copy / "data/countries/ken.yml", "hub: africa", "hub: francophone-africa")
    adapter.on_config(config)

    assert adapter._site.model is not first_model
    assert adapter._site.model.countries["KEN"].hub == "francophone-africa"
    assert adapter._odhub is not first_library  # edits to hooks/odhub show up too


def test_watch_covers_data_and_hooks(repo_root: Path) -> None:
    config = load_config(str(repo_root / "mkdocs.yml"))
    watched = {Path(path).resolve() for path in config.watch}
    assert {(repo_root / "data").resolve(), (repo_root / "hooks").resolve()} <= watched
