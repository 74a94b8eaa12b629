"""A real strict build of the bundled hub: pages, links to sources, search indexes."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from odhub.data import load
from odhub.render.markdown import local_date

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def model(repo_root: Path):
    return load(repo_root)


@pytest.fixture(scope="module")
def search_docs(offline_edition) -> list[dict]:
    # Material's one-file index is the offline edition's; the web edition's search is
    # Pagefind's (test_search_browser.py), and its search_index.json holds no documents.
    index = offline_edition.root / "search" / "search_index.json"
    return json.loads(index.read_text(encoding="utf-8"))["docs"]


@pytest.mark.parametrize("edition,language", [("", "en"), ("es", "es"), ("fr", "fr")])
def test_each_edition_has_its_own_pagefind_index_and_no_lunr_documents(
        built_site: Path, edition: str, language: str) -> None:
    root = built_site / edition
    stub = json.loads((root / "search" / "search_index.json").read_text())
    assert stub["docs"] == [] and stub["config"]["separator"]
    entry = json.loads((root / "pagefind" / "pagefind-entry.json").read_text())
    others = {"es", "fr"} - {edition}
    pages = [p for p in root.rglob("index.html")
             if not others & set(p.relative_to(root).parts[:1])
             and "data-pagefind-body" in p.read_text(encoding="utf-8")]
    # One language per index: the English one leaves out es/ and fr/, each in its own.
    assert list(entry["languages"]) == [language]
    assert entry["languages"][language]["page_count"] == len(pages) > 100


def page_html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_every_country_and_hub_has_a_page(built_site: Path, model) -> None:
    for country in model.countries.values():
        html = page_html(built_site, f"countries/{country.iso3.lower()}")
        assert "<h1" in html and country.iso3 in html
    for hub in model.hubs.values():
        assert hub.name in page_html(built_site, f"hubs/{hub.id}")


def test_country_facts_link_sources_and_dates(built_site: Path, model) -> None:
    kenya = model.countries["KEN"]
    html = page_html(built_site, "countries/ken")
    for url in kenya.ogp.sources:
        assert f'href="{url}"' in html
    assert local_date(kenya.ogp.as_of) in html  # "September 2011", from CLDR
    assert 'href="../../hubs/africa/"' in html


def test_hub_page_lists_its_countries(built_site: Path, model) -> None:
    html = page_html(built_site, "hubs/caribbean")
    for country in model.countries_by_hub["caribbean"]:
        assert f'href="../../countries/{country.iso3.lower()}/"' in html


def test_countries_index_has_a_to_z_and_by_hub(built_site: Path, model) -> None:
    html = page_html(built_site, "countries")
    assert len(re.findall(r'href="(?:\./)?[a-z]{3}/"', html)) >= 2 * len(model.countries)
    for hub in model.hubs.values():
        assert hub.name in html


def test_principle_and_objective_pages(built_site: Path, model) -> None:
    for principle in model.principles.values():
        assert principle.title in page_html(built_site, f"principles/{principle.id}")
    for objective in model.objectives.values():
        assert objective.title in page_html(built_site, f"objectives/{objective.id}")


@pytest.mark.parametrize("query,iso3", [
    ("Kenya", "ken"), ("KEN", "ken"), ("Ivory Coast", "civ"), ("CI", "civ"),
    ("Macedonia", "mkd"), ("Cote d'Ivoire", "civ"),
])
def test_search_index_finds_countries_by_any_name_or_code(search_docs, query, iso3) -> None:
    # The offline edition has file URLs: countries/ken.html, countries/ken.html#facts.
    docs = [d for d in search_docs if d["location"].startswith(f"countries/{iso3}.html")]
    assert docs, f"countries/{iso3}/ is not in the search index"
    text = " ".join(d["title"] + " " + d["text"] for d in docs)
    assert re.search(rf"\b{re.escape(query)}\b", text.replace("’", "'")), query


def test_country_pages_are_boosted(search_docs) -> None:
    kenya = next(d for d in search_docs if d["location"] == "countries/ken.html")
    assert kenya.get("boost", 1) > 1


def test_library_does_not_import_mkdocs(repo_root: Path) -> None:
    found = subprocess.run(["grep", "-rE", r"^\s*(import|from) mkdocs", "hooks/odhub"],
                           cwd=repo_root, capture_output=True, text=True)
    assert found.returncode == 1, found.stdout


