"""Addresses people bookmark and cite keep working.

Country pages are keyed by ISO 3166-1 alpha-3 code and hub pages by hub id, both read
here straight from the data files (not from odhub), so a change to the URL scheme in the
library fails these tests instead of breaking links silently. Every redirect of
mkdocs-redirects leads to a page that exists in the build.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.build


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml holds !!python/name tags; these tests only need plain keys."""


_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/",
                                  lambda loader, suffix, node: None)


def redirect_maps() -> dict[str, str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    plugins = config["plugins"]
    entry = plugins["redirects"] if isinstance(plugins, dict) else next(
        p["redirects"] for p in plugins if isinstance(p, dict) and "redirects" in p)
    return entry["redirect_maps"]


def html_for(site: Path, docs_path: str) -> Path:
    """Where a docs page lands with directory URLs: a/b.md -> a/b/index.html."""
    path = PurePosixPath(docs_path)
    if path.name == "index.md":
        return site / path.parent / "index.html"
    return site / path.with_suffix("") / "index.html"


def test_there_is_at_least_one_redirect() -> None:
    assert redirect_maps()


@pytest.mark.parametrize("old, new", sorted(redirect_maps().items()))
def test_every_redirect_leads_to_a_built_page(built_site: Path, old: str, new: str) -> None:
    target = html_for(built_site, new.split("#")[0])
    assert target.is_file(), f"redirect {old} -> {new}: {target} was not built"
    stub = html_for(built_site, old)
    assert stub.is_file(), f"no redirect page for {old}"
    refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"',
                        stub.read_text(encoding="utf-8"))
    assert refresh, stub
    landing = (stub.parent / refresh.group(1)).resolve()
    landing = landing / "index.html" if landing.is_dir() else landing
    assert landing == target.resolve()


def test_redirects_do_not_shadow_real_pages() -> None:
    for old in redirect_maps():
        assert not (ROOT / "docs" / old).exists(), f"docs/{old} exists and is redirected"


def data_records(folder: str, key: str) -> dict[str, Path]:
    return {yaml.safe_load(f.read_text(encoding="utf-8"))[key]: f
            for f in sorted((ROOT / "data" / folder).glob("*.yml"))}


def built_dirs(site: Path, section: str) -> set[str]:
    return {p.parent.name for p in (site / section).glob("*/index.html")}


def test_country_pages_are_keyed_by_iso3(built_site: Path) -> None:
    countries = data_records("countries", "iso3")
    assert countries
    # (load() already refuses a file whose name is not its code; this checks the URLs.)
    for iso3 in countries:
        assert (built_site / "countries" / iso3.lower() / "index.html").is_file(), iso3
    # No other country page exists beside them.
    assert built_dirs(built_site, "countries") == {iso.lower() for iso in countries}


def test_hub_pages_are_keyed_by_id(built_site: Path) -> None:
    hubs = data_records("hubs", "id")
    assert hubs
    for hub_id in hubs:
        assert (built_site / "hubs" / hub_id / "index.html").is_file(), hub_id
    assert built_dirs(built_site, "hubs") == set(hubs)

