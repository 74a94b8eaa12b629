"""The Monitor Impact dashboard and country maps: every country with a known shape is on
the world map, the no-shape list is what the geometry says, charts read without colour,
and the pages load from file:// without reaching the network."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from odhub import load
from odhub.render import geo

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
    html = page_html(built_site, "monitor")
    listed = re.search(r"<p>[^<]*too small for the world map's scale.*?</p>", html, re.S)
    assert listed
    linked = set(re.findall(r'href="\.\./countries/([a-z]{3})/"', listed.group(0)))
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
    assert len(lines) == 4  # members, joined, left, Charter adopters
    assert len({p.get("stroke-dasharray", "") for p in lines}) == 4
    labels = [t.text for t in timeline.iter(f"{SVG}text") if "end-label" in t.get("class", "")]
    adopters_with_year = sum(1 for c in model.charter_adopters if c.charter.year)
    assert f"Charter adopters {adopters_with_year}" in labels, labels
    # Members at the end: current members with a join year, never a former one.
    dated = [c for c in model.current_members if c.ogp.member_since]
    assert f"Members {len(dated)}" in labels, labels
    left = [c for c in model.countries.values() if c.standing == "former"
            and c.ogp.member_since and c.ogp.left_year]
    assert f"Left {len(left)}" in labels, labels


@pytest.mark.build
def test_dashboard_counts_agree_with_each_other_and_the_countries_index(
        built_site: Path, model) -> None:
    html = page_html(built_site, "monitor")
    current = len(model.current_members)
    assert current == sum(1 for c in model.countries.values()
                          if c.ogp and c.ogp.status in ("participating", "inactive"))
    assert f"counts current members only: {current} countries" in html
    assert f"With them, {current} current members, as on the map." in html
    # The map's legend counts the two current categories to the same total.
    legend = re.search(r'<ul class="odhub-legend">.*?</ul>', html, re.S).group(0)
    counts = dict(re.findall(r'class="country (cat-[\w-]+)".*?\((\d+)\)</li>', legend))
    assert int(counts["cat-ogp"]) + int(counts.get("cat-ogp-charter", 0)) == current
    assert int(counts["cat-former"]) == len(model.countries_by_standing["former"])
    # The countries export marks the same current members.
    rows = list(csv.DictReader((built_site / "data" / "countries.csv").open(encoding="utf-8")))
    assert sum(r["ogp_current_member"] == "true" for r in rows) == current


@pytest.mark.build
def test_dashboard_links_the_hub_pages_instead_of_repeating_their_maps(built_site: Path,
                                                                      model) -> None:
    html = page_html(built_site, "monitor")
    assert 'id="hub-map-' not in html
    for hub in model.hubs.values():
        assert f'href="../hubs/{hub.id}/"' in html


@pytest.mark.build
def test_commitment_tables_match_the_data(built_site: Path, model) -> None:
    html = page_html(built_site, "monitor")
    groups = ("complete", "substantial", "limited", "not-started")

    def row_cells(label: str) -> list[str]:
        row = re.search(rf"<tr>\s*<td>(?:<a [^>]*>)?{re.escape(label)}(?:</a>)?</td>(.*?)</tr>",
                        html, re.S)
        assert row, label
        return re.findall(r"<td[^>]*>(?:<strong>)?([^<]*)", row.group(1))

    for hub in model.hubs.values():
        mine = [m for c in model.countries_by_hub.get(hub.id, []) for m in c.commitments]
        if not mine:
            continue
        expected = [sum(m.completion == g for m in mine) for g in groups]
        expected.append(len(mine) - sum(expected))  # not rated (yet)
        expected += [len(mine), sum(m.starred for m in mine)]
        assert row_cells(hub.name) == [str(n) for n in expected], hub.id
    open_data = [m for m in model.commitments.values() if "open-data" in m.policy_areas]
    assert row_cells("Open Data")[5] == str(len(open_data))
    # Commitments per action-plan year add up to every commitment.
    years = section(html, "commitments-per-action-plan-year")
    counts = [int(n) for n in re.findall(
        r'<td style="text-align: right;">(?:<strong>)?(\d+)', years)]
    assert sum(counts[:-1]) == counts[-1] == len(model.commitments)


@pytest.mark.build
def test_commitment_charts_use_patterns_labels_and_tables(built_site: Path, model) -> None:
    monitor = page_html(built_site, "monitor")
    for title_id in ("commitments-hub-title", "commitments-area-title"):
        chart = svg_by_title(monitor, title_id)
        patterns = list(chart.iter(f"{SVG}pattern"))
        assert patterns, "stacked bars carry textures for grayscale print"
        assert all(len(list(p)) >= 2 for p in patterns)
        segments = [r for r in chart.iter(f"{SVG}rect") if "segment" in r.get("class", "")]
        assert segments and all(s.get("fill", "").startswith("url(#") for s in segments)
        legend = [t.text for t in chart.iter(f"{SVG}text")]
        assert "Not rated (yet)" in legend, "series are named in a legend"
    ken = page_html(built_site, "countries/ken")
    small = svg_by_title(ken, "completion-ken-title")
    values = [t.text for t in small.iter(f"{SVG}text") if "value" in t.get("class", "")]
    assert sum(int(v) for v in values) == len(model.countries["KEN"].commitments)
    assert "completion-mlt" not in page_html(built_site, "countries/mlt")  # none, no chart


@pytest.mark.build
def test_index_maps_name_their_edition_and_give_every_score(built_site: Path, model) -> None:
    html = page_html(built_site, "monitor")
    for index, edition in (("odb", "ODB 3rd edition"), ("gdb", "GDB 1st edition")):
        scored = [v for c in model.countries.values() for v in c.indicators
                  if v.edition == edition and v.measure == model.indices[index].overall]
        year = model.indices[index].edition(edition).year
        svg = svg_by_title(html, f"map-{index}-{year}-title")
        assert edition in svg.find(f"{SVG}title").text
        banded = [p for p in svg.iter(f"{SVG}path") if "score-" in p.get("class", "")]
        assert len(banded) == len({v.iso3 for v in scored} & shapes_at_110m())
        assert f"Table: {len(scored)} scores of the {edition}" in html


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
