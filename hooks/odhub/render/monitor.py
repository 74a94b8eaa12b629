"""Views templates print: the hub maps, the small locator map on country pages, the
events page, and (through `Views.dashboard`) the Monitor impact figures.

Maps and charts come from odhub.geo and odhub.charts as SVG markup (their own templates
escape every value); the HTML around them (figures, legends, captions) comes from the
templates in templates/html/. Everything is static: no script is needed to see it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from babel.dates import format_skeleton
from markupsafe import Markup, escape

from odhub.data.dates import build_date
from odhub.data.model import Country, Event, Model, RegionalHub
from odhub.derive import events
from odhub.derive.commitments import CommitmentViews, plan_groups
from odhub.derive.indicators import IndexTable
from odhub.lang.translator import Translator, cldr_locale
from odhub.render import geo, svg, words
from odhub.render.dashboard import Dashboard, category
from odhub.render.figures import Figure, figure_html, render_html

WORLD_EXTENT = (-180.0, -58.0, 180.0, 84.0)  # the inhabited world, without Antarctica
LOCATOR_WIDTH = 320.0  # the height follows the map
LOCATOR_PADDING = 2.0
LOCATOR_MIN_RING = 1.5
LOCATOR_ASSET = "assets/maps/world-locator.svg"


@dataclass(frozen=True)
class Locator:
    """A country's place on the shared world map: the marker drawn over it."""

    asset: str
    width: Markup
    height: Markup
    d: str  # the country's outline in the map's viewBox
    cx: str
    cy: str
    small: bool  # too small to see: ring it so the eye finds it
    mark: Markup  # the SVG drawn over the map image


@dataclass
class Views:
    """What the Monitor, events and country templates need, computed once per build."""

    model: Model
    translator: Translator
    today: dt.date = field(default_factory=build_date)

    # -- small helpers templates call --------------------------------------------------

    event_kinds = words.EVENT_KIND
    category = staticmethod(category)

    def html(self, text: str) -> Markup:
        """Text for a raw HTML block: HTML-escaped only."""
        return Markup(escape(text))

    def when(self, event: Event) -> str:
        return events.when(event, self.translator)

    @functools.cached_property
    def today_text(self) -> str:
        return format_skeleton("yMMMd", self.today, locale=cldr_locale(self.translator.language))

    # -- events ------------------------------------------------------------------------

    @functools.cached_property
    def _split(self) -> tuple[list[Event], list[Event]]:
        return events.split(self.model.events, self.today)

    @property
    def upcoming(self) -> list[Event]:
        return self._split[0]

    @property
    def past(self) -> list[Event]:
        return self._split[1]

    @functools.cached_property
    def events_by_hub(self) -> list[tuple[RegionalHub | None, list[Event]]]:
        return events.by_hub(self.model)

    @functools.cached_property
    def calendar_count(self) -> int:
        return len(events.calendar_events(self.model.events))

    def country_events(self, country: Country) -> list[Event]:
        return events.for_country(self.model, country.iso3)

    # -- maps --------------------------------------------------------------------------

    @functools.cached_property
    def dashboard(self) -> Dashboard:
        return Dashboard(self.model, self.translator, self.today.year)

    @functools.cached_property
    def commitments(self) -> CommitmentViews:
        return self.dashboard.commitments

    plan_groups = staticmethod(plan_groups)

    def category_label(self, css_class: str | None) -> str:
        return self.dashboard.category_label(css_class)

    @functools.cached_property
    def hub_maps(self) -> list[tuple[RegionalHub, Figure, list[Country]]]:
        t = self.translator.gettext
        board = self.dashboard
        maps = []
        for hub in self.model.hubs.values():
            members = self.model.countries_by_hub.get(hub.id, [])
            if not members:
                continue
            classes, labels = board.classes(members)
            result = geo.render_map(
                title=t("Map of the {hub} hub", hub=hub.name),
                desc=t("The {count} countries grouped under the {hub} hub, patterned by OGP "
                       "membership and Charter adoption; neighbouring countries are plain "
                       "grey.", count=len(members), hub=hub.name),
                classes=classes, labels=labels, focus=[c.iso3 for c in members], width=480,
                min_ring_size=1, svg_id=f"hub-map-{hub.id}", focusable=True)
            rows = [type(r)(r.css_class, r.label,
                            [c for c in members if category(c) == r.css_class])
                    for r in board.category_rows]
            caption = t("Countries grouped under the {hub} hub. Select a country (click, tap "
                        "or Tab) to see its name and category.", hub=hub.name)
            figure = Figure(figure_html(result.svg, caption,
                                        board.legend(rows, t("Not in this hub")),
                                        "odhub-map-figure odhub-hub-map", self.translator,
                                        readout=True),
                            tuple(result.missing))
            maps.append((hub, figure, members))
        return maps

    def hub_map(self, hub: RegionalHub) -> Figure | None:
        return next((figure for found, figure, _ in self.hub_maps if found.id == hub.id), None)

    def hub_events(self, hub: RegionalHub) -> list[Event]:
        return [e for e in self.model.events if hub.id in e.hubs]

    @functools.cached_property
    def unhubbed(self) -> list[Country]:
        return self.model.countries_by_hub.get(None, [])

    @functools.cached_property
    def pattern_defs(self) -> Markup:
        """Hidden SVG patterns the map categories fill with (see charts.css)."""
        return render_html("patterns.html.j2", self.translator)

    # -- country pages -----------------------------------------------------------------

    def country_chart(self, country: Country) -> Figure | None:
        return self.dashboard.country_chart(country)

    def indicator_chart(self, country: Country, table: IndexTable) -> Figure | None:
        return self.dashboard.indicator_chart(country, table)

    @functools.cached_property
    def _locator_fit(self) -> geo.Fit:
        # Must match the fit render_map uses for the same extent, size and padding; a test
        # checks that the outlines drawn over the map line up with the map's own paths.
        return geo.fit_bounds(geo.lonlat_bounds(*WORLD_EXTENT), LOCATOR_WIDTH, None,
                              LOCATOR_PADDING)

    def locator(self, country: Country) -> Locator | None:
        """Where the country sits on the shared small world map; None without geometry."""
        features = _features_of(country.iso3)
        if not features:
            return None
        fit = self._locator_fit
        d = geo.path_data(features, fit, LOCATOR_MIN_RING)
        xmin, ymin, xmax, ymax = _main_part_box(features, fit)
        values = {"width": Markup(_num(fit.width)), "height": Markup(_num(fit.height)),
                  "d": d, "cx": _num((xmin + xmax) / 2), "cy": _num((ymin + ymax) / 2),
                  "small": max(xmax - xmin, ymax - ymin) < 8}
        return Locator(asset=LOCATOR_ASSET, **values,
                       mark=render_html("locator_mark.html.j2", self.translator, **values))

    def locator_svg(self) -> str:
        """The shared small world map every country page marks its country on."""
        t = self.translator.gettext
        return geo.render_map(
            title=t("World map"), desc=t("Country outlines of the world, without Antarctica."),
            extent=WORLD_EXTENT, width=LOCATOR_WIDTH, padding=LOCATOR_PADDING,
            min_ring_size=LOCATOR_MIN_RING, svg_id="locator").svg

    def assets(self) -> list[tuple[str, str]]:
        """(site path, content) of files the generated pages embed."""
        return [(LOCATOR_ASSET, self.locator_svg())]


_num = svg.coordinate


@functools.cache
def _features_of(iso3: str) -> tuple[geo.GeoFeature, ...]:
    """The country's shapes: 110m, else the 50m file that has small island states."""
    for topology in (geo.COUNTRIES_110M, geo.COUNTRIES_50M):
        found = tuple(f for f in geo.load_features(topology)
                      if f.polygons and geo.iso3_of(f) == iso3)
        if found:
            return found
    return ()


def _main_part_box(features: Sequence[geo.GeoFeature], fit: geo.Fit) -> geo.Bounds:
    """Projected box of the largest polygon: France's marker sits in Europe, not Guiana."""
    best: geo.Bounds | None = None
    best_area = -1.0
    for feature in features:
        for polygon in feature.polygons:
            points = [fit(lon, lat) for lon, lat in polygon[0]]
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            box = (min(xs), min(ys), max(xs), max(ys))
            area = (box[2] - box[0]) * (box[3] - box[1])
            if area > best_area:
                best, best_area = box, area
    assert best is not None
    return best
