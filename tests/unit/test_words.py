"""Each closed list is defined once, by its schema's enum; the words pages show for its
values cover that list exactly, so a value added to a schema cannot reach a page (or a
review summary) without words, and a value removed leaves no stale wording behind."""

from __future__ import annotations

import pytest

import odhub
from conftest import ROOT
from odhub.cli.diff import COMPLETION_WORDS
from odhub.data import vocab
from odhub.data.model import CURRENT_STATUSES, FORMER_STATUSES
from odhub.render import ogp_labels, words

IRM = ("commitments", "commitments", vocab.ITEMS, "irm")
STATUS = ("country", "ogp", "status")
WORDS = [
    (words.GUIDANCE_LEVEL, [("guidance", "level")]),
    (words.LOCAL_GOVERNMENT_LEVEL, [("country", "charter", "local_governments", vocab.ITEMS,
                                     "level")]),
    (words.EVENT_KIND, [("event", vocab.ITEMS, "kind")]),
    (ogp_labels.STATUS, [STATUS]),
    (ogp_labels.COMPLETION, [(*IRM, "completion")]),
    (COMPLETION_WORDS, [(*IRM, "completion")]),
    (ogp_labels.REPORT, [(*IRM, "completion_report")]),
    (ogp_labels.IMPACT, [(*IRM, "potential_impact")]),
    (ogp_labels.AMBITION, [(*IRM, "ambition")]),
    # One table of words for the two result scales, which share most of their values.
    (ogp_labels.RESULTS, [(*IRM, "open_government"), (*IRM, "early_results")]),
]


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict]:
    return odhub.load(ROOT).schemas


@pytest.mark.parametrize("table,paths", WORDS)
def test_words_cover_their_schemas_list_exactly(schemas: dict[str, dict], table: dict,
                                                paths: list[tuple[str, ...]]) -> None:
    allowed = {value for path in paths for value in vocab.allowed(schemas, *path)}
    assert set(table) == allowed


def test_current_and_former_statuses_split_the_schemas_list(schemas: dict[str, dict]) -> None:
    assert not set(CURRENT_STATUSES) & set(FORMER_STATUSES)
    assert {*CURRENT_STATUSES, *FORMER_STATUSES} == set(vocab.allowed(schemas, *STATUS))
