"""Index values (ODB, GDB, ODIN) arranged for pages: a country's values by edition, and
one edition's values across countries for the dashboard maps."""

from __future__ import annotations

from dataclasses import dataclass

from odhub.data.model import Country, Edition, Index, IndicatorValue, Model


@dataclass(frozen=True)
class EditionRow:
    """One edition of one index for one country: a value per measure (None: not given)."""

    edition: Edition
    values: tuple[IndicatorValue | None, ...]  # in the index's measure order
    notes: tuple[str, ...]

    @property
    def source(self) -> str:
        """Where this edition's values were read (the first, when they differ)."""
        return next(v.source for v in self.values if v)

    @property
    def year(self) -> int | None:
        found = [v.year for v in self.values if v and v.year]
        return found[0] if found else self.edition.year


@dataclass(frozen=True)
class IndexTable:
    index: Index
    measures: tuple[str, ...]  # measure ids with at least one value, the overall first
    rows: tuple[EditionRow, ...]  # in the index's edition order
    sources: tuple[str, ...]

    @property
    def scaled_editions(self) -> list[Edition]:
        return [row.edition for row in self.rows if row.edition.scaled]

    def overall(self) -> list[tuple[str, float]]:
        """(edition, overall score) for editions that publish one: the small chart."""
        first = self.index.overall
        return [(row.edition.id, row.values[0].value) for row in self.rows
                if self.measures and self.measures[0] == first and row.values[0]
                and row.values[0].value is not None]


def country_tables(model: Model, country: Country) -> list[IndexTable]:
    """A table per index the country has values of, in data/indices.yml order."""
    tables = []
    for index in model.indices.values():
        mine = [v for v in country.indicators if v.index == index.id]
        if not mine:
            continue
        measures = tuple(m for m in index.measures if any(v.measure == m for v in mine))
        rows = []
        for edition in index.editions:
            here = {v.measure: v for v in mine if v.edition == edition.id}
            if not here:
                continue
            rows.append(EditionRow(edition, tuple(here.get(m) for m in measures),
                                   tuple(dict.fromkeys(v.notes for v in here.values()
                                                       if v.notes))))
        sources = tuple(dict.fromkeys(v.source for v in mine))
        tables.append(IndexTable(index, measures, tuple(rows), sources))
    return tables


@dataclass(frozen=True)
class EditionMap:
    """One edition's overall scores across the hub's countries, for a dashboard map."""

    index: Index
    edition: Edition
    values: tuple[IndicatorValue, ...]  # countries A to Z

    @property
    def svg_id(self) -> str:
        return f"map-{self.index.id}-{self.edition.year or 'x'}"


def latest_scored_edition(model: Model, index_id: str) -> EditionMap | None:
    """The newest edition of an index with overall scores for several countries."""
    index = model.indices.get(index_id)
    if index is None:
        return None
    for edition in reversed(index.editions):
        values = tuple(v for c in model.countries_by_name for v in c.indicators
                       if v.measure == index.overall and v.edition == edition.id
                       and v.value is not None)
        if len(values) > 1:
            return EditionMap(index, edition, values)
    return None
