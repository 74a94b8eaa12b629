"""OGP's words as the hub stores them: policy-area names and IRM rating labels to ids.

OGP spells the same area in more than one way across its export and its pages ("Access to
information", "Access to Information"; "Environment & Climate", "Environment and
Climate"). Names are matched on a folded key, so one area has one id. Rating labels
("Not Started", "Did Not Change") become the ids the commitments schema lists, and the
allowed ids are read from that schema, so the two never drift apart.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from odhub.data.model import NOT_ASSESSED, PolicyArea

# Values OGP's export uses for "no rating": not done, not rated (not yet assessed), and
# not applicable (nothing to rate: the field is left out).
NOT_DONE = ("ND", "NR")
NOT_APPLICABLE = "NA"
IRM_FIELDS = ("potential_impact", "ambition", "completion", "completion_report",
              "open_government", "early_results")


def area_key(name: str) -> str:
    """'Environment & Climate' and 'environment and climate' -> the same key."""
    folded = name.casefold().replace("&", " and ").replace("+", " plus ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


def area_ids(areas: Iterable[PolicyArea]) -> dict[str, str]:
    """Folded name -> policy area id, for every area of the vocabulary."""
    return {area_key(area.export_name): area.id for area in areas}


def rating_id(label: str) -> str:
    """'Not Started' -> 'not-started'; 'No early results to report yet' -> its slug."""
    return "-".join(re.sub(r"[^a-z0-9]+", " ", label.casefold()).split())


@cache
def allowed_ratings(schema_dir: str) -> dict[str, tuple[str, ...]]:
    """IRM field -> the rating ids data/schemas/commitments.schema.json allows."""
    schema = json.loads((Path(schema_dir) / "commitments.schema.json").read_text("utf-8"))
    properties = schema["$defs"]["irm"]["properties"]
    return {name: tuple(properties[name]["enum"]) for name in IRM_FIELDS}


def rating(label: str, field: str, schema_dir: str) -> str | None:
    """An export cell -> rating id, not-assessed, or None (not applicable or empty).

    ValueError names the allowed labels when the cell holds something else.
    """
    text = label.strip()
    if not text or text == NOT_APPLICABLE:
        return None
    if text in NOT_DONE:
        return NOT_ASSESSED
    value = rating_id(text)
    allowed = allowed_ratings(schema_dir)[field]
    if value not in allowed:
        raise ValueError(f"{text!r} is not a rating we know; known: "
                         + ", ".join(a for a in allowed if a != NOT_ASSESSED)
                         + ", or ND / NR / NA")
    return value
