"""The tables the hub publishes as open data: their fields, descriptions and rows.

A view derived from the model, declared once: the exporter writes these tables as CSV,
JSON and a data package, and the Open data page describes them to readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from odhub.data import vocab
from odhub.data.model import Index, Model
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
    enum: tuple[str, ...] = ()  # the values its schema allows (Frictionless constraints)


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    rows: list[dict[str, Any]]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (field, table, field)
    # Frictionless `licenses` and `sources` of the resource: whose data it is and on
    # which terms. Empty: the hub's own licence (the package's) and its records' sources.
    licences: tuple[dict[str, str], ...] = ()
    attribution: tuple[dict[str, str], ...] = ()

    @property
    def csv_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def json_name(self) -> str:
        return f"{self.name}.json"


# Whose data the imported tables hold, and on which terms (shared/reference/README.md).
OGP_LICENCES = (
    {"title": "Creative Commons 3.0 Unported, as OGP's disclosure policy states (the "
              "variant is not named)",
     "path": "http://www.opengovpartnership.org/ogp-disclosure-policy"},
    {"name": "CC-BY-4.0", "title": "IRM reports: Creative Commons Attribution 4.0",
     "path": "https://creativecommons.org/licenses/by/4.0/"},
)
OGP_ATTRIBUTION = (
    {"title": "Open Government Partnership (OGP) and its Independent Reporting Mechanism "
              "(IRM); each commitment links its OGP page",
     "path": "https://www.opengovpartnership.org/"},
)
REGISTRY_LICENCES = ({"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 (the "
                                                    "Common Data Index registry)",
                      "path": "https://creativecommons.org/licenses/by/4.0/"},)
REGISTRY_ATTRIBUTION = (
    {"title": "Common Data Index registry of data portals (commondataio/dataportals-registry, "
              "release v1.15.0); three portals from web pages, as their sources say",
     "path": "https://github.com/commondataio/dataportals-registry"},
)


def tables(model: Model, translator: Translator) -> list[Table]:
    """Every table the hub publishes, rows in a stable order."""
    t = translator.gettext

    def one_of(kind: str, *path: str) -> tuple[str, ...]:
        return vocab.allowed(model.schemas, kind, *path)

    def irm(name: str, description: str) -> Field:
        return Field(name, "string", description,
                     enum=one_of("commitments", "commitments", vocab.ITEMS, "irm", name))

    sources = Field("sources", "string", t("Web pages the facts were read from."), True)
    as_of = Field("as_of", "string", t("When the facts were true according to their sources "
                                       "(YYYY, YYYY-MM or YYYY-MM-DD)."),
                  pattern=r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
    country = Field("country", "string", t("ISO alpha-3 code of the country."),
                    pattern="[A-Z]{3}")
    countries = sorted(model.countries.values(), key=lambda c: c.iso3)
    return [
        Table(
            "countries", t("Countries"),
            t("OGP members, current and former, in the hub's data with their OGP status, "
              "Open Data Charter and portal facts. Only current members count as OGP "
              "participants."),
            (
                Field("iso3", "string", t("ISO 3166-1 alpha-3 code (XKX for Kosovo)."),
                      pattern="[A-Z]{3}"),
                Field("iso2", "string", t("ISO 3166-1 alpha-2 code, where one exists.")),
                Field("name", "string", t("Country name in English.")),
                Field("hub", "string", t("Id of the OD4D regional hub the country is grouped "
                                         "under (an editorial grouping); empty if none.")),
                Field("ogp_member_since", "integer",
                      t("Year the sources give for joining OGP; empty when none does.")),
                Field("ogp_status", "string", t("OGP status; empty when no source settles "
                                                "it."), enum=one_of("country", "ogp", "status")),
                Field("ogp_status_since", "string", t("When the status last changed, where a "
                                                      "source dates it.")),
                Field("ogp_current_member", "boolean",
                      t("true for current members (participating or inactive): the "
                        "countries every count of OGP participants counts.")),
                Field("charter_adopted", "boolean",
                      t("true when a source says the national government adopted the Open "
                        "Data Charter; false means no source says so, not a refusal.")),
                Field("charter_year", "integer", t("Year of national Charter adoption, where "
                                                   "stated.")),
                Field("portals", "string", t("Addresses of its national open data portals."),
                      True),
                Field("ogp_local_members", "integer",
                      t("OGP Local members of the country named by the sources.")),
                Field("commitments", "integer", t("OGP commitments recorded.")),
                sources, as_of,
            ),
            [
                {
                    "iso3": c.iso3, "iso2": c.iso2, "name": c.name, "hub": c.hub,
                    "ogp_member_since": c.ogp.member_since if c.ogp else None,
                    "ogp_status": c.ogp.status if c.ogp else None,
                    "ogp_status_since": c.ogp.status_since if c.ogp else None,
                    "ogp_current_member": c.is_current_member,
                    "charter_adopted": bool(c.charter and c.charter.adopted),
                    "charter_year": c.charter.year if c.charter else None,
                    "portals": [p.url for p in c.portals],
                    "ogp_local_members": len(c.local_members),
                    "commitments": len(c.commitments),
                    "sources": list(c.sources), "as_of": c.as_of,
                }
                for c in countries
            ],
            ("iso3",), (("hub", "hubs", "id"),),
        ),
        Table(
            "commitments", t("OGP commitments"),
            t("Commitments from OGP action plans, national and OGP Local, with the ratings "
              "of OGP's Independent Reporting Mechanism where the sources give them. "
              "not-assessed means the IRM has not rated it (yet); an empty rating means the "
              "sources do not say."),
            (
                Field("id", "string", t("OGP's unique identifier, e.g. KE0026.")),
                country,
                Field("member", "string", t("The OGP member as OGP writes it.")),
                Field("level", "string", t("national, or local for an OGP Local member."),
                      enum=one_of("commitments", "commitments", vocab.ITEMS, "level")),
                Field("local_code", "string", t("OGP's code for a local member.")),
                Field("action_plan", "string", t("The action plan as the source names it.")),
                Field("plan_start", "integer", t("First year of the action plan.")),
                Field("plan_end", "integer", t("Last year of the action plan.")),
                Field("plan_number", "integer", t("Number of the action plan.")),
                Field("title", "string", t("Title as published, in its original language.")),
                Field("title_en", "string", t("OGP's English short title, where given.")),
                Field("lead_institution", "string", t("Lead institution as published.")),
                Field("policy_areas", "string", t("Ids of its OGP policy areas."), True),
                irm("potential_impact", t("IRM potential impact.")),
                irm("ambition", t("IRM ambition (newer reviews).")),
                irm("completion", t("IRM completion.")),
                irm("completion_report", t("Which IRM report the completion comes from.")),
                Field("starred", "boolean", t("Whether the IRM starred it; empty if not "
                                              "rated.")),
                irm("open_government", t("IRM: did it open government?")),
                irm("early_results", t("IRM early results.")),
                Field("url", "string", t("The commitment's page on OGP's site.")),
                sources, as_of,
            ),
            [
                {
                    "id": m.id, "country": m.iso3, "member": m.member, "level": m.level,
                    "local_code": m.local_code, "action_plan": m.action_plan.label,
                    "plan_start": m.action_plan.start, "plan_end": m.action_plan.end,
                    "plan_number": m.action_plan.number, "title": m.title,
                    "title_en": m.title_en, "lead_institution": m.lead_institution,
                    "policy_areas": list(m.policy_areas),
                    "potential_impact": m.irm.potential_impact, "ambition": m.irm.ambition,
                    "completion": m.irm.completion,
                    "completion_report": m.irm.completion_report, "starred": m.irm.starred,
                    "open_government": m.irm.open_government,
                    "early_results": m.irm.early_results, "url": m.url,
                    "sources": list(m.sources), "as_of": m.as_of,
                }
                for m in sorted(model.commitments.values(), key=lambda m: m.id)
            ],
            ("id",), (("country", "countries", "iso3"),),
            OGP_LICENCES, OGP_ATTRIBUTION,
        ),
        *(indicator_table(model, index, t, country) for index in model.indices.values()),
        Table(
            "portals", t("National open data portals"),
            t("National (central-government) open data portals; a country can have several."),
            (
                country,
                Field("url", "string", t("The portal's address.")),
                Field("name", "string", t("Its name as the source gives it.")),
                Field("software", "string", t("The software it runs on, where stated.")),
                Field("owner", "string", t("The body that runs it.")),
                Field("registry_record", "string",
                      t("Its record in the Common Data Index registry, where it has one.")),
                sources, as_of,
            ),
            [
                {"country": c.iso3, "url": p.url, "name": p.name, "software": p.software,
                 "owner": p.owner, "registry_record": p.registry_record,
                 "sources": list(p.sources), "as_of": p.as_of}
                for c in countries for p in c.portals
            ],
            ("country", "url"), (("country", "countries", "iso3"),),
            REGISTRY_LICENCES, REGISTRY_ATTRIBUTION,
        ),
        Table(
            "ogp-local-members", t("OGP Local members"),
            t("Subnational governments in OGP Local that a source names; the list is "
              "partial."),
            (
                country,
                Field("name", "string", t("The local government's name.")),
                Field("year_joined", "integer", t("Year a source gives for joining.")),
                Field("code", "string", t("OGP's code for it in its commitment data.")),
                sources,
            ),
            [
                {"country": c.iso3, "name": m.name, "year_joined": m.year_joined,
                 "code": m.code, "sources": list(m.sources)}
                for c in countries for m in c.local_members
            ],
            ("country", "name"), (("country", "countries", "iso3"),),
            OGP_LICENCES[:1], OGP_ATTRIBUTION,
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
                Field("commitments", "string", t("OGP ids of the commitments it is about."),
                      True),
                Field("summary", "string", t("Short summary in the hub's own words.")),
                sources,
            ),
            [
                {
                    "slug": c.slug, "title": c.title, "year": c.year,
                    "countries": list(c.countries), "principles": list(c.principles),
                    "sectors": list(c.sectors), "objectives": list(c.objectives),
                    "commitments": list(c.commitments),
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


def indicator_table(model: Model, index: Index, t: Any, country: Field) -> Table:
    """One index's values (one table per index: each has its own licence)."""
    if index.licence:
        licences: tuple[dict[str, str], ...] = (
            {"title": index.licence, "path": index.licence_url or index.sources[0]},)
    else:
        licences = ({"title": t("Licence not stated by the publisher"),
                     "path": index.sources[0]},)
    values = sorted((v for c in model.countries.values() for v in c.indicators
                     if v.index == index.id), key=lambda v: (v.iso3, v.edition, v.measure))
    return Table(
        f"indicators-{index.id}", t("{index} values", index=index.title),
        index.summary + " " + (index.caveat or ""),
        (
            country,
            Field("measure", "string", t("What is measured: {measures}.",
                                         measures=", ".join(index.measures))),
            Field("edition", "string", t("The edition as published.")),
            Field("year", "integer", t("The year the data describes, where given.")),
            Field("published", "string", t("When the edition was published, where given.")),
            Field("value", "number", t("The score as published.")),
            Field("rank", "integer", t("Rank in the edition, where published.")),
            Field("rank_of", "integer", t("How many countries the edition ranked.")),
            Field("scale", "string", t("The scale of the value.")),
            Field("source", "string", t("Where the value was read.")),
        ),
        [
            {"country": v.iso3, "measure": v.measure, "edition": v.edition, "year": v.year,
             "published": v.published, "value": v.value, "rank": v.rank,
             "rank_of": v.rank_of, "scale": v.scale, "source": v.source}
            for v in values
        ],
        ("country", "measure", "edition"), (("country", "countries", "iso3"),),
        licences,
        ({"title": index.attribution or f"{index.publisher}, {index.title}",
          "path": index.sources[0]},),
    )
