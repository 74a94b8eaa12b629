"""Tests for odhub.charts: static accessible SVG charts."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest

from odhub.render import charts

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>"

ROWS = [("Africa", 14), ("Americas", 19), ("Europe", 30), ("Zero", 0)]
CATEGORIES = ["Africa", "Americas", "Europe"]
SERIES = [("OGP only", [5, 8, 12]), ("Charter only", [2, 0, 3]), ("Both", [4, 7, 15])]
TIMELINE = {
    "OGP members": [(2011, 8), (2012, 47), (2014, 5)],
    "Charter adopters": [(2015, 12), (2016, 20)],
}


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _texts(root: ET.Element, cls: str) -> list[str]:
    return [t.text or "" for t in root.iter(f"{NS}text") if cls in t.get("class", "").split()]


def _by_class(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{NS}{tag}") if cls in e.get("class", "").split()]


def _assert_accessible(svg: str, title: str, desc: str) -> ET.Element:
    root = _parse(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    # Responsive: sized by the viewBox only.
    assert root.get("width") is None and root.get("height") is None
    _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
    assert width > 0 and height > 0
    title_el = root.find(f"{NS}title")
    desc_el = root.find(f"{NS}desc")
    assert title_el is not None and desc_el is not None
    assert (title_el.text, desc_el.text) == (title, desc)
    assert root.get("aria-labelledby", "").split() == [title_el.get("id"), desc_el.get("id")]
    return root


Chart = Callable[[str, str], str]

ALL_CHARTS: list[Chart] = [
    lambda t, d: charts.bar_chart(t, d, ROWS),
    lambda t, d: charts.stacked_bar_chart(t, d, CATEGORIES, SERIES),
    lambda t, d: charts.timeline_chart(t, d, TIMELINE),
]


@pytest.mark.parametrize("make", ALL_CHARTS, ids=["bar", "stacked", "timeline"])
def test_charts_are_accessible_and_deterministic(make: Chart) -> None:
    svg = make("A title", "A description")
    _assert_accessible(svg, "A title", "A description")
    assert make("A title", "A description") == svg
    # Ids differ between different charts, so several can share a page.
    assert _parse(make("Other", "A description")).find(f"{NS}title").get("id") != (
        _parse(svg).find(f"{NS}title").get("id")
    )


@pytest.mark.parametrize("make", ALL_CHARTS, ids=["bar", "stacked", "timeline"])
def test_charts_escape_title_and_desc(make: Chart) -> None:
    svg = make(HOSTILE, f"{HOSTILE} & \x07bell")
    assert "<script>" not in svg
    _assert_accessible(svg, HOSTILE, f"{HOSTILE} & bell")


# --------------------------------------------------------------------------
# Bar chart


def test_bar_chart_bars_and_direct_labels() -> None:
    root = _parse(charts.bar_chart("t", "d", ROWS))
    assert _texts(root, "label") == ["Africa", "Americas", "Europe", "Zero"]
    assert _texts(root, "value") == ["14", "19", "30", "0"]
    widths = [float(r.get("width", "")) for r in _by_class(root, "rect", "bar")]
    assert widths[3] == 0
    # Lengths are proportional to the values.
    assert widths[0] / widths[2] == pytest.approx(14 / 30, abs=0.01)
    assert widths[1] / widths[2] == pytest.approx(19 / 30, abs=0.01)
    # Every bar has a default fill so the chart renders without CSS.
    assert all(r.get("fill") for r in _by_class(root, "rect", "bar"))
    # Rows go top to bottom in input order.
    ys = [float(r.get("y", "")) for r in _by_class(root, "rect", "bar")]
    assert ys == sorted(ys) and len(set(ys)) == 4


def test_bar_chart_value_labels_sit_after_bars() -> None:
    root = _parse(charts.bar_chart("t", "d", ROWS))
    bars = _by_class(root, "rect", "bar")
    values = _by_class(root, "text", "value")
    for bar, value in zip(bars, values, strict=True):
        bar_end = float(bar.get("x", "")) + float(bar.get("width", ""))
        assert bar_end < float(value.get("x", "")) <= bar_end + 10
    _, _, width, _ = (float(v) for v in root.get("viewBox", "").split())
    assert max(float(b.get("x", "")) + float(b.get("width", "")) for b in bars) < width


def test_bar_chart_escapes_and_truncates_labels() -> None:
    long_label = "Middle East and North Africa " * 5
    root = _parse(charts.bar_chart("t", "d", [(HOSTILE, 3), (long_label, 5)]))
    labels = _texts(root, "label")
    assert labels[0] == HOSTILE
    assert labels[1].endswith("…") and len(labels[1]) < len(long_label)
    # The full text stays available as a tooltip.
    titles = [g.findtext(f"{NS}title") for g in _by_class(root, "g", "row")]
    assert titles == [f"{HOSTILE}: 3", f"{long_label}: 5"]


def test_bar_chart_format_value_and_errors() -> None:
    root = _parse(charts.bar_chart("t", "d", [("a", 1234)], format_value=lambda v: f"{v:,}"))
    assert _texts(root, "value") == ["1,234"]
    with pytest.raises(ValueError):
        charts.bar_chart("t", "d", [("a", -1)])
    with pytest.raises(ValueError):
        charts.bar_chart("t", "d", ROWS, svg_id="bad id")


def test_bar_chart_all_zero_does_not_crash() -> None:
    root = _parse(charts.bar_chart("t", "d", [("a", 0), ("b", 0)]))
    assert [r.get("width") for r in _by_class(root, "rect", "bar")] == ["0", "0"]


# --------------------------------------------------------------------------
# Stacked bar chart


def test_stacked_bar_segments_patterns_and_legend() -> None:
    root = _parse(charts.stacked_bar_chart("t", "d", CATEGORIES, SERIES))
    patterns = list(root.iter(f"{NS}pattern"))
    assert len(patterns) == 3
    pattern_ids = [p.get("id") for p in patterns]
    assert len(set(pattern_ids)) == 3
    # Each pattern has a texture over its colour, not just a flat fill.
    assert all(len(list(p)) >= 2 for p in patterns)
    segments = _by_class(root, "rect", "segment")
    # Zero values get no segment: 3 + 2 + 3.
    assert len(segments) == 8
    for seg in segments:
        index = int(next(c for c in seg.get("class", "").split() if c.startswith("series-"))[7:])
        assert seg.get("fill") == f"url(#{pattern_ids[index]})"
    legend = root.find(f"{NS}g[@class='legend']")
    assert legend is not None
    assert [t.text for t in legend.iter(f"{NS}text")] == ["OGP only", "Charter only", "Both"]
    assert [s.get("fill") for s in _by_class(legend, "rect", "swatch")] == [
        f"url(#{i})" for i in pattern_ids
    ]
    assert _texts(root, "value") == ["11", "15", "30"]
    assert _texts(root, "label") == CATEGORIES


def test_stacked_bar_segments_add_up() -> None:
    root = _parse(charts.stacked_bar_chart("t", "d", CATEGORIES, SERIES))
    rows = _by_class(root, "g", "row")
    widths = [sum(float(s.get("width", "")) for s in _by_class(r, "rect", "segment")) for r in rows]
    assert widths[0] / widths[2] == pytest.approx(11 / 30, abs=0.01)
    # Segments in a row are contiguous.
    segs = _by_class(rows[0], "rect", "segment")
    for a, b in itertools.pairwise(segs):
        assert float(a.get("x", "")) + float(a.get("width", "")) == pytest.approx(
            float(b.get("x", "")), abs=0.15
        )
    tooltips = [s.findtext(f"{NS}title") for s in segs]
    assert tooltips[0] == "Africa, OGP only: 5"


def test_stacked_bar_without_patterns_uses_colours() -> None:
    root = _parse(charts.stacked_bar_chart("t", "d", CATEGORIES, SERIES, patterns=False))
    assert list(root.iter(f"{NS}pattern")) == []
    fills = {s.get("fill") for s in _by_class(root, "rect", "segment")}
    assert fills == set(charts.PALETTE[:3])


def test_stacked_bar_escapes_and_validates() -> None:
    svg = charts.stacked_bar_chart("t", "d", [HOSTILE], [(HOSTILE, [1])])
    assert "<script>" not in svg
    root = _parse(svg)
    assert _texts(root, "label") == [HOSTILE]
    assert HOSTILE in [t.text for t in root.iter(f"{NS}text")]
    with pytest.raises(ValueError, match="2 values for 3 categories"):
        charts.stacked_bar_chart("t", "d", CATEGORIES, [("x", [1, 2])])
    with pytest.raises(ValueError):
        charts.stacked_bar_chart("t", "d", ["a"], [("x", [-1])])


# --------------------------------------------------------------------------
# Timeline


def _path_ys(d: str) -> list[float]:
    """y values visited by an M/H/V step path, in order."""
    ys: list[float] = []
    for command, args in re.findall(r"([MHV])([^MHV]+)", d):
        if command == "M":
            ys.append(float(args.split()[1]))
        elif command == "V":
            ys.append(float(args))
    return ys


def test_timeline_step_lines_are_cumulative() -> None:
    root = _parse(charts.timeline_chart("t", "d", TIMELINE))
    lines = _by_class(root, "path", "line")
    assert len(lines) == 2
    ogp_ys = _path_ys(lines[0].get("d", ""))
    # Running totals 8, 55, 55, 60: y (downwards) strictly decreases at each step.
    assert len(ogp_ys) == 4
    assert all(a > b for a, b in itertools.pairwise(ogp_ys))
    assert _texts(root, "end-label") == ["OGP members 60", "Charter adopters 32"]
    # Distinct dash styles so lines differ without colour.
    dashes = [line.get("stroke-dasharray") for line in lines]
    assert dashes[0] != dashes[1]
    assert all(line.get("stroke") for line in lines)


def test_timeline_steps_are_proportional() -> None:
    root = _parse(charts.timeline_chart("t", "d", {"a": [(2000, 10), (2001, 10)]}))
    ys = _path_ys(_by_class(root, "path", "line")[0].get("d", ""))
    # From 0 to 10 to 20: equal rises.
    assert ys[0] - ys[1] == pytest.approx(ys[1] - ys[2], abs=0.15)


def test_timeline_totals_mode_and_end_year() -> None:
    root = _parse(charts.timeline_chart("t", "d", {"a": [(2000, 5), (2003, 7)]}, accumulate=False))
    assert _texts(root, "end-label") == ["a 7"]
    ticks = _texts(root, "tick")
    assert "2000" in ticks and "2003" in ticks and "2005" not in ticks
    root = _parse(charts.timeline_chart("t", "d", {"a": [(2000, 5)]}, end_year=2005))
    assert "2005" in _texts(root, "tick")


def test_timeline_end_labels_do_not_overlap() -> None:
    root = _parse(charts.timeline_chart("t", "d", {"a": [(2000, 10)], "b": [(2000, 10)]}))
    ys = [float(t.get("y", "")) for t in _by_class(root, "text", "end-label")]
    assert abs(ys[0] - ys[1]) >= charts.FONT_SIZE
    # Both lines end at the top of the scale: labels are pushed down, not out.
    assert min(ys) >= charts.FONT_SIZE / 2


def test_timeline_escapes_series_names() -> None:
    svg = charts.timeline_chart("t", "d", {HOSTILE: [(2020, 1)]})
    assert "<script>" not in svg
    assert _texts(_parse(svg), "end-label") == [f"{HOSTILE} 1"]


# --------------------------------------------------------------------------
# Empty data


@pytest.mark.parametrize(
    "svg",
    [
        charts.bar_chart("Empty", "Nothing yet.", []),
        charts.stacked_bar_chart("Empty", "Nothing yet.", [], []),
        charts.stacked_bar_chart("Empty", "Nothing yet.", ["a"], []),
        charts.timeline_chart("Empty", "Nothing yet.", {}),
        charts.timeline_chart("Empty", "Nothing yet.", {"a": []}),
    ],
)
def test_empty_data_renders_no_data_image(svg: str) -> None:
    root = _assert_accessible(svg, "Empty", "Nothing yet.")
    assert "odhub-no-data" in root.get("class", "").split()
    assert _texts(root, "empty") == ["No data"]


def test_empty_text_is_configurable_and_escaped() -> None:
    root = _parse(charts.bar_chart("t", "d", [], empty_text="<b>Aucune donnée</b>"))
    assert _texts(root, "empty") == ["<b>Aucune donnée</b>"]
