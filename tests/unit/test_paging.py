"""Long lists split over pages: the explorer and the tag pages stay light at any size."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import odhub
from odhub.derive import paging, topics
from odhub.render import pages

LINK = re.compile(r"\]\(([^)]+)\)")


@pytest.fixture(scope="module")
def model(repo_root: Path) -> odhub.Model:
    return odhub.load(repo_root)


def test_split_keeps_order_and_marks_continued_groups() -> None:
    split = paging.split([("a", [1, 2, 3]), ("b", [4]), ("c", []), ("d", [5, 6, 7, 8])], 3)
    assert [[(p.group, list(p.items), p.continued) for p in page] for page in split] == [
        [("a", [1, 2, 3], False)],
        [("b", [4], False), ("d", [5, 6], False)],
        [("d", [7, 8], True)],
    ]
    assert paging.split([], 5) == [[]]
    with pytest.raises(ValueError):
        paging.split([("a", [1])], 0)


def test_the_bundled_explorer_is_one_page(model: odhub.Model) -> None:
    generated = {p.path: p.markdown for p in pages.generated_pages(model)}
    assert "case-studies/index.md" in generated
    assert not [path for path in generated if path.startswith("case-studies/all/")]
    assert 'class="odhub-pager"' not in generated["case-studies/index.md"]


def test_a_long_explorer_is_split_and_lists_everything_once_per_principle(
        model: odhub.Model, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "EXPLORER_ITEMS_PER_PAGE", 7)
    generated = {p.path: p.markdown for p in pages.generated_pages(model)}
    later = sorted((p for p in generated if p.startswith("case-studies/all/")),
                   key=lambda p: int(p.rsplit("/", 1)[1].removesuffix(".md")))
    paths = ["case-studies/index.md", *later]
    expected = sum(len(cases) for cases in model.case_studies_by_principle.values())
    assert len(paths) == -(-expected // 7) > 2
    listed = []
    for number, path in enumerate(paths, start=1):
        markdown = generated[path]
        items = re.findall(r'<li data-odhub-item="([^"]+)"', markdown)
        assert 0 < len(items) <= 7
        listed += items
        assert f"Page {number} of {len(paths)}\\." in markdown
        # Every other page is linked from this one, relative to it.
        assert len([t for t in LINK.findall(markdown.split('class="odhub-pager"')[1])
                    if t.endswith(".md")]) == len(paths) - 1
        assert 'data-odhub-explorer' in markdown  # each page filters its own list
    assert len(listed) == expected
    assert sorted(set(listed)) == sorted(c.slug for c in model.case_studies.values())


def test_each_tag_has_its_own_listing_page(model: odhub.Model) -> None:
    generated = {p.path: p.markdown for p in pages.generated_pages(model)}
    found = topics.topics(model)
    titles = {t.title for t in found}
    assert titles == ({p.title for p in model.principles.values()}
                      | {s.title for s in model.sectors.values()})
    assert len({t.path for t in found}) == len(found)
    for topic in found:
        assert f'<!-- material/tags {{ include: ["{topic.title}"] }} -->' in generated[topic.path]
    index = generated["tags.md"]
    assert "<!-- material/tags" not in index  # no listing of everything on one page
    # The index links each tag some page carries; one no page carries yet is named
    # without a link, since its listing would be empty.
    assert {t.path for t in found if t.pages} == {
        target for target in LINK.findall(index) if target.startswith("tags/")}
    for topic in found:
        if not topic.pages:
            assert f"- {topic.title} (0)" in index


def test_a_long_translation_status_is_split_and_lists_every_page_once(
        model: odhub.Model, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "TRANSLATION_ROWS_PER_PAGE", 10)
    generated = {p.path: p.markdown for p in pages.generated_pages(model)}
    later = sorted((p for p in generated if p.startswith(pages.TRANSLATION_STATUS_PAGES + "/")),
                   key=lambda p: int(p.rsplit("/", 1)[1].removesuffix(".md")))
    paths = [pages.TRANSLATION_STATUS, *later]
    assert len(paths) == -(-len(model.hand_written) // 10) > 1
    rows = [line for path in paths for line in generated[path].splitlines()
            if line.startswith("| [")]
    assert len(rows) == len(model.hand_written)
    assert "Filters apply" not in generated[paths[1]]  # the explorer's note only
