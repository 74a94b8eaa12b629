"""What every drawn image (charts, maps) shares: short coordinates, and element ids that
are stable from build to build and cannot clash on a page."""

from __future__ import annotations

import hashlib
import re

# An id a caller may choose: it goes into id="..." and url(#...) unescaped.
ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


def coordinate(value: float) -> str:
    """At most one decimal and no trailing '.0': 12.25 -> '12.2', 3.0 -> '3'."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def element_id(chosen: str | None, prefix: str, *content: object) -> str:
    """The chosen id, checked; or one derived from what the image shows, so two images on
    one page get different ids (their patterns and titles must not clash) and a rebuild
    the same one. Raises ValueError for a chosen id that is not a plain name."""
    if chosen is not None:
        if not ID.match(chosen):
            raise ValueError(f"invalid svg_id {chosen!r}")
        return chosen
    return f"{prefix}-{hashlib.sha256(repr(content).encode()).hexdigest()[:10]}"
