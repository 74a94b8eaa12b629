"""Events: the bundled data matches the reference table, partial dates stay partial, bad
events are reported with file, line and field, and upcoming/past follow the build date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
import pytest

from hub_edits import line_of, problems_of, reference_rows, replace_in
from odhub.data import load
from odhub.data.dates import PartialDate
from odhub.derive.events import (
    by_hub,
    calendar_description,
    calendar_events,
    split,
    to_ical,
    when,
)
from odhub.lang.translator import Translator

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def sources_of(row: dict[str, str]) -> frozenset[str]:
    return frozenset(url.strip() for url in row["source_url"].split(" ; "))


def test_every_reference_event_is_there_with_its_dates(repo_root: Path) -> None:
    rows = reference_rows("events_2018.csv")
    model = load(repo_root)
    events = {frozenset(e.sources): e for e in model.events}
    assert len(model.events) == len(rows)
    for row in rows:
        event = events[sources_of(row)]
        start = row["start_date"]
        if DATE.match(start):
            assert event.start.iso() == start, row["event"]
            assert event.timing is None
        else:  # e.g. "2018 (late)": the year, with the qualifier as timing
            year, qualifier = re.match(r"^(\d{4}) \((\w+)\)$", start).groups()
            assert (event.start.iso(), event.timing) == (year, qualifier)
        end = row["end_date"]
        if end and end != start:
            assert event.end is not None and event.end.iso() == end
        else:
            assert event.end is None or event.end == event.start


def test_partial_dates_are_never_given_a_day() -> None:
    month = PartialDate.parse("2018-05")
    assert (month.precision, month.first_day, month.last_day) == (
        "month", dt.date(2018, 5, 1), dt.date(2018, 5, 31))
    year = PartialDate.parse("2018")
    assert (year.precision, year.last_day) == ("year", dt.date(2018, 12, 31))
    assert PartialDate.parse("2018-05-07").precision == "day"
    for bad in ("2018-13", "2019-02-29", "18-05", "2018/05"):
        with pytest.raises(ValueError):
            PartialDate.parse(bad)


def test_dates_read_at_their_precision(repo_root: Path) -> None:
    model = load(repo_root)
    t = Translator("en")
    texts = {e.id: when(e, t) for e in model.events}
    assert texts["odc-principles-refresh"] == "May 2018"  # a month, no invented day
    assert texts["od4d-asia-hub-launch"] == "Late 2018"
    assert "17" in texts["ogp-global-summit-2018"] and "19" in texts["ogp-global-summit-2018"]


def test_upcoming_and_past_follow_the_build_date(repo_root: Path) -> None:
    model = load(repo_root)
    # Mid-May 2018: the month-only refresh announcement may still be ahead.
    upcoming, past = split(model.events, dt.date(2018, 5, 20))
    assert "odc-principles-refresh" in [e.id for e in upcoming]
    assert "open-gov-week-2018" in [e.id for e in past]
    assert upcoming[0].id == "odc-principles-refresh"
    later = [e.start.first_day for e in past]
    assert later == sorted(later, reverse=True)
    upcoming, past = split(model.events, dt.date(2026, 11, 29))
    assert upcoming == [] and len(past) == len(model.events)


def test_events_group_by_hub_and_network_wide_last(repo_root: Path) -> None:
    model = load(repo_root)
    groups = by_hub(model)
    assert groups[-1][0] is None
    assert all(not e.hubs for e in groups[-1][1])
    for hub, events in groups[:-1]:
        assert all(hub.id in e.hubs for e in events)
    counted = {e.id for _, events in groups for e in events}
    assert counted == {e.id for e in model.events}


def test_calendar_holds_only_events_with_a_known_day(repo_root: Path) -> None:
    model = load(repo_root)
    dated = calendar_events(model.events)
    assert dated and all(e.start.precision == "day" for e in dated)
    assert {e.id for e in model.events} - {e.id for e in dated} >= {"od4d-asia-hub-launch"}


def test_calendar_file_says_what_it_covers(repo_root: Path) -> None:
    model = load(repo_root)
    dated = calendar_events(model.events)
    after_all = max(e.last.last_day for e in model.events) + dt.timedelta(days=1)
    calendar = icalendar.Calendar.from_ical(
        to_ical(model, Translator(), dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
    description = str(calendar["description"])
    assert description == str(calendar["x-wr-caldesc"])
    assert f"the {len(dated)} events whose day is known" in description
    assert when_day(dated[0].start) in description
    assert "left out" in description
    # Said once nothing is upcoming any more, and only then.
    assert "None of them is upcoming" not in calendar_description(
        model, Translator(), dt.date(2018, 1, 1))
    assert "None of them is upcoming" in calendar_description(model, Translator(), after_all)


def when_day(date: PartialDate) -> str:
    return f"{date.first_day:%b} {date.first_day.day}, {date.year}"


def test_impossible_date_names_line_and_field(hub_copy: Path) -> None:
    file = hub_copy / "data/events.yml"
    replace_in(file, "start: 2018-07-17", "start: 2018-02-30")
    [problem] = problems_of(hub_copy)
    line = line_of(file, "start: 2018-02-30")
    assert problem.startswith(f"data/events.yml:{line}: [4].start: ")
    assert "has no day 30" in problem


def test_end_before_start_is_refused(hub_copy: Path) -> None:
    file = hub_copy / "data/events.yml"
    replace_in(file, "end: 2018-07-19", "end: 2018-07-01")
    [problem] = problems_of(hub_copy)
    assert problem.startswith(f"data/events.yml:{line_of(file, 'end: 2018-07-01')}: [4].end:")
    assert "before the start" in problem


def test_unknown_hub_and_country_list_the_choices(hub_copy: Path) -> None:
    file = hub_copy / "data/events.yml"
    replace_in(file, "  - eastern-europe-central-asia\n  countries:\n  - GEO",
          "  - eastern-europe\n  countries:\n  - GGG")
    problems = problems_of(hub_copy)
    assert len(problems) == 2
    hub, country = sorted(problems, key=lambda p: "hubs" not in p)
    assert f":{line_of(file, '- eastern-europe')}: [4].hubs[0]: 'eastern-europe'" in hub
    assert "(did you mean 'eastern-europe-central-asia'?)" in hub
    assert "'GGG' is not a known country" in country


def test_schema_problems_use_the_same_format(hub_copy: Path) -> None:
    file = hub_copy / "data/events.yml"
    replace_in(file, "  kind: conference\n  hubs:\n  - eastern",
          "  kind: summit\n  hubs:\n  - eastern")
    replace_in(file, "start: 2018-05\n  location: Online\n  kind: announcement",
          "start: May 2018\n  location: Online\n  kind: announcement")
    problems = problems_of(hub_copy)
    assert any(p.startswith(f"data/events.yml:{line_of(file, 'kind: summit')}: [4].kind: "
                            "'summit' is not allowed") for p in problems), problems
    assert any(p.startswith(f"data/events.yml:{line_of(file, 'start: May 2018')}: [3].start: ")
               for p in problems), problems
