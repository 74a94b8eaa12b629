"""The model built from the bundled data matches the reference tables it came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub_edits import reference_rows
from odhub.data import load
from odhub.lang.names import display_name, search_names


@pytest.fixture(scope="module")
def model(repo_root: Path):
    return load(repo_root)


def test_every_reference_country_is_in_the_model(model) -> None:
    expected = {row["iso3"] for row in reference_rows("ogp_members.csv")}
    assert expected <= set(model.countries)


def test_join_years_match_the_reference(model) -> None:
    for row in reference_rows("ogp_members.csv"):
        country = model.countries[row["iso3"]]
        assert country.ogp is not None
        expected = int(row["year_joined"]) if row["year_joined"] else None
        assert country.ogp.member_since == expected, row["iso3"]


def test_charter_adoptions_match_the_reference(model) -> None:
    national = {r["iso3"] for r in reference_rows("charter_adopters.csv")
                if r["level"] == "national"}
    assert {c.iso3 for c in model.charter_adopters} == national
    assert model.countries["ARG"].charter is not None
    assert not model.countries["ARG"].charter.adopted  # only Buenos Aires city adopted
    assert [g.name for g in model.countries["ARG"].charter.local_governments] == [
        "Buenos Aires (city)"]


def test_ogp_facts_cite_the_pages_the_reference_read(model) -> None:
    # The schema only says some source is given; this checks it is the reference's own.
    for row in reference_rows("ogp_members.csv"):
        country = model.countries.get(row["iso3"])
        if country is None or country.ogp is None:
            continue
        cited = set(country.ogp.sources)
        expected = {u.strip() for u in row["source_url"].split(" ; ") if u.strip()}
        assert expected <= cited, row["iso3"]


def test_countries_by_hub_partitions_the_countries(model) -> None:
    grouped = model.countries_by_hub
    assert sum(len(v) for v in grouped.values()) == len(model.countries)
    assert [c.iso3 for c in grouped["francophone-africa"]] == ["BFA", "CIV", "SEN"]
    for hub_id, countries in grouped.items():
        assert all(c.hub == hub_id for c in countries)


def test_countries_sort_by_name_ignoring_accents(model) -> None:
    names = [c.name for c in model.countries_by_name]
    assert names.index("Côte d’Ivoire") < names.index("Croatia")


def test_display_names_come_from_cldr() -> None:
    assert display_name("KOR") == "South Korea"
    assert display_name("XKX") == "Kosovo"
    assert display_name("KOR", "fr") == "Corée du Sud"


def test_search_names_include_aliases_and_ascii() -> None:
    names = search_names("CIV", ("Ivory Coast",))
    assert "Ivory Coast" in names
    assert "Cote d'Ivoire" in names
    assert "Côte d’Ivoire" not in names  # the display name is not repeated


def _urls(cell: str) -> set[str]:
    return {u.strip() for u in cell.split(" ; ") if u.strip()}


def test_statuses_match_the_reference(model) -> None:
    rows = reference_rows("ogp_members.csv")
    assert len(rows) == len(model.countries) == 83
    for row in rows:
        ogp = model.countries[row["iso3"]].ogp
        assert ogp is not None
        assert (ogp.status or "") == row["status"], row["iso3"]
        assert (ogp.status_since or "") == row["status_since"], row["iso3"]
        assert _urls(row["status_source"]) == set(ogp.status_sources), row["iso3"]


def test_former_members_are_never_counted_as_current(model) -> None:
    former = {r["iso3"] for r in reference_rows("ogp_members.csv")
              if r["status"] in ("withdrawn", "removed-or-suspended")}
    assert former == {"TZA", "USA", "TUR", "TTO", "PAK", "SLV", "AZE", "GEO", "LKA"}
    current = {c.iso3 for c in model.current_members}
    assert not current & former
    assert "AFG" not in current  # no source settles its status
    assert "MLT" in current  # inactive is still a member
    assert len(current) == 73


def test_portals_and_local_members_match_the_reference(model) -> None:
    portals = reference_rows("portals.csv")
    bundled = {(c.iso3, p.url.removeprefix("http://")) for c in model.countries.values()
               for p in c.portals}
    assert {(r["iso3"], r["url"].removeprefix("http://")) for r in portals} == bundled
    assert len(model.countries["BGR"].portals) == 2
    local = reference_rows("ogp_local_members.csv")
    assert {(r["country_iso3"], r["name"]) for r in local} == {
        (c.iso3, m.name) for c in model.countries.values() for m in c.local_members}


def test_indicators_match_the_reference(model) -> None:
    rows = reference_rows("indicators.csv")
    values = {(v.iso3, v.measure, v.edition): v for c in model.countries.values()
              for v in c.indicators}
    assert len(values) == len(rows)
    for row in rows:
        value = values[(row["iso3"], row["indicator"], row["edition"])]
        assert value.value == (float(row["value"]) if row["value"] else None)
        assert value.rank == (int(row["rank"]) if row["rank"] else None)
        assert value.source == row["source_url"]
    assert model.indices["gdb"].licence is None  # the GDB names no licence
    assert model.indices["odb"].edition("ODB 1st edition").scaled


def test_commitments_are_tied_to_case_studies_both_ways(model) -> None:
    case = model.case_studies["case-studies/cote-divoire-data-gouv-ci.md"]
    assert case.commitments == ("CI0009",)
    assert model.case_studies_by_commitment["CI0009"] == [case]
