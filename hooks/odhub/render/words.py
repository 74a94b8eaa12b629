"""How the values of the schemas' closed lists read on a page.

Each list is defined once, by the `enum` in its schema (`odhub.data.vocab.allowed` reads
it). Here is only each value's wording, marked for translation; the OGP statuses and IRM
ratings have theirs in `ogp_labels`. tests/unit/test_words.py checks that every table
covers its list exactly, so a value added to a schema cannot reach a page without words.
"""

from __future__ import annotations

from odhub.lang.translator import N_

# guidance.schema.json: level. Templates write _(guide.level): the id is the msgid.
GUIDANCE_LEVEL = {
    "introductory": N_("introductory"),
    "intermediate": N_("intermediate"),
    "advanced": N_("advanced"),
}
# country.schema.json: charter.local_governments[].level, written _(local.level).
LOCAL_GOVERNMENT_LEVEL = {
    "state": N_("state"),
    "city": N_("city"),
    "municipality": N_("municipality"),
}
# event.schema.json: [].kind.
EVENT_KIND = {
    "conference": N_("Conference"),
    "workshop": N_("Workshop"),
    "campaign": N_("Campaign week"),
    "launch": N_("Launch"),
    "publication": N_("Publication"),
    "announcement": N_("Announcement"),
    "milestone": N_("Milestone"),
}
