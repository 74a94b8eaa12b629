"""What the home page shows as new: the latest news, the next events, the records changed
last, and a few case studies to start reading with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from odhub.data.model import CaseStudy, Event, Model, sort_key
from odhub.data.news import Post
from odhub.derive import events

NEWS_SHOWN = 3
EVENTS_SHOWN = 3
UPDATES_SHOWN = 5
FEATURED_SHOWN = 3

@dataclass(frozen=True)
class Update:
    """A record whose file changed: what it is, its page and when it changed."""

    title: str
    kind: str  # country, hub, case-study or guidance
    page: str  # docs path of its page
    when: dt.datetime


@dataclass(frozen=True)
class WhatsNew:
    news: Sequence[Post]
    upcoming: Sequence[Event]
    past_count: int
    updates: Sequence[Update]


def whats_new(model: Model, posts: Sequence[Post],
              updated: Callable[[str], dt.datetime | None], today: dt.date) -> WhatsNew:
    """updated(root-relative path) gives when a file last changed, or None."""
    upcoming, past = events.split(model.events, today)
    return WhatsNew(news=list(posts[:NEWS_SHOWN]), upcoming=upcoming[:EVENTS_SHOWN],
                    past_count=len(past), updates=recent_updates(model, updated))


def recent_updates(model: Model, updated: Callable[[str], dt.datetime | None],
                   limit: int = UPDATES_SHOWN) -> list[Update]:
    """The records whose files changed last, newest first; ties in title order."""
    records: list[tuple[str, str, str, str]] = []  # title, kind, page, file
    records += [(c.name, "country", c.page, c.source_file) for c in model.countries.values()]
    records += [(h.name, "hub", h.page, h.source_file) for h in model.hubs.values()]
    records += [(c.title, "case-study", c.src_uri, f"docs/{c.src_uri}")
                for c in model.case_studies.values()]
    records += [(g.title, "guidance", g.src_uri, f"docs/{g.src_uri}")
                for g in model.guidance.values()]
    found = []
    for title, kind, page, file in records:
        when = updated(file)
        if when is not None:
            found.append(Update(title, kind, page, when))
    found.sort(key=lambda u: sort_key(u.title))
    found.sort(key=lambda u: u.when, reverse=True)  # stable: ties stay in title order
    return found[:limit]


def featured_case_studies(model: Model, limit: int = FEATURED_SHOWN) -> list[CaseStudy]:
    """Recent case studies from different regions: newest first by the year they
    describe, skipping one whose regional hubs are all taken, until `limit` are found."""
    cases = sorted(model.case_studies.values(), key=lambda c: sort_key(c.title))
    cases.sort(key=lambda c: c.year, reverse=True)
    hubs = {case.src_uri: {model.countries[iso].hub for iso in case.countries
                           if iso in model.countries} for case in cases}
    chosen: list[CaseStudy] = []
    covered: set[str | None] = set()
    for case in cases:
        if len(chosen) < limit and not hubs[case.src_uri] <= covered:
            chosen.append(case)
            covered |= hubs[case.src_uri]
    chosen += [case for case in cases if case not in chosen][:limit - len(chosen)]
    return sorted(chosen, key=lambda c: (-c.year, sort_key(c.title)))
