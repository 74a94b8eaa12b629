"""The pages the hub generates from its data: one function, a list of (path, Markdown)."""

from __future__ import annotations

from dataclasses import dataclass

from odhub.data import vocab
from odhub.data.model import Model
from odhub.derive import (
    commitments_explorer,
    explorer,
    indicators,
    paging,
    peers,
    related,
    tables,
    topics,
)
from odhub.lang.translator import Translator
from odhub.render import monitor, ogp_labels, schemadoc
from odhub.render.markdown import render

# List items on one page of the case study explorer (a case study is listed under each of
# its principles). About 0.5 KB each: a page stays near 250 KB at any hub size.
EXPLORER_ITEMS_PER_PAGE = 400
EXPLORER = "case-studies/index.md"
EXPLORER_PAGES = "case-studies/all"  # page n of the explorer, n >= 2
TRANSLATION_ROWS_PER_PAGE = 1000  # about 0.2 KB each
TRANSLATION_STATUS = "contribute/translation-status.md"
TRANSLATION_STATUS_PAGES = "contribute/translation-status"


@dataclass(frozen=True)
class GeneratedPage:
    """A page that exists only in the build: docs-relative path and its Markdown."""

    path: str
    markdown: str
    # The file a contributor edits to change this page (root-relative), if there is one.
    source_file: str | None = None


@dataclass(frozen=True)
class SiteLinks:
    """Where the 'edit this data' links point; placeholders until a real repo is set."""

    edit_base: str | None = None  # e.g. https://github.com/OWNER/REPO/edit/main/


def explorer_labels(labels: ogp_labels.Labels, views: monitor.Views) -> dict:
    """Option labels the commitments explorer shows for ids (completion, starred, hubs)."""
    board = views.dashboard
    return {
        "completion": {g: board.completion_label(g) for g in board.completion_groups},
        "starred": {"starred": labels.t.gettext("Starred"),
                    "not-starred": labels.t.gettext("Not starred"),
                    "not-rated": labels.t.gettext("No star rating")},
        "hub": {commitments_explorer.NO_HUB: labels.t.gettext("No regional hub")},
    }


def generated_pages(model: Model, language: str = "en",
                    links: SiteLinks | None = None) -> list[GeneratedPage]:
    t = Translator(language)
    links = links or SiteLinks()
    views = monitor.Views(model, t)  # dashboard, events and country maps/charts
    labels = ogp_labels.Labels(t)
    common = {"model": model, "edit_base": links.edit_base, "views": views, "labels": labels}
    pages: list[GeneratedPage] = []

    def add(path: str, template: str, source_file: str | None = None,
            **context: object) -> None:
        pages.append(GeneratedPage(path, render(template, path, t, **common, **context),
                                   source_file))

    add("countries/index.md", "countries_index.md.j2",
        status_order=vocab.allowed(model.schemas, "country", "ogp", "status"))
    for country in model.countries.values():
        add(country.page, "country.md.j2", country.source_file, country=country,
            peers=peers.suggestions(model, country.iso3),
            guides=related.guidance_for_country(model, country),
            indicator_tables=indicators.country_tables(model, country))
    add("hubs/index.md", "hubs_index.md.j2")
    for hub in model.hubs.values():
        add(hub.page, "hub.md.j2", hub.source_file, hub=hub,
            guides=related.guidance_for_hub(model, hub))
    add("principles/index.md", "principles_index.md.j2")
    for principle in model.principles.values():
        add(f"principles/{principle.id}.md", "principle.md.j2", principle=principle,
            featured=related.countries_in(
                model, model.case_studies_by_principle.get(principle.id, [])),
            areas=related.areas_of(model, principle.id, "principles"))
    # A sector page exists when it has something to show: case studies, or commitments
    # through our grouping of policy areas. The index names the others.
    sector_pages = {s: related.commitments_in_sector(model, s) for s in model.sectors}
    sector_pages = {s: found for s, found in sector_pages.items()
                    if found or model.case_studies_by_sector.get(s)}
    add("sectors/index.md", "sectors_index.md.j2", sector_pages=sector_pages)
    for sector in model.sectors.values():
        if sector.id not in sector_pages:
            continue
        cases = model.case_studies_by_sector.get(sector.id, [])
        add(f"sectors/{sector.id}.md", "sector.md.j2", sector=sector, cases=cases,
            guides=related.guidance_for_cases(model, cases),
            featured=related.countries_in(model, cases),
            committed=related.countries_committed_in_sector(model, sector.id),
            areas=related.areas_of(model, sector.id, "sectors"),
            commitments=sector_pages[sector.id])
    areas = views.commitments.areas
    add("policy-areas/index.md", "policy_areas_index.md.j2", areas=areas)
    for view in areas.values():
        add(view.page, "policy_area.md.j2", view=view,
            cases=related.case_studies_for_area(model, view),
            guides=related.guidance_for_principles(model, view.principles))
    finder = commitments_explorer.CommitmentsExplorer(model)
    for list_page in finder.pages:
        add(list_page.path, "commitments.md.j2", explorer=finder, list_page=list_page)
    pages.append(GeneratedPage(commitments_explorer.DATA_FILE, finder.data_script(
        explorer_labels(labels, views))))
    all_topics = topics.topics(model)
    add("tags.md", "tags.md.j2", topics=all_topics)
    for topic in all_topics:
        add(topic.path, "tag.md.j2", topic=topic)
    the_explorer = explorer.Explorer(model)
    groups = [(p, model.case_studies_by_principle[p.id]) for p in model.principles.values()
              if model.case_studies_by_principle.get(p.id)]
    parts = paging.split(groups, EXPLORER_ITEMS_PER_PAGE)
    paths = [paging.page_path(EXPLORER, n, EXPLORER_PAGES) for n in range(1, len(parts) + 1)]
    for number, (path, page_parts) in enumerate(zip(paths, parts, strict=True), start=1):
        note = t.gettext("Filters apply to the case studies listed on this page.")
        add(path, "case_studies_index.md.j2", explorer=the_explorer, parts=page_parts,
            pager={"number": number, "paths": paths, "note": note})
    add("guidance/index.md", "guidance_index.md.j2")
    add("objectives/index.md", "objectives_index.md.j2")
    for objective in model.objectives.values():
        add(f"objectives/{objective.id}.md", "objective.md.j2", objective=objective)
    add("events/index.md", "events_index.md.j2", "data/events.yml")
    add("contribute/data-fields.md", "data_fields.md.j2", **schemadoc.page_context(model))
    # One row per hand-written page (every case study): split like the explorer.
    status = paging.split([("", list(model.hand_written.items()))],
                          TRANSLATION_ROWS_PER_PAGE)
    status_paths = [paging.page_path(TRANSLATION_STATUS, n, TRANSLATION_STATUS_PAGES)
                    for n in range(1, len(status) + 1)]
    for number, (path, page_parts) in enumerate(zip(status_paths, status, strict=True),
                                                start=1):
        add(path, "translation_status.md.j2",
            rows=[row for part in page_parts for row in part.items],
            pager={"number": number, "paths": status_paths})
    add("monitor/index.md", "monitor_index.md.j2")
    add(f"{tables.EXPORT_DIR}/index.md", "open_data.md.j2",
        export_tables=tables.tables(model, t), package_file=tables.PACKAGE_FILE,
        calendar_file=tables.CALENDAR_FILE, feed_file=tables.FEED_FILE)
    # Files the pages embed (the shared locator map), passed through as they are.
    pages += [GeneratedPage(path, content) for path, content in views.assets()]
    return pages
