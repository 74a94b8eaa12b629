"""The site as a reader meets it, in Chromium: pages fit a phone, the home page starts
the journey (with and without JavaScript), filters live in the address, breadcrumbs lead
somewhere, the search offers to propose a missing country, and a country prints as a
brief with its peers.

Pages come from the session's online build (`built_site`) where only layout matters, and
from the offline edition where a test follows links (its addresses end in .html, so they
open from file://) or searches (its index works without a server).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

import odhub
from browser_support import LOCAL_SCHEMES
from conftest import ROOT
from odhub.data.model import Country
from odhub.derive import peers
from odhub.derive.samples import page_per_template as template_samples
from odhub.render.markdown import initial
from offline_support import OfflineEdition

pytestmark = [pytest.mark.build, pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

@pytest.fixture(scope="module")
def model() -> odhub.Model:
    return odhub.load(ROOT)

def built_path(docs_path: str) -> str:
    """Where a docs page lands in the online build (directory URLs)."""
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index") + "index.html"
    return f"{stem}/index.html"

def offline_path(docs_path: str) -> str:
    """Where it lands in the offline edition (no directory URLs)."""
    return docs_path.removesuffix(".md") + ".html"

def local_only(context) -> None:
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(LOCAL_SCHEMES) else route.abort())

@pytest.fixture
def reader(browser) -> Iterator[object]:
    """A page with JavaScript whose requests beyond local files are refused."""
    context = browser.new_context(viewport=DESKTOP)
    local_only(context)
    yield context.new_page()
    context.close()

@pytest.fixture
def reader_without_js(browser) -> Iterator[object]:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    local_only(context)
    yield context.new_page()
    context.close()

# -- nothing overflows --------------------------------------------------------------------

WIDTHS = """() => {
  // Collapsed parts could hide a wide table: open them all first.
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  const page = document.documentElement;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > page.clientWidth + 1 && !el.closest(".odhub-table, pre")) {
      wide.push(el.tagName.toLowerCase() + "." + String(el.className.baseVal ?? el.className)
                + " right=" + Math.round(box.right));
    }
  }
  return {scroll: page.scrollWidth, viewport: page.clientWidth, wide: wide.slice(0, 5)};
}"""

@pytest.mark.parametrize("width", [360, 1366])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_no_page_template_overflows_the_screen(width: int, javascript: bool, browser,
                                               built_site: Path, model: odhub.Model) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800},
                                  java_script_enabled=javascript)
    local_only(context)
    page = context.new_page()
    overflowing = {}
    try:
        for kind, docs_path in template_samples(model).items():
            target = built_site / built_path(docs_path)
            assert target.is_file(), f"{kind}: {docs_path} is not in the build"
            page.goto(target.as_uri())
            page.wait_for_load_state("load")
            found = page.evaluate(WIDTHS)
            if found["scroll"] > found["viewport"]:
                overflowing[kind] = found
    finally:
        context.close()
    assert overflowing == {}

def test_wide_tables_scroll_inside_a_labelled_region(reader, built_site: Path,
                                                     model: odhub.Model) -> None:
    reader.set_viewport_size({"width": 360, "height": 800})
    samples = template_samples(model)
    reader.goto((built_site / built_path(samples["monitor"])).as_uri())
    reader.wait_for_load_state("load")
    regions = reader.evaluate("""() => [...document.querySelectorAll(".odhub-table")].map(r => ({
        label: r.getAttribute("aria-label"), role: r.getAttribute("role"),
        scrolls: r.scrollWidth > r.clientWidth, tabindex: r.getAttribute("tabindex")}))""")
    scrolling = [r for r in regions if r["scrolls"]]
    assert scrolling, "the dashboard at 360 px should have a table wider than the screen"
    for region in scrolling:
        assert region["role"] == "region" and region["label"] and region["tabindex"] == "0"
    # At full width the same tables fit, and need no stop in the tab order.
    reader.set_viewport_size(DESKTOP)
    reader.wait_for_timeout(100)
    fitting = reader.evaluate("""() => [...document.querySelectorAll(".odhub-table")]
        .filter(r => r.scrollWidth <= r.clientWidth).map(r => r.getAttribute("tabindex"))""")
    assert fitting and set(fitting) == {None}

def test_countries_stack_into_one_block_each_on_a_phone(reader, built_site: Path,
                                                        model: odhub.Model) -> None:
    reader.set_viewport_size(PHONE)
    reader.goto((built_site / "countries/index.html").as_uri())
    for country in model.countries_by_name[:5]:
        cells = reader.locator(f"#country-{country.slug} td").evaluate_all(
            """cells => cells.slice(1).map(td => {
                const box = td.getBoundingClientRect();
                return [getComputedStyle(td, "::before").content, td.textContent,
                        box.width > 0 && box.left >= 0 && box.right <= innerWidth]; })""")
        # What is known shows after its column's name, on screen; what is not, not at all.
        known = {'"ISO3: "': country.iso3, '"ISO2: "': country.iso2 or "",
                 '"Regional hub: "': model.hubs[country.hub].name if country.hub else "",
                 '"OGP since: "': str(country.ogp.member_since)
                 if country.ogp and country.ogp.member_since else ""}
        for label, text, shown in cells:
            if label in known:
                assert text == known[label], (country.iso3, label)
            assert shown is bool(text), (country.iso3, label, text)

def test_countries_table_shows_every_column_on_a_desktop(reader, built_site: Path) -> None:
    # Beside both sidebars at 1366 px, the A to Z table fits its column: nothing scrolls
    # out of sight, so the region needs no stop in the tab order.
    reader.goto((built_site / "countries/index.html").as_uri())
    region = reader.locator(".odhub-reflow .odhub-table").first
    widths = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert widths[0] <= widths[1], widths
    assert region.get_attribute("tabindex") is None


def test_country_facts_stack_on_a_phone_with_sources_and_dates_in_sight(
        reader, built_site: Path, model: odhub.Model) -> None:
    # A country with a hub and an OGP record: every row of its facts has something to say.
    country = max((c for c in model.countries.values() if c.ogp and c.hub),
                  key=lambda c: (len(c.ogp.sources), c.iso3))
    reader.set_viewport_size(PHONE)
    reader.goto((built_site / built_path(country.page)).as_uri())
    cells = reader.locator("h2#facts + .odhub-reflow td").evaluate_all(
        """cells => cells.map(td => {
            const box = td.getBoundingClientRect();
            return [td.dataset.label, td.textContent.trim(),
                    box.width > 0 && box.left >= 0 && box.right <= innerWidth]; })""")
    assert cells, "no facts table"
    # Whatever a cell says is on the screen, sources and dates included; empty ones are not.
    for label, text, shown in cells:
        assert shown is bool(text), (label, text)
    dated = [text for label, text, _shown in cells if label == "Date" and text]
    assert any(country.ogp.as_of[:4] in text for text in dated), dated
    hub = model.hubs[country.hub]
    assert ["OD4D regional hub", hub.name] == [
        text for label, text, _shown in cells if label in ("Fact", "Value")][-2:]


# -- the home page --------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_page_starts_the_journey_above_the_fold(browser, built_site: Path,
                                                     viewport: dict) -> None:
    context = browser.new_context(viewport=viewport)
    local_only(context)
    page = context.new_page()
    try:
        page.goto((built_site / "index.html").as_uri())
        fold = viewport["height"]
        parts = {
            "search": page.get_by_role("search").filter(has=page.locator("#odhub-home-search")),
            "country finder": page.get_by_label("Find your country", exact=True),
            "A to Z list": page.locator("details.odhub-finder__all > summary"),
            "learn from peers": page.get_by_role("link", name="Learn from peers"),
            "see a country": page.get_by_role("link", name="See a country"),
            "monitor impact": page.get_by_role("link", name="Monitor impact").last,
        }
        below = {}
        for name, locator in parts.items():
            assert locator.is_visible(), name
            box = locator.bounding_box()
            if box["y"] + box["height"] > fold:
                below[name] = round(box["y"] + box["height"])
        assert below == {}, f"below the {fold} px fold"
    finally:
        context.close()

def test_country_finder_works_without_javascript(offline_edition: OfflineEdition,
                                                 reader_without_js, model: odhub.Model) -> None:
    page = reader_without_js
    page.goto((offline_edition.root / "index.html").as_uri())
    # The type-ahead box needs the script; the list of links does not.
    assert not page.locator("form[data-odhub-finder]").is_visible()
    summary = page.locator("details.odhub-finder__all > summary")
    assert summary.bounding_box()["y"] < PHONE["height"]
    summary.click()
    links = page.locator(".odhub-finder__list a")
    assert links.count() == len(model.countries)
    assert links.all_inner_texts() == [c.name for c in model.countries_by_name]
    country = model.countries["KEN"]
    page.get_by_role("link", name=country.name, exact=True).click()
    page.wait_for_load_state("load")
    assert page.url == (offline_edition.root / offline_path(country.page)).as_uri()
    assert page.locator("h1").inner_text().startswith(country.name)

@pytest.mark.parametrize("typed,iso3", [("KEN", "KEN"), ("ivory coast", "CIV"),
                                        ("Cote d'Ivoire", "CIV"), ("Republic of Kenya", "KEN")])
def test_country_finder_goes_to_the_country_typed(offline_edition: OfflineEdition, reader,
                                                  model: odhub.Model, typed: str,
                                                  iso3: str) -> None:
    reader.goto((offline_edition.root / "index.html").as_uri())
    box = reader.get_by_label("Find your country", exact=True)
    box.fill(typed)
    # The browser's own type-ahead offers the names, from a list the script fills.
    assert reader.locator("#odhub-finder-names option").count() == len(model.countries)
    box.press("Enter")
    reader.wait_for_url("**/countries/*.html")
    assert reader.url == (offline_edition.root / offline_path(model.countries[iso3].page)).as_uri()

def test_country_finder_offers_to_propose_an_unknown_country(
        offline_edition: OfflineEdition, reader) -> None:
    reader.goto((offline_edition.root / "index.html").as_uri())
    box = reader.get_by_label("Find your country", exact=True)
    box.fill("Atlantis")
    reader.get_by_role("button", name="Go").click()
    message = reader.locator("[data-odhub-finder-message]")
    assert "Atlantis" in message.inner_text()
    # The offline edition has no repository: the offer leads to the contributor guide.
    link = message.get_by_role("link")
    assert link.get_attribute("href").endswith("contribute/country.html")

# -- filters in the address -----------------------------------------------------------------

def explorer_titles(page) -> set[str]:
    return set(page.locator("[data-odhub-item]:visible > a").all_inner_texts())

def test_explorer_keeps_its_filters_in_the_address(offline_edition: OfflineEdition, reader,
                                                   model: odhub.Model) -> None:
    explorer = (offline_edition.root / "case-studies/index.html").as_uri()
    reader.goto(explorer)
    principle = min((p for p in model.principles.values()
                     if model.case_studies_by_principle.get(p.id)),
                    key=lambda p: (len(model.case_studies_by_principle[p.id]), p.id))
    in_principle = [c for c in model.case_studies.values() if principle.id in c.principles]
    years = sorted({c.year for c in in_principle})
    reader.get_by_label("Principle").select_option(principle.id)
    assert reader.url == f"{explorer}?principle={principle.id}"
    reader.get_by_label("Year").select_option(str(years[0]))
    assert reader.url == f"{explorer}?principle={principle.id}&year={years[0]}"
    narrowed = {c.title for c in in_principle if c.year == years[0]}
    assert explorer_titles(reader) == narrowed

    # Leaving for a case study and coming Back restores the view; Back again undoes the
    # last filter.
    reader.locator("[data-odhub-item]:visible > a").first.click()
    reader.wait_for_load_state("load")
    assert "/case-studies/" in reader.url and "?" not in reader.url
    reader.go_back()
    reader.wait_for_load_state("load")
    assert explorer_titles(reader) == narrowed
    reader.go_back()
    assert reader.get_by_label("Year").input_value() == ""
    assert explorer_titles(reader) == {c.title for c in in_principle}

    # A shared address opens the same view.
    reader.goto(f"{explorer}?year={years[0]}&principle={principle.id}")
    assert reader.get_by_label("Principle").input_value() == principle.id
    assert explorer_titles(reader) == narrowed

def test_explorer_counts_options_and_disables_empty_ones(reader, built_site: Path,
                                                         model: odhub.Model) -> None:
    reader.goto((built_site / "case-studies/index.html").as_uri())
    hub = "latin-america"
    in_hub = [c for c in model.case_studies.values()
              if any(model.countries[i].hub == hub for i in c.countries)]
    reader.get_by_label("Regional hub").select_option(hub)
    options = reader.locator("#odhub-filter-year option").evaluate_all(
        "opts => opts.map(o => [o.value, o.textContent, o.disabled])")
    for value, text, disabled in options:
        count = len(in_hub) if value == "" else sum(str(c.year) == value for c in in_hub)
        assert text.endswith(f"({count})"), text
        assert disabled is (count == 0), text
    assert any(disabled for _value, _text, disabled in options), \
        "some year should have no case study in this hub"
    # The table of contents lists only the principles with something left to show.
    shown = {p.title for p in model.principles.values()
             if any(p.id in c.principles for c in in_hub)}
    toc = reader.locator(".md-sidebar--secondary .md-nav__link:visible").all_inner_texts()
    assert {t.strip() for t in toc} == shown

def test_skip_link_reaches_the_filters(reader, built_site: Path) -> None:
    reader.goto((built_site / "case-studies/index.html").as_uri())
    for _ in range(2):
        reader.keyboard.press("Tab")
    skip = reader.evaluate("document.activeElement.textContent.trim()")
    assert skip == "Skip to the filters"
    reader.keyboard.press("Enter")
    reader.keyboard.press("Tab")
    assert reader.evaluate("document.activeElement.id") == "odhub-filter-principles"

def test_countries_index_filters_by_hub_and_letter_jumps_follow(
        offline_edition: OfflineEdition, reader, model: odhub.Model) -> None:
    index = (offline_edition.root / "countries/index.html").as_uri()
    reader.goto(index)
    hub = max(model.hubs.values(), key=lambda h: (len(model.countries_by_hub[h.id]), h.id))
    members = model.countries_by_hub[hub.id]
    reader.get_by_label("Regional hub", exact=True).select_option(hub.id)
    assert reader.url == f"{index}?hub={hub.id}"
    shown = reader.locator("tr[data-odhub-item]:visible").evaluate_all(
        "rows => rows.map(r => r.dataset.odhubItem)")
    assert shown == [c.iso3 for c in members]
    letters = {initial(c.name) for c in members}
    jumps = reader.locator("a[data-odhub-jump]")
    for index_ in range(jumps.count()):
        jump = jumps.nth(index_)
        letter = jump.get_attribute("data-odhub-jump")
        if letter in letters:
            first = next(c for c in members if initial(c.name) == letter)
            assert jump.get_attribute("href") == f"#country-{first.slug}"
        else:
            assert jump.get_attribute("href") is None
            assert jump.get_attribute("aria-disabled") == "true"

def test_countries_index_filters_by_ogp_status(offline_edition: OfflineEdition, reader,
                                               model: odhub.Model) -> None:
    # The statuses country.schema.json allows, in its order; those some country has.
    schema = json.loads((ROOT / "data/schemas/country.schema.json").read_text("utf-8"))
    allowed = schema["properties"]["ogp"]["properties"]["status"]["enum"]
    statuses = {status: [c.iso3 for c in model.countries_by_name
                         if c.ogp and c.ogp.status == status] for status in allowed}
    statuses = {status: found for status, found in statuses.items() if found}
    assert len(statuses) > 1, "the data should have more than one OGP status"
    rarest = min(statuses, key=lambda s: (len(statuses[s]), s))
    index = (offline_edition.root / "countries/index.html").as_uri()

    def shown() -> list[str]:
        return reader.locator("tr[data-odhub-item]:visible").evaluate_all(
            "rows => rows.map(r => r.dataset.odhubItem)")

    reader.goto(f"{index}?status={rarest}")
    assert reader.get_by_label("OGP status").input_value() == rarest
    assert shown() == statuses[rarest]
    # The statuses are offered in the schema's order, each with its count; "Any" counts
    # every country, with a status or without.
    options = reader.locator("#odhub-filter-status option").evaluate_all(
        "opts => opts.map(o => [o.value, o.textContent])")
    assert [value for value, _text in options] == ["", *statuses]
    counts = {value: text.rsplit("(", 1)[1].rstrip(")") for value, text in options}
    assert counts == {"": str(len(model.countries)),
                      **{status: str(len(found)) for status, found in statuses.items()}}
    # Choosing another status keeps it in the address; with a hub, both filters apply.
    commonest = max(statuses, key=lambda s: (len(statuses[s]), s))
    reader.get_by_label("OGP status").select_option(commonest)
    assert reader.url == f"{index}?status={commonest}"
    assert shown() == statuses[commonest]
    # A hub with countries of that status and others, so the second filter narrows.
    hub = next(h for h in model.hubs.values()
               if len({c.iso3 in statuses[commonest]
                       for c in model.countries_by_hub.get(h.id, ())}) == 2)
    reader.get_by_label("Regional hub", exact=True).select_option(hub.id)
    assert shown() == [c.iso3 for c in model.countries_by_hub[hub.id]
                       if c.iso3 in statuses[commonest]]


# -- breadcrumbs ----------------------------------------------------------------------------

def test_breadcrumbs_lead_back_up_the_sections(offline_edition: OfflineEdition, reader,
                                               model: odhub.Model) -> None:
    country = next(c for c in model.countries_by_name if c.hub)
    hub = model.hubs[country.hub]
    reader.set_viewport_size(PHONE)
    reader.goto((offline_edition.root / offline_path(country.page)).as_uri())
    trail = reader.get_by_role("navigation", name="Breadcrumb")
    assert trail.is_visible()
    items = [t.strip() for t in trail.locator("li").all_inner_texts()]
    assert items == ["Home", "Countries", "Regional hubs", hub.name, country.name]
    assert trail.locator("li").last.get_attribute("aria-current") == "page"
    trail.get_by_role("link", name=hub.name).click()
    reader.wait_for_load_state("load")
    assert reader.url == (offline_edition.root / offline_path(hub.page)).as_uri()
    trail = reader.get_by_role("navigation", name="Breadcrumb")
    trail.get_by_role("link", name="Countries").click()
    reader.wait_for_load_state("load")
    assert reader.url == (offline_edition.root / "countries/index.html").as_uri()
    # The section's tab is the highlighted one, and the side column lists its pages.
    reader.set_viewport_size(DESKTOP)
    reader.goto((offline_edition.root / offline_path(country.page)).as_uri())
    assert reader.locator(".md-tabs__item--active").inner_text().strip() == "Countries"
    side = reader.locator(".md-sidebar--primary .md-nav__link:visible").all_inner_texts()
    assert "Regional hubs" in [s.strip() for s in side]

# -- search offers to propose a country -----------------------------------------------------

def search(page, text: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(text)
    page.wait_for_function(
        "() => !/Initializing|Type to start/.test("
        "document.querySelector('.md-search-result__meta').textContent)")
    page.wait_for_timeout(500)

def test_search_without_a_country_offers_to_propose_one(offline_edition: OfflineEdition,
                                                        reader) -> None:
    reader.goto((offline_edition.root / "index.html").as_uri())
    search(reader, "Atlantis")
    # Beside the result list, not in it (Enter opens the best link in the list).
    offer = reader.locator(".md-search .odhub-search-propose")
    assert offer.is_visible()
    assert offer.get_by_role("link").get_attribute("href").endswith("contribute/country.html")
    reader.locator("input.md-search__input").fill("")
    search(reader, "Kenya")
    assert reader.locator(".md-search-result__link").count() > 0
    assert not offer.is_visible()

def test_health_finds_pages_about_health_not_source_addresses(
        offline_edition: OfflineEdition, reader, model: odhub.Model) -> None:
    reader.goto((offline_edition.root / "index.html").as_uri())
    search(reader, "health")
    hits = reader.eval_on_selector_all(".md-search-result__link",
                                       "links => links.map(a => a.href.split('?')[0])")
    cited_only = {(offline_edition.root / offline_path(c.page)).as_uri()
                  for c in model.countries.values()
                  if any("health" in url for url in c.sources)}
    assert cited_only, "no source URL mentions health; pick another word"
    assert not cited_only & set(hits[:3]), hits[:3]

# -- print ----------------------------------------------------------------------------------

# An A4 sheet's printable area in CSS pixels (96 per inch): print.css sets A4 with 12 mm
# margins top and bottom and 14 mm at the sides.
SHEET_WIDTH = round((210 - 2 * 14) / 25.4 * 96)
SHEET_HEIGHT = (297 - 2 * 12) / 25.4 * 96


def test_country_brief_prints_with_its_peers_site_address_and_date(
        offline_edition: OfflineEdition, browser, model: odhub.Model,
        tmp_path: Path) -> None:
    # The country whose peers are cited for the most commitments: the richest brief.
    def learned(country: Country) -> int:
        return sum(len(s.peer.citations) for s in peers.suggestions(model, country.iso3))

    country = max(model.countries.values(),
                  key=lambda c: (learned(c), len(c.commitments), c.iso3))
    suggested = peers.suggestions(model, country.iso3)
    assert suggested
    context = browser.new_context(viewport={"width": SHEET_WIDTH, "height": 1000})
    local_only(context)
    page = context.new_page()
    try:
        page.goto((offline_edition.root / offline_path(country.page)).as_uri())
        page.emulate_media(media="print")
        layout = page.evaluate("""() => {
            const facts = document.querySelector("h2#facts + .odhub-reflow")
                .getBoundingClientRect();
            const map = document.querySelector(".odhub-locator").getBoundingClientRect();
            return {height: document.documentElement.scrollHeight,
                    beside: map.left >= facts.right && map.top < facts.bottom};
        }""")
        pdf = tmp_path / "brief.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    finally:
        context.close()
    # The map sits beside the facts table, and no sheet is wasted: the brief takes no
    # more sheets than its printed length needs.
    assert layout["beside"]
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) <= math.ceil(layout["height"] / SHEET_HEIGHT), layout
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    first = " ".join(reader.pages[0].extract_text().split())
    assert first.startswith("Open Data Peer Hub · ")
    assert offline_path(country.page) in first  # the address it was printed from
    assert re.search(r"Printed \w+ \d{1,2}, \d{4}", first)
    assert "Facts" in first
    assert "Peers to learn from" in text
    for peer in suggested:
        assert peer.country.name in text, peer.country.name
    assert "All sources" in text
    # What is for the screen only stays off the sheet.
    for screen_only in ("Skip to content", "Report a problem", "Table of contents"):
        assert screen_only not in text
