"""Monitor Impact and Catalyze Action views: the dashboard's maps and charts, the small
map and charts on country pages, and the events page, as values templates print.

Maps and charts come from odhub.geo and odhub.charts as SVG markup (their own templates
escape every value); the HTML around them (figures, legends, captions) comes from the
templates in templates/html/. Everything is static: no script is needed to see it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from babel.dates import format_skeleton
from markupsafe import Markup, escape

from . import events
from .dates import build_date
from .i18n import Translator
from .model import Country, Event, Model, RegionalHub

_HTML_TEMPLATES = Path(__file__).resolve().parent / "templates" / "html"

EVENT_KINDS = {
    "conference": "Conference",
    "workshop": "Workshop",
    "campaign": "Campaign week",
    "launch": "Launch",
    "publication": "Publication",
    "announcement": "Announcement",
    "milestone": "Milestone",
}
STATUS_LABELS = {
    "not-started": "Not started",
    "limited": "Limited",
    "substantial": "Substantial",
    "complete": "Complete",
    "withdrawn": "Withdrawn",
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
LOCATOR_SIZE = (320.0, 150.0)
LOCATOR_PADDING = 2.0
LOCATOR_MIN_RING = 1.5
LOCATOR_ASSET = "assets/maps/world-locator.svg"


@functools.cache
def _html_env() -> jinja2.Environment:
    # Plain HTML escaping: these fragments sit in raw HTML blocks, where Markdown
    # backslash escapes would show up as text.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_HTML_TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(template: str, translator: Translator, **context: object) -> Markup:
    html = _html_env().get_template(template).render(
        _=translator.gettext, _n=translator.ngettext, **context)
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
    width: str
    height: str
    d: str  # the country's outline ("" when it has no shape at this scale)
    cx: str
    cy: str
    small: bool  # too small to see: ring it so the eye finds it


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

    def html(self, text: str) -> Markup:
        """Text for a raw HTML block: HTML-escaped only."""
        return Markup(escape(text))

    def when(self, event: Event) -> str:
        return events.when(event, self.translator)

    @functools.cached_property
    def today_text(self) -> str:
        return format_skeleton("yMMMd", self.today, locale=self.translator.language)

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
