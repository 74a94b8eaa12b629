"""Country geometry for static SVG maps.

Decodes the vendored Natural Earth TopoJSON in ``shapes/`` (see its README),
joins features to ISO 3166-1 alpha-3 codes, projects them with Equal Earth and
renders an accessible SVG map through a Jinja2 template. Pure Python: no numpy,
no network, no mkdocs.

Typical use::

    result = render_map(
        title="OGP members",
        desc="Map of the 75 OGP member countries.",
        classes={"KEN": "ogp charter"},
        labels={"KEN": "Kenya: OGP member, Charter adopter"},
    )
    result.svg      # the markup
    result.missing  # requested codes with no geometry at this scale
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jinja2
import pycountry

from odhub.render import environment as markup_templates
from odhub.render import svg as svg_parts

__all__ = [
    "COUNTRIES_50M",
    "COUNTRIES_110M",
    "NAME_TO_ISO3",
    "Bounds",
    "Fit",
    "GeoFeature",
    "MapResult",
    "decode_topology",
    "equal_earth",
    "feature_bounds",
    "fit_bounds",
    "iso3_of",
    "load_features",
    "lonlat_bounds",
    "path_data",
    "render_map",
    "world_bounds",
]

# Package data (see shapes/README.md): world shapes are not hub content, and an installed
# wheel must draw maps wherever the hub lives.
SHAPES = Path(__file__).resolve().parent / "shapes"
COUNTRIES_110M = SHAPES / "countries-110m.json"
COUNTRIES_50M = SHAPES / "countries-50m.json"

Position = tuple[float, float]
"""(longitude, latitude) in degrees."""
Ring = tuple[Position, ...]
Polygon = tuple[Ring, ...]
"""First ring is the exterior, any others are holes."""
Bounds = tuple[float, float, float, float]
"""(xmin, ymin, xmax, ymax)."""

# Features Natural Earth ships without an ISO numeric id. Only Kosovo has a
# code we use (user-assigned XKX, as the EU and World Bank do); N. Cyprus,
# Somaliland and the 50m-only Indian Ocean Ter./Siachen Glacier stay unmapped.
NAME_TO_ISO3: Mapping[str, str] = {"Kosovo": "XKX"}

_ANTARCTICA = "ATA"


# --------------------------------------------------------------------------
# TopoJSON decoding


@dataclass(frozen=True)
class GeoFeature:
    """One country (or territory) polygon set in lon/lat degrees."""

    numeric_id: str | None
    name: str
    polygons: tuple[Polygon, ...]

    @functools.cached_property
    def polygon_bboxes(self) -> tuple[Bounds, ...]:
        """(lon_min, lat_min, lon_max, lat_max) of each polygon's exterior."""
        return tuple(_lonlat_box(poly[0]) for poly in self.polygons)

    @property
    def bbox(self) -> Bounds:
        """(lon_min, lat_min, lon_max, lat_max) over all polygons.

        Raises ValueError for a feature with no polygons.
        """
        boxes = self.polygon_bboxes
        if not boxes:
            raise ValueError(f"feature {self.name!r} has no geometry")
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )


def _lonlat_box(ring: Ring) -> Bounds:
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return (min(lons), min(lats), max(lons), max(lats))


def _decode_arcs(topology: Mapping[str, Any]) -> list[list[Position]]:
    """Absolute lon/lat positions of every arc, undoing quantization."""
    transform = topology.get("transform")
    arcs: list[list[Position]] = []
    for arc in topology.get("arcs", []):
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        # Quantized arcs are delta-encoded: each position is relative to the
        # previous one, starting from 0,0.
        x = y = 0
        pts: list[Position] = []
        for p in arc:
            x += p[0]
            y += p[1]
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def _ring(indices: Sequence[int], arcs: Sequence[Sequence[Position]]) -> Ring:
    coords: list[Position] = []
    for index in indices:
        # A negative index ~i means arc i traversed backwards.
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        if coords:
            # Consecutive arcs share their joining position.
            coords.extend(arc[1:])
        else:
            coords.extend(arc)
    return tuple(coords)


def _unwrap(ring: Ring) -> list[Position]:
    """Make longitudes continuous, e.g. 179, -179 becomes 179, 181."""
    out = [ring[0]]
    offset = 0.0
    for (lon0, _), (lon, lat) in itertools.pairwise(ring):
        if lon - lon0 > 180:
            offset -= 360
        elif lon - lon0 < -180:
            offset += 360
        out.append((lon + offset, lat))
    return out


def _clip_half(pts: Sequence[Position], edge: float, keep_below: bool) -> list[Position]:
    """Sutherland-Hodgman clip of a closed ring to lon <= edge (or >= edge)."""

    def inside(p: Position) -> bool:
        return p[0] <= edge if keep_below else p[0] >= edge

    def crossing(a: Position, b: Position) -> Position:
        t = (edge - a[0]) / (b[0] - a[0])
        return (edge, a[1] + t * (b[1] - a[1]))

    out: list[Position] = []
    for i, cur in enumerate(pts):
        prev = pts[i - 1]
        if inside(cur):
            if not inside(prev):
                out.append(crossing(prev, cur))
            out.append(cur)
        elif inside(prev):
            out.append(crossing(prev, cur))
    return out


def _densify_meridian(pts: Sequence[Position]) -> list[Position]:
    """Add points along cut edges on ±180°, which Equal Earth draws curved."""
    out: list[Position] = []
    for a, b in itertools.pairwise(pts):
        out.append(a)
        if a[0] == b[0] and abs(a[0]) == 180 and abs(b[1] - a[1]) > 1:
            steps = int(abs(b[1] - a[1]))
            out += [(a[0], a[1] + (b[1] - a[1]) * i / steps) for i in range(1, steps)]
    out.append(pts[-1])
    return out


def _cut_ring(ring: Ring) -> list[Ring]:
    """Split a ring that crosses the antimeridian into planar lon/lat rings.

    Natural Earth rings are spherical: Fiji and Chukotka jump from 180° to
    -180°, and Antarctica wraps around the pole. Drawn naively these give
    stripes across the whole map.
    """
    if not any(abs(b[0] - a[0]) > 180 for a, b in itertools.pairwise(ring)):
        return [ring]
    pts = _unwrap(ring)
    if abs(pts[-1][0] - pts[0][0]) > 180:
        # The ring goes once around the globe: it encloses a pole. Close it
        # along that pole, which Equal Earth draws as a straight line.
        pole = -90.0 if sum(p[1] for p in pts) < 0 else 90.0
        pts += [(pts[-1][0], pole), (pts[0][0], pole)]
    else:
        pts = pts[:-1]  # drop the closing repeat; clipping treats it as closed
    lons = [p[0] for p in pts]
    pieces: list[Ring] = []
    for k in range(math.floor((min(lons) + 180) / 360), math.floor((max(lons) + 180) / 360) + 1):
        lo, hi = -180.0 + 360 * k, 180.0 + 360 * k
        piece = _clip_half(_clip_half(pts, lo, keep_below=False), hi, keep_below=True)
        piece_lons = [p[0] for p in piece]
        if len(piece) < 3 or max(piece_lons) == min(piece_lons):
            continue  # only touched the edge
        shifted = [(lon - 360 * k, lat) for lon, lat in piece]
        pieces.append(tuple(_densify_meridian([*shifted, shifted[0]])))
    return pieces


def _cut_polygon(poly: Polygon) -> list[Polygon]:
    exteriors = _cut_ring(poly[0])
    if len(exteriors) == 1:
        return [(exteriors[0], *(r for hole in poly[1:] for r in _cut_ring(hole)))]
    # Rare: give each hole piece to the exterior piece spanning its longitude.
    spans = [(min(p[0] for p in e), max(p[0] for p in e)) for e in exteriors]
    holes: list[list[Ring]] = [[] for _ in exteriors]
    for hole in poly[1:]:
        for piece in _cut_ring(hole):
            lon = piece[0][0]
            index = next((i for i, (a, b) in enumerate(spans) if a <= lon <= b), 0)
            holes[index].append(piece)
    return [(e, *h) for e, h in zip(exteriors, holes, strict=True)]


def _polygons(
    geometry: Mapping[str, Any], arcs: Sequence[Sequence[Position]], cut: bool
) -> list[Polygon]:
    kind = geometry.get("type")
    if kind == "Polygon":
        polys = [tuple(_ring(r, arcs) for r in geometry["arcs"])]
    elif kind == "MultiPolygon":
        polys = [tuple(_ring(r, arcs) for r in poly) for poly in geometry["arcs"]]
    elif kind == "GeometryCollection":
        return [p for g in geometry.get("geometries", []) for p in _polygons(g, arcs, cut)]
    else:
        # Points and lines cannot be filled; a null geometry has no type.
        return []
    polys = [p for p in polys if p and p[0]]
    if not cut:
        return polys
    return [piece for p in polys for piece in _cut_polygon(p)]


def _numeric_id(raw: object) -> str | None:
    if raw is None or raw == "":
        return None
    text = str(raw)
    # Some TopoJSON writers store ids as numbers, losing the leading zeros.
    return text.zfill(3) if text.isdigit() else text


def decode_topology(
    topology: Mapping[str, Any],
    object_name: str = "countries",
    cut_antimeridian: bool = True,
) -> tuple[GeoFeature, ...]:
    """Decode ``topology["objects"][object_name]`` into features.

    A GeometryCollection yields one feature per member geometry (in file
    order); any other geometry yields a single feature. With
    ``cut_antimeridian`` rings crossing ±180° (or wrapping a pole) are split
    so that every ring is a plain polygon in lon/lat.
    """
    try:
        obj = topology["objects"][object_name]
    except KeyError as exc:
        raise KeyError(f"topology has no object {object_name!r}") from exc
    arcs = _decode_arcs(topology)
    members = obj.get("geometries", []) if obj.get("type") == "GeometryCollection" else [obj]
    features = []
    for geometry in members:
        props = geometry.get("properties") or {}
        features.append(
            GeoFeature(
                numeric_id=_numeric_id(geometry.get("id")),
                name=str(props.get("name", "")),
                polygons=tuple(_polygons(geometry, arcs, cut_antimeridian)),
            )
        )
    return tuple(features)


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, object_name: str) -> tuple[GeoFeature, ...]:
    with open(path, encoding="utf-8") as fh:
        return decode_topology(json.load(fh), object_name)


def load_features(
    path: str | Path = COUNTRIES_110M, object_name: str = "countries"
) -> tuple[GeoFeature, ...]:
    """Decoded features of a TopoJSON file, cached per resolved path."""
    return _load_cached(str(Path(path).resolve()), object_name)


# --------------------------------------------------------------------------
# ISO 3166 join


@functools.lru_cache(maxsize=512)
def _alpha3_of_numeric(numeric: str) -> str | None:
    country = pycountry.countries.get(numeric=numeric)
    return country.alpha_3 if country is not None else None


def iso3_of(feature: GeoFeature) -> str | None:
    """ISO 3166-1 alpha-3 code of a feature, or None when it has none.

    Uses the numeric id via pycountry; features without an id are looked up
    by name in :data:`NAME_TO_ISO3`.
    """
    if feature.numeric_id is not None:
        return _alpha3_of_numeric(feature.numeric_id)
    return NAME_TO_ISO3.get(feature.name)


# --------------------------------------------------------------------------
# Projection and fitting

# Equal Earth constants (Šavrič, Patterson & Jenny 2018, doi:10.1080/13658816.2018.1504949).
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> Position:
    """Equal Earth projection of degrees to unit-sphere plane coordinates.

    y grows northwards (maths convention); :class:`Fit` flips it for SVG.
    """
    lam = math.radians(lon)
    theta = math.asin(_M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return (x, y)


@dataclass(frozen=True)
class Fit:
    """Equal Earth scaled and translated into a ``0 0 width height`` viewBox."""

    scale: float
    dx: float
    dy: float
    width: float
    height: float

    def __call__(self, lon: float, lat: float) -> Position:
        x, y = equal_earth(lon, lat)
        return (self.dx + x * self.scale, self.dy - y * self.scale)


def _bounds_of(points: Iterable[Position]) -> Bounds:
    xs: list[float] = []
    ys: list[float] = []
    for x, y in points:
        xs.append(x)
        ys.append(y)
    if not xs:
        raise ValueError("no points to take bounds of")
    return (min(xs), min(ys), max(xs), max(ys))


def feature_bounds(features: Iterable[GeoFeature]) -> Bounds:
    """Bounds of features in projected (unscaled Equal Earth) coordinates."""
    return _bounds_of(
        equal_earth(lon, lat)
        for f in features
        for poly in f.polygons
        for ring in poly
        for lon, lat in ring
    )


def lonlat_bounds(lon_min: float, lat_min: float, lon_max: float, lat_max: float) -> Bounds:
    """Exact projected bounds of a lon/lat box.

    Equal Earth's x is lon times a factor that peaks at the equator, and y
    depends on lat only, so the corners plus the points on the east and west
    edges nearest the equator bound the whole box.
    """
    nearest_equator = min(max(0.0, lat_min), lat_max)
    return _bounds_of(
        equal_earth(lon, lat)
        for lon in (lon_min, lon_max)
        for lat in (lat_min, lat_max, nearest_equator)
    )


def world_bounds(lat_min: float = -90.0, lat_max: float = 90.0) -> Bounds:
    """Projected bounds of the whole globe, optionally cut to a latitude band.

    The full ±180° width is kept so the prime meridian stays centred.
    """
    half_width = equal_earth(180.0, 0.0)[0]
    return (-half_width, equal_earth(0.0, lat_min)[1], half_width, equal_earth(0.0, lat_max)[1])


def fit_bounds(
    bounds: Bounds, width: float, height: float | None = None, padding: float = 0.0
) -> Fit:
    """Scale and centre projected ``bounds`` into a viewBox.

    With ``height=None`` the height follows the bounds' aspect ratio (rounded
    up to a whole unit), which avoids empty bands above and below a map.
    """
    xmin, ymin, xmax, ymax = bounds
    # A single tiny country could have a near-zero span; keep the scale finite.
    bw = max(xmax - xmin, 1e-6)
    bh = max(ymax - ymin, 1e-6)
    inner_w = width - 2 * padding
    if inner_w <= 0:
        raise ValueError("padding leaves no room in the viewBox")
    if height is None:
        scale = inner_w / bw
        height = float(math.ceil(bh * scale + 2 * padding))
    else:
        inner_h = height - 2 * padding
        if inner_h <= 0:
            raise ValueError("padding leaves no room in the viewBox")
        scale = min(inner_w / bw, inner_h / bh)
    dx = width / 2 - (xmin + xmax) / 2 * scale
    # SVG y grows downwards, so the north edge (ymax) goes to the top.
    dy = height / 2 + (ymin + ymax) / 2 * scale
    return Fit(scale=scale, dx=dx, dy=dy, width=float(width), height=float(height))


# --------------------------------------------------------------------------
# SVG path data


def _fmt_tenths(n: int) -> str:
    """Compact decimal for an integer number of tenths: 15 -> '1.5', -3 -> '-.3'."""
    sign = "-" if n < 0 else ""
    whole, frac = divmod(abs(n), 10)
    if frac == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole if whole else ''}.{frac}"


def _ring_tenths(ring: Ring, fit: Fit) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lon, lat in ring:
        x, y = fit(lon, lat)
        p = (round(x * 10), round(y * 10))
        # Rounding collapses many neighbouring points at small scales.
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()  # 'z' closes the ring
    return out


def _ring_size(pts: Sequence[tuple[int, int]]) -> int:
    """Larger side of the ring's bounding box, in tenths."""
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def _ring_d(pts: Sequence[tuple[int, int]]) -> str:
    # Relative moves computed from rounded absolutes: short and drift-free.
    parts = [f"M{_fmt_tenths(pts[0][0])} {_fmt_tenths(pts[0][1])}l"]
    prev = pts[0]
    nums: list[str] = []
    for p in pts[1:]:
        nums += [_fmt_tenths(p[0] - prev[0]), _fmt_tenths(p[1] - prev[1])]
        prev = p
    body = nums[0] if nums else ""
    for num in nums[1:]:
        # A minus sign already separates numbers in SVG path grammar.
        body += num if num.startswith("-") else " " + num
    parts.append(body)
    parts.append("z")
    return "".join(parts)


def path_data(features: Iterable[GeoFeature], fit: Fit, min_ring_size: float = 0.5) -> str:
    """SVG ``d`` attribute for features, rounded to 0.1 viewBox unit.

    Rings whose bounding box is smaller than ``min_ring_size`` units on both
    sides are dropped to keep the SVG small, but a feature never vanishes
    entirely: if all its rings are that small, its largest ring is kept.
    Returns "" when there is nothing to draw.
    """
    limit = round(min_ring_size * 10)
    rings: list[list[tuple[int, int]]] = []
    for feature in features:
        kept: list[list[tuple[int, int]]] = []
        largest: tuple[int, list[tuple[int, int]]] | None = None
        for poly in feature.polygons:
            for ring in poly:
                pts = _ring_tenths(ring, fit)
                if len(pts) < 3:
                    continue
                size = _ring_size(pts)
                if size >= limit:
                    kept.append(pts)
                elif largest is None or size > largest[0]:
                    largest = (size, pts)
        if not kept and largest is not None:
            kept.append(largest[1])
        rings.extend(kept)
    return "".join(_ring_d(r) for r in rings)


# --------------------------------------------------------------------------
# Map rendering


@dataclass(frozen=True)
class MapResult:
    """Rendered map markup plus requested codes that could not be drawn."""

    svg: str
    missing: list[str]


@dataclass(frozen=True)
class _MapCountry:
    """Template context for one ``<path>``."""

    d: str
    css_class: str
    iso3: str | None
    label: str | None
    focusable: bool = False


def _svg_env() -> jinja2.Environment:
    return markup_templates.environment("svg")


_clean = markup_templates.xml_text


def _overlaps(a: Bounds, b: Bounds) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _in_view(box: Bounds, fit: Fit) -> bool:
    """Whether a lon/lat box, projected, overlaps the viewBox."""
    xmin, ymin, xmax, ymax = lonlat_bounds(*box)
    left, right = fit.dx + xmin * fit.scale, fit.dx + xmax * fit.scale
    top, bottom = fit.dy - ymax * fit.scale, fit.dy - ymin * fit.scale
    return _overlaps((left, top, right, bottom), (0.0, 0.0, fit.width, fit.height))


def _visible_part(feature: GeoFeature, fit: Fit) -> GeoFeature:
    """The feature cut down to polygons that overlap the view.

    Checked per polygon because a country's bbox can span the globe (Russia
    and Fiji reach both ±180°, the US its Aleutians), and a regional map
    need not carry remote islands or overseas departments.
    """
    keep = tuple(
        poly
        for poly, box in zip(feature.polygons, feature.polygon_bboxes, strict=True)
        if _in_view(box, fit)
    )
    return feature if len(keep) == len(feature.polygons) else replace(feature, polygons=keep)


def render_map(
    *,
    title: str,
    desc: str,
    classes: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
    focus: Iterable[str] | None = None,
    extent: Bounds | None = None,
    topology: str | Path = COUNTRIES_110M,
    width: float = 960,
    height: float | None = None,
    padding: float = 8,
    base_class: str = "country",
    include_antarctica: bool = False,
    min_ring_size: float = 0.5,
    svg_id: str | None = None,
    focusable: bool = False,
) -> MapResult:
    """Render a world or regional choropleth-style map as SVG.

    Args:
        title, desc: text of the SVG's ``<title>``/``<desc>`` (escaped).
        classes: ISO alpha-3 -> extra CSS class(es) for that country's path,
            e.g. ``{"KEN": "ogp charter"}``. Every path also gets ``base_class``.
        labels: ISO alpha-3 -> text of that path's ``<title>`` (escaped).
        focus: ISO alpha-3 codes to fit the view to (a regional map). Other
            countries are drawn as context where they fall within the view;
            polygons wholly outside it are left out. If no focus code has
            geometry the result is a world map (and ``missing`` says so).
        extent: ``(lon_min, lat_min, lon_max, lat_max)`` to fit instead; use
            it when a focus country has far-flung parts (France's French
            Guiana, Russia across 180°) that would stretch the view.
        topology: TopoJSON file; ``COUNTRIES_50M`` for detailed regional maps.
        width, height: viewBox size; ``height=None`` follows the content.
        padding: margin inside the viewBox, in viewBox units.
        include_antarctica: world maps leave it out by default (it takes a
            lot of space under Equal Earth and has no country data).
        min_ring_size: rings smaller than this (viewBox units) are dropped.
        svg_id: prefix for the title/desc element ids. By default it is
            derived from the arguments, so it is stable across builds and
            differs between different maps on one page.
        focusable: labelled countries can be reached by keyboard and touch
            (tabindex, each an image named by its label); the map becomes a
            group of them instead of one image.

    Returns:
        MapResult with the markup and, sorted, the codes from ``classes``,
        ``labels`` and ``focus`` that have no geometry in ``topology`` (or
        are Antarctica while it is excluded).
    """
    classes = dict(classes or {})
    labels = dict(labels or {})
    focus_codes = list(dict.fromkeys(focus or []))
    key = (title, desc, sorted(classes.items()), sorted(labels.items()), focus_codes, extent)
    svg_id = svg_parts.element_id(svg_id, "map", key, str(topology), width, height)
    requested = set(classes) | set(labels) | set(focus_codes)

    by_iso3: dict[str, list[GeoFeature]] = {}
    unmapped: list[GeoFeature] = []
    for feature in load_features(topology):
        if not feature.polygons:
            continue
        code = iso3_of(feature)
        if code == _ANTARCTICA and not include_antarctica:
            continue
        if code is None:
            unmapped.append(feature)
        else:
            by_iso3.setdefault(code, []).append(feature)
    missing = sorted(c for c in requested if c not in by_iso3)

    drawn = [f for fs in by_iso3.values() for f in fs] + unmapped
    focus_features = [f for c in focus_codes for f in by_iso3.get(c, [])]
    if extent is not None:
        bounds = lonlat_bounds(*extent)
        regional = True
    elif focus_features:
        bounds = feature_bounds(focus_features)
        regional = True
    else:
        # Full globe width keeps the prime meridian centred; the height
        # follows the land drawn (parallels are straight, so lat suffices).
        lats = [lat for f in drawn for lat in (f.bbox[1], f.bbox[3])]
        bounds = world_bounds(min(lats), max(lats))
        regional = False
    fit = fit_bounds(bounds, width, height, padding)

    def visible(features: Sequence[GeoFeature]) -> list[GeoFeature]:
        # Regional maps skip polygons wholly outside the view: less markup.
        if not regional:
            return list(features)
        return [part for f in features if (part := _visible_part(f, fit)).polygons]

    countries: list[_MapCountry] = []
    for code in sorted(by_iso3):
        d = path_data(visible(by_iso3[code]), fit, min_ring_size)
        if not d:
            continue
        extra = classes.get(code, "")
        countries.append(
            _MapCountry(
                d=d,
                css_class=_clean(f"{base_class} {extra}".strip()),
                iso3=code,
                label=_clean(labels[code]) if code in labels else None,
                focusable=focusable and code in labels,
            )
        )
    for feature in unmapped:
        d = path_data(visible([feature]), fit, min_ring_size)
        if d:
            countries.append(_MapCountry(d=d, css_class=base_class, iso3=None, label=None))

    svg = (
        _svg_env()
        .get_template("map.svg.j2")
        .render(
            svg_id=svg_id,
            title=_clean(title),
            desc=_clean(desc),
            width=_fmt_tenths(round(fit.width * 10)),
            height=_fmt_tenths(round(fit.height * 10)),
            countries=countries,
            interactive=focusable,
        )
    )
    return MapResult(svg=svg, missing=missing)
