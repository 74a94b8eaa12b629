"""What surrounds a page's own text, in a real build: breadcrumbs and the highlighted tab
on pages outside the navigation, what the search index reads, and "Report a problem with
this page" with and without a published repository."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

import odhub
import odhub.data
import odhub.render
from conftest import ROOT, mkdocs_build
from odhub.lang.translator import Translator


@pytest.fixture(scope="module")
def model() -> odhub.Model:
    return odhub.load(ROOT)


def built_path(docs_path: str) -> str:
    stem = docs_path.removesuffix(".md")
    return "index.html" if stem == "index" else (
        stem.removesuffix("index") + "index.html" if stem.endswith("/index")
        else f"{stem}/index.html")


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
    # News posts have a template of their own; they get the same trail.
    post = model.posts[0]
    html = (built_site / post.page / "index.html").read_text(encoding="utf-8")
    assert crumbs(html) == ["Home", "News", post.title]
    assert active_tab(html) == "News"
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'class="md-path"' not in home


@pytest.mark.build
def test_source_addresses_do_not_feed_the_search_index(built_site: Path,
                                                       model: odhub.Model) -> None:
    index = json.loads((built_site / "search/search_index.json").read_text("utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    cited = [url for c in model.countries.values() for url in c.sources]
    assert any("health-check" in url for url in cited), "pick another word from a source URL"
    assert "health-check" not in text
    assert not [url for url in cited if url in text]


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
    # The news index and its posts have templates of their own, and the link too.
    post = model.posts[0]
    for page in ("news/index.html", f"{post.page}index.html"):
        [link] = report_links((site / page).read_text("utf-8"))
        assert link.startswith(f"{new_issue}page-problem.yml&amp;page="), page
    assert f'href="{new_issue}propose-country.yml"' in home
    # The home page links the offline zip of the latest release.
    assert ('href="https://github.com/od4d/open-data-peer-hub/releases/latest/download/'
            'odhub-offline.zip"') in home


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_the_missing_page_offers_a_way_on(built_editions: dict[str, Path],
                                          language: str) -> None:
    # Material's 404 page says "404 - Not found" and nothing more: a dead end. Ours says
    # what happened, in the edition's language, and links the main pages, each of which
    # exists in the build; it has no breadcrumbs (it has no place in the site).
    html = (built_editions[language] / "404.html").read_text(encoding="utf-8")
    t = Translator(language).gettext
    article = html.split('<article class="md-content__inner md-typeset">', 1)[1]
    assert f"<h1>{t('Page not found')}</h1>" in article
    assert "404 - Not found" not in html
    assert 'class="md-path"' not in html
    links = re.findall(r'<li><a href="([^"]*)">([^<]*)</a></li>',
                       article.split('class="odhub-not-found"', 1)[1].split("</ul>", 1)[0])
    assert [label for _href, label in links] == [
        t("Home page"), t("Countries"), t("Case studies"), t("Guidance")]
    site = built_editions["en"]
    for href, label in links:
        assert href.startswith("/") and not href.startswith("//"), href
        assert (site / href.lstrip("/") / "index.html").is_file(), (label, href)
