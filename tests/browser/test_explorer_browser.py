"""The case study explorer in Chromium, opened from file:// with the network blocked.

It runs on the offline edition (mkdocs.offline.yml), the one readers open from disk: the
online build's repository widget calls the GitHub API, which would muddy "no requests".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import odhub
from offline_support import OfflineEdition

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_site(offline_edition: OfflineEdition) -> Path:
    """The English offline edition, from the zip the session builds once."""
    return offline_edition.root


@pytest.fixture(scope="module")
def model(repo_root: Path) -> odhub.Model:
    return odhub.load(repo_root)


def explorer_url(site: Path) -> str:
    return (site / "case-studies" / "index.html").as_uri()


def visible_titles(page) -> list[str]:
    return page.locator("[data-odhub-item]:visible > a").all_inner_texts()


def announced_number(page) -> int:
    text = page.locator("[data-odhub-status]").inner_text()
    numbers = re.findall(r"\d+", text)
    return int(numbers[0]) if numbers else 0


def test_choosing_a_principle_narrows_to_exactly_its_case_studies(
        offline_site: Path, offline_page, model: odhub.Model) -> None:
    page, log = offline_page
    page.goto(explorer_url(offline_site))
    everything = {c.title for c in model.case_studies.values()}
    assert set(visible_titles(page)) == everything
    # The principle with the fewest case studies, so the list visibly narrows.
    principle = min((p for p in model.principles.values()
                     if model.case_studies_by_principle.get(p.id)),
                    key=lambda p: (len(model.case_studies_by_principle[p.id]), p.id))
    expected = {c.title for c in model.case_studies.values() if principle.id in c.principles}
    assert 0 < len(expected) < len(everything)

    page.get_by_label("Principle").select_option(principle.id)

    shown = visible_titles(page)
    assert set(shown) == expected
    assert announced_number(page) == len(expected)
    # Headings of principles with nothing left to show are hidden too.
    visible_groups = page.locator("[data-odhub-group]:visible")
    for index in range(visible_groups.count()):
        assert visible_groups.nth(index).locator("[data-odhub-item]:visible").count() > 0
    assert page.locator("[data-odhub-status]").get_attribute("aria-live") == "polite"
    assert log.blocked == []


def test_facets_combine_and_clear(offline_site: Path, offline_page,
                                  model: odhub.Model) -> None:
    page, log = offline_page
    page.goto(explorer_url(offline_site))
    hub = "latin-america"
    in_hub = [c for c in model.case_studies.values()
              if any(model.countries[i].hub == hub for i in c.countries)]
    year = max({c.year for c in in_hub}, key=lambda y: (sum(c.year == y for c in in_hub), y))
    expected = {c.title for c in in_hub if c.year == year}
    assert 0 < len(expected) < len(in_hub)

    page.get_by_label("Regional hub").select_option(hub)
    assert set(visible_titles(page)) == {c.title for c in in_hub}
    page.get_by_label("Year").select_option(str(year))
    assert set(visible_titles(page)) == expected
    assert announced_number(page) == len(expected)

    page.get_by_role("button", name="Clear filters").click()
    page.wait_for_function("document.querySelectorAll('[data-odhub-item][hidden]').length === 0")
    assert announced_number(page) == len(model.case_studies)
    assert log.blocked == []


def test_filters_work_from_the_keyboard(offline_site: Path, offline_page,
                                        model: odhub.Model) -> None:
    page, _log = offline_page
    page.goto(explorer_url(offline_site))
    select = page.get_by_label("Country")
    select.focus()
    page.keyboard.press("ArrowDown")  # the first country, A to Z
    chosen = select.input_value()
    assert chosen in model.countries
    expected = {c.title for c in model.case_studies.values() if chosen in c.countries}
    assert set(visible_titles(page)) == expected
    assert announced_number(page) == len(expected)


def test_without_javascript_the_full_list_is_grouped_and_no_dead_controls(
        offline_site: Path, browser, model: odhub.Model) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(explorer_url(offline_site))
        assert set(visible_titles(page)) == {c.title for c in model.case_studies.values()}
        assert not page.locator("form[data-odhub-explorer]").is_visible()
        headings = page.locator("[data-odhub-group] h2").all_inner_texts()
        used = [p.title for p in model.principles.values()
                if model.case_studies_by_principle.get(p.id)]
        assert [h.strip().rstrip("¶").strip() for h in headings] == used
    finally:
        context.close()
