"""Monitor Impact figures: OGP membership (with exits), commitments and IRM ratings, and
index scores, each as a static SVG with a caption, for the dashboard and country pages.

Every count here starts from the same sets the countries index uses: current OGP members
are `Model.current_members` (participating or inactive); former members are never counted
as participants. Each figure is followed on its page by a table with the same numbers.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from odhub.data.model import Country, Model
from odhub.derive.commitments import COMPLETION_GROUPS, UNRATED, CommitmentViews, Tally
from odhub.derive.indicators import EditionMap, IndexTable, latest_scored_edition
from odhub.lang.translator import N_, Translator
from odhub.render import charts, geo
from odhub.render.figures import Figure, LegendItem, figure_html
from odhub.render.ogp_labels import COMPLETION

# Map categories, most specific first. Each has its own fill *and* texture in charts.css
# (and a label in the legend and every table), so none is told apart by colour alone.
CATEGORIES = (
    ("ogp-charter", N_("Current OGP member and national Open Data Charter adopter")),
    ("ogp", N_("Current OGP member")),
    ("former", N_("Former OGP member: withdrew, or OGP removed or suspended it")),
    ("unknown", N_("OGP member whose current status our sources do not settle")),
    ("charter", N_("National Open Data Charter adopter, not an OGP member in our data")),
)
NO_CATEGORY = N_("Not in the hub's data")
# The chart's groups: the IRM's words for the four ratings on its scale, and one group for
# every commitment without one.
COMPLETION_LABELS = {**{group: COMPLETION[group] for group in COMPLETION_GROUPS
                        if group != UNRATED}, UNRATED: N_("Not rated (yet)")}
# Score bands of the index maps: equal fifths of the 0-100 scale both indices use.
BANDS = ((0, 20), (20, 40), (40, 60), (60, 80), (80, 100))
MAX_AREAS_CHARTED = 12


def category(country: Country) -> str | None:
    """The map category of a country, or None when it has neither fact."""
    charter = country.charter is not None and country.charter.adopted
    standing = country.standing
    if standing == "current":
        return "ogp-charter" if charter else "ogp"
    if standing in ("former", "unknown"):
        return standing
    return "charter" if charter else None


@dataclass(frozen=True)
class CategoryRow:
    css_class: str
    label: str
    countries: list[Country]


@dataclass(frozen=True)
class MembershipRow:
    """One year of OGP membership: who joined, who left, and members at the year's end."""

    year: int
    joined: int
    left: int
    members: int
    charter_new: int
    charter_total: int


@dataclass(frozen=True)
class ScoreRow:
    country: Country
    value: float
    rank: int | None
    rank_of: int | None
    band: int  # index into BANDS


class Dashboard:
    """The figures of the Monitor impact page (and small charts for country pages)."""

    def __init__(self, model: Model, translator: Translator, today_year: int) -> None:
        self.model = model
        self.translator = translator
        self.today_year = today_year
        self.commitments = CommitmentViews(model)

    def _(self, message: str, **values: object) -> str:
        return self.translator.gettext(message, **values)

    def category_label(self, css_class: str | None) -> str:
        labels = dict(CATEGORIES)
        return self._(labels[css_class] if css_class else NO_CATEGORY)

    # -- membership ---------------------------------------------------------------------

    @functools.cached_property
    def category_rows(self) -> list[CategoryRow]:
        rows = []
        for css_class, _label in CATEGORIES:
            members = [c for c in self.model.countries_by_name if category(c) == css_class]
            rows.append(CategoryRow(css_class, self.category_label(css_class), members))
        return rows

    @property
    def current_total(self) -> int:
        return len(self.model.current_members)

    @functools.cached_property
    def former_members(self) -> list[Country]:
        found = self.model.countries_by_standing.get("former", [])
        return sorted(found, key=lambda c: (c.ogp.status_since or "" if c.ogp else "",
                                            c.name))

    def legend(self, rows: Sequence[CategoryRow], other: str | None) -> list[LegendItem]:
        items = [LegendItem(f"cat-{r.css_class}", r.label, len(r.countries))
                 for r in rows if r.countries]
        if other:
            items.append(LegendItem("cat-none", other, -1))
        return items

    def country_label(self, country: Country) -> str:
        return self._("{name}: {category}", name=country.name,
                      category=self.category_label(category(country)))

    def classes(self, countries: Iterable[Country]) -> tuple[dict[str, str], dict[str, str]]:
        classes: dict[str, str] = {}
        labels: dict[str, str] = {}
        for country in countries:
            found = category(country)
            classes[country.iso3] = f"member cat-{found}" if found else "member"
            labels[country.iso3] = self.country_label(country)
        return classes, labels

    @functools.cached_property
    def world_map(self) -> Figure:
        t = self._
        classes, labels = self.classes(self.model.countries.values())
        counts = ", ".join(f"{r.label}: {len(r.countries)}" for r in self.category_rows)
        result = geo.render_map(
            title=t("World map of OGP membership and Open Data Charter adoption"),
            desc=t("Countries in the hub's data, shaded and patterned by category. {counts}. "
                   "The table below the map lists every country.", counts=counts),
            classes=classes, labels=labels, svg_id="world-map", min_ring_size=0.6,
            focusable=True)
        caption = t("Current and former OGP members and national Open Data Charter "
                    "adopters, as the hub's sources record them. Select a country (click, "
                    "tap or Tab) to see its name and category; the table below lists every "
                    "country.")
        return Figure(figure_html(result.svg, caption, self.legend(self.category_rows,
                                                                     t(NO_CATEGORY)),
                                  "odhub-map-figure", self.translator, readout=True),
                      tuple(result.missing))

    @functools.cached_property
    def missing_geometry(self) -> list[Country]:
        return [self.model.countries[code] for code in self.world_map.missing
                if code in self.model.countries]

    @functools.cached_property
    def membership_rows(self) -> list[MembershipRow]:
        dated = [c for c in self.model.countries.values() if c.ogp and c.ogp.member_since]
        joined = Counter(c.ogp.member_since for c in dated if c.ogp)
        left = Counter(c.ogp.left_year for c in dated if c.ogp and c.ogp.left_year)
        charter = Counter(c.charter.year for c in self.model.charter_adopters
                          if c.charter and c.charter.year)
        rows, members, charter_total = [], 0, 0
        for year in sorted(set(joined) | set(left) | set(charter)):
            members += joined[year] - left[year]
            charter_total += charter[year]
            rows.append(MembershipRow(year, joined[year], left[year], members,
                                      charter[year], charter_total))
        return rows

    @functools.cached_property
    def undated(self) -> dict[str, list[Country]]:
        """Who the timeline cannot place: members without a join year, exits undated."""
        return {
            "current": [c for c in self.model.current_members
                        if c.ogp and not c.ogp.member_since],
            "former": [c for c in self.former_members if c.ogp and not c.ogp.member_since],
            "exit": [c for c in self.former_members if c.ogp and not c.ogp.left_year],
            "unknown": self.model.countries_by_standing.get("unknown", []),
            "charter": [c for c in self.model.charter_adopters
                        if c.charter and not c.charter.year],
        }

    @property
    def timeline_members(self) -> int:
        """Members at the end of the timeline: current members with a join year."""
        return self.membership_rows[-1].members if self.membership_rows else 0

    @functools.cached_property
    def timeline(self) -> Figure:
        t = self._
        rows = self.membership_rows
        series = {
            t("Members"): [(r.year, r.joined - r.left) for r in rows if r.joined or r.left],
            t("Joined"): [(r.year, r.joined) for r in rows if r.joined],
            t("Left"): [(r.year, r.left) for r in rows if r.left],
            t("Charter adopters"): [(r.year, r.charter_new) for r in rows if r.charter_new],
        }
        desc = t("Running totals by year: countries in the hub's data that joined OGP, those "
                 "that left (withdrew, or were removed or suspended), members (joined minus "
                 "left), and national Open Data Charter adopters; only countries with a join "
                 "year in the sources are counted.")
        if rows:
            desc += " " + t("By {year}: {members} members, {left} exits.", year=rows[-1].year,
                            members=rows[-1].members, left=sum(r.left for r in rows))
        svg = charts.timeline_chart(
            t("OGP membership over time, with exits"), desc, series,
            end_year=self.today_year, svg_id="timeline", height=300,
            empty_text=t("No dated records"))
        caption = t("Lines differ by dash pattern and end in a direct label, so they read "
                    "without colour.")
        return Figure(figure_html(svg, caption, [], "odhub-chart-figure", self.translator))

    # -- commitments --------------------------------------------------------------------

    def completion_series(self, rows: Sequence[Tally]) -> list[tuple[str, list[int]]]:
        return [(self._(COMPLETION_LABELS[g]), [r.by_completion[g] for r in rows])
                for g in COMPLETION_GROUPS]

    def completion_label(self, group: str) -> str:
        return self._(COMPLETION_LABELS[group])

    completion_groups = COMPLETION_GROUPS

    def hub_label(self, row: Tally) -> str:
        return row.label or self._("No regional hub")

    @functools.cached_property
    def hub_chart(self) -> Figure | None:
        rows = self.commitments.by_hub
        if not rows:
            return None
        t = self._
        svg = charts.stacked_bar_chart(
            t("Commitments by IRM completion and regional hub"),
            t("One bar per regional hub, split by the IRM's completion rating; {count} "
              "commitments in all, {starred} of them starred.",
              count=self.commitments.total.total, starred=self.commitments.total.starred),
            [self.hub_label(r) for r in rows], self.completion_series(rows),
            svg_id="commitments-hub", bar_height=22)
        return Figure(figure_html(svg, t("Each completion rating has its own colour and "
                                         "texture; the table gives the same counts and the "
                                         "stars."), [], "odhub-chart-figure",
                                  self.translator))

    @functools.cached_property
    def area_chart(self) -> Figure | None:
        rows = self.commitments.by_area[:MAX_AREAS_CHARTED]
        if not rows:
            return None
        t = self._
        svg = charts.stacked_bar_chart(
            t("Commitments by IRM completion in the most common OGP policy areas"),
            t("The {count} OGP policy areas with the most commitments, split by the IRM's "
              "completion rating; a commitment in several areas counts in each.",
              count=len(rows)),
            [r.label for r in rows], self.completion_series(rows),
            svg_id="commitments-area", bar_height=22)
        return Figure(figure_html(svg, t("The table below covers every policy area."), [],
                                  "odhub-chart-figure", self.translator))

    @functools.cached_property
    def year_chart(self) -> Figure | None:
        rows = self.commitments.by_year
        if not rows:
            return None
        t = self._
        svg = charts.bar_chart(
            t("Commitments per action-plan year"),
            t("Commitments counted by the first year of their action plan; {count} in all.",
              count=sum(n for _, n in rows)),
            [(str(year), count) for year, count in rows], svg_id="commitments-year",
            bar_height=20, gap=6)
        return Figure(figure_html(svg, t("Each bar is labelled with its count."), [],
                                  "odhub-chart-figure", self.translator))

    # -- indices --------------------------------------------------------------------------

    def band_of(self, value: float) -> int:
        for number, (_low, high) in enumerate(BANDS):
            if value < high or number == len(BANDS) - 1:
                return number
        return len(BANDS) - 1

    def band_label(self, band: int) -> str:
        low, high = BANDS[band]
        return self._("{low} to {high}", low=low, high=high)

    @functools.cached_property
    def score_maps(self) -> list[tuple[EditionMap, Figure, list[ScoreRow]]]:
        """The ODB and GDB maps: each index's newest edition with scores."""
        maps = []
        for index_id in ("odb", "gdb"):
            edition = latest_scored_edition(self.model, index_id)
            if edition is not None:
                maps.append(self._score_map(edition))
        return maps

    def _score_map(self, edition: EditionMap) -> tuple[EditionMap, Figure, list[ScoreRow]]:
        t = self._
        index = edition.index
        rows = [ScoreRow(self.model.countries[v.iso3], float(v.value or 0), v.rank,
                         v.rank_of, self.band_of(float(v.value or 0)))
                for v in edition.values]
        classes = {r.country.iso3: f"member score-{r.band + 1}" for r in rows}
        labels = {r.country.iso3: t("{name}: {score} ({edition})", name=r.country.name,
                                    score=r.value, edition=edition.edition.id)
                  for r in rows}
        title = t("{index}, {edition}: overall scores", index=index.title,
                  edition=edition.edition.id)
        desc = t("{count} countries of the hub's data, shaded by their overall score in "
                 "bands of 20 points. The table below gives every score.", count=len(rows))
        result = geo.render_map(title=title, desc=desc, classes=classes, labels=labels,
                                svg_id=edition.svg_id, min_ring_size=0.6, focusable=True)
        counts = Counter(r.band for r in rows)
        legend = [LegendItem(f"score-{b + 1}", self.band_label(b), counts[b])
                  for b in range(len(BANDS))]
        legend.append(LegendItem("cat-none", t("No score in our data"), -1))
        caption = t("{edition} of the {index} (data for {year}). Darker means a higher score. "
                    "Select a country (click, tap or Tab) to see its score.",
                    edition=edition.edition.id, index=index.title,
                    year=edition.edition.year or t("a year not stated"))
        if edition.edition.scaled:
            caption += " " + t("Scores are scaled so that the best country of this edition "
                               "scores 100.")
        figure = Figure(figure_html(result.svg, caption, legend, "odhub-map-figure",
                                    self.translator, readout=True), tuple(result.missing))
        return edition, figure, sorted(rows, key=lambda r: (-r.value, r.country.name))

    # -- country pages --------------------------------------------------------------------

    def country_chart(self, country: Country) -> Figure | None:
        if not country.commitments:
            return None
        t = self._
        counts = Counter(self._group(m.irm.completion) for m in country.commitments)
        rows = [(self.completion_label(g), counts[g]) for g in COMPLETION_GROUPS if counts[g]]
        svg = charts.bar_chart(
            t("{name}: commitments by IRM completion", name=country.name),
            t("{count} commitments, counted by the IRM's completion rating.",
              count=len(country.commitments)),
            rows, svg_id=f"completion-{country.slug}", bar_height=22)
        return Figure(figure_html(svg, t("Each bar is labelled with its count; the list above "
                                         "gives every commitment's rating."), [],
                                  "odhub-chart-figure odhub-small-chart", self.translator))

    @staticmethod
    def _group(value: str | None) -> str:
        return value if value in COMPLETION_GROUPS else UNRATED

    def indicator_chart(self, country: Country, table: IndexTable) -> Figure | None:
        """The overall score by edition, where an index has several editions."""
        points = table.overall()
        if len(points) < 2:
            return None
        t = self._
        title = t("{name}: {index} overall score by edition", name=country.name,
                  index=table.index.title)
        desc = t("One bar per edition, labelled with the score.")
        if table.scaled_editions:
            desc += " " + t("Each edition is scaled so that its best country scores 100: the "
                            "bars show standing in that edition, not progress over time.")
        svg = charts.bar_chart(
            title, desc, [(edition, round(value)) for edition, value in points],
            svg_id=f"index-{table.index.id}-{country.slug}", bar_height=22)
        return Figure(figure_html(svg, t("Scores rounded to whole points; the table gives "
                                         "them as published."), [],
                                  "odhub-chart-figure odhub-small-chart", self.translator))

