"""Peer matching on a small model built here: reasons true to the data, stable order, and
the page section citing commitments; then the bundled data's peers."""

from __future__ import annotations

import random

import pytest

from odhub import load
from odhub.data.model import (
    Commitment,
    Country,
    IrmRatings,
    Model,
    OgpParticipation,
    Organisation,
    PlanRef,
    PolicyArea,
    RegionalHub,
)
from odhub.derive import peers
from odhub.lang.translator import Translator
from odhub.render.markdown import render
from odhub.render.ogp_labels import Labels

T = Translator("en")
AREAS = {"data": "Open Data", "budget": "Fiscal Openness", "courts": "Justice"}


def commitment(cid: str, iso3: str, completion: str | None, areas=("data",),
               starred: bool | None = None) -> Commitment:
    return Commitment(id=cid, iso3=iso3, member=iso3, action_plan=PlanRef("2016-2018", 2016),
                      title=f"Title of {cid}", policy_areas=tuple(areas),
                      sources=("https://example.org/",), source_file="x.yml",
                      irm=IrmRatings(completion=completion, starred=starred),
                      url=f"https://example.org/{cid}")


def country(iso3: str, name: str, hub: str | None, *commitments: Commitment,
            status: str = "participating") -> Country:
    return Country(iso3=iso3, iso2=None, numeric=None, name=name, official_name=None,
                   also_known_as=(), hub=hub, sources=("https://example.org/",),
                   as_of="2020", source_file=f"data/countries/{iso3.lower()}.yml",
                   ogp=OgpParticipation(("https://example.org/",), "2020", 2011,
                                        status=status,
                                        status_since="2017-07" if status == "withdrawn"
                                        else None),
                   commitments=commitments)


def hub(hub_id: str, name: str, *languages: str) -> RegionalHub:
    org = Organisation(name=name, role="", confirmed_hub=True, sources=(),
                       languages_observed=languages)
    return RegionalHub(id=hub_id, name=name, region=name, summary="", organisations=(org,),
                       sources=(), as_of="2020", source_file=f"data/hubs/{hub_id}.yml")


def make_model(countries: list[Country]) -> Model:
    return Model(
        countries={c.iso3: c for c in countries},
        hubs={"north": hub("north", "Northern", "en"), "south": hub("south", "Southern", "en"),
              "west": hub("west", "Western", "fr")},
        principles={}, objectives={}, sectors={}, audiences={},
        policy_areas={a: PolicyArea(a, title, "") for a, title in AREAS.items()},
    )


# Aaa is behind on Open Data (limited) and has nothing on Fiscal Openness or Justice.
# Bbb completed one Open Data commitment and substantially completed one on the budget.
# Ccc completed one starred Justice commitment. Ddd is ahead on Open Data (complete).
# Eee has commitments with no rating; Fff withdrew from OGP but completed one on data.
FIXTURE = [
    country("AAA", "Aaa", "north", commitment("AA0001", "AAA", "limited")),
    country("BBB", "Bbb", "south", commitment("BB0001", "BBB", "complete"),
            commitment("BB0002", "BBB", "substantial", areas=("budget",))),
    country("CCC", "Ccc", "west", commitment("CC0001", "CCC", "complete", areas=("courts",),
                                             starred=True)),
    country("DDD", "Ddd", "north", commitment("DD0001", "DDD", "complete")),
    country("EEE", "Eee", "north", commitment("EE0001", "EEE", None),
            commitment("EE0002", "EEE", "not-assessed", areas=("budget",))),
    country("FFF", "Fff", "west", commitment("FF0001", "FFF", "substantial"),
            status="withdrawn"),
]


def peer_ids(model: Model, iso3: str) -> list[str]:
    return [p.iso3 for p in peers.of(model)[iso3]]


def test_every_citation_is_true_to_the_data() -> None:
    model = make_model(FIXTURE)
    checked = 0
    for iso3, found in peers.of(model).items():
        me = model.countries[iso3]
        mine = peers.standing_by_area(me)
        for peer in found:
            assert peer.iso3 != iso3
            for citation in peer.citations:
                c = citation.commitment
                assert c.iso3 == peer.iso3 and c.achieved
                for area, here in citation.areas:
                    assert area in c.policy_areas
                    mine_there = [m for m in me.commitments if area in m.policy_areas]
                    if here == peers.NONE_HERE:
                        assert not mine_there
                    else:
                        assert here == peers.BEHIND_HERE and mine[area] == "behind"
                        assert {m.completion for m in mine_there} & {"not-started", "limited"}
                        assert not any(m.achieved for m in mine_there)
                    checked += 1
    assert checked >= 8


def test_who_learns_from_whom() -> None:
    model = make_model(FIXTURE)
    # Aaa: Bbb's complete commitment answers a gap (x2) = 4, plus the budget one (1) = 5;
    # Ccc's starred complete Justice commitment = 4; Ddd's complete data one = 4; Fff's
    # substantial data one answers a gap = 2.
    assert [(p.iso3, p.score) for p in peers.of(model)["AAA"]] == [
        ("BBB", 5), ("DDD", 4), ("CCC", 4), ("FFF", 2)]
    # Ddd is ahead on Open Data: only the areas it has nothing in count.
    assert peer_ids(model, "DDD") == ["CCC", "BBB"]
    # Eee's commitments are not rated: those areas count for nothing either way.
    assert peer_ids(model, "EEE") == ["CCC"]


def test_ties_go_to_the_same_hub_then_a_shared_language_then_the_name() -> None:
    model = make_model(FIXTURE)
    ddd, ccc = peers.of(model)["AAA"][1], peers.of(model)["AAA"][2]
    assert ddd.score == ccc.score
    assert ddd.same_hub and not ccc.same_hub  # Ddd shares Aaa's hub
    # Without the hub: Yyy (hub language en, like Aaa's) before Xxx (fr), despite names.
    model = make_model([
        country("AAA", "Aaa", "north", commitment("AA0001", "AAA", "limited")),
        country("XXX", "Xxx", "west", commitment("XX0001", "XXX", "complete")),
        country("YYY", "Yyy", "south", commitment("YY0001", "YYY", "complete")),
        country("ZZZ", "Zzz", "south", commitment("ZZ0001", "ZZZ", "complete")),
    ])
    assert peer_ids(model, "AAA") == ["YYY", "ZZZ", "XXX"]
    assert peers.of(model)["AAA"][0].shared_languages == ("en",)


def test_starred_commitments_weigh_more() -> None:
    plain = make_model([
        country("AAA", "Aaa", "north"),
        country("BBB", "Bbb", "north", commitment("BB0001", "BBB", "complete")),
        country("CCC", "Ccc", "north", commitment("CC0001", "CCC", "complete", starred=True)),
    ])
    assert peer_ids(plain, "AAA") == ["CCC", "BBB"]


def test_former_members_can_be_peers_and_the_page_says_so() -> None:
    model = make_model(FIXTURE)
    assert "FFF" in peer_ids(model, "AAA")
    section = render("_peers.md.j2", model.countries["AAA"].page, T, model=model,
                     country=model.countries["AAA"], labels=Labels(T),
                     peers=peers.suggestions(model, "AAA"))
    assert "**[Fff](fff.md)** (former OGP member: withdrew in July 2017)" in section
    # Every peer names its commitments with their id, title, rating and OGP page.
    assert "[BB0001](bbb.md#bb0001) Title of BB0001 (complete; [OGP page]" in section
    assert "(yours are behind)" in section and "(none of yours yet)" in section
    assert "a shared regional hub first, then by a hub that works in the same language" \
        in section


def test_order_does_not_depend_on_input_order() -> None:
    expected = peers.of(make_model(FIXTURE))
    for seed in range(5):
        shuffled = FIXTURE[:]
        random.Random(seed).shuffle(shuffled)
        assert peers.of(make_model(shuffled)) == expected


def test_no_peer_gets_a_sentence_and_a_link() -> None:
    model = make_model([country("AAA", "Aaa", "north",
                                commitment("AA0001", "AAA", "complete")),
                        country("BBB", "Bbb", None)])
    assert peer_ids(model, "AAA") == []
    section = render("_peers.md.j2", model.countries["AAA"].page, T, model=model,
                     country=model.countries["AAA"], labels=Labels(T),
                     peers=peers.suggestions(model, "AAA"))
    assert "No peer can be suggested for Aaa" in section
    assert "(../policy-areas/index.md)" in section


@pytest.fixture(scope="module")
def bundled(repo_root) -> Model:
    return load(repo_root)


def test_most_countries_with_commitments_get_peers_citing_ids(bundled: Model) -> None:
    with_commitments = [c for c in bundled.countries.values() if c.commitments]
    with_peers = [c for c in with_commitments if peers.of(bundled)[c.iso3]]
    assert len(with_peers) > len(with_commitments) / 2
    for c in with_peers:
        for peer in peers.of(bundled)[c.iso3]:
            assert peer.citations and all(cit.commitment.id in bundled.commitments
                                          for cit in peer.citations)
