"""Peer matching: which countries a country could learn from, and why, from the data alone.

A country "could learn" from a peer on a principle or sector when its own commitments
there are all not started or limited, while the peer completed or substantially completed
at least one commitment there. Same-hub neighbours follow. Matching is pure and
deterministic: the same model always gives the same peers in the same order.

`match(model)` computes every country's peers at once (`of(model)` keeps them per build);
`suggestions(...)` turns one country's peers into lines through the translator.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from odhub.data.model import Commitment, Country, Model, sort_key
from odhub.lang.translator import Translator

ACHIEVED = ("complete", "substantial")
BEHIND = ("not-started", "limited")
FACETS = ("principles", "sectors")
LEARN = "learn"
NEIGHBOUR = "neighbour"
MAX_LEARN = 5
MAX_NEIGHBOURS = 5
# A reason line names at most this many areas, then "and N more areas".
MAX_AREAS_NAMED = 2


@dataclass(frozen=True)
class Evidence:
    """One area (a principle or sector) where the peer is ahead of the country."""

    facet: str  # "principles" or "sectors"
    term: str  # the principle or sector id
    complete: int  # the peer's complete commitments there
    substantial: int  # the peer's substantially complete commitments there
    yours: str  # the country's most advanced status there: not-started or limited
    your_count: int  # how many commitments the country has there

    @property
    def achieved(self) -> int:
        return self.complete + self.substantial


@dataclass(frozen=True)
class Peer:
    iso3: str
    kind: str  # LEARN or NEIGHBOUR
    score: int
    evidence: tuple[Evidence, ...] = ()
    case_studies: int = 0


@dataclass(frozen=True)
class Suggestion:
    """A peer ready for a page: the country and its one-line reason (plain text)."""

    country: Country
    kind: str
    reason: str


def _live(country: Country) -> list[Commitment]:
    # A withdrawn commitment says nothing about what a country did or still needs.
    return [c for c in country.commitments if c.status != "withdrawn"]


def _gaps(country: Country) -> dict[tuple[str, str], tuple[str, int]]:
    """(facet, term) -> (most advanced status, count) where every commitment is behind."""
    statuses: dict[tuple[str, str], list[str]] = defaultdict(list)
    for commitment in _live(country):
        for facet in FACETS:
            for term in getattr(commitment, facet):
                statuses[(facet, term)].append(commitment.status)
    gaps = {}
    for area, found in statuses.items():
        if all(status in BEHIND for status in found):
            yours = "limited" if "limited" in found else "not-started"
            gaps[area] = (yours, len(found))
    return gaps


def _achievements(model: Model) -> dict[tuple[str, str], dict[str, tuple[int, int]]]:
    """(facet, term) -> {iso3: (complete, substantial)} for countries that achieved some."""
    index: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(dict)
    for country in model.countries.values():
        for commitment in _live(country):
            if commitment.status not in ACHIEVED:
                continue
            slot = 0 if commitment.status == "complete" else 1
            for facet in FACETS:
                for term in getattr(commitment, facet):
                    counts = index[(facet, term)].setdefault(country.iso3, [0, 0])
                    counts[slot] += 1
    return {area: {iso3: (c[0], c[1]) for iso3, c in by.items()} for area, by in index.items()}


def of(model: Model) -> dict[str, tuple[Peer, ...]]:
    """Every country's peers, matched once per model and kept with it."""
    if "peers" not in model.derived:
        model.derived["peers"] = match(model)
    return model.derived["peers"]  # type: ignore[return-value]


def match(model: Model, max_learn: int = MAX_LEARN,
          max_neighbours: int = MAX_NEIGHBOURS) -> dict[str, tuple[Peer, ...]]:
    """Every country's peers: first those to learn from, then same-hub neighbours.

    Within each kind, a higher score comes first, then the name (accent- and case-blind),
    then the ISO code, so the order never depends on file or dict order.
    """
    achievements = _achievements(model)
    case_counts = {iso3: len(cases) for iso3, cases in model.case_studies_by_country.items()}
    achieved_counts = {
        c.iso3: sum(1 for m in _live(c) if m.status in ACHIEVED)
        for c in model.countries.values()
    }

    def order(peer: Peer) -> tuple:
        country = model.countries[peer.iso3]
        return (-peer.score, sort_key(country.name), country.iso3)

    result: dict[str, tuple[Peer, ...]] = {}
    for country in model.countries_by_name:
        evidence: dict[str, list[Evidence]] = defaultdict(list)
        for (facet, term), (yours, your_count) in sorted(_gaps(country).items()):
            for iso3, (complete, substantial) in achievements.get((facet, term), {}).items():
                if iso3 != country.iso3:
                    evidence[iso3].append(Evidence(facet, term, complete, substantial,
                                                   yours, your_count))
        learn = sorted(
            (Peer(iso3, LEARN, _score(found), _strongest_first(found, model),
                  case_counts.get(iso3, 0)) for iso3, found in evidence.items()),
            key=order,
        )[:max_learn]
        taken = {peer.iso3 for peer in learn} | {country.iso3}
        neighbours = sorted(
            (Peer(other.iso3, NEIGHBOUR,
                  achieved_counts[other.iso3] + case_counts.get(other.iso3, 0),
                  case_studies=case_counts.get(other.iso3, 0))
             for other in (model.countries_by_hub.get(country.hub, []) if country.hub else [])
             if other.iso3 not in taken),
            key=order,
        )[:max_neighbours]
        result[country.iso3] = (*learn, *neighbours)
    return result


def _score(evidence: list[Evidence]) -> int:
    # A complete commitment teaches more than a substantial one.
    return sum(2 * e.complete + e.substantial for e in evidence)


def _strongest_first(evidence: list[Evidence], model: Model) -> tuple[Evidence, ...]:
    return tuple(sorted(evidence, key=lambda e: (-e.achieved, e.facet,
                                                 sort_key(_area_title(model, e)))))


def _area_title(model: Model, evidence: Evidence) -> str:
    terms = model.principles if evidence.facet == "principles" else model.sectors
    term = terms.get(evidence.term)
    return term.title if term else evidence.term


def explain(peer: Peer, model: Model, translator: Translator) -> str:
    """The one-line reason for a peer, built from its evidence through the translator."""
    _, _n = translator.gettext, translator.ngettext
    if peer.kind == NEIGHBOUR:
        country = model.countries[peer.iso3]
        hub = model.hubs[country.hub].name if country.hub in model.hubs else country.hub
        if peer.case_studies:
            return _n("also in the {hub} hub; featured in {count} case study",
                      "also in the {hub} hub; featured in {count} case studies",
                      peer.case_studies, hub=hub)
        return _("also in the {hub} hub", hub=hub)
    parts = [_explain_area(e, model, translator) for e in peer.evidence[:MAX_AREAS_NAMED]]
    rest = len(peer.evidence) - MAX_AREAS_NAMED
    if rest > 0:
        parts.append(_n("and {count} more area", "and {count} more areas", rest))
    return "; ".join(parts)


def _explain_area(evidence: Evidence, model: Model, translator: Translator) -> str:
    _, _n = translator.gettext, translator.ngettext
    area = _area_title(model, evidence)
    if evidence.complete and evidence.substantial:
        achievement = _("completed {complete} and substantially completed {substantial} "
                        "commitments on {area}", complete=evidence.complete,
                        substantial=evidence.substantial, area=area)
    elif evidence.complete:
        achievement = _n("completed {count} commitment on {area}",
                         "completed {count} commitments on {area}",
                         evidence.complete, area=area)
    else:
        achievement = _n("substantially completed {count} commitment on {area}",
                         "substantially completed {count} commitments on {area}",
                         evidence.substantial, area=area)
    status = _("not started") if evidence.yours == "not-started" else _("limited")
    return _n("{achievement}, where yours is {status}",
              "{achievement}, where yours are {status}",
              evidence.your_count, achievement=achievement, status=status)


def suggestions(model: Model, iso3: str, translator: Translator) -> list[Suggestion]:
    """One country's peers with their reasons, in the order match() gave them."""
    return [Suggestion(model.countries[peer.iso3], peer.kind, explain(peer, model, translator))
            for peer in of(model).get(iso3, ())]
