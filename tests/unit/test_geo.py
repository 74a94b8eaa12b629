"""Tests for odhub.geo: TopoJSON decoding, ISO join, projection, SVG maps."""

from __future__ import annotations

import itertools
import json
import math
import re
import xml.etree.ElementTree as ET

import pytest

from odhub.render import geo
from odhub.render.geo import GeoFeature

SVG_NS = "{http://www.w3.org/2000/svg}"
NAIROBI = (36.82, -1.29)
HOSTILE = "<script>alert(1)</script>"
_NUM = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")


def _by_name(name: str) -> GeoFeature:
    matches = [f for f in geo.load_features() if f.name == name]
    assert len(matches) == 1, name
    return matches[0]


def _contains(ring: geo.Ring, point: geo.Position) -> bool:
    """Even-odd ray casting point-in-polygon test."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _path_points(d: str) -> list[tuple[float, float]]:
    """Absolute points of a path written as M x y l dx dy ... z subpaths."""
    points: list[tuple[float, float]] = []
    for sub in re.findall(r"M([^Mz]*)z", d):
        absolute, _, relative = sub.partition("l")
        x, y = (float(n) for n in _NUM.findall(absolute))
        points.append((x, y))
        deltas = [float(n) for n in _NUM.findall(relative)]
        assert len(deltas) % 2 == 0
        for dx, dy in zip(deltas[::2], deltas[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
    return points


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _paths(root: ET.Element) -> dict[str, ET.Element]:
    return {p.get("data-iso3", ""): p for p in root.iter(f"{SVG_NS}path") if p.get("data-iso3")}


def _viewbox(root: ET.Element) -> tuple[float, ...]:
    return tuple(float(v) for v in root.get("viewBox", "").split())


# --------------------------------------------------------------------------
# Decoding the vendored file


def test_kenya_decodes_around_nairobi() -> None:
    kenya = [f for f in geo.load_features() if f.numeric_id == "404"]
    assert len(kenya) == 1
    assert kenya[0].name == "Kenya"
    lon_min, lat_min, lon_max, lat_max = kenya[0].bbox
    assert lon_min < NAIROBI[0] < lon_max and lat_min < NAIROBI[1] < lat_max
    # Stronger than the bbox: the exterior ring itself encloses Nairobi...
    assert any(_contains(poly[0], NAIROBI) for poly in kenya[0].polygons)
    # ...and Kampala (Uganda) is outside it.
    assert not any(_contains(poly[0], (32.58, 0.35)) for poly in kenya[0].polygons)


def test_all_rings_are_closed() -> None:
    for feature in geo.load_features():
        for poly in feature.polygons:
            for ring in poly:
                assert ring[0] == ring[-1], feature.name
                assert len(ring) >= 4, feature.name


def test_load_features_is_cached_per_path() -> None:
    assert geo.load_features() is geo.load_features(str(geo.COUNTRIES_110M))
    assert geo.load_features(geo.COUNTRIES_50M) is not geo.load_features()


def test_50m_has_more_countries_than_110m() -> None:
    codes_110 = {geo.iso3_of(f) for f in geo.load_features()}
    codes_50 = {geo.iso3_of(f) for f in geo.load_features(geo.COUNTRIES_50M)}
    assert "SGP" not in codes_110
    assert "SGP" in codes_50


# --------------------------------------------------------------------------
# ISO join


def test_iso3_join() -> None:
    assert geo.iso3_of(_by_name("Kenya")) == "KEN"
    assert geo.iso3_of(_by_name("France")) == "FRA"
    kosovo = _by_name("Kosovo")
    assert kosovo.numeric_id is None
    assert geo.iso3_of(kosovo) == "XKX"
    # No id and not in the name table: unmapped, not guessed.
    assert geo.iso3_of(_by_name("N. Cyprus")) is None
    assert geo.iso3_of(_by_name("Somaliland")) is None


def test_unknown_numeric_id_maps_to_none() -> None:
    assert geo.iso3_of(GeoFeature(numeric_id="999", name="Nowhere", polygons=())) is None
    # A name in the table does not override a (wrong) numeric id.
    assert geo.iso3_of(GeoFeature(numeric_id="999", name="Kosovo", polygons=())) is None


def test_every_110m_feature_with_an_id_resolves() -> None:
    unresolved = [f.name for f in geo.load_features() if f.numeric_id and not geo.iso3_of(f)]
    assert unresolved == []


# --------------------------------------------------------------------------
# Synthetic topologies


def _square_topology() -> dict[str, object]:
    # Two arcs from (0,0) to (1,1) in quantized units: one via (1,0), one via
    # (0,1). The square is arc 0 followed by arc 1 reversed (~1 == -2).
    return {
        "type": "Topology",
        "transform": {"scale": [2, 3], "translate": [10, 20]},
        "arcs": [[[0, 0], [1, 0], [0, 1]], [[0, 0], [0, 1], [1, 0]]],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "id": 404, "arcs": [[0, -2]], "properties": {"name": "Sq"}},
                    {"type": "MultiPolygon", "arcs": [[[0, -2]], [[1, -1]]]},
                    {
                        "type": "GeometryCollection",
                        "geometries": [
                            {"type": "Point", "coordinates": [0, 0]},
                            {"type": "Polygon", "arcs": [[0, -2]]},
                        ],
                    },
                    {"type": None, "id": "250"},
                ],
            },
        },
    }


def test_decode_applies_transform_deltas_and_reversed_arcs() -> None:
    features = geo.decode_topology(_square_topology())
    assert len(features) == 4
    square = features[0]
    # Numeric ids lose leading zeros in some writers: they are padded back.
    assert square.numeric_id == "404"
    assert square.name == "Sq"
    assert square.polygons == ((((10, 20), (12, 20), (12, 23), (10, 23), (10, 20)),),)


def test_decode_multipolygon_collection_and_empty() -> None:
    _, multi, collection, empty = geo.decode_topology(_square_topology())
    assert len(multi.polygons) == 2
    # Arc 1 then arc 0 reversed: the same square, traversed the other way.
    assert multi.polygons[1][0] == ((10, 20), (10, 23), (12, 23), (12, 20), (10, 20))
    assert multi.numeric_id is None and multi.name == ""
    # The Point in the nested collection is ignored, the polygon kept.
    assert len(collection.polygons) == 1
    assert empty.polygons == () and empty.numeric_id == "250"
    with pytest.raises(ValueError):
        _ = empty.bbox


def test_decode_without_transform_uses_absolute_positions() -> None:
    topo = {
        "type": "Topology",
        "arcs": [[[1.5, 2.5], [3.5, 2.5], [3.5, 4.5], [1.5, 2.5]]],
        "objects": {"land": {"type": "Polygon", "arcs": [[0]]}},
    }
    (feature,) = geo.decode_topology(topo, "land")
    assert feature.polygons[0][0][1] == (3.5, 2.5)
    with pytest.raises(KeyError):
        geo.decode_topology(topo, "countries")


def _jumps(feature: GeoFeature) -> int:
    return sum(
        1
        for poly in feature.polygons
        for ring in poly
        for a, b in itertools.pairwise(ring)
        # An edge along a pole is a real straight edge under Equal Earth.
        if abs(b[0] - a[0]) > 180 and not abs(a[1]) == abs(b[1]) == 90
    )


def test_antimeridian_rings_are_cut() -> None:
    with open(geo.COUNTRIES_110M, encoding="utf-8") as fh:
        raw = geo.decode_topology(json.load(fh), cut_antimeridian=False)
    raw_fiji = next(f for f in raw if f.name == "Fiji")
    assert _jumps(raw_fiji) > 0  # the data really does cross 180°
    for feature in geo.load_features():
        assert _jumps(feature) == 0, feature.name
    fiji = _by_name("Fiji")
    lons = [p[0] for poly in fiji.polygons for ring in poly for p in ring]
    assert min(lons) == -180 and max(lons) == 180
    # Antarctica wraps the South Pole: after cutting, it is closed along it.
    lats = [p[1] for poly in _by_name("Antarctica").polygons for ring in poly for p in ring]
    assert min(lats) == -90


# --------------------------------------------------------------------------
# Projection


def test_equal_earth_origin_and_symmetry() -> None:
    assert geo.equal_earth(0, 0) == (0.0, 0.0)
    x, y = geo.equal_earth(40, 30)
    assert x > 0 and y > 0
    assert geo.equal_earth(-40, 30) == pytest.approx((-x, y))
    assert geo.equal_earth(40, -30) == pytest.approx((x, -y))


def test_equal_earth_is_monotonic_in_lon_and_lat() -> None:
    for lat in (-80, -45, 0, 30, 85):
        xs = [geo.equal_earth(lon, lat)[0] for lon in range(-180, 181, 10)]
        assert all(a < b for a, b in itertools.pairwise(xs))
    ys = [geo.equal_earth(0, lat)[1] for lat in range(-90, 91, 10)]
    assert all(a < b for a, b in itertools.pairwise(ys))


def test_equal_earth_aspect_ratio_matches_paper() -> None:
    # Šavrič et al. 2018: the world map's width is about 2.05 times its height.
    xmin, ymin, xmax, ymax = geo.world_bounds()
    assert (xmax - xmin) / (ymax - ymin) == pytest.approx(2.05, abs=0.01)


def _cell_area(lon0: float, lat0: float, size: float) -> float:
    """Projected area of a lon/lat cell (edges sampled finely)."""
    n = 50
    edge = [(lon0 + size * i / n, lat0) for i in range(n)]
    edge += [(lon0 + size, lat0 + size * i / n) for i in range(n)]
    edge += [(lon0 + size - size * i / n, lat0 + size) for i in range(n)]
    edge += [(lon0, lat0 + size - size * i / n) for i in range(n)]
    pts = [geo.equal_earth(lon, lat) for lon, lat in edge]
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1], strict=True)
            )
        )
        / 2
    )


def test_equal_earth_preserves_area() -> None:
    # The sphere area of a 10° cell is proportional to sin(lat1) - sin(lat0).
    def sphere(lat0: float) -> float:
        return math.sin(math.radians(lat0 + 10)) - math.sin(math.radians(lat0))

    ratio = _cell_area(0, 0, 10) / _cell_area(100, 60, 10)
    assert ratio == pytest.approx(sphere(0) / sphere(60), rel=1e-3)


def test_fit_centres_the_world() -> None:
    fit = geo.fit_bounds(geo.world_bounds(), 960, 500, padding=10)
    assert fit(0, 0) == pytest.approx((480, 250))
    # North is up in SVG coordinates.
    assert fit(0, 60)[1] < fit(0, -60)[1]
    # The globe touches the padding on the limiting side (width here).
    assert fit(-180, 0)[0] == pytest.approx(10)
    assert fit(180, 0)[0] == pytest.approx(950)


def test_fit_without_height_follows_aspect() -> None:
    fit = geo.fit_bounds(geo.world_bounds(), 1000)
    xmin, ymin, xmax, ymax = geo.world_bounds()
    assert fit.height == math.ceil(1000 * (ymax - ymin) / (xmax - xmin))
    # Rounding the height up leaves the slack split evenly above and below.
    assert 0 <= fit(0, 90)[1] < 0.5
    assert fit(0, 90)[1] == pytest.approx(fit.height - fit(0, -90)[1])
    with pytest.raises(ValueError):
        geo.fit_bounds(geo.world_bounds(), 10, padding=5)


# --------------------------------------------------------------------------
# Path data


def test_path_data_rounds_to_one_decimal() -> None:
    fit = geo.fit_bounds(geo.world_bounds(), 960)
    d = geo.path_data([_by_name("Kenya")], fit)
    assert d.startswith("M") and d.endswith("z")
    assert re.fullmatch(r"[Mlz0-9. -]+", d)
    assert all(len(n.partition(".")[2]) <= 1 for n in _NUM.findall(d))
    # Relative moves add up to points inside the projected bbox of Kenya.
    lon_min, lat_min, lon_max, lat_max = _by_name("Kenya").bbox
    x0, y1 = fit(lon_min, lat_min)
    x1, y0 = fit(lon_max, lat_max)
    for x, y in _path_points(d):
        assert x0 - 1 <= x <= x1 + 1 and y0 - 1 <= y <= y1 + 1


def _box(lon: float, lat: float, size: float) -> geo.Ring:
    return ((lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size), (lon, lat))


def test_small_rings_dropped_but_feature_kept() -> None:
    fit = geo.fit_bounds(geo.world_bounds(), 960)
    big_and_tiny = GeoFeature("1", "x", ((_box(0, 0, 10),), (_box(50, 0, 0.01),)))
    assert geo.path_data([big_and_tiny], fit).count("M") == 1
    only_tiny = GeoFeature("1", "x", ((_box(50, 0, 0.2),), (_box(60, 0, 0.01),)))
    d = geo.path_data([only_tiny], fit)
    assert d.count("M") == 1  # the larger of the two tiny rings survives
    assert _path_points(d)[0][0] == pytest.approx(fit(50, 0)[0], abs=0.1)
    assert geo.path_data([GeoFeature(None, "empty", ())], fit) == ""


# --------------------------------------------------------------------------
# render_map


def test_render_map_structure_and_accessibility() -> None:
    result = geo.render_map(
        title="OGP & Charter",
        desc="Members by status.",
        classes={"KEN": "ogp charter", "FRA": "ogp"},
        labels={"KEN": "Kenya: member", "XKX": "Kosovo"},
    )
    root = _parse(result.svg)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("role") == "img"
    assert root.get("width") is None and root.get("height") is None
    title = root.find(f"{SVG_NS}title")
    desc = root.find(f"{SVG_NS}desc")
    assert title is not None and desc is not None
    assert title.text == "OGP & Charter" and desc.text == "Members by status."
    assert root.get("aria-labelledby", "").split() == [title.get("id"), desc.get("id")]
    paths = _paths(root)
    assert paths["KEN"].get("class") == "country ogp charter"
    assert paths["FRA"].get("class") == "country ogp"
    assert paths["USA"].get("class") == "country"
    assert paths["KEN"].findtext(f"{SVG_NS}title") == "Kenya: member"
    assert paths["XKX"].findtext(f"{SVG_NS}title") == "Kosovo"
    assert paths["USA"].find(f"{SVG_NS}title") is None
    assert "ATA" not in paths  # left out of world maps by default
    assert result.missing == []


def test_render_map_one_path_per_country() -> None:
    root = _parse(geo.render_map(title="t", desc="d", topology=geo.COUNTRIES_50M).svg)
    codes = [p.get("data-iso3") for p in root.iter(f"{SVG_NS}path") if p.get("data-iso3")]
    # Australia has two features in the 50m file; they are merged.
    assert codes.count("AUS") == 1
    assert len(codes) == len(set(codes))
    assert codes == sorted(codes)


def test_render_map_escapes_untrusted_text() -> None:
    result = geo.render_map(
        title=HOSTILE,
        desc=f'"{HOSTILE}" & more\x00\x1b',
        classes={"KEN": 'x" onclick="alert(1)'},
        labels={"KEN": HOSTILE},
    )
    assert "<script>" not in result.svg
    root = _parse(result.svg)  # control characters removed: still valid XML
    assert root.findtext(f"{SVG_NS}title") == HOSTILE
    assert root.findtext(f"{SVG_NS}desc") == f'"{HOSTILE}" & more'
    kenya = _paths(root)["KEN"]
    assert kenya.findtext(f"{SVG_NS}title") == HOSTILE
    assert kenya.get("onclick") is None
    assert kenya.get("class") == 'country x" onclick="alert(1)'


def test_render_map_reports_missing_countries() -> None:
    result = geo.render_map(
        title="t",
        desc="d",
        classes={"KEN": "ogp", "SGP": "ogp", "ZZZ": "ogp"},
        labels={"ATA": "Antarctica"},
    )
    # Singapore is too small for 1:110m; ZZZ does not exist; Antarctica is
    # excluded from world maps unless asked for.
    assert result.missing == ["ATA", "SGP", "ZZZ"]
    with_ata = geo.render_map(title="t", desc="d", labels={"ATA": "A"}, include_antarctica=True)
    assert with_ata.missing == []
    assert "ATA" in _paths(_parse(with_ata.svg))
    detailed = geo.render_map(
        title="t", desc="d", classes={"SGP": "ogp"}, topology=geo.COUNTRIES_50M
    )
    assert detailed.missing == []


def test_regional_map_fits_focus() -> None:
    world = _parse(geo.render_map(title="w", desc="d").svg)
    region = _parse(
        geo.render_map(title="r", desc="d", focus=["KEN", "TZA"], width=600, padding=20).svg
    )
    assert _viewbox(world) != _viewbox(region)
    _, _, width, height = _viewbox(region)
    paths = _paths(region)
    # Neighbours are drawn as context, far-away countries are culled.
    assert {"KEN", "TZA", "UGA"} <= set(paths)
    assert "USA" not in paths and "USA" in _paths(world)
    pts = _path_points(paths["KEN"].get("d", "")) + _path_points(paths["TZA"].get("d", ""))
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    # The focus fills the view up to the padding on its limiting side.
    assert min(ys) == pytest.approx(20, abs=0.2)
    assert max(ys) == pytest.approx(height - 20, abs=0.2)
    assert min(xs) >= 19.8 and max(xs) <= width - 19.8


def test_regional_map_by_extent() -> None:
    result = geo.render_map(title="Europe", desc="d", extent=(-25, 34, 45, 72), width=800)
    paths = _paths(_parse(result.svg))
    assert {"FRA", "DEU", "XKX"} <= set(paths)
    assert "AUS" not in paths


def test_render_map_is_deterministic_and_small() -> None:
    a = geo.render_map(title="t", desc="d", classes={"KEN": "ogp"})
    b = geo.render_map(title="t", desc="d", classes={"KEN": "ogp"})
    assert a == b
    # Rounding and ring dropping keep a 110m world map well under 100 kB.
    assert len(a.svg.encode()) < 100_000


def test_render_map_svg_id() -> None:
    root = _parse(geo.render_map(title="t", desc="d", svg_id="map-2").svg)
    assert root.get("aria-labelledby") == "map-2-title map-2-desc"
    with pytest.raises(ValueError):
        geo.render_map(title="t", desc="d", svg_id='x" onload="y')


def test_lonlat_bounds_match_dense_sampling() -> None:
    box = (20.0, -35.0, 60.0, 15.0)  # straddles the equator (on the grid): widest inside
    pts = [
        geo.equal_earth(box[0] + (box[2] - box[0]) * i / 200, box[1] + (box[3] - box[1]) * j / 200)
        for i in range(201)
        for j in range(201)
    ]
    sampled = (
        min(p[0] for p in pts),
        min(p[1] for p in pts),
        max(p[0] for p in pts),
        max(p[1] for p in pts),
    )
    assert geo.lonlat_bounds(*box) == pytest.approx(sampled, abs=1e-12)


def test_regional_map_drops_remote_parts_of_countries() -> None:
    root = _parse(
        geo.render_map(
            title="Europe", desc="d", extent=(-25, 34, 45, 72), topology=geo.COUNTRIES_50M
        ).svg
    )
    _, _, width, height = _viewbox(root)
    france = _path_points(_paths(root)["FRA"].get("d", ""))
    # French Guiana (5°N, 53°W) would land far below and left of the view.
    assert all(-width / 4 < x < width * 1.25 and -height / 4 < y < height * 1.25 for x, y in france)
    world_france = _path_points(
        _paths(_parse(geo.render_map(title="w", desc="d").svg))["FRA"].get("d", "")
    )
    assert any(p[0] < 350 for p in world_france)  # the world map keeps it


def test_default_svg_ids_are_stable_and_distinct() -> None:
    def title_id(**kwargs: object) -> str | None:
        svg = geo.render_map(desc="d", **kwargs).svg  # type: ignore[arg-type]
        title = _parse(svg).find(f"{SVG_NS}title")
        return None if title is None else title.get("id")

    assert title_id(title="a") == title_id(title="a")
    assert title_id(title="a") != title_id(title="b")
    assert title_id(title="a") != title_id(title="a", focus=["KEN"])
