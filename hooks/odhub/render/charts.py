"""Static, accessible SVG charts rendered from Jinja2 templates.

Three chart types cover the hub's needs: horizontal bars, stacked horizontal
bars (with print-friendly pattern fills) and cumulative step timelines. Every
chart is sized by its viewBox only so it scales with its container, has a
``<title>``/``<desc>`` pair named by ``aria-labelledby``, uses CSS classes
with default presentation attributes (so it also renders without CSS), and
turns empty input into a readable "no data" image rather than an error.

Output is deterministic: the same input gives byte-identical markup, which
keeps builds reproducible. Text widths are estimated (no font metrics are
available at build time), so labels get generous room and long category
labels are truncated with an ellipsis, the full text kept in a ``<title>``.

Class hooks for a stylesheet: ``odhub-chart`` on every ``<svg>`` plus
``odhub-bar-chart`` / ``odhub-stacked-bar-chart`` / ``odhub-timeline-chart``
/ ``odhub-no-data``; inside: ``bar``, ``segment series-N``, ``pattern-bg
series-N-bg``, ``pattern-mark``, ``swatch``, ``line series-N``, ``label``,
``value``, ``end-label``, ``legend``, ``grid``, ``axis``, ``tick``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import jinja2

from odhub.render import environment as markup_templates
from odhub.render import svg

__all__ = ["DASHES", "FONT_SIZE", "PALETTE", "WIDTH", "bar_chart", "stacked_bar_chart",
           "timeline_chart"]


# Charts are drawn 416 units wide with 16-unit text: squeezed onto a 360 px phone (about
# 328 px of content), text still renders at 12 px or more; on wider screens the CSS keeps
# charts at their drawn size (26rem), so text stays 16 px.
FONT_SIZE = 16
WIDTH = 416
# Average advance of a sans-serif glyph relative to the font size; a bit
# generous so labels rarely overflow their estimated box.
_CHAR_WIDTH = 0.62 * FONT_SIZE
_MARGIN = 8

# Okabe-Ito colour-blind-safe palette (yellow and black dropped: poor contrast
# on white and with the text). Series N uses PALETTE[N % len(PALETTE)].
PALETTE: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
# Mark colour that contrasts with each palette entry.
_MARK_COLOURS: tuple[str, ...] = ("#ffffff", "#000000", "#ffffff", "#000000", "#000000", "#ffffff")
# Timeline stroke-dasharray per series ("" = solid), so lines differ in print.
DASHES: tuple[str, ...] = ("", "7 3", "2 2", "9 3 2 3", "4 4", "1 3")


@dataclass(frozen=True)
class _PatternMark:
    """Marks drawn over the series colour in an 8x8 pattern tile."""

    d: str  # stroked path ("" for none)
    dots: bool  # a centred dot instead of / as well as lines


# Distinct textures so series stay apart in grayscale print.
_MARKS: tuple[_PatternMark, ...] = (
    _PatternMark("M-2 2l4-4M0 8l8-8M6 10l4-4", dots=False),  # diagonal /
    _PatternMark("", dots=True),  # dots
    _PatternMark("M0 4h8", dots=False),  # horizontal
    _PatternMark("M0 0l8 8M8 0l-8 8", dots=False),  # cross-hatch
    _PatternMark("M4 0v8", dots=False),  # vertical
    _PatternMark("M-2 6l4 4M0 0l8 8M6-2l4 4", dots=False),  # diagonal \
)


def _svg_env() -> jinja2.Environment:
    return markup_templates.environment("svg")


_clean = markup_templates.xml_text


_num = svg.coordinate


def _text_width(text: str) -> float:
    return len(text) * _CHAR_WIDTH


def _truncate(text: str, max_width: float) -> str:
    if _text_width(text) <= max_width:
        return text
    keep = max(1, int(max_width // _CHAR_WIDTH) - 1)
    return text[:keep].rstrip() + "…"


def _chart_id(svg_id: str | None, kind: str, *parts: object) -> str:
    return svg.element_id(svg_id, kind, kind, *parts)  # the kind is hashed too


def _render(template: str, svg_id: str, title: str, desc: str, width: float,
            height: float | None = None, **context: object) -> str:
    """Render a chart template; every chart has the same frame: ids, accessible name and
    description (cleaned of characters XML forbids), and its size."""
    frame = {"svg_id": svg_id, "title": _clean(title), "desc": _clean(desc),
             "width": _num(width), "font_size": _num(FONT_SIZE)}
    if height is not None:
        frame["height"] = _num(height)
    return _svg_env().get_template(template).render(**frame, **context)


def _no_data(svg_id: str, title: str, desc: str, width: float, empty_text: str) -> str:
    return _render(
        "nodata.svg.j2",
        svg_id, title, desc, width,
        height=4 * FONT_SIZE,
        cx=_num(width / 2),
        cy=_num(2 * FONT_SIZE),
        text=_clean(empty_text),
    )


def _check_counts(values: Sequence[int], what: str) -> None:
    if any(v < 0 for v in values):
        raise ValueError(f"{what} must not be negative")


# --------------------------------------------------------------------------
# Bar chart


@dataclass(frozen=True)
class _Bar:
    y: str
    text_y: str
    label_y: str
    width: str
    label: str
    full_label: str
    value: str
    value_x: str


@dataclass(frozen=True)
class _RowLayout:
    """Where the labels, the bars and the end labels of horizontal bar rows go.

    Each label sits on its own line above its bar, so a narrow chart (phone width) keeps
    long labels such as policy-area names whole and bars keep the full width.
    """

    label_w: float
    x0: float  # where bars start
    bar_max: float  # the longest bar's length
    top: float
    bar_height: float
    gap: float

    @classmethod
    def fit(cls, labels: Sequence[str], end_texts: Sequence[str], width: float, top: float,
            bar_height: float, gap: float) -> _RowLayout:
        x0 = float(_MARGIN)
        end_w = max(_text_width(t) for t in end_texts) + 6
        return cls(width - 2 * _MARGIN, x0, max(width - x0 - end_w - _MARGIN, 1.0), top,
                   bar_height, gap)

    @property
    def pitch(self) -> float:
        return FONT_SIZE + 4 + self.bar_height + self.gap

    def label_y(self, row: int) -> float:
        return self.top + row * self.pitch + FONT_SIZE / 2

    def y(self, row: int) -> float:
        """Top of the row's bar."""
        return self.top + row * self.pitch + FONT_SIZE + 4

    def height(self, rows: int) -> float:
        return self.top + rows * self.pitch - self.gap + _MARGIN


def bar_chart(
    title: str,
    desc: str,
    rows: Sequence[tuple[str, int]],
    *,
    width: float = WIDTH,
    bar_height: float = 18,
    gap: float = 8,
    format_value: Callable[[int], str] = str,
    empty_text: str = "No data",
    svg_id: str | None = None,
) -> str:
    """Horizontal bars in the given row order, each labelled with its value.

    Args:
        title, desc: accessible name and description (escaped).
        rows: (label, non-negative count) pairs; an empty list gives a
            "no data" image.
        format_value: turns a count into its label, e.g. a locale formatter.
        svg_id: prefix for element ids; by default derived from the content.

    Raises:
        ValueError: a negative count or an invalid ``svg_id``.
    """
    svg_id = _chart_id(svg_id, "bar", title, desc, list(rows))
    if not rows:
        return _no_data(svg_id, title, desc, width, empty_text)
    values = [v for _, v in rows]
    _check_counts(values, "bar values")
    labels = [_clean(label) for label, _ in rows]
    value_texts = [_clean(format_value(v)) for v in values]

    layout = _RowLayout.fit(labels, value_texts, width, _MARGIN, bar_height, gap)
    label_w, x0, bar_max = layout.label_w, layout.x0, layout.bar_max
    peak = max(values)

    bars = []
    for i, (label, value, text) in enumerate(zip(labels, values, value_texts, strict=True)):
        y = layout.y(i)
        # Keep non-zero bars visible even when tiny next to the largest.
        w = 0.0 if value == 0 else max(value / peak * bar_max, 1.0)
        bars.append(
            _Bar(
                y=_num(y),
                text_y=_num(y + bar_height / 2),
                label_y=_num(layout.label_y(i)),
                width=_num(w),
                label=_truncate(label, label_w),
                full_label=label,
                value=text,
                value_x=_num(x0 + w + 4),
            )
        )
    height = layout.height(len(rows))
    return _render(
        "bar.svg.j2",
        svg_id, title, desc, width, height,
        x0=_num(x0),
        label_x=_num(x0),
        bar_height=_num(bar_height),
        bars=bars,
    )


# --------------------------------------------------------------------------
# Stacked bar chart


@dataclass(frozen=True)
class _Pattern:
    id: str
    index: int
    colour: str
    mark_colour: str
    mark: _PatternMark


@dataclass(frozen=True)
class _LegendItem:
    x: str
    y: str
    text_x: str
    text_y: str
    index: int
    fill: str
    name: str


@dataclass(frozen=True)
class _Segment:
    x: str
    width: str
    index: int
    fill: str
    tooltip: str


@dataclass(frozen=True)
class _StackedRow:
    y: str
    text_y: str
    label_y: str
    label: str
    full_label: str
    segments: list[_Segment]
    total: str
    total_x: str


def _legend(
    names: Sequence[str], fills: Sequence[str], width: float, top: float
) -> tuple[list[_LegendItem], float]:
    """Lay legend items out left to right, wrapping; returns items and height."""
    swatch = FONT_SIZE
    line = FONT_SIZE + 8
    items: list[_LegendItem] = []
    x, y = float(_MARGIN), top
    for i, name in enumerate(names):
        item_w = swatch + 4 + _text_width(name) + 16
        if x > _MARGIN and x + item_w > width - _MARGIN:
            x, y = float(_MARGIN), y + line
        items.append(
            _LegendItem(
                x=_num(x),
                y=_num(y),
                text_x=_num(x + swatch + 4),
                text_y=_num(y + swatch / 2),
                index=i,
                fill=fills[i],
                name=name,
            )
        )
        x += item_w
    return items, y + line - top


def stacked_bar_chart(
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    patterns: bool = True,
    *,
    width: float = WIDTH,
    bar_height: float = 20,
    gap: float = 8,
    format_value: Callable[[int], str] = str,
    empty_text: str = "No data",
    svg_id: str | None = None,
) -> str:
    """One horizontal bar per category, split into one segment per series.

    Args:
        categories: bar labels, top to bottom.
        series: (name, values) with one non-negative value per category, in
            stacking and legend order.
        patterns: also give each series a hatch/dot texture so the chart
            reads in grayscale print; ``False`` gives plain colour fills.

    Each bar ends with its total; each segment's value is in its
    ``<title>`` tooltip. Empty ``categories`` or ``series`` give a "no data"
    image.

    Raises:
        ValueError: a series whose length differs from ``categories``, a
            negative value, or an invalid ``svg_id``.
    """
    svg_id = _chart_id(
        svg_id, "stacked", title, desc, list(categories), [(n, list(v)) for n, v in series]
    )
    if not categories or not series:
        return _no_data(svg_id, title, desc, width, empty_text)
    for name, values in series:
        if len(values) != len(categories):
            raise ValueError(
                f"series {name!r} has {len(values)} values for {len(categories)} categories"
            )
        _check_counts(values, f"values of series {name!r}")

    names = [_clean(n) for n, _ in series]
    labels = [_clean(c) for c in categories]
    pats = [
        _Pattern(
            id=f"{svg_id}-pattern-{i}",
            index=i,
            colour=PALETTE[i % len(PALETTE)],
            mark_colour=_MARK_COLOURS[i % len(_MARK_COLOURS)],
            mark=_MARKS[i % len(_MARKS)],
        )
        for i in range(len(series))
    ]
    fills = [f"url(#{p.id})" if patterns else p.colour for p in pats]

    legend, legend_h = _legend(names, fills, width, _MARGIN)
    top = _MARGIN + legend_h + 4
    totals = [sum(values[c] for _, values in series) for c in range(len(categories))]
    total_texts = [_clean(format_value(t)) for t in totals]
    layout = _RowLayout.fit(labels, total_texts, width, top, bar_height, gap)
    label_w, x0, bar_max = layout.label_w, layout.x0, layout.bar_max
    peak = max(totals) or 1

    rows = []
    for c, label in enumerate(labels):
        y = layout.y(c)
        x = x0
        segments = []
        for i, (_, values) in enumerate(series):
            value = values[c]
            if value == 0:
                continue
            w = value / peak * bar_max
            segments.append(
                _Segment(
                    x=_num(x),
                    width=_num(w),
                    index=i,
                    fill=fills[i],
                    tooltip=f"{label}, {names[i]}: {_clean(format_value(value))}",
                )
            )
            x += w
        rows.append(
            _StackedRow(
                y=_num(y),
                text_y=_num(y + bar_height / 2),
                label_y=_num(layout.label_y(c)),
                label=_truncate(label, label_w),
                full_label=label,
                segments=segments,
                total=total_texts[c],
                total_x=_num(x + 4),
            )
        )
    height = layout.height(len(labels))
    return _render(
        "stacked_bar.svg.j2",
        svg_id, title, desc, width, height,
        label_x=_num(x0),
        bar_height=_num(bar_height),
        swatch=_num(FONT_SIZE),
        patterns=pats if patterns else [],
        legend=legend,
        rows=rows,
    )


# --------------------------------------------------------------------------
# Timeline


@dataclass(frozen=True)
class _Tick:
    pos: str
    text: str


@dataclass(frozen=True)
class _Line:
    index: int
    d: str
    colour: str
    dash: str
    name: str
    label: str
    label_y: str


def _nice_step(span: float, max_ticks: int) -> int:
    """Smallest 1/2/5 x 10^k integer step giving at most ``max_ticks`` steps."""
    step = 1
    while span / step > max_ticks:
        for factor in (2, 5 / 2, 2):  # 1 -> 2 -> 5 -> 10
            step = int(step * factor)
            if span / step <= max_ticks:
                break
    return step


def _spread(positions: list[float], spacing: float, low: float, high: float) -> list[float]:
    """Move label positions apart by ``spacing`` while keeping them in range.

    Deterministic greedy pass: push down from the top, then back up from the
    bottom if the last label fell off.
    """
    order = sorted(range(len(positions)), key=lambda i: (positions[i], i))
    placed = [positions[i] for i in order]
    for k in range(len(placed)):
        floor = low if k == 0 else placed[k - 1] + spacing
        placed[k] = max(placed[k], floor)
    for k in range(len(placed) - 1, -1, -1):
        ceiling = high if k == len(placed) - 1 else placed[k + 1] - spacing
        placed[k] = min(placed[k], ceiling)
    out = [0.0] * len(positions)
    for k, i in enumerate(order):
        out[i] = placed[k]
    return out


def timeline_chart(
    title: str,
    desc: str,
    series: Mapping[str, Sequence[tuple[int, int]]],
    *,
    accumulate: bool = True,
    end_year: int | None = None,
    width: float = WIDTH,
    height: float = 320,
    format_value: Callable[[int], str] = str,
    empty_text: str = "No data",
    svg_id: str | None = None,
) -> str:
    """Cumulative counts per year as step lines, one per series.

    Args:
        series: name -> (year, count) pairs, e.g. ``{"OGP members":
            [(2011, 8), (2012, 47)]}``. Years may repeat or be unsorted.
        accumulate: counts are new events per year (joins, adoptions; may be
            negative for withdrawals) and are summed into running totals.
            ``False`` means the counts already are totals at each year's end,
            held until the series' next year.
        end_year: last year shown (e.g. the current year), so lines run to
            the present; defaults to the latest year in the data.

    Each line steps at the start of a year to that year's total and ends with
    a direct label "name total". Lines differ by colour and dash pattern.
    An empty mapping, or one with only empty series, gives a "no data" image.
    """
    items = [(name, sorted(points)) for name, points in series.items()]
    svg_id = _chart_id(svg_id, "timeline", title, desc, items, accumulate, end_year)
    items = [(name, points) for name, points in items if points]
    if not items:
        return _no_data(svg_id, title, desc, width, empty_text)

    first = min(points[0][0] for _, points in items)
    last = max(points[-1][0] for _, points in items)
    if end_year is not None:
        last = max(last, end_year)
    years = range(first, last + 1)

    # Value held during each year, per series; before a series' first year: 0.
    levels: list[list[int]] = []
    for _, points in items:
        per_year: dict[int, int] = {}
        for year, count in points:
            per_year[year] = per_year.get(year, 0) + count if accumulate else count
        level, row = 0, []
        for year in years:
            if year in per_year:
                level = level + per_year[year] if accumulate else per_year[year]
            row.append(level)
        levels.append(row)

    low = min(0, *(v for row in levels for v in row))
    high = max(1, *(v for row in levels for v in row))
    step = _nice_step(high - low, 5)
    y_min = math.floor(low / step) * step
    y_max = math.ceil(high / step) * step

    names = [_clean(name) for name, _ in items]
    end_texts = [
        f"{n} {_clean(format_value(row[-1]))}" for n, row in zip(names, levels, strict=True)
    ]
    tick_texts = [_clean(format_value(v)) for v in range(y_min, y_max + 1, step)]
    left = _MARGIN + max(_text_width(t) for t in tick_texts) + 6
    right = min(max(_text_width(t) for t in end_texts) + 8, 0.4 * width) + _MARGIN
    top = _MARGIN + FONT_SIZE / 2
    bottom = height - _MARGIN - FONT_SIZE - 6
    plot_w = max(width - left - right, 1.0)

    def x_of(year: float) -> float:
        # The domain ends at the end of the last year, so it gets a segment.
        return left + (year - first) / (last + 1 - first) * plot_w

    def y_of(value: float) -> float:
        return bottom - (value - y_min) / (y_max - y_min) * (bottom - top)

    lines = []
    for i, row in enumerate(levels):
        d = [f"M{_num(x_of(first))} {_num(y_of(0))}"]
        current = 0
        for year, value in zip(years, row, strict=True):
            if value != current:
                # A series that starts in the first year rises from the axis.
                h = "" if year == first else f"H{_num(x_of(year))}"
                d.append(f"{h}V{_num(y_of(value))}")
                current = value
        d.append(f"H{_num(x_of(last + 1))}")
        lines.append((i, "".join(d), y_of(row[-1])))
    label_ys = _spread([y for *_, y in lines], FONT_SIZE + 2, top, bottom)

    year_step = _nice_step(len(years), max(1, int(plot_w // (_text_width("2000") + 12))))
    x_ticks = [
        _Tick(pos=_num(x_of(y + 0.5)), text=str(y)) for y in years if (y - first) % year_step == 0
    ]
    y_ticks = [
        _Tick(pos=_num(y_of(v)), text=t)
        for v, t in zip(range(y_min, y_max + 1, step), tick_texts, strict=True)
    ]
    return _render(
        "timeline.svg.j2",
        svg_id, title, desc, width, height,
        left=_num(left),
        plot_right=_num(x_of(last + 1)),
        bottom=_num(bottom),
        tick_label_x=_num(left - 6),
        x_label_y=_num(bottom + 6 + FONT_SIZE / 2),
        end_label_x=_num(x_of(last + 1) + 6),
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        lines=[
            _Line(
                index=i,
                d=d,
                colour=PALETTE[i % len(PALETTE)],
                dash=DASHES[i % len(DASHES)],
                name=names[i],
                label=end_texts[i],
                label_y=_num(label_ys[i]),
            )
            for i, d, _ in lines
        ],
    )
