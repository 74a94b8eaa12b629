"""What surrounds a page's own text: where it sits (breadcrumbs, the highlighted tab), its
tables' regions, what the search index reads, the home page's parts, and the links into
the repository ("Report a problem with this page", "Propose a country")."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

import odhub
from conftest import mkdocs_build
from odhub.chrome import COUNTRY_FACT, PAGE_PROBLEM, Chrome
from odhub.content_html import finish_content_html, keep_addresses_out_of_search, label_tables
from odhub.place import Places
from odhub.repository import Repository
from odhub.whatsnew import featured_case_studies, recent_updates

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def model() -> odhub.Model:
    return odhub.load(ROOT)


def built_path(docs_path: str) -> str:
    stem = docs_path.removesuffix(".md")
    return "index.html" if stem == "index" else (
        stem.removesuffix("index") + "index.html" if stem.endswith("/index")
        else f"{stem}/index.html")


# -- where pages outside the navigation belong --------------------------------------------


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


def crumbs(html: str) -> list[str]:
    trail = re.search(r'<nav class="md-path"[^>]*>(.*?)</nav>', html, re.S)
    assert trail, "no breadcrumbs"
    items = re.findall(r'<li class="md-path__item[^"]*"[^>]*>(.*?)</li>', trail.group(1), re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def active_tab(html: str) -> str:
    tab = re.search(r'md-tabs__item--active">\s*<a[^>]*>\s*([^<]+?)\s*</a>', html)
    assert tab, "no tab is highlighted"
    return tab.group(1)


@pytest.mark.build
def test_every_kind_of_detail_page_has_breadcrumbs_and_its_section_tab(
        built_site: Path, model: odhub.Model) -> None:
    country = next(c for c in model.countries.values() if c.hub)
    hub = model.hubs[country.hub]
    case = next(iter(model.case_studies.values()))
    guide = next(iter(model.guidance.values()))
    principle = next(iter(model.principles.values()))
    sector = next(iter(model.sectors.values()))
    objective = next(iter(model.objectives.values()))
    expected = {
        country.page: (["Home", "Countries", "Regional hubs", hub.name, country.name],
                       "Countries"),
        hub.page: (["Home", "Countries", "Regional hubs", hub.name], "Countries"),
        case.src_uri: (["Home", "Learn", "Case studies", case.title], "Learn"),
        guide.src_uri: (["Home", "Learn", "Guidance", guide.title], "Learn"),
        f"principles/{principle.id}.md": (["Home", "Learn", "Principles", principle.title],
                                         "Learn"),
        f"sectors/{sector.id}.md": (["Home", "Learn", "Sectors", sector.title], "Learn"),
        f"objectives/{objective.id}.md": (["Home", "Learn", "Objectives", objective.title],
                                         "Learn"),
        "countries/index.md": (["Home", "Countries"], "Countries"),
        "contribute/data-fields.md": (["Home", "Contribute", "Data field reference"],
                                      "Contribute"),
    }
    for page, (trail, tab) in expected.items():
        html = (built_site / built_path(page)).read_text(encoding="utf-8")
        assert crumbs(html) == trail, page
        assert active_tab(html) == tab, page
        assert 'aria-current="page"' in html.split('class="md-path"', 1)[1].split("</nav>")[0]
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'class="md-path"' not in home


# -- tables and the search index ----------------------------------------------------------


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
            '<p><a href="https://example.org/a">A report on health</a></p>'
            '<p><a href="../ken/">Kenya</a></p>')
    out = keep_addresses_out_of_search(html)
    assert out.count("data-search-exclude") == 2
    assert '<a href="https://example.org/a">A report on health</a>' in out
    assert finish_content_html("<p>no links</p>") == "<p>no links</p>"


@pytest.mark.build
def test_source_addresses_do_not_feed_the_search_index(built_site: Path,
                                                       model: odhub.Model) -> None:
    index = json.loads((built_site / "search/search_index.json").read_text("utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    cited = [url for c in model.countries.values() for url in c.sources]
    assert any("health-check" in url for url in cited), "pick another word from a source URL"
    assert "health-check" not in text
    assert not [url for url in cited if url in text]


# -- the repository: issue forms and the offline download -----------------------------------


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


def report_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" data-odhub-report>', html)


@pytest.mark.build
def test_report_link_is_hidden_while_the_repository_is_a_placeholder(
        built_site: Path, model: odhub.Model) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8").split("\nhooks:")[0])
    assert "/OWNER/" in config["repo_url"], "this test expects the shipped placeholder"
    country = next(iter(model.countries.values()))
    for page in ("index.md", country.page, "about.md"):
        html = (built_site / built_path(page)).read_text(encoding="utf-8")
        assert report_links(html) == [], page
        assert "propose-country.yml" not in html


@pytest.mark.build
def test_report_link_opens_the_matching_form_with_the_page_address(
        hub_copy: Path, tmp_path: Path, model: odhub.Model) -> None:
    config = hub_copy / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "repo_url: https://github.com/OWNER/open-data-peer-hub",
        "repo_url: https://github.com/od4d/open-data-peer-hub\n"
        "site_url: https://hub.example.org/"), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(hub_copy, site)
    assert result.returncode == 0, result.stderr
    new_issue = "https://github.com/od4d/open-data-peer-hub/issues/new?template="
    country = next(iter(model.countries.values()))
    [link] = report_links((site / built_path(country.page)).read_text("utf-8"))
    slug = country.page.removesuffix(".md")
    assert link == (f"{new_issue}correct-country-fact.yml&amp;country="
                    f"https%3A%2F%2Fhub.example.org%2F{slug.replace('/', '%2F')}%2F")
    [link] = report_links((site / "about/index.html").read_text("utf-8"))
    assert link == f"{new_issue}page-problem.yml&amp;page=https%3A%2F%2Fhub.example.org%2Fabout%2F"
    home = (site / "index.html").read_text("utf-8")
    assert len(report_links(home)) == 1
    assert f'href="{new_issue}propose-country.yml"' in home
    # The home page links the offline zip of the latest release.
    assert ('href="https://github.com/od4d/open-data-peer-hub/releases/latest/download/'
            'odhub-offline.zip"') in home


# -- the home page's parts ------------------------------------------------------------------


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
    site = odhub.Site(ROOT, Repository("https://github.com/od4d/hub"), {})
    (tmp_path / "odhub-offline.zip").write_bytes(b"x" * 4_200_000)
    sized = odhub.Site(tmp_path, Repository("https://github.com/od4d/hub"), {})
    page = "<!-- hub:find-country -->\n\n<!-- hub:offline-download -->\n"
    markdown = odhub.page_markdown(model, page, "index.md", site=sized).markdown
    for country in model.countries.values():
        assert f"]({country.page})" in markdown
    assert "4\\.2 MB" in markdown and "/releases/latest/download/odhub-offline.zip" in markdown
    whats_new = odhub.page_markdown(model, "<!-- hub:whats-new -->", "index.md",
                                    site=site).markdown
    post = site.posts[0]
    assert f"]({post.source_file.removeprefix('docs/')})" in whats_new
    without = odhub.page_markdown(model, "<!-- hub:offline-download -->", "index.md").markdown
    assert "/releases/" not in without
