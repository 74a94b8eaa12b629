"""Peer matching from real OGP commitments: who a country could learn from, and why.

A peer is a country that completed or substantially completed commitments (as the IRM
rated them) in an OGP policy area where this country's own commitments are behind (rated
not started or limited, none done), or where it has no commitment at all: that is what a
government drafting its next action plan needs. Areas where the country's commitments are
not yet rated say nothing either way, and are left out.

Order: a peer scores the weight of each commitment it is cited for: 2 for complete, 1 for
substantial, doubled when the IRM starred it, and doubled again when it answers an area
where this country is behind (not merely absent). Ties go to a country of the same
regional hub, then to one whose hub works in a language this country's hub uses, then to
the name (accent- and case-blind) and the ISO code. The same model always gives the same
peers in the same order. Former OGP members can be peers: what they did is real.

`of(model)` computes every country's peers once per model; `suggestions(...)` gives one
country's peers ready for a template.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from odhub.data.model import ACHIEVED, Commitment, Country, Model, sort_key

MAX_PEERS = 5
MAX_CITED = 3  # commitments named per peer; the rest are counted
BEHIND = ("not-started", "limited")
# How this country stands in an area where a peer achieved something.
BEHIND_HERE = "behind"
NONE_HERE = "none"


@dataclass(frozen=True)
class Citation:
    """One of the peer's commitments, and the areas where it answers this country's gaps."""

    commitment: Commitment
    areas: tuple[tuple[str, str], ...]  # (policy area id, BEHIND_HERE or NONE_HERE)

    @property
    def answers_a_gap(self) -> bool:
        return any(status == BEHIND_HERE for _, status in self.areas)


@dataclass(frozen=True)
class Peer:
    iso3: str
    score: int
    citations: tuple[Citation, ...]  # strongest first
    same_hub: bool
    shared_languages: tuple[str, ...]


@dataclass(frozen=True)
class Suggestion:
    """A peer ready for a page: the country, the commitments it is cited for, and why."""

    country: Country
    peer: Peer

    @property
    def cited(self) -> tuple[Citation, ...]:
        return self.peer.citations[:MAX_CITED]

    @property
    def more(self) -> int:
        return max(len(self.peer.citations) - MAX_CITED, 0)


def weight(commitment: Commitment) -> int:
    """What a commitment counts for: complete twice substantial, starred double."""
    base = 2 if commitment.irm.completion == "complete" else 1
    return base * 2 if commitment.starred else base


def standing_by_area(country: Country) -> dict[str, str]:
    """Policy area -> 'achieved', BEHIND_HERE or 'unrated', for areas the country has
    commitments in. Areas it has none in are absent."""
    found: dict[str, set[str]] = defaultdict(set)
    for commitment in country.commitments:
        for area in commitment.policy_areas:
            found[area].add(commitment.irm.completion or "")
    standing = {}
    for area, completions in found.items():
        if completions & set(ACHIEVED):
            standing[area] = "achieved"
        elif completions & set(BEHIND):
            standing[area] = BEHIND_HERE
        else:
            standing[area] = "unrated"
    return standing


def _achievements(model: Model) -> dict[str, dict[str, list[Commitment]]]:
    """Policy area -> {iso3: that country's achieved commitments there}."""
    index: dict[str, dict[str, list[Commitment]]] = defaultdict(lambda: defaultdict(list))
    for commitment in model.commitments.values():
        if commitment.achieved:
            for area in commitment.policy_areas:
                index[area][commitment.iso3].append(commitment)
    return index


def languages_of(model: Model, country: Country) -> frozenset[str]:
    """Languages seen on the sites of the country's hub organisations (od4d_hubs.csv)."""
    hub = model.hubs.get(country.hub or "")
    if hub is None:
        return frozenset()
    return frozenset(lang for org in hub.organisations for lang in org.languages_observed)


def of(model: Model) -> dict[str, tuple[Peer, ...]]:
    """Every country's peers, matched once per model and kept with it."""
    if "peers" not in model.derived:
        model.derived["peers"] = match(model)
    return model.derived["peers"]  # type: ignore[return-value]


def match(model: Model, limit: int = MAX_PEERS) -> dict[str, tuple[Peer, ...]]:
    """Every country's peers, best first."""
    achievements = _achievements(model)
    languages = {iso3: languages_of(model, c) for iso3, c in model.countries.items()}
    result: dict[str, tuple[Peer, ...]] = {}
    for country in model.countries_by_name:
        standing = standing_by_area(country)
        # peer iso3 -> commitment id -> (commitment, [(area, how this country stands)])
        cited: dict[str, dict[str, tuple[Commitment, list[tuple[str, str]]]]] = \
            defaultdict(dict)
        for area, by_country in achievements.items():
            here = standing.get(area, NONE_HERE)
            if here not in (BEHIND_HERE, NONE_HERE):
                continue
            for iso3, commitments in by_country.items():
                if iso3 == country.iso3:
                    continue
                for commitment in commitments:
                    entry = cited[iso3].setdefault(commitment.id, (commitment, []))
                    entry[1].append((area, here))
        peers = []
        for iso3, entries in cited.items():
            citations = tuple(sorted(
                (Citation(c, tuple(sorted(areas, key=lambda a: (a[1] != BEHIND_HERE,
                                                                 _area_title(model, a[0])))))
                 for c, areas in entries.values()),
                key=lambda cit: (-_value(cit), cit.commitment.id)))
            other = model.countries[iso3]
            peers.append(Peer(
                iso3=iso3, score=sum(_value(cit) for cit in citations), citations=citations,
                same_hub=bool(country.hub) and other.hub == country.hub,
                shared_languages=tuple(sorted(languages[iso3] & languages[country.iso3]))))
        peers.sort(key=lambda p: (-p.score, not p.same_hub, not p.shared_languages,
                                  sort_key(model.countries[p.iso3].name), p.iso3))
        result[country.iso3] = tuple(peers[:limit])
    return result


def _value(citation: Citation) -> int:
    return weight(citation.commitment) * (2 if citation.answers_a_gap else 1)


def _area_title(model: Model, area: str) -> str:
    found = model.policy_areas.get(area)
    return sort_key(found.title) if found else area


def suggestions(model: Model, iso3: str) -> list[Suggestion]:
    """One country's peers, in the order match() gave them."""
    return [Suggestion(model.countries[peer.iso3], peer) for peer in of(model).get(iso3, ())]
