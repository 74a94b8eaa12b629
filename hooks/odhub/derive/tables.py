"""The tables the hub publishes as open data: their fields, descriptions and rows.

A view derived from the model, declared once: the exporter writes these tables as CSV,
JSON and a data package, and the Open data page describes them to readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from odhub.data.model import Model
from odhub.lang.translator import Translator

EXPORT_DIR = "data"  # inside the site; the Open data page lives at the same path
CALENDAR_FILE = "events.ics"
FEED_FILE = "news.xml"
PACKAGE_FILE = "datapackage.json"


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema type: string, integer, boolean
    description: str
    is_list: bool = False  # a list in JSON, joined with LIST_SEPARATOR in CSV
    pattern: str | None = None


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    rows: list[dict[str, Any]]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (field, table, field)

    @property
    def csv_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def json_name(self) -> str:
        return f"{self.name}.json"


def tables(model: Model, translator: Translator) -> list[Table]:
    """Every table the hub publishes, rows in a stable order."""
    t = translator.gettext
    sources = Field("sources", "string", t("Web pages the facts were read from."), True)
    as_of = Field("as_of", "string", t("When the facts were true according to their sources "
                                       "(YYYY, YYYY-MM or YYYY-MM-DD)."),
                  pattern=r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
    return [
        Table(
            "countries", t("Countries"),
            t("OGP participants in the hub's data with their OGP, Open Data Charter and "
              "portal facts."),
            (
                Field("iso3", "string", t("ISO 3166-1 alpha-3 code (XKX for Kosovo)."),
                      pattern="[A-Z]{3}"),
                Field("iso2", "string", t("ISO 3166-1 alpha-2 code, where one exists.")),
                Field("name", "string", t("Country name in English.")),
                Field("hub", "string", t("Id of the OD4D regional hub the country is grouped "
                                         "under (an editorial grouping); empty if none.")),
                Field("ogp_member_since", "integer",
                      t("Year the sources give for joining OGP; empty when none does.")),
                Field("ogp_status", "string", t("OGP status where a source states it.")),
                Field("charter_adopted", "boolean",
                      t("true when a source says the national government adopted the Open "
                        "Data Charter; false means no source says so, not a refusal.")),
                Field("charter_year", "integer", t("Year of national Charter adoption, where "
                                                   "stated.")),
                Field("portal_url", "string", t("National open data portal, where a source "
                                                "names one.")),
                Field("commitments", "integer", t("Number of open data commitments recorded.")),
                sources, as_of,
            ),
            [
                {
                    "iso3": c.iso3, "iso2": c.iso2, "name": c.name, "hub": c.hub,
                    "ogp_member_since": c.ogp.member_since if c.ogp else None,
                    "ogp_status": c.ogp.status if c.ogp else None,
                    "charter_adopted": bool(c.charter and c.charter.adopted),
                    "charter_year": c.charter.year if c.charter else None,
                    "portal_url": c.portal.url if c.portal else None,
                    "commitments": len(c.commitments),
                    "sources": list(c.sources), "as_of": c.as_of,
                }
                for c in sorted(model.countries.values(), key=lambda c: c.iso3)
            ],
            ("iso3",), (("hub", "hubs", "id"),),
        ),
        Table(
            "commitments", t("Open data commitments"),
            t("Open data commitments from OGP action plans, only where a public source "
              "states them."),
            (
                Field("country", "string", t("ISO alpha-3 code of the country."),
                      pattern="[A-Z]{3}"),
                Field("id", "string", t("Id of the commitment within its country.")),
                Field("title", "string", t("Title of the commitment.")),
                Field("action_plan", "string", t("Action plan period, e.g. 2016-2018.")),
                Field("principles", "string", t("Ids of the Open Data Charter principles it "
                                                "targets."), True),
                Field("sectors", "string", t("Ids of the sectors it concerns."), True),
                Field("status", "string", t("Completion on OGP's scale: not-started, limited, "
                                            "substantial, complete or withdrawn.")),
                Field("ambition", "string", t("Ambition where assessed.")),
                Field("url", "string", t("The commitment's page.")),
                sources,
            ),
            [
                {
                    "country": c.iso3, "id": m.id, "title": m.title,
                    "action_plan": m.action_plan, "principles": list(m.principles),
                    "sectors": list(m.sectors), "status": m.status, "ambition": m.ambition,
                    "url": m.url, "sources": list(m.sources),
                }
                for c in sorted(model.countries.values(), key=lambda c: c.iso3)
                for m in c.commitments
            ],
            ("country", "id"), (("country", "countries", "iso3"),),
        ),
        Table(
            "case-studies", t("Case studies"),
            t("How peers planned, delivered and used open data, with sources."),
            (
                Field("slug", "string", t("Id of the case study (its page name).")),
                Field("title", "string", t("Title.")),
                Field("year", "integer", t("Year the case study is about.")),
                Field("countries", "string", t("ISO alpha-3 codes of the countries."), True),
                Field("principles", "string", t("Ids of Open Data Charter principles."), True),
                Field("sectors", "string", t("Ids of sectors."), True),
                Field("objectives", "string", t("Ids of the hub's objectives."), True),
                Field("summary", "string", t("Short summary in the hub's own words.")),
                sources,
            ),
            [
                {
                    "slug": c.slug, "title": c.title, "year": c.year,
                    "countries": list(c.countries), "principles": list(c.principles),
                    "sectors": list(c.sectors), "objectives": list(c.objectives),
                    "summary": c.summary, "sources": list(c.sources),
                }
                for c in sorted(model.case_studies.values(), key=lambda c: c.slug)
            ],
            ("slug",),
        ),
        Table(
            "hubs", t("Regional hubs"),
            t("The OD4D network's regional hubs and the organisations behind them."),
            (
                Field("id", "string", t("Id of the hub.")),
                Field("name", "string", t("Name.")),
                Field("region", "string", t("Region it serves.")),
                Field("organisations", "string", t("Organisations named for the hub."), True),
                Field("countries", "string", t("ISO alpha-3 codes of the countries grouped "
                                               "under it in the hub's data."), True),
                Field("summary", "string", t("Short summary in the hub's own words.")),
                sources, as_of,
            ),
            [
                {
                    "id": h.id, "name": h.name, "region": h.region,
                    "organisations": [o.name for o in h.organisations],
                    "countries": sorted(c.iso3 for c in model.countries_by_hub.get(h.id, [])),
                    "summary": h.summary, "sources": list(h.sources), "as_of": h.as_of,
                }
                for h in sorted(model.hubs.values(), key=lambda h: h.id)
            ],
            ("id",),
        ),
        Table(
            "events", t("Events"),
            t("Events that matter to the network; dates are only as precise as their "
              "sources."),
            (
                Field("id", "string", t("Id of the event.")),
                Field("title", "string", t("Title.")),
                Field("start", "string", t("First day, or the month or year when the sources "
                                           "give no more (YYYY, YYYY-MM or YYYY-MM-DD)."),
                      pattern=r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"),
                Field("end", "string", t("Last day, for events over several days."),
                      pattern=r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"),
                Field("precision", "string", t("How precise start is: year, month or day.")),
                Field("timing", "string", t("early, mid or late, when a source says only that "
                                            "about the period.")),
                Field("location", "string", t("Where it took place.")),
                Field("kind", "string", t("conference, workshop, campaign, launch, "
                                          "publication, announcement or milestone.")),
                Field("hubs", "string", t("Ids of the regional hubs it concerns; empty when "
                                          "network-wide."), True),
                Field("countries", "string", t("ISO alpha-3 codes of the countries it "
                                               "concerns."), True),
                Field("summary", "string", t("Short summary in the hub's own words.")),
                Field("url", "string", t("The event's own page.")),
                sources,
            ),
            [
                {
                    "id": e.id, "title": e.title, "start": e.start.iso(),
                    "end": e.end.iso() if e.end else None, "precision": e.start.precision,
                    "timing": e.timing, "location": e.location, "kind": e.kind,
                    "hubs": list(e.hubs), "countries": list(e.countries),
                    "summary": e.summary, "url": e.url, "sources": list(e.sources),
                }
                for e in model.events
            ],
            ("id",),
        ),
    ]
