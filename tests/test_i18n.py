"""Language editions are catalogues: strings are found, merged, and used by the pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import odhub.i18n as i18n
from conftest import run_odhub
from odhub import generated_pages, load
from odhub.i18n import Translator
from odhub.messages import (
    RUNTIME_MESSAGES,
    python_messages,
    template_messages,
    update_catalogue,
    write_catalogue,
)


def test_strings_are_found_in_templates_and_python() -> None:
    in_templates = template_messages()
    assert "Joined in {year}." in in_templates  # _() in _country_facts.md.j2
    assert "{count} countries have a page." in in_templates  # the plural of an _n()
    assert "Open Data Peer Hub events" in python_messages()   # translator.gettext(...)


def test_update_keeps_translations_and_reports_new_and_obsolete(tmp_path: Path) -> None:
    (tmp_path / "xx.json").write_text(json.dumps(
        {"Facts": "Fakten", "A string nobody uses any more": "Alt"}), encoding="utf-8")
    update = update_catalogue("xx", tmp_path)
    assert update.catalogue["Facts"] == "Fakten"
    assert update.catalogue["A string nobody uses any more"] == "Alt"
    assert update.obsolete == ["A string nobody uses any more"]
    assert "Facts" not in update.added and "Joined in {year}." in update.added
    assert set(update.catalogue) >= RUNTIME_MESSAGES
    write_catalogue(update)
    again = update_catalogue("xx", tmp_path)
    assert again.added == [] and again.catalogue == update.catalogue


def test_a_catalogue_changes_the_pages_and_falls_back_to_english(
        repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "fr.json").write_text(json.dumps({
        "Facts": "Faits",
        "Joined in {year}.": "Adhésion en {year}.",
        "All sources": "",  # empty: not translated yet
    }), encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES", tmp_path)
    i18n._catalogue.cache_clear()
    try:
        model = load(repo_root, language="fr")
        page = {p.path: p.markdown for p in generated_pages(model, "fr")}["countries/kor.md"]
    finally:
        i18n._catalogue.cache_clear()
    assert "## Faits" in page
    assert "Adhésion en 2011\\." in page
    assert "## All sources" in page          # untranslated strings stay English
    assert "Corée du Sud" in page             # country names come from CLDR in French


def test_placeholders_survive_translation() -> None:
    translator = Translator("en")
    assert translator.ngettext("{count} country", "{count} countries", 3) == "3 countries"


def test_bundled_catalogues_list_every_string(repo_root: Path) -> None:
    for catalogue in sorted((repo_root / "hooks/odhub/locales").glob("*.json")):
        result = run_odhub("messages", "--language", catalogue.stem, "--check", cwd=repo_root)
        assert result.returncode == 0, (
            f"{catalogue.name} is missing strings; run `odhub messages --language "
            f"{catalogue.stem}`:\n{result.stderr}")
