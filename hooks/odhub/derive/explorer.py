"""The case study explorer's data: one entry per case study with its facet values, and
the options of each filter. The page embeds both, so filtering needs no fetch (file://)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from odhub.data.model import CaseStudy, Country, Model, RegionalHub, Term, sort_key


@dataclass(frozen=True)
class Entry:
    """A case study as the explorer's script sees it: space-separated ids per facet."""

    case: CaseStudy
    hubs: tuple[str, ...]

    @property
    def facets(self) -> dict[str, str]:
        # Keys become data-* attribute names; the script matches whole tokens.
        return {
            "principles": " ".join(self.case.principles),
            "sectors": " ".join(self.case.sectors),
            "hubs": " ".join(self.hubs),
            "countries": " ".join(self.case.countries),
            "year": str(self.case.year),
        }


class Explorer:
    def __init__(self, model: Model) -> None:
        self.model = model

    @cached_property
    def entries(self) -> dict[str, Entry]:
        """src_uri -> entry, for every case study."""
        countries = self.model.countries
        return {
            case.src_uri: Entry(case, tuple(sorted({
                countries[iso3].hub for iso3 in case.countries
                if iso3 in countries and countries[iso3].hub})))
            for case in self.model.case_studies.values()
        }

    def options(self, facet: str) -> list[tuple[str, str]]:
        """(value, label) pairs for one filter: only values some case study has."""
        return {
            "principles": lambda: [(p.id, p.title) for p in self.principles],
            "sectors": lambda: [(s.id, s.title) for s in self.sectors],
            "hubs": lambda: [(h.id, h.name) for h in self.hubs],
            "countries": lambda: [(c.iso3, c.name) for c in self.countries],
            "year": lambda: [(str(y), str(y)) for y in self.years],
        }[facet]()

    def country_names(self, case: CaseStudy) -> list[str]:
        return [self.model.countries[iso3].name for iso3 in case.countries
                if iso3 in self.model.countries]

    @property
    def principles(self) -> list[Term]:
        used = self.model.case_studies_by_principle
        return [p for p in self.model.principles.values() if p.id in used]

    @property
    def sectors(self) -> list[Term]:
        used = self.model.case_studies_by_sector
        return sorted((s for s in self.model.sectors.values() if s.id in used),
                      key=lambda s: sort_key(s.title))

    @property
    def hubs(self) -> list[RegionalHub]:
        used = self.model.case_studies_by_hub
        return [h for h in self.model.hubs.values() if h.id in used]

    @property
    def countries(self) -> list[Country]:
        used = self.model.case_studies_by_country
        return [c for c in self.model.countries_by_name if c.iso3 in used]

    @property
    def years(self) -> list[int]:
        return sorted({c.year for c in self.model.case_studies.values()}, reverse=True)
