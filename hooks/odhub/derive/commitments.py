"""Views of OGP commitments that pages share: a country's commitments by action plan, a
policy area's commitments and countries, and the totals the dashboard charts.

Pure functions of the model. Every total counts each commitment once; counts by policy
area count a commitment once under each of its areas (pages say so).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from odhub.data.model import ACHIEVED, Commitment, Country, Model, PolicyArea, RegionalHub, sort_key

# Commitments an area page lists in full; beyond it, the page points to the explorer.
AREA_LIST_LIMIT = 100
COMPLETED_LIMIT = 50
# Completion groups the dashboard counts: the IRM's scale, then everything unrated.
UNRATED = "unrated"
COMPLETION_GROUPS = ("complete", "substantial", "limited", "not-started", UNRATED)


@dataclass(frozen=True)
class PlanGroup:
    """One action plan of one member (the country, or one of its OGP Local members)."""

    member: str
    level: str
    label: str
    years: str | None
    commitments: tuple[Commitment, ...]

    @property
    def anchor(self) -> str:
        first = self.commitments[0]
        return f"plan-{first.anchor}"


def plan_groups(country: Country) -> list[PlanGroup]:
    """National plans first, newest first; then each OGP Local member's plans."""
    groups: dict[tuple, list[Commitment]] = {}
    for commitment in country.commitments:
        key = (commitment.level != "national", sort_key(commitment.member),
               commitment.member, commitment.level, commitment.action_plan.label)
        groups.setdefault(key, []).append(commitment)
    ordered = sorted(groups.items(), key=lambda item: (
        item[0][0], item[0][1], tuple(-x if isinstance(x, int) else x
                                      for x in item[1][0].action_plan.key)))
    return [PlanGroup(member=key[2], level=key[3], label=key[4],
                      years=items[0].action_plan.years,
                      commitments=tuple(sorted(items, key=lambda c: c.id)))
            for key, items in ordered]


def completion_group(commitment: Commitment) -> str:
    value = commitment.irm.completion
    return value if value in COMPLETION_GROUPS else UNRATED


def best_first(commitments: list[Commitment]) -> list[Commitment]:
    """Starred first, then complete before substantial, newest plan first, then by id."""
    return sorted(commitments, key=lambda c: (
        not c.starred, c.irm.completion != "complete", -(c.action_plan.start or 0), c.id))


@dataclass(frozen=True)
class Tally:
    """Commitments of a group (a hub, an area, a year) counted by completion, and stars."""

    label: str
    by_completion: dict[str, int]
    starred: int
    link: str | None = None  # page the row links to

    @property
    def total(self) -> int:
        return sum(self.by_completion.values())

    @property
    def achieved(self) -> int:
        return sum(self.by_completion[c] for c in ACHIEVED)


def tally(label: str, commitments: list[Commitment], link: str | None = None) -> Tally:
    counts = Counter(completion_group(c) for c in commitments)
    return Tally(label, {g: counts[g] for g in COMPLETION_GROUPS},
                 sum(1 for c in commitments if c.starred), link)


@dataclass(frozen=True)
class AreaCountry:
    country: Country
    commitments: tuple[Commitment, ...]

    @property
    def achieved(self) -> int:
        return sum(1 for c in self.commitments if c.achieved)


@dataclass(frozen=True)
class AreaView:
    """What a policy area page shows."""

    area: PolicyArea
    commitments: tuple[Commitment, ...]  # best first
    countries: tuple[AreaCountry, ...]  # A to Z
    principles: tuple[str, ...]  # our editorial grouping
    sectors: tuple[str, ...]

    @property
    def completed(self) -> list[Commitment]:
        return [c for c in self.commitments if c.achieved]

    @property
    def listed(self) -> tuple[Commitment, ...]:
        return self.commitments[:AREA_LIST_LIMIT]

    @property
    def page(self) -> str:
        return area_page(self.area.id)


def area_page(area_id: str) -> str:
    return f"policy-areas/{area_id}.md"


class CommitmentViews:
    """Everything pages and the dashboard derive from commitments, once per build."""

    def __init__(self, model: Model) -> None:
        self.model = model

    @cached_property
    def areas(self) -> dict[str, AreaView]:
        """Policy areas that have commitments, in the vocabulary's order."""
        views = {}
        by_area = self.model.commitments_by_area
        for area in self.model.policy_areas.values():
            commitments = by_area.get(area.id)
            if not commitments:
                continue
            per_country: dict[str, list[Commitment]] = {}
            for commitment in commitments:
                per_country.setdefault(commitment.iso3, []).append(commitment)
            countries = tuple(AreaCountry(c, tuple(per_country[c.iso3]))
                              for c in self.model.countries_by_name if c.iso3 in per_country)
            principles, sectors = self.model.area_mapping.get(area.id, ((), ()))
            views[area.id] = AreaView(area, tuple(best_first(commitments)), countries,
                                      principles, sectors)
        return views

    @cached_property
    def by_hub(self) -> list[Tally]:
        rows = []
        for hub in self.model.hubs.values():
            members = self.model.countries_by_hub.get(hub.id, [])
            rows.append(tally(hub.name, [m for c in members for m in c.commitments],
                              hub.page))
        rows.append(tally("", [m for c in self.model.countries_by_hub.get(None, [])
                               for m in c.commitments]))
        return [r for r in rows if r.total]

    def hub_tally(self, hub: RegionalHub) -> Tally:
        members = self.model.countries_by_hub.get(hub.id, [])
        return tally(hub.name, [m for c in members for m in c.commitments], hub.page)

    @cached_property
    def by_area(self) -> list[Tally]:
        """Areas by number of commitments, most first (then by title)."""
        rows = [tally(view.area.title, list(view.commitments), view.page)
                for view in self.areas.values()]
        return sorted(rows, key=lambda r: (-r.total, sort_key(r.label)))

    @cached_property
    def by_year(self) -> list[tuple[int, int]]:
        """(first year of the action plan, commitments) for every year with some."""
        counts = Counter(c.action_plan.start for c in self.model.commitments.values()
                         if c.action_plan.start)
        return sorted(counts.items())

    @cached_property
    def undated(self) -> list[Commitment]:
        return [c for c in self.model.commitments.values() if not c.action_plan.start]

    @cached_property
    def total(self) -> Tally:
        return tally("", list(self.model.commitments.values()))

    @cached_property
    def countries_with_commitments(self) -> list[Country]:
        return [c for c in self.model.countries_by_name if c.commitments]
