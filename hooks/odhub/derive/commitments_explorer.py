"""The commitments explorer: every commitment, filterable by OGP policy area, completion,
starred, regional hub, OGP member and action-plan year.

It must stay light at OGP's full size (about 5,000 commitments) and work without
JavaScript and from file://. So:

- without JavaScript it is a plain list split across pages of PAGE_SIZE commitments
  (commitments/index.md, then commitments/page-2.md, ...), country by country;
- with JavaScript, docs/assets/commitments.js loads commitments/data.js (a script, not a
  fetch, so file:// works): one compact row per commitment, numbers standing for facet
  values, and filters the whole set in the page, keeping the filters in the URL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property

from odhub.data.model import Commitment, Country, Model, sort_key
from odhub.derive.commitments import COMPLETION_GROUPS, completion_group

PAGE_SIZE = 200
TITLE_LIMIT = 120  # characters of a title in data.js; OGP titles run up to 600
DATA_FILE = "commitments/data.js"
INDEX_PAGE = "commitments/index.md"
FACETS = ("area", "completion", "starred", "hub", "member", "year")
NO_HUB = "none"
STARRED = ("starred", "not-starred", "not-rated")


def member_key(commitment: Commitment) -> str:
    """A filter value for the OGP member: the country's code, or the local member's."""
    if commitment.level == "local":
        return "local-" + (commitment.local_code or _slug(commitment.member))
    return commitment.iso3


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.casefold()).split())


def _shortened(title: str) -> str:
    if len(title) <= TITLE_LIMIT:
        return title
    return title[:TITLE_LIMIT].rsplit(" ", 1)[0] + "…"


def starred_key(commitment: Commitment) -> str:
    if commitment.irm.starred is None:
        return "not-rated"
    return "starred" if commitment.irm.starred else "not-starred"


@dataclass(frozen=True)
class ListPage:
    number: int
    path: str
    commitments: tuple[Commitment, ...]

    @property
    def first(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1


class CommitmentsExplorer:
    def __init__(self, model: Model) -> None:
        self.model = model

    @cached_property
    def ordered(self) -> list[Commitment]:
        """Country by country (A to Z), national plans then local, newest plan first."""
        return sorted(self.model.commitments.values(), key=lambda c: (
            sort_key(self.model.countries[c.iso3].name), c.level != "national",
            sort_key(c.member), -(c.action_plan.start or 0), c.id))

    @cached_property
    def pages(self) -> list[ListPage]:
        found = []
        for start in range(0, len(self.ordered), PAGE_SIZE):
            number = start // PAGE_SIZE + 1
            path = INDEX_PAGE if number == 1 else f"commitments/page-{number}.md"
            found.append(ListPage(number, path, tuple(self.ordered[start:start + PAGE_SIZE])))
        return found or [ListPage(1, INDEX_PAGE, ())]

    def hub_of(self, commitment: Commitment) -> str:
        return self.model.countries[commitment.iso3].hub or NO_HUB

    @cached_property
    def options(self) -> dict[str, list[tuple[str, str, int]]]:
        """facet -> (value, label, commitments with it) for values some commitment has."""
        commitments = self.ordered
        count: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        for c in commitments:
            for facet, values in self.values(c).items():
                for value in values:
                    count[facet][value] = count[facet].get(value, 0) + 1
        areas = [(a.id, a.title) for a in sorted(self.model.policy_areas.values(),
                                                 key=lambda a: sort_key(a.title))]
        hubs = [(h.id, h.name) for h in self.model.hubs.values()] + [(NO_HUB, "")]
        members: dict[str, str] = {}
        for c in commitments:
            members.setdefault(member_key(c), c.member)
        member_list = sorted(members.items(), key=lambda kv: sort_key(kv[1]))
        years = sorted(count["year"], reverse=True)
        labelled = {
            "area": areas,
            "completion": [(g, g) for g in COMPLETION_GROUPS],
            "starred": [(s, s) for s in STARRED],
            "hub": hubs,
            "member": member_list,
            "year": [(y, y) for y in years],
        }
        return {facet: [(value, label, count[facet][value]) for value, label in pairs
                        if count[facet].get(value)]
                for facet, pairs in labelled.items()}

    def values(self, c: Commitment) -> dict[str, tuple[str, ...]]:
        return {
            "area": c.policy_areas,
            "completion": (completion_group(c),),
            "starred": (starred_key(c),),
            "hub": (self.hub_of(c),),
            "member": (member_key(c),),
            "year": (str(c.action_plan.start),) if c.action_plan.start else (),
        }

    def country(self, commitment: Commitment) -> Country:
        return self.model.countries[commitment.iso3]

    def data_script(self, labels: dict[str, dict[str, str]]) -> str:
        """commitments/data.js: facets and one compact row per commitment.

        A row is [id, title, country, member, hub, year, completion, starred, [areas]];
        the numbers point into the lists under "facets" and "countries". No OGP address:
        each row links the commitment on its country page, which links OGP's page (the
        file stays near 100 bytes a commitment).
        """
        facets = {facet: [[value, labels.get(facet, {}).get(value, label), n]
                          for value, label, n in options]
                  for facet, options in self.options.items()}
        position = {facet: {value: i for i, (value, _label, _n) in enumerate(options)}
                    for facet, options in self.options.items()}
        countries = sorted({c.iso3 for c in self.ordered},
                           key=lambda iso3: sort_key(self.model.countries[iso3].name))
        country_index = {iso3: i for i, iso3 in enumerate(countries)}
        rows = []
        for c in self.ordered:
            values = self.values(c)
            rows.append([
                c.id, _shortened(c.english_title), country_index[c.iso3],
                position["member"][member_key(c)], position["hub"][self.hub_of(c)],
                position["year"][values["year"][0]] if values["year"] else -1,
                position["completion"][values["completion"][0]],
                position["starred"][values["starred"][0]],
                [position["area"][a] for a in c.policy_areas if a in position["area"]],
            ])
        payload = {
            "facets": facets,
            "countries": [[iso3, self.model.countries[iso3].name,
                           self.model.countries[iso3].slug] for iso3 in countries],
            "rows": rows,
        }
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        # JSON inside a script: "</" would end a <script> element if inlined one day.
        return "window.odhubCommitments=" + body.replace("</", "<\\/") + ";\n"
