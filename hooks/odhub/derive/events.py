"""Events: how their dates read, which are upcoming, how they group by hub, and the
iCalendar file subscribers import.

Dates stay as precise as the data: "May 2018" is shown as a month and is never given a
day. The calendar file holds only events whose day is known, because a calendar entry
needs a day and inventing one would be false; the page and the data files hold them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from babel.dates import format_interval, format_skeleton
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from odhub.data.dates import PartialDate
from odhub.data.model import Event, Model, RegionalHub
from odhub.lang.translator import N_, Translator, cldr_locale

CALENDAR_PRODID = "-//Open Data Peer Hub//odhub events//EN"
UID_DOMAIN = "events.odhub"  # a fixed namespace: UIDs must not change between builds


# How a source places an event within its period, e.g. "Late 2018".
_TIMINGS = {"early": N_("Early {period}"), "mid": N_("Mid {period}"), "late": N_("Late {period}")}


def when(event: Event, translator: Translator) -> str:
    """The event's date as a reader should see it, e.g. 'Jul 17 – 19, 2018' or 'Late 2018'."""
    language = translator.language
    start, end = event.start, event.end
    if end is not None and end != start and end.precision == start.precision != "year":
        skeleton = "yMMMd" if start.precision == "day" else "yMMMM"
        text = format_interval(start.first_day, end.first_day, skeleton,
                               locale=cldr_locale(language))
    else:
        text = _partial(start, language)
        if end is not None and end != start:
            text = translator.gettext("{start} to {end}", start=text,
                                      end=_partial(end, language))
    if event.timing:
        text = translator.gettext(_TIMINGS[event.timing], period=text)
    return text


def _partial(date: PartialDate, language: str) -> str:
    if date.precision == "day":
        return format_skeleton("yMMMd", date.first_day, locale=cldr_locale(language))
    if date.precision == "month":
        return format_skeleton("yMMMM", date.first_day, locale=cldr_locale(language))
    return str(date.year)


def is_upcoming(event: Event, today: dt.date) -> bool:
    """Upcoming until the last day it may fall on has passed (all of May for 'May')."""
    return event.last.last_day >= today


def split(events: Iterable[Event], today: dt.date) -> tuple[list[Event], list[Event]]:
    """(upcoming soonest first, past most recent first)."""
    events = list(events)
    upcoming = [e for e in events if is_upcoming(e, today)]
    past = [e for e in reversed(events) if not is_upcoming(e, today)]
    return upcoming, past


def by_hub(model: Model) -> list[tuple[RegionalHub | None, list[Event]]]:
    """Hubs in name order with their events; events for no hub come last, as None."""
    groups: list[tuple[RegionalHub | None, list[Event]]] = []
    for hub in model.hubs.values():
        found = [e for e in model.events if hub.id in e.hubs]
        if found:
            groups.append((hub, found))
    network = [e for e in model.events if not e.hubs]
    if network:
        groups.append((None, network))
    return groups


def for_country(model: Model, iso3: str) -> list[Event]:
    return [e for e in model.events if iso3 in e.countries]


def calendar_events(events: Iterable[Event]) -> list[Event]:
    """The events a calendar can hold honestly: those whose first day is known."""
    return [e for e in events if e.start.precision == "day"
            and (e.end is None or e.end.precision == "day")]


def calendar_description(model: Model, translator: Translator, today: dt.date,
                         page_url: str | None = None) -> str:
    """What the calendar file holds: how many events, their span, and what is left out."""
    t = translator.gettext
    held = calendar_events(model.events)
    if held:
        first = _partial(held[0].start, translator.language)
        last = _partial(max(e.last for e in held), translator.language)
        text = translator.ngettext(
            "Events listed by the Open Data Peer Hub: the {count} event whose day is known, "
            "on {first}.",
            "Events listed by the Open Data Peer Hub: the {count} events whose day is "
            "known, from {first} to {last}.", len(held), first=first, last=last)
    else:
        text = t("Events listed by the Open Data Peer Hub whose day is known: none yet.")
    upcoming = [e for e in held if is_upcoming(e, today)]
    if held and not upcoming:
        text += " " + t("None of them is upcoming as of {date}.",
                        date=format_skeleton("yMMMd", today,
                                             locale=cldr_locale(translator.language)))
    text += " " + t("Events dated only by month or year are left out; the events page "
                    "lists them all.")
    if page_url:
        text += f" {page_url}"
    return text


def to_ical(model: Model, translator: Translator, stamp: dt.datetime,
            page_url: str | None = None) -> bytes:
    """events.ics: all-day entries (DTEND is the day after the last, as RFC 5545 wants).

    `stamp` is the DTSTAMP of every entry, so the same data gives the same file.
    """
    cal = Calendar()
    cal.add("prodid", CALENDAR_PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", translator.gettext("Open Data Peer Hub events"))
    # What the file covers, for a reader who subscribes (RFC 7986 DESCRIPTION; Apple's
    # and Google's calendars read X-WR-CALDESC).
    description = calendar_description(model, translator, stamp.date(), page_url)
    cal.add("description", description)
    cal.add("x-wr-caldesc", description)
    for event in calendar_events(model.events):
        entry = CalendarEvent()
        entry.add("uid", f"{event.id}@{UID_DOMAIN}")
        entry.add("dtstamp", stamp)
        entry.add("summary", event.title)
        entry.add("dtstart", event.start.first_day)
        entry.add("dtend", event.last.last_day + dt.timedelta(days=1))
        if event.location:
            entry.add("location", event.location)
        sources = "\n".join(event.sources)
        entry.add("description", f"{event.summary}\n\n"
                  + translator.gettext("Sources:") + f"\n{sources}")
        entry.add("categories", [event.kind])
        if event.url:
            entry.add("url", event.url)
        elif page_url:
            entry.add("url", f"{page_url}#{event.id}")
        cal.add_component(entry)
    return cal.to_ical()
