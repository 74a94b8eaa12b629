"""The Monitor Impact dashboard and country maps: every country with a known shape is on
the world map, the no-shape list is what the geometry says, charts read without colour,
and the pages load from file:// without reaching the network."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from odhub import load
from odhub.render import generated_pages, geo

SVG = "{http://www.w3.org/2000/svg}"


def page_html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def svg_by_title(html: str, title_id: str) -> ET.Element:
    """The inline <svg> whose aria-labelledby starts with title_id, parsed."""
    for match in re.finditer(r"<svg\b.*?</svg>", html, flags=re.S):
        # Inline SVGs may contain nested <svg>s only in legends, which have no titles.
        if f'aria-labelledby="{title_id}' in match.group(0)[:400]:
            return ET.fromstring(match.group(0))
    raise AssertionError(f"no svg titled {title_id}")


def shapes_at_110m() -> set[str]:
    """ISO codes that have at least one polygon in the 110m file, from the decoder."""
    return {code for f in geo.load_features(geo.COUNTRIES_110M)
            if f.polygons and (code := geo.iso3_of(f))}


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2", start)
    return html[start:end if end > 0 else None]


@pytest.fixture(scope="module")
def model(repo_root: Path):
    return load(repo_root)


@pytest.mark.build
def test_world_map_has_every_country_with_a_shape(built_site: Path, model) -> None:
    html = page_html(built_site, "monitor")
    world = svg_by_title(html, "world-map-title")
    drawn = {p.get("data-iso3"): p for p in world.iter(f"{SVG}path") if p.get("data-iso3")}
    expected = set(model.countries) & shapes_at_110m()
    assert expected, "some countries should have geometry"
    assert expected <= set(drawn)
    for code in expected:
        classes = drawn[code].get("class", "").split()
        assert "member" in classes, code
        assert drawn[code].find(f"{SVG}title").text.startswith(model.countries[code].name)


@pytest.mark.build
def test_no_geometry_list_is_exactly_what_the_data_says(built_site: Path, model) -> None:
    missing = set(model.countries) - shapes_at_110m()
    listed = section(page_html(built_site, "monitor"), "countries-without-a-shape-on-the-map")
    linked = set(re.findall(r'href="\.\./countries/([a-z]{3})/"', listed))
    assert linked == {code.lower() for code in missing}


@pytest.mark.build
def test_categories_differ_by_texture_and_label_not_colour_alone(built_site: Path,
                                                                 repo_root: Path,
                                                                 model) -> None:
    html = page_html(built_site, "monitor")
    css = (repo_root / "docs" / "assets" / "charts.css").read_text(encoding="utf-8")
    world = svg_by_title(html, "world-map-title")
    used = {c for p in world.iter(f"{SVG}path")
            for c in p.get("class", "").split() if c.startswith("cat-")}
    assert len(used) >= 2
    textured = 0
    for category in used:
        fill = re.search(rf"\.odhub-map \.{category},[^{{]*\{{\s*fill:\s*([^;]+);", css)
        assert fill, category
        pattern = re.fullmatch(r"url\(#([\w-]+)\)", fill.group(1).strip())
        if pattern:
            # The pattern is on the page and has marks drawn over its background.
            defs = re.search(rf'<pattern id="{pattern.group(1)}".*?</pattern>', html, re.S)
            assert defs and len(re.findall(r"<(rect|circle|path)\b", defs.group(0))) >= 2
            textured += 1
    # At most one category may be a plain fill; the others carry a texture.
    assert textured >= len(used) - 1
    # Every category on the map has a written legend entry with its count.
    legend = re.search(r'<ul class="odhub-legend">.*?</ul>', html, re.S).group(0)
    for category in used:
        assert f'class="country {category}"' in legend


@pytest.mark.build
def test_timeline_lines_have_dashes_and_direct_labels(built_site: Path, model) -> None:
    timeline = svg_by_title(page_html(built_site, "monitor"), "timeline-title")
    lines = [p for p in timeline.iter(f"{SVG}path") if "line" in p.get("class", "").split()]
    assert len(lines) == 2
    assert len({p.get("stroke-dasharray", "") for p in lines}) == 2
    labels = [t.text for t in timeline.iter(f"{SVG}text") if "end-label" in t.get("class", "")]
    adopters_with_year = sum(1 for c in model.charter_adopters if c.charter.year)
    assert any(label.endswith(f" {adopters_with_year}") for label in labels), labels


@pytest.mark.build
def test_the_dashboard_links_each_hubs_map_instead_of_repeating_it(built_site: Path,
                                                                    model) -> None:
    html = page_html(built_site, "monitor")
    assert not re.search(r"id=\"hub-map-[a-z-]+-title\"", html)  # on the hub pages (below)
    for hub in model.hubs.values():
        if model.countries_by_hub.get(hub.id):
            assert f'href="../hubs/{hub.id}/"' in html, hub.id


@pytest.mark.build
def test_empty_commitments_read_as_a_sentence_not_an_empty_chart(built_site: Path,
                                                                 model) -> None:
    if any(c.commitments for c in model.countries.values()):
        pytest.skip("the bundled data now has commitments")
    html = section(page_html(built_site, "monitor"), "open-data-commitments-by-hub")
    assert "No open data commitments are recorded" in html
    assert "<svg" not in html


def add_commitments(hub_copy: Path) -> None:
    """Two commitments for Kenya and one for Mexico (test data, never published)."""
    both = ["open-by-default", "comparable-and-interoperable"]
    for iso, items in (("ken", [("a", "complete", ["open-by-default"]),
                                ("b", "limited", both)]),
                       ("mex", [("c", "substantial", ["accessible-and-usable"])])):
        file = hub_copy / "data" / "countries" / f"{iso}.yml"
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        data["commitments"] = [
            {"id": ident, "title": f"Test commitment {ident}", "action_plan": "2016-2018",
             "principles": principles, "status": status,
             "sources": ["https://example.org/test"]}
            for ident, status, principles in items
        ]
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")


def test_commitment_charts_use_patterns_labels_and_tables(hub_copy: Path) -> None:
    add_commitments(hub_copy)
    model = load(hub_copy)
    pages = {p.path: p.markdown for p in generated_pages(model)}
    monitor = pages["monitor/index.md"]
    for title_id in ("commitments-status-title", "commitments-principle-title"):
        chart = svg_by_title(monitor, title_id)
        patterns = list(chart.iter(f"{SVG}pattern"))
        assert patterns, "stacked bars carry textures for grayscale print"
        assert all(len(list(p)) >= 2 for p in patterns)
        segments = [r for r in chart.iter(f"{SVG}rect") if "segment" in r.get("class", "")]
        assert segments and all(s.get("fill", "").startswith("url(#") for s in segments)
        legend = [t.text for t in chart.iter(f"{SVG}text")]
        assert legend, "series are named in a legend"
    # The status table: Kenya's hub has one complete and one limited commitment.
    africa = model.hubs[model.countries["KEN"].hub].name
    row = next(line for line in monitor.splitlines() if line.startswith(f"| {africa} |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1:] == ["0", "1", "0", "1", "0", "2"]  # not started … withdrawn, total

    ken = pages["countries/ken.md"]
    small = svg_by_title(ken, "status-ken-title")
    values = [t.text for t in small.iter(f"{SVG}text") if "value" in t.get("class", "")]
    assert sorted(values) == ["1", "1"]
    assert "status-" not in pages["countries/fra.md"]  # no commitments, no chart


@pytest.mark.build
def test_locator_outline_lines_up_with_the_shared_map(built_site: Path, model) -> None:
    base = ET.parse(built_site / "assets" / "maps" / "world-locator.svg").getroot()
    paths = {p.get("data-iso3"): p.get("d") for p in base.iter(f"{SVG}path")}
    for code in ("KEN", "MEX", "IDN"):
        html = page_html(built_site, f"countries/{code.lower()}")
        mark = re.search(r'<svg [^>]*class="odhub-locator-mark".*?</svg>', html, re.S).group(0)
        d = ET.fromstring(mark).find(f"{SVG}path").get("d")
        assert d == paths[code], code
        assert '../../assets/maps/world-locator.svg' in html
    # A country too small for the world file still gets a marker, from the 50m file.
    tiny = sorted(set(model.countries) - shapes_at_110m())[0]
    html = page_html(built_site, f"countries/{tiny.lower()}")
    assert re.search(r'<svg [^>]*class="odhub-locator-mark"[^>]*>.*?<circle', html, re.S)


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("path", ["monitor", "countries/ken", "events", "data"])
def test_pages_load_from_file_without_network(built_site: Path, offline_page, path: str,
                                              repo_root: Path) -> None:
    page, log = offline_page
    page.goto((built_site / path / "index.html").as_uri())
    page.wait_for_load_state("load")
    # The online build's repository widget asks GitHub for stars; that is the theme's,
    # is absent from the offline edition, and is the only request allowed here.
    repo = yaml.safe_load((repo_root / "mkdocs.yml").read_text(encoding="utf-8")
                          .split("\ntheme:")[0]).get("repo_url", "")
    widget = repo.replace("https://github.com/", "https://api.github.com/repos/")
    assert [u for u in log.blocked if not (widget and u.startswith(widget))] == []
    # Every image (the locator map) loaded from disk.
    broken = page.evaluate("[...document.images].filter(i => !i.complete || "
                           "i.naturalWidth === 0).map(i => i.src)")
    assert broken == []


@pytest.mark.build
def test_hub_pages_show_their_map_and_events(built_site: Path, model) -> None:
    for hub in model.hubs.values():
        html = page_html(built_site, f"hubs/{hub.id}")
        members = {c.iso3 for c in model.countries_by_hub.get(hub.id, [])}
        if members:
            svg = svg_by_title(html, f"hub-map-{hub.id}-title")
            marked = {p.get("data-iso3") for p in svg.iter(f"{SVG}path")
                      if "member" in p.get("class", "").split()}
            assert marked == members & shapes_at_110m(), hub.id
            assert 'id="odhub-pattern-ogp-charter"' in html  # the fills the map points at
        events = section(html, "events")
        for event in model.events:
            assert (f"#{event.id}" in events) == (hub.id in event.hubs), (hub.id, event.id)
