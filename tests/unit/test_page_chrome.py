"""The library parts of what surrounds a page's own text: where pages outside the
navigation belong, table regions and search exclusions in the content HTML, links into the
repository, and the home page's parts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import odhub
import odhub.data
import odhub.render
from conftest import ROOT
from odhub.data.repository import Repository
from odhub.derive.whatsnew import featured_case_studies, recent_updates
from odhub.render.chrome import COUNTRY_FACT, PAGE_PROBLEM, Chrome
from odhub.render.content_html import (
    finish_content_html,
    keep_addresses_out_of_search,
    label_tables,
)
from odhub.render.place import Places


@pytest.fixture(scope="module")
def model() -> odhub.Model:
    return odhub.load(ROOT)


def test_pages_outside_the_navigation_sit_under_their_section(model: odhub.Model) -> None:
    places = Places(model)
    grouped = next(c for c in model.countries.values() if c.hub)
    assert places.parent(grouped.page) == model.hubs[grouped.hub].page
    hub = next(iter(model.hubs.values()))
    assert places.parent(hub.page) == "hubs/index.md"
    case = next(iter(model.case_studies))
    assert places.parent(case) == "case-studies/index.md"
    assert places.parent("principles/open-by-default.md") == "principles/index.md"
    assert places.parent("tags.md") == "learn/index.md"
    # Section indexes and the home page stay where the navigation puts them.
    assert places.parent("countries/index.md") is None
    assert places.parent("index.md") is None


def test_a_country_without_a_hub_sits_under_the_countries_index(hub_copy: Path) -> None:
    file = hub_copy / "data/countries/ken.yml"
    text = re.sub(r"(?m)^hub_basis:.*\n(?:  .*\n)*", "", file.read_text("utf-8"))
    file.write_text(re.sub(r"(?m)^hub:.*\n", "", text), encoding="utf-8")
    model = odhub.load(hub_copy)
    assert model.countries["KEN"].hub is None
    assert Places(model).parent("countries/ken.md") == "countries/index.md"


def test_tables_get_a_region_named_after_their_heading() -> None:
    html = ('<h2 id="facts">Facts &amp; figures<a class="headerlink" href="#facts">¶</a></h2>\n'
            "<table>\n<thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody>"
            "</table>\n<p>x</p><table><tr><td>2</td></tr></table>")
    out = label_tables(html, "Kenya")
    regions = re.findall(r'<div class="odhub-table" role="region" aria-label="([^"]*)" '
                         r'tabindex="0"><table>', out)
    assert regions == ["Facts &amp; figures", "Facts &amp; figures"]
    assert out.count("</table></div>") == 2
    assert label_tables("<table><tr><td>1</td></tr></table>", "Kenya").count(
        'aria-label="Kenya"') == 1


def test_reflow_tables_label_every_cell_with_its_column() -> None:
    html = ('<div class="odhub-reflow odhub-reflow--compact">\n<table>\n<thead><tr>'
            "<th>Country</th><th>ISO <em>3</em></th></tr></thead>\n<tbody>"
            '<tr id="x"><td><a href="k/">Kenya</a></td><td>KEN</td></tr>'
            "<tr><td>Peru</td><td>PER</td></tr></tbody></table></div>"
            "<table><tr><td>plain</td></tr></table>")
    out = label_tables(html)
    assert re.findall(r'<td data-label="([^"]*)"', out) == ["Country", "ISO 3"] * 2
    assert "<td>plain</td>" in out  # tables outside a reflow wrapper keep their cells


def test_addresses_are_kept_out_of_the_search_index() -> None:
    url = "https://example.org/health-check/report"
    html = (f'<li><a href="{url}">{url}</a></li>'
            '<p><a href="https://www.webfoundation.org/x">webfoundation.org</a></p>'
            '<p><a href="https://ogp.org/asia-health-check/">ogp.org (asia-health-check)</a>'
            '</p>'
            '<p><a href="https://example.org/a">A report on health</a></p>'
            '<p><a href="../ken/">Kenya</a></p>')
    out = keep_addresses_out_of_search(html)
    assert out.count("data-search-exclude") == 3
    assert '<a href="https://example.org/a">A report on health</a>' in out
    assert finish_content_html("<p>no links</p>") == "<p>no links</p>"


@pytest.mark.parametrize("repo_url", [
    None, "", "https://github.com/OWNER/open-data-peer-hub", "http://github.com/od4d/hub",
    "https://gitlab.com/od4d/hub", "https://github.com/od4d",
])
def test_no_repository_for_placeholders_and_other_hosts(repo_url: str | None) -> None:
    assert Repository.from_url(repo_url) is None


def test_repository_links_fill_in_issue_form_fields() -> None:
    repo = Repository.from_url("https://github.com/od4d/open-data-peer-hub.git/")
    assert repo is not None and repo.url == "https://github.com/od4d/open-data-peer-hub"
    link = repo.issue_form("page-problem.yml", page="https://x.org/a b/?q=1&r=2")
    assert link == ("https://github.com/od4d/open-data-peer-hub/issues/new?"
                    "template=page-problem.yml&page=https%3A%2F%2Fx.org%2Fa+b%2F%3Fq%3D1%26r%3D2")
    assert repo.latest_download("odhub-offline.zip").endswith(
        "/releases/latest/download/odhub-offline.zip")


def test_country_pages_report_to_the_correction_form(model: odhub.Model) -> None:
    repo = Repository("https://github.com/od4d/hub")
    chrome = Chrome(model, repo)
    country = next(iter(model.countries.values()))
    assert f"template={COUNTRY_FACT.template}&{COUNTRY_FACT.field}=" in chrome.report_url(
        country.page, "/x/")
    assert f"template={PAGE_PROBLEM.template}&{PAGE_PROBLEM.field}=" in chrome.report_url(
        "about.md", "/x/")
    assert Chrome(model, None).report_url(country.page, "/x/") is None
    assert Chrome(model, None).propose_country_url is None


def test_recently_updated_records_come_newest_first(model: odhub.Model) -> None:
    newest = next(iter(model.guidance.values()))
    country = next(iter(model.countries.values()))
    dates = {f"docs/{newest.src_uri}": dt.datetime(2030, 1, 2, tzinfo=dt.UTC),
             country.source_file: dt.datetime(2030, 1, 1, tzinfo=dt.UTC)}
    updates = recent_updates(model, dates.get)
    assert [(u.title, u.kind) for u in updates] == [(newest.title, "guidance"),
                                                    (country.name, "country")]


def test_featured_case_studies_are_recent_and_from_different_regions(
        model: odhub.Model) -> None:
    chosen = featured_case_studies(model)
    assert len(chosen) == 3
    newest = max(c.year for c in model.case_studies.values())
    assert chosen[0].year == newest
    hubs = [frozenset(model.countries[i].hub for i in c.countries) for c in chosen]
    assert len(set(hubs)) == 3


def test_home_page_parts_render_from_the_data(model: odhub.Model, tmp_path: Path) -> None:
    site = odhub.data.Site(ROOT, Repository("https://github.com/od4d/hub"), {})
    (tmp_path / "odhub-offline.zip").write_bytes(b"x" * 4_200_000)
    sized = odhub.data.Site(tmp_path, Repository("https://github.com/od4d/hub"), {})
    page = "<!-- hub:find-country -->\n\n<!-- hub:offline-download -->\n"
    markdown = odhub.render.page_markdown(model, page, "index.md", site=sized).markdown
    for country in model.countries.values():
        assert f"]({country.page})" in markdown
    assert "4\\.2 MB" in markdown and "/releases/latest/download/odhub-offline.zip" in markdown
    whats_new = odhub.render.page_markdown(model, "<!-- hub:whats-new -->", "index.md",
                                    site=site).markdown
    post = model.posts[0]
    assert f"]({post.source_file.removeprefix('docs/')})" in whats_new
    without = odhub.render.page_markdown(model, "<!-- hub:offline-download -->",
                                         "index.md").markdown
    assert "/releases/" not in without



def test_countries_index_offers_a_status_filter_only_when_the_data_has_statuses(
        hub_copy: Path) -> None:
    for file in (hub_copy / "data/countries").glob("*.yml"):
        text = file.read_text(encoding="utf-8")
        file.write_text(re.sub(r"(?m)^  status: .*\n", "", text), encoding="utf-8")
    model = odhub.load(hub_copy)
    assert not any(c.ogp and c.ogp.status for c in model.countries.values())
    index = next(p for p in odhub.render.generated_pages(model)
                 if p.path == "countries/index.md").markdown
    assert 'data-facet="hubs"' in index
    assert 'data-facet="status"' not in index and "OGP status" not in index
    with_status = next(p for p in odhub.render.generated_pages(odhub.load(ROOT))
                       if p.path == "countries/index.md").markdown
    assert 'data-facet="status"' in with_status
