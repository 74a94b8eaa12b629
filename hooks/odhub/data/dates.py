"""Dates that are only as precise as their sources: a year, a month or a day.

An event known only as "May 2018" is stored as ``2018-05`` and never gets an invented
day. Comparisons use the whole span a partial date covers: May 2018 runs from 1 to 31
May, so it is "past" only once 31 May has gone by.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "month", "day"]
_PATTERN = re.compile(r"^(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date of year, month or day precision, e.g. 2018, 2018-05, 2018-05-07."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """'2018-05' -> PartialDate(2018, 5); ValueError names what is wrong."""
        match = _PATTERN.match(str(text))
        if not match:
            raise ValueError(f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(match["year"])
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r} has no month {month}")
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{text!r} has no day {day}: that month has {last} days")
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day is not None:
            return self.first_day
        if self.month is not None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def sort_key(self, timing: str | None = None) -> tuple[int, float, float]:
        """Order for lists: an undated part ("2018", "May 2018") comes after the dated
        entries it contains, unless a timing (early, mid, late) places it."""
        if self.month is None:
            return (self.year, {"early": 0.5, "mid": 6.5, "late": 12.5}.get(timing or "", 13), 0)
        if self.day is None:
            return (self.year, self.month, {"early": 0.5, "mid": 15.5, "late": 31.5}
                    .get(timing or "", 32))
        return (self.year, self.month, self.day)

    def iso(self) -> str:
        """The date as written in data: 2018, 2018-05 or 2018-05-07."""
        if self.day is not None:
            return self.first_day.isoformat()
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.iso()


def build_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH when set, so a rebuild can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()
