"""WCAG 2.2 AA checks in Chromium: axe-core (npm) on sampled pages, and keyboard focus.

Pages come from the session's real build of every edition (`built_editions`), opened
from file://; search results from the offline editions, whose index works without a
server. axe-core is the
copy `npm ci` installs into node_modules; nothing is downloaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import odhub
from node_tools import AXE, require_file
from odhub.derive.samples import richest
from offline_support import OfflineEdition

pytestmark = [pytest.mark.build, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
EDITIONS = ("en", "es", "fr")
EXPLORER = "case-studies/index.html"

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + n.failureSummary),
  }));
}"""


def built_path(docs_path: str) -> str:
    """Where a docs page lands in a build with directory URLs."""
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index") + "index.html"
    return f"{stem}/index.html"


@pytest.fixture(scope="module")
def model() -> odhub.Model:
    return odhub.load(ROOT)


@pytest.fixture(scope="module")
def samples(model: odhub.Model, built_site: Path) -> dict[str, str]:
    """One page of each kind; the richest of its kind, so tables and lists are present."""
    found = richest(model)
    country, hub, case = found.country, found.hub, found.case_study
    principle = next(iter(model.principles.values()))
    with_admonition = next(
        built_path(g.src_uri) for g in sorted(model.guidance.values(), key=lambda g: g.src_uri)
        if 'class="admonition' in (built_site / built_path(g.src_uri)).read_text("utf-8"))
    return {
        "home": "index.html",
        "countries": "countries/index.html",
        "country": built_path(country.page),
        "hub": built_path(hub.page),
        "principle": built_path(f"principles/{principle.id}.md"),
        "case study": built_path(case.src_uri),
        "explorer": EXPLORER,
        "guidance with admonitions": with_admonition,
        "accessibility statement": "accessibility/index.html",
        "events": "events/index.html",
        "data field reference": "contribute/data-fields/index.html",
    }


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # The online build's repository widget would call the GitHub API; keep tests local.
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(("file:", "data:", "about:", "blob:"))
                  else route.abort())
    yield context.new_page()
    context.close()


def serious_violations(page) -> list[str]:
    page.add_script_tag(content=require_file(AXE).read_text(encoding="utf-8"))
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)
    return [f"{v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"])
            for v in violations if v["impact"] in BLOCKING]


def open_page(page, site: Path, relative: str) -> None:
    target = site / relative
    assert target.is_file(), f"{relative} is not in the build"
    page.goto(target.as_uri())


@pytest.mark.parametrize("language", EDITIONS)
@pytest.mark.parametrize("kind", ["home", "countries", "country", "hub", "principle",
                                  "case study", "explorer", "guidance with admonitions",
                                  "accessibility statement", "events",
                                  "data field reference"])
def test_page_has_no_serious_wcag_violations(kind: str, language: str,
                                             samples: dict[str, str],
                                             built_editions: dict[str, Path], page) -> None:
    # Every edition has the same pages (untranslated ones in English, with a notice).
    require_file(AXE)
    open_page(page, built_editions[language], samples[kind])
    found = serious_violations(page)
    assert found == [], f"{language}/{samples[kind]}:\n" + "\n".join(found)


@pytest.mark.parametrize("kind", ["home", "countries", "country", "explorer",
                                  "data field reference"])
def test_phone_layouts_have_no_serious_wcag_violations(kind: str, samples: dict[str, str],
                                                       built_site: Path, page) -> None:
    # On a phone, tables scroll in their own region or stack into blocks, and the home
    # page's finder list opens in place: check them as a phone shows them.
    require_file(AXE)
    page.set_viewport_size({"width": 360, "height": 800})
    open_page(page, built_site, samples[kind])
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    found = serious_violations(page)
    assert found == [], f"{samples[kind]}:\n" + "\n".join(found)


@pytest.mark.parametrize("language,query", [("en", "open data"), ("es", "datos abiertos"),
                                            ("fr", "données ouvertes")])
def test_search_results_have_no_serious_wcag_violations(offline_edition: OfflineEdition,
                                                        page, language: str,
                                                        query: str) -> None:
    # Search needs a server or the offline edition's inlined index; use the latter.
    require_file(AXE)
    root = offline_edition.root if language == "en" else offline_edition.root / language
    open_page(page, root, "index.html")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    page.wait_for_selector(".md-search-result__item mark")
    found = serious_violations(page)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("language", EDITIONS)
def test_mobile_navigation_drawer_has_no_serious_wcag_violations(
        samples: dict[str, str], built_editions: dict[str, Path], page, language: str) -> None:
    require_file(AXE)
    page.set_viewport_size({"width": 375, "height": 740})
    open_page(page, built_editions[language], samples["country"])
    page.locator("label.md-header__button[for='__drawer']").click()
    page.wait_for_selector(".md-sidebar--primary .md-nav__link", state="visible")
    found = serious_violations(page)
    assert found == [], "\n".join(found)


FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const header = document.querySelector(".md-header").getBoundingClientRect();
  const box = el.getBoundingClientRect();
  return {
    what: el.tagName.toLowerCase() + (el.className ? "." + el.className.split(" ")[0] : "")
          + " " + (el.textContent || "").trim().slice(0, 40),
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1,
    inHeader: !!el.closest(".md-header, .md-skip"),
    hiddenUnderHeader: box.bottom <= header.bottom,
  };
}"""


def focus_walk(page, key: str, limit: int = 400) -> list[dict]:
    """Press key repeatedly; the state of each newly focused element, once per element."""
    seen: list[dict] = []
    for _ in range(limit):
        page.keyboard.press(key)
        state = page.evaluate(FOCUS_STATE)
        if state is None or (seen and state == seen[0] and len(seen) > 1):
            break
        seen.append(state)
    return seen


def test_keyboard_focus_is_always_visible_and_never_under_the_header(
        samples: dict[str, str], built_site: Path, page) -> None:
    open_page(page, built_site, samples["country"])
    forward = focus_walk(page, "Tab")
    backward = focus_walk(page, "Shift+Tab")  # scrolls items up against the sticky header
    assert len(forward) > 30, "the walk should reach the content, not stop in the header"
    assert [s["what"] for s in forward + backward if not s["ring"]] == []
    assert [s["what"] for s in backward if not s["inHeader"] and s["hiddenUnderHeader"]] == []
