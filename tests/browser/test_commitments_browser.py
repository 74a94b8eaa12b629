"""In the offline edition, from file:// with the network blocked: search finds a
commitment by its id and its title, the commitments explorer filters with its filters in
the URL, map countries give their name and value to keyboard and touch, and chart text
stays readable at phone width."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import odhub
from browser_support import RequestLog, guarded, search
from offline_support import OfflineEdition

pytestmark = [pytest.mark.build, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def model() -> odhub.Model:
    return odhub.load(ROOT)


@pytest.fixture
def desk(browser) -> Iterator[tuple[object, RequestLog]]:
    context, page, log = guarded(browser, viewport={"width": 1366, "height": 900})
    yield page, log
    context.close()


@pytest.fixture
def phone(browser) -> Iterator[tuple[object, RequestLog]]:
    context, page, log = guarded(browser, viewport={"width": 360, "height": 780},
                                 has_touch=True, is_mobile=True)
    yield page, log
    context.close()


@pytest.mark.parametrize("query", ["KE0026", "Publish open data to spur innovation"])
def test_search_finds_a_commitment_by_id_and_title(offline_edition: OfflineEdition, desk,
                                                   query: str) -> None:
    page, log = desk
    page.goto((offline_edition.root / "index.html").as_uri())
    kenya = (offline_edition.root / "countries" / "ken.html").as_uri()
    hits = [hit.split("?")[0].split("#")[0] for hit in search(page, query)]
    assert kenya in hits[:3], hits[:5]
    assert log.blocked == []


def expected_count(model: odhub.Model, area: str, completion: str) -> int:
    return sum(1 for c in model.commitments.values()
               if area in c.policy_areas and c.irm.completion == completion)


def test_explorer_filters_from_file_and_keeps_them_in_the_url(
        offline_edition: OfflineEdition, desk, model: odhub.Model) -> None:
    page, log = desk
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    explorer = (offline_edition.root / "commitments" / "index.html").as_uri()
    page.goto(f"{explorer}?area=open-data&completion=complete")
    status = page.locator("[data-odhub-status]")
    count = expected_count(model, "open-data", "complete")
    assert count > 0
    page.wait_for_function("document.querySelector('[data-odhub-status]').textContent")
    assert status.text_content() == f"{count} commitments match."
    assert page.locator("[data-odhub-results] li").count() == count
    assert page.locator("select[name=area]").input_value() == "open-data"
    # Options give their counts; an option that would match nothing is disabled.
    option = page.locator("select[name=completion] option[value=complete]")
    assert option.text_content().endswith(f"({count})")
    assert page.locator("select[name=year] option:disabled").count() > 0
    # A result links the commitment on its country page (which links OGP's page).
    first = page.locator("[data-odhub-results] li").first
    href = first.locator("a").first.get_attribute("href")
    assert href.startswith("../countries/") and ".html#" in href
    target = offline_edition.root / "commitments" / href.split("#")[0]
    assert target.is_file()
    # A new filter goes into the URL; Back restores the one before.
    page.select_option("select[name=completion]", "substantial")
    assert "completion=substantial" in page.url
    assert status.text_content() == \
        f"{expected_count(model, 'open-data', 'substantial')} commitments match."
    page.go_back()
    page.wait_for_function("location.search.includes('completion=complete')")
    assert page.locator("select[name=completion]").input_value() == "complete"
    assert status.text_content() == f"{count} commitments match."
    # The plain list (for readers without JavaScript) is hidden once the filters work.
    assert page.locator("[data-odhub-static]").first.is_hidden()
    assert errors == [] and log.blocked == []


def test_explorer_without_javascript_is_a_paged_list(offline_edition: OfflineEdition,
                                                     browser, model: odhub.Model) -> None:
    context, page, log = guarded(browser, java_script_enabled=False)
    try:
        page.goto((offline_edition.root / "commitments" / "index.html").as_uri())
        assert page.locator("form[data-odhub-commitments]").is_hidden()
        items = page.locator("[data-odhub-static] li").count()
        assert items == min(len(model.commitments), 200)
        assert page.get_by_text("KE0026").count() >= 1 or items == 200
    finally:
        context.close()
    assert log.blocked == []


def test_map_countries_answer_keyboard_and_touch(offline_edition: OfflineEdition, desk,
                                                 phone, model: odhub.Model) -> None:
    page, log = desk
    page.goto((offline_edition.root / "monitor" / "index.html").as_uri())
    readout = page.locator("figure.odhub-map-figure [data-odhub-readout]").first
    assert readout.is_visible()
    kenya = page.locator("#world-map-title").locator("xpath=..").locator(
        "path[data-iso3=KEN]")
    assert kenya.get_attribute("tabindex") == "0"
    # Tab from the country just before Kenya's in the map's order reaches Kenya.
    before = page.locator("svg[aria-labelledby^=world-map] path[tabindex]")
    codes = [before.nth(i).get_attribute("data-iso3") for i in range(before.count())]
    before.nth(codes.index("KEN") - 1).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('data-iso3')") == "KEN"
    assert readout.text_content() == "Kenya: Current OGP member"
    tablet, _ = phone
    tablet.goto((offline_edition.root / "monitor" / "index.html").as_uri())
    mark = tablet.locator("svg[aria-labelledby^=world-map] path[data-iso3=TZA]")
    mark.scroll_into_view_if_needed()
    mark.tap()
    shown = tablet.locator("figure.odhub-map-figure [data-odhub-readout]").first
    assert shown.text_content().startswith("Tanzania: Former OGP member")
    assert log.blocked == []


READ_SIZES = """() => [...document.querySelectorAll('svg.odhub-chart')].map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')].map(
    t => parseFloat(getComputedStyle(t).fontSize) * scale);
  return [svg.getAttribute('aria-labelledby'), Math.min(...sizes)];
})"""


@pytest.mark.parametrize("path", ["monitor/index.html", "countries/ken.html"])
def test_chart_text_is_at_least_12px_at_phone_width(offline_edition: OfflineEdition, phone,
                                                     path: str) -> None:
    page, _ = phone
    page.goto((offline_edition.root / path).as_uri())
    sizes = page.evaluate(READ_SIZES)
    assert sizes, "the page has charts"
    small = [(name, round(size, 1)) for name, size in sizes if size < 12]
    assert small == []
