"""Long grouped lists split over several pages, so no page grows with the hub.

A list of (group, items) is cut into pages of at most `per_page` items, in order; a
group that does not fit on one page goes on over the next ones, marked as continued.
The whole list stays reachable without JavaScript, one page after the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

G = TypeVar("G")
T = TypeVar("T")


@dataclass(frozen=True)
class Part(Generic[G, T]):
    group: G
    items: Sequence[T]
    continued: bool  # the group started on an earlier page


def split(groups: Sequence[tuple[G, Sequence[T]]], per_page: int) -> list[list[Part[G, T]]]:
    """Pages of parts of groups; always at least one page (it may be empty)."""
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    pages: list[list[Part[G, T]]] = [[]]
    room = per_page
    for group, items in groups:
        start = 0
        while start < len(items):
            if room == 0:
                pages.append([])
                room = per_page
            taken = items[start:start + room]
            pages[-1].append(Part(group, taken, continued=start > 0))
            start += len(taken)
            room -= len(taken)
    return pages


def page_path(first: str, number: int, folder: str) -> str:
    """Page 1 is `first`; page n is `<folder>/<n>.md`."""
    return first if number == 1 else f"{folder}/{number}.md"
