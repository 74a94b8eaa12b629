"""Monitor Impact and Catalyze Action views: the dashboard's maps and charts, the small
map and charts on country pages, and the events page, as values templates print.

Maps and charts come from odhub.geo and odhub.charts as SVG markup (their own templates
escape every value); the HTML around them (figures, legends, captions) comes from the
templates in templates/html/. Everything is static: no script is needed to see it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import jinja2
from babel.dates import format_skeleton
from markupsafe import Markup, escape

from odhub.data.dates import build_date
from odhub.data.model import COMMITMENT_STATUSES, Country, Event, Model, RegionalHub
from odhub.derive import events
from odhub.lang.translator import N_, Translator, cldr_locale
from odhub.render import charts, geo
from odhub.render import environment as markup_templates

EVENT_KINDS = {
    "conference": N_("Conference"),
    "workshop": N_("Workshop"),
    "campaign": N_("Campaign week"),
    "launch": N_("Launch"),
    "publication": N_("Publication"),
    "announcement": N_("Announcement"),
    "milestone": N_("Milestone"),
}
STATUS_LABELS = {
    "not-started": N_("Not started"),
    "limited": N_("Limited"),
    "substantial": N_("Substantial"),
    "complete": N_("Complete"),
    "withdrawn": N_("Withdrawn"),
}

# Map categories, most specific first. Each has its own fill *and* texture in charts.css
# (and a label in the legend and every table), so none is told apart by colour alone.
CATEGORIES = (
    ("ogp-charter", "OGP participant and national Open Data Charter adopter"),
    ("ogp", "OGP participant"),
    ("charter", "National Open Data Charter adopter, OGP participation not recorded"),
)
NO_CATEGORY = "No OGP participation or Charter adoption in our data"

WORLD_EXTENT = (-180.0, -58.0, 180.0, 84.0)  # the inhabited world, without Antarctica
LOCATOR_WIDTH = 320.0  # the height follows the map
LOCATOR_PADDING = 2.0
LOCATOR_MIN_RING = 1.5
LOCATOR_ASSET = "assets/maps/world-locator.svg"


def _html_env(language: str) -> jinja2.Environment:
    # Plain HTML escaping: these fragments sit in raw HTML blocks, where Markdown
    # backslash escapes would show up as text.
    return markup_templates.environment("html", language)


def render_html(template: str, translator: Translator, **context: object) -> Markup:
    html = _html_env(translator.language).get_template(template).render(**context)
    return Markup(html.strip())


def category(country: Country) -> str | None:
    """The map category of a country, or None when it has neither fact."""
    ogp = country.ogp is not None and country.ogp.status != "withdrawn"
    charter = country.charter is not None and country.charter.adopted
    if ogp and charter:
        return "ogp-charter"
    if ogp:
        return "ogp"
    if charter:
        return "charter"
    return None


@dataclass(frozen=True)
class Figure:
    """An SVG with its accessible pieces: the markup templates print as a block."""

    html: Markup
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class LegendItem:
    css_class: str
    label: str
    count: int


@dataclass(frozen=True)
class CategoryRow:
    css_class: str
    label: str
    countries: list[Country]


@dataclass(frozen=True)
class TimelineRow:
    year: int
    ogp_new: int
    ogp_total: int
    charter_new: int
    charter_total: int


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


@dataclass(frozen=True)
class HubCounts:
    hub: RegionalHub | None
    by_status: dict[str, int]
    by_principle: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


@dataclass
class Views:
    """What the Monitor, events and country templates need, computed once per build."""

    model: Model
    translator: Translator
    today: dt.date = field(default_factory=build_date)

    # -- small helpers templates call --------------------------------------------------

    event_kinds = EVENT_KINDS
    status_labels = STATUS_LABELS
    status_keys = COMMITMENT_STATUSES
    status_labels = STATUS_LABELS
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

    def category_label(self, css_class: str | None) -> str:
        labels = dict(CATEGORIES)
        return self.translator.gettext(labels[css_class] if css_class else NO_CATEGORY)

    def _country_label(self, country: Country) -> str:
        return self.translator.gettext("{name}: {category}", name=country.name,
                                       category=self.category_label(category(country)))

    def _classes(self, countries: Iterable[Country]) -> tuple[dict[str, str], dict[str, str]]:
        classes: dict[str, str] = {}
        labels: dict[str, str] = {}
        for country in countries:
            found = category(country)
            classes[country.iso3] = f"member cat-{found}" if found else "member"
            labels[country.iso3] = self._country_label(country)
        return classes, labels

    @functools.cached_property
    def category_rows(self) -> list[CategoryRow]:
        """Every category with its countries, in legend order (empty ones too)."""
        rows = []
        for css_class, _label in CATEGORIES:
            members = [c for c in self.model.countries_by_name if category(c) == css_class]
            rows.append(CategoryRow(css_class, self.category_label(css_class), members))
        return rows

    def _legend(self, rows: Sequence[CategoryRow], other: str | None) -> list[LegendItem]:
        items = [LegendItem(f"cat-{r.css_class}", r.label, len(r.countries))
                 for r in rows if r.countries]
        if other:
            items.append(LegendItem("cat-none", other, -1))
        return items

    @functools.cached_property
    def world_map(self) -> Figure:
        t = self.translator.gettext
        classes, labels = self._classes(self.model.countries.values())
        counts = ", ".join(f"{r.label}: {len(r.countries)}" for r in self.category_rows)
        result = geo.render_map(
            title=t("World map of OGP participation and Open Data Charter adoption"),
            desc=t("Countries in the hub's data, shaded and patterned by category. {counts}. "
                   "The table below the map lists every country.", counts=counts),
            classes=classes, labels=labels, svg_id="world-map", min_ring_size=0.6)
        legend = self._legend(self.category_rows, t(NO_CATEGORY))
        caption = t("OGP participation and national Open Data Charter adoption as recorded in "
                    "the hub's sources. Hovering over a country shows its name and category; "
                    "the table below lists every country.")
        return Figure(self._figure(result.svg, caption, legend, "odhub-map-figure"),
                      tuple(result.missing))

    @functools.cached_property
    def missing_geometry(self) -> list[Country]:
        """Countries in the data that the world map cannot draw at its scale."""
        return [self.model.countries[code] for code in self.world_map.missing
                if code in self.model.countries]

    @functools.cached_property
    def hub_maps(self) -> list[tuple[RegionalHub, Figure, list[Country]]]:
        t = self.translator.gettext
        maps = []
        for hub in self.model.hubs.values():
            members = self.model.countries_by_hub.get(hub.id, [])
            if not members:
                continue
            classes, labels = self._classes(members)
            result = geo.render_map(
                title=t("Map of the {hub} hub", hub=hub.name),
                desc=t("The {count} countries grouped under the {hub} hub, patterned by OGP "
                       "participation and Charter adoption; neighbouring countries are plain "
                       "grey.", count=len(members), hub=hub.name),
                classes=classes, labels=labels, focus=[c.iso3 for c in members], width=480,
                min_ring_size=1, svg_id=f"hub-map-{hub.id}")
            rows = [CategoryRow(r.css_class, r.label,
                                [c for c in members if category(c) == r.css_class])
                    for r in self.category_rows]
            caption = t("Countries grouped under the {hub} hub.", hub=hub.name)
            figure = Figure(self._figure(result.svg, caption,
                                         self._legend(rows, t("Not in this hub")),
                                         "odhub-map-figure odhub-hub-map"),
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

    def _figure(self, svg: str, caption: str, legend: Sequence[LegendItem],
                css_class: str) -> Markup:
        # The SVG comes from odhub.geo / odhub.charts, whose templates escape every value.
        return render_html("figure.html.j2", self.translator, svg=Markup(svg),
                           caption=caption, legend=legend, css_class=css_class)

    @functools.cached_property
    def pattern_defs(self) -> Markup:
        """Hidden SVG patterns the map categories fill with (see charts.css)."""
        return render_html("patterns.html.j2", self.translator)

    # -- over time ---------------------------------------------------------------------

    @functools.cached_property
    def timeline_rows(self) -> list[TimelineRow]:
        ogp = Counter(c.ogp.member_since for c in self.model.countries.values()
                      if c.ogp and c.ogp.member_since)
        charter = Counter(c.charter.year for c in self.model.charter_adopters
                          if c.charter and c.charter.year)
        rows, ogp_total, charter_total = [], 0, 0
        for year in sorted(set(ogp) | set(charter)):
            ogp_total += ogp[year]
            charter_total += charter[year]
            rows.append(TimelineRow(year, ogp[year], ogp_total, charter[year], charter_total))
        return rows

    @functools.cached_property
    def undated(self) -> dict[str, list[Country]]:
        """Participants and adopters whose year no source gives: left off the timeline."""
        return {
            "ogp": [c for c in self.model.countries_by_name if c.ogp and not c.ogp.member_since],
            "charter": [c for c in self.model.charter_adopters
                        if c.charter and not c.charter.year],
        }

    @functools.cached_property
    def timeline(self) -> Figure:
        t = self.translator.gettext
        ogp_name = t("OGP participants")
        charter_name = t("National Charter adopters")
        series = {
            ogp_name: [(r.year, r.ogp_new) for r in self.timeline_rows if r.ogp_new],
            charter_name: [(r.year, r.charter_new) for r in self.timeline_rows
                           if r.charter_new],
        }
        last = self.timeline_rows[-1] if self.timeline_rows else None
        desc = t("Running totals by year of countries in the hub's data that joined OGP and "
                 "of national governments that adopted the Open Data Charter, counting only "
                 "those with a year in the sources.")
        if last:
            desc += " " + t("By {year}: {ogp} OGP participants and {charter} Charter "
                            "adopters.", year=last.year, ogp=last.ogp_total,
                            charter=last.charter_total)
        svg = charts.timeline_chart(
            t("OGP joins and Open Data Charter adoptions over time"), desc, series,
            end_year=self.today.year, svg_id="timeline", empty_text=t("No dated records"))
        caption = t("Lines differ by dash pattern and end in a direct label, so they read "
                    "without colour.")
        return Figure(self._figure(svg, caption, [], "odhub-chart-figure"))

    # -- commitments -------------------------------------------------------------------

    @functools.cached_property
    def commitment_counts(self) -> list[HubCounts]:
        """Commitments by status and by principle for each hub (and countries in none)."""
        groups: list[tuple[RegionalHub | None, list[Country]]] = [
            (hub, self.model.countries_by_hub.get(hub.id, [])) for hub in self.model.hubs.values()
        ]
        groups.append((None, self.unhubbed))
        counts = []
        for hub, members in groups:
            status = Counter(m.status for c in members for m in c.commitments)
            principle = Counter(p for c in members for m in c.commitments for p in m.principles)
            counts.append(HubCounts(hub, {s: status[s] for s in COMMITMENT_STATUSES},
                                    {p: principle[p] for p in self.model.principles}))
        return counts

    @property
    def commitment_total(self) -> int:
        return sum(h.total for h in self.commitment_counts)

    def hub_name(self, hub: RegionalHub | None) -> str:
        return hub.name if hub else self.translator.gettext("No regional hub")

    @functools.cached_property
    def status_chart(self) -> Figure | None:
        if not self.commitment_total:
            return None
        t = self.translator.gettext
        rows = [h for h in self.commitment_counts if h.total]
        svg = charts.stacked_bar_chart(
            t("Open data commitments by status and regional hub"),
            t("One bar per hub, split by completion status on OGP's scale; {count} "
              "commitments in all.", count=self.commitment_total),
            [self.hub_name(h.hub) for h in rows],
            [(t(STATUS_LABELS[s]), [h.by_status[s] for h in rows]) for s in COMMITMENT_STATUSES],
            svg_id="commitments-status")
        return Figure(self._figure(svg, t("Each status has its own colour and texture."), [],
                                   "odhub-chart-figure"))

    @functools.cached_property
    def principle_chart(self) -> Figure | None:
        if not self.commitment_total:
            return None
        t = self.translator.gettext
        rows = [h for h in self.commitment_counts if h.total]
        svg = charts.stacked_bar_chart(
            t("Open data commitments by Charter principle and regional hub"),
            t("One bar per hub, split by the Open Data Charter principle each commitment "
              "targets; a commitment with several principles counts once for each."),
            [self.hub_name(h.hub) for h in rows],
            [(p.title, [h.by_principle[p.id] for h in rows])
             for p in self.model.principles.values()],
            svg_id="commitments-principle")
        return Figure(self._figure(svg, t("Each principle has its own colour and texture."), [],
                                   "odhub-chart-figure"))

    # -- country pages -----------------------------------------------------------------

    def country_status_chart(self, country: Country) -> Figure | None:
        if not country.commitments:
            return None
        t = self.translator.gettext
        status = Counter(m.status for m in country.commitments)
        rows = [(t(STATUS_LABELS[s]), status[s]) for s in COMMITMENT_STATUSES if status[s]]
        svg = charts.bar_chart(
            t("{name}: open data commitments by status", name=country.name),
            t("{count} commitments, counted by completion status.",
              count=len(country.commitments)),
            rows, width=480, svg_id=f"status-{country.slug}")
        return Figure(self._figure(svg, t("Each bar is labelled with its count; the table "
                                          "above lists every commitment."), [],
                                   "odhub-chart-figure odhub-small-chart"))

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


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


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
