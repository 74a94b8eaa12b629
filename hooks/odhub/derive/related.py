"""Cross-links between case studies, guidance, countries, principles and sectors.

Each function ranks by how much two records share (principles count double: they are the
Charter's organising idea), then by title, so the links on a page never shuffle between
builds.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from odhub.data.model import CaseStudy, Commitment, Country, Guidance, Model, RegionalHub, sort_key
from odhub.derive.commitments import AreaView

MAX_SIMILAR = 4
MAX_GUIDANCE = 5
MAX_CASES = 6


def _ranked(scores: Counter, limit: int, records: Mapping | None = None) -> list:
    """The best `limit` by score, then title; scores are keyed by record, or by src_uri
    when `records` maps src_uri to record."""
    # No full sort of every candidate: most records share a principle with most others,
    # and sorting them all on every page made the build quadratic. Only records scoring
    # at least the limit-th best score can be chosen; the rest are skipped in one pass.
    best = heapq.nlargest(limit, scores.values())
    if not best:
        return []
    floor = max(best[-1], 1)
    by_score: dict[int, list] = defaultdict(list)
    for key in [key for key, score in scores.items() if score >= floor]:
        by_score[scores[key]].append(key if records is None else records[key])
    chosen: list = []
    for score in sorted(by_score, reverse=True):
        chosen += heapq.nsmallest(limit - len(chosen), by_score[score],
                                  key=lambda item: (sort_key(item.title), item.src_uri))
        if len(chosen) >= limit:
            break
    return chosen


def similar_case_studies(model: Model, case: CaseStudy,
                         limit: int = MAX_SIMILAR) -> list[CaseStudy]:
    """Other case studies sharing principles or sectors with this one."""
    scores = _case_scores(model, case.principles, model.case_studies_by_sector, case.sectors)
    scores.pop(case.src_uri, None)
    return _ranked(scores, limit, model.case_studies)


def guidance_for_principles(model: Model, principles: Iterable[str],
                            limit: int = MAX_GUIDANCE) -> list[Guidance]:
    """Guidance pages covering the most of the given principles."""
    scores: Counter[Guidance] = Counter()
    for principle in set(principles):
        for guide in model.guidance_by_principle.get(principle, []):
            scores[guide] += 1
    return _ranked(scores, limit)


def case_studies_for_guidance(model: Model, guide: Guidance,
                              limit: int = MAX_CASES) -> list[CaseStudy]:
    """Case studies that share the guidance page's principles or objectives."""
    scores = _case_scores(model, guide.principles, model.case_studies_by_objective,
                          guide.objectives)
    return _ranked(scores, limit, model.case_studies)


def _case_scores(model: Model, principles: Iterable[str],
                 by_facet: dict[str, list[CaseStudy]], facets: Iterable[str]) -> Counter[str]:
    """Case studies scored by shared principles (counting double) and one other facet.

    Counted by src_uri with Counter.update (C speed; a record's hash is slow): this runs
    for every case study over most of the others."""
    scores: Counter[str] = Counter()
    for principle in principles:
        uris = [case.src_uri for case in model.case_studies_by_principle.get(principle, [])]
        scores.update(uris)
        scores.update(uris)  # principles count double
    for facet in facets:
        scores.update([case.src_uri for case in by_facet.get(facet, [])])
    return scores


def countries_in(model: Model, cases: Iterable[CaseStudy]) -> list[Country]:
    """The countries the case studies are about, A to Z."""
    codes = {iso3 for case in cases for iso3 in case.countries}
    return [c for c in model.countries_by_name if c.iso3 in codes]


def countries_committed_in_sector(model: Model, sector: str) -> list[Country]:
    return [c for c in model.countries_by_name
            if any(sector in m.sectors for m in c.commitments)]


def areas_of(model: Model, term: str, facet: str) -> list[str]:
    """Policy areas with commitments that our grouping links to a principle or sector."""
    slot = 0 if facet == "principles" else 1
    return [area for area, grouped in model.area_mapping.items()
            if term in grouped[slot] and area in model.commitments_by_area]


def commitments_in_sector(model: Model, sector: str) -> list[Commitment]:
    """The sector's commitments through our grouping, achieved and starred first."""
    found = [c for c in model.commitments.values() if sector in c.sectors]
    return sorted(found, key=lambda c: (not c.achieved, not c.starred,
                                        -(c.action_plan.start or 0), c.id))


def case_studies_for_area(model: Model, view: AreaView, limit: int = MAX_CASES
                          ) -> list[CaseStudy]:
    """Case studies naming a commitment of the area, then those about its countries that
    share a principle our grouping links to the area."""
    named = {case.src_uri: case for c in view.commitments
             for case in model.case_studies_by_commitment.get(c.id, [])}
    countries = {row.country.iso3 for row in view.countries}
    nearby = {case.src_uri: case for iso3 in countries
              for case in model.case_studies_by_country.get(iso3, [])
              if set(case.principles) & set(view.principles) and case.src_uri not in named}
    first = sorted(named.values(), key=lambda c: sort_key(c.title))
    rest = sorted(nearby.values(), key=lambda c: sort_key(c.title))
    return (first + rest)[:limit]


def principles_of_country(model: Model, country: Country) -> list[str]:
    """Principles its commitments target, else those of its case studies."""
    found = [p for m in country.commitments for p in m.principles]
    if not found:
        found = [p for case in model.case_studies_by_country.get(country.iso3, [])
                 for p in case.principles]
    return sorted(set(found))


def guidance_for_country(model: Model, country: Country) -> list[Guidance]:
    return guidance_for_principles(model, principles_of_country(model, country))


def guidance_for_hub(model: Model, hub: RegionalHub) -> list[Guidance]:
    cases = model.case_studies_by_hub.get(hub.id, [])
    return guidance_for_principles(model, (p for case in cases for p in case.principles))


def guidance_for_cases(model: Model, cases: Iterable[CaseStudy]) -> list[Guidance]:
    return guidance_for_principles(model, (p for case in cases for p in case.principles))
