"""The tags of case studies and guidance (principle and sector titles), one page each.

Material's tags plugin lists every tagged page under every tag on one page, which at
thousands of case studies is megabytes. Each tag gets its own listing page instead
(tags/<id>.md, holding the plugin's listing for that tag alone: a page's tag links to
it), and tags.md lists the tags with counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from odhub.data.model import Model


@dataclass(frozen=True)
class Topic:
    title: str  # the tag, as pages carry it
    path: str  # its listing page, docs-relative
    kind: str  # "principle" or "sector"
    pages: int  # how many case studies and guidance pages carry it


def topics(model: Model) -> list[Topic]:
    found = [Topic(p.title, f"tags/{p.id}.md", "principle",
                   len(model.case_studies_by_principle.get(p.id, ()))
                   + len(model.guidance_by_principle.get(p.id, ())))
             for p in model.principles.values()]
    taken = {topic.path for topic in found}
    for sector in model.sectors.values():
        # A sector whose id is also a principle's gets its own name.
        path = f"tags/{sector.id}.md"
        found.append(Topic(sector.title, f"tags/sector-{sector.id}.md" if path in taken
                           else path, "sector",
                           len(model.case_studies_by_sector.get(sector.id, ()))))
    return found
