"""The richest record of each kind in a hub: the page of its kind with the most to show
(the widest tables, the longest lists), which layout, accessibility and engine checks and
the screenshot script take as that kind's sample."""

from __future__ import annotations

from dataclasses import dataclass

from odhub.data.model import CaseStudy, Country, Guidance, Model, RegionalHub, Term


@dataclass(frozen=True)
class Richest:
    country: Country  # most commitments, then indicators, then case studies
    hub: RegionalHub  # most countries
    case_study: CaseStudy  # most countries
    guidance: Guidance  # most principles
    sector: Term  # most case studies


def richest(model: Model) -> Richest:
    """Ties go to the last id in sort order, so the choice is stable from run to run."""
    return Richest(
        country=max(model.countries.values(),
                    key=lambda c: (len(c.commitments), len(c.indicators),
                                   len(model.case_studies_by_country.get(c.iso3, ())),
                                   c.iso3)),
        hub=max(model.hubs.values(),
                key=lambda h: (len(model.countries_by_hub.get(h.id, ())), h.id)),
        case_study=max(model.case_studies.values(),
                       key=lambda c: (len(c.countries), c.src_uri)),
        guidance=max(model.guidance.values(), key=lambda g: (len(g.principles), g.src_uri)),
        sector=max(model.sectors.values(),
                   key=lambda s: (len(model.case_studies_by_sector.get(s.id, ())), s.id)),
    )


def page_per_template(model: Model) -> dict[str, str]:
    """One page (docs path) of every page template: the richest of its kind, so its wide
    tables and long names are there. A news post is named by the address the blog plugin
    gives it (news/<slug>/index.md)."""
    found = richest(model)
    country, hub, case, guide, sector = (found.country, found.hub, found.case_study,
                                         found.guidance, found.sector)
    return {
        "home": "index.md",
        "countries index": "countries/index.md",
        "country": country.page,
        "hubs index": "hubs/index.md",
        "hub": hub.page,
        "learn": "learn/index.md",
        "principles index": "principles/index.md",
        "principle": f"principles/{next(iter(model.principles))}.md",
        "sectors index": "sectors/index.md",
        "sector": f"sectors/{sector.id}.md",
        "objectives index": "objectives/index.md",
        "objective": f"objectives/{next(iter(model.objectives))}.md",
        "case study explorer": "case-studies/index.md",
        "case study": case.src_uri,
        "guidance index": "guidance/index.md",
        "guidance": guide.src_uri,
        "tags": "tags.md",
        "peer learning": "peer-learning.md",
        "events": "events/index.md",
        "monitor": "monitor/index.md",
        "commitments": "commitments/index.md",
        "policy areas index": "policy-areas/index.md",
        "open data": "data/index.md",
        "news": "news/index.md",
        **({"news post": f"{model.posts[0].page}index.md"} if model.posts else {}),
        "contribute": "contribute/index.md",
        "contribute with commands": "contribute/country.md",
        "data field reference": "contribute/data-fields.md",
        "performance": "contribute/performance.md",
        "about": "about.md",
        "accessibility": "accessibility.md",
    }
