"""Repository and edit links: none while repo_url is the placeholder, as before once real.

mkdocs.yml ships with `https://github.com/OWNER/...`, whose every link is a 404. A tiny
hub (one hub, one country, two pages, the real hooks and overrides) is built with the
placeholder, with a real address, and with the repository widget turned on.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build

pytestmark = pytest.mark.build

REAL = "https://github.com/example-org/peer-hub"
PLACEHOLDER = "https://github.com/OWNER/open-data-peer-hub"


def tiny_hub(target: Path, repo_url: str, widget: bool = False) -> Path:
    for part in ("hooks", "overrides"):
        shutil.copytree(ROOT / part, target / part,
                        ignore=shutil.ignore_patterns("__pycache__"))
    data = target / "data"
    shutil.copytree(ROOT / "data" / "schemas", data / "schemas")
    for vocabulary in ("principles", "objectives", "sectors", "audiences"):
        shutil.copy2(ROOT / "data" / f"{vocabulary}.yml", data)
    (data / "hubs").mkdir()
    (data / "countries").mkdir()
    shutil.copy2(ROOT / "data" / "hubs" / "africa.yml", data / "hubs")
    shutil.copy2(ROOT / "data" / "countries" / "ken.yml", data / "countries")
    docs = target / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# A tiny hub\n\nSee [about](about.md).\n", "utf-8")
    (docs / "about.md").write_text("# About\n\nA page people may edit.\n", "utf-8")
    # No contribute/ guides: generated pages must then link none of them (strict build).
    (target / "mkdocs.yml").write_text(f"""\
site_name: A tiny hub
repo_url: {repo_url}
repo_name: peer-hub
edit_uri: edit/main/docs/
theme:
  name: material
  custom_dir: overrides
  font: false
  features: [content.action.edit]
hooks: [hooks/mkdocs_adapter.py]
extra:
  odhub:
    branch: main
    repository_widget: {str(widget).lower()}
""", "utf-8")
    return target


def build(tmp_path: Path, repo_url: str, widget: bool = False) -> dict[str, str]:
    hub = tiny_hub(tmp_path / "hub", repo_url, widget)
    site = tmp_path / "site"
    result = mkdocs_build(hub, site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return {page: (site / page).read_text(encoding="utf-8")
            for page in ("index.html", "about/index.html", "countries/ken/index.html",
                         "404.html")}


def test_the_placeholder_gives_no_repository_or_edit_link(tmp_path: Path) -> None:
    pages = build(tmp_path, PLACEHOLDER)
    for name, html in pages.items():
        assert "OWNER" not in html, name
        assert 'class="md-source"' not in html, name  # the header's repository link
        assert 'rel="edit"' not in html, name  # Material's edit button
        assert "/edit/main/" not in html, name  # odhub's "Edit this data" on data pages


def test_a_real_repository_gives_both_links_as_before(tmp_path: Path) -> None:
    pages = build(tmp_path, REAL)
    for name, html in pages.items():
        assert f'<a href="{REAL}" title="Go to repository" class="md-source">' in html, name
        assert 'data-md-component="source"' not in html, name  # the widget stays off
    assert f'href="{REAL}/edit/main/docs/about.md"' in pages["about/index.html"]
    country = pages["countries/ken/index.html"]
    # The page is generated: both its edit button and its "Edit this data" link open the
    # data file it comes from.
    assert f'href="{REAL}/edit/main/data/countries/ken.yml" title="Edit this page"' in country
    assert country.count(f"{REAL}/edit/main/data/countries/ken.yml") == 2


def test_the_repository_widget_is_opt_in(tmp_path: Path) -> None:
    pages = build(tmp_path, REAL, widget=True)
    assert 'class="md-source" data-md-component="source">' in pages["index.html"]


def test_the_bundled_site_links_no_placeholder(built_site: Path) -> None:
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 50
    assert not [page for page in pages if "github.com/OWNER" in page.read_text("utf-8")]
