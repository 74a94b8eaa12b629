"""Ready for right-to-left: an edition built with `theme.direction: rtl` keeps its layout.

Arabic comes later; this builds the English edition with Material's right-to-left
direction (a throwaway mkdocs.rtl-test.yml that INHERITs mkdocs.yml, in a copy of the hub)
and checks in Chromium what a right-to-left reader needs: nothing wider than the screen,
the navigation on the right, text aligned to its start, and charts mirrored with every
label readable, inside its chart and off the bars. The same pages of the session's
left-to-right build are the reference the mirrored charts are compared with.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import odhub
from browser_support import local_only_page
from conftest import copy_hub, mkdocs_build

pytestmark = [pytest.mark.build, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
RTL_CONFIG = "mkdocs.rtl-test.yml"
DESKTOP = {"width": 1280, "height": 900}  # wide enough for both sidebars
PHONE = {"width": 360, "height": 740}

LAYOUT = """() => {
  const box = el => { const r = el.getBoundingClientRect();
                      return {left: r.left, right: r.right}; };
  const visible = el => el && getComputedStyle(el).display !== "none" && el.offsetWidth > 0;
  const primary = document.querySelector(".md-sidebar--primary");
  const secondary = document.querySelector(".md-sidebar--secondary");
  const content = document.querySelector(".md-content");
  const text = [...content.querySelectorAll("p, li, dd, figcaption, th, td, h1, h2, h3")];
  const codes = document.querySelector("h1 .odhub-codes");
  return {
    dir: document.body.dir,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    content: box(content),
    primary: visible(primary) ? box(primary) : null,
    secondary: visible(secondary) ? box(secondary) : null,
    leftAligned: text.filter(el => getComputedStyle(el).textAlign === "left")
                     .map(el => el.tagName + ": " + el.textContent.trim().slice(0, 40)),
    codesMargin: codes && [parseFloat(getComputedStyle(codes).marginLeft),
                           parseFloat(getComputedStyle(codes).marginRight)],
  };
}"""

# Every chart on the page: its box, and for each text and each bar or segment its box
# and whether it is drawn forwards (the x scale of its transform to the screen).
CHARTS = """() => [...document.querySelectorAll("svg.odhub-chart")].map(svg => {
  const box = el => { const r = el.getBoundingClientRect();
                      return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const forwards = el => el.getScreenCTM().a > 0;
  return {
    id: svg.querySelector("title").id,
    box: box(svg),
    texts: [...svg.querySelectorAll("text")].map(t => ({
      text: t.textContent, box: box(t), forwards: forwards(t)})),
    bars: [...svg.querySelectorAll("rect.bar, rect.segment")].map(r => ({
      box: box(r), forwards: forwards(r)})),
  };
})"""


@pytest.fixture(scope="module")
def rtl_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("rtl")
    hub = copy_hub(work / "hub")
    (hub / RTL_CONFIG).write_text("INHERIT: mkdocs.yml\ntheme:\n  direction: rtl\n",
                                  encoding="utf-8")
    result = mkdocs_build(hub, work / "site", RTL_CONFIG)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return work / "site"


@pytest.fixture(scope="module")
def pages() -> list[str]:
    """Pages of each kind, the country with the most commitments (its charts) among them."""
    model = odhub.load(ROOT)
    country = max(model.countries.values(), key=lambda c: (len(c.commitments), c.iso3))
    hub = next(iter(model.hubs.values()))
    case = max(model.case_studies.values(), key=lambda c: (len(c.countries), c.src_uri))
    return ["index.html", "countries/index.html", country.page.removesuffix(".md") + "/index.html",
            f"hubs/{hub.id}/index.html", "monitor/index.html", "case-studies/index.html",
            case.src_uri.removesuffix(".md") + "/index.html",
            "contribute/data-fields/index.html"]


def layout(browser, site: Path, relative: str, viewport: dict[str, int]) -> dict:
    page, _log = local_only_page(browser)
    page.set_viewport_size(viewport)
    page.goto((site / relative).as_uri())
    found = page.evaluate(LAYOUT)
    page.context.close()
    return found


def test_the_layout_holds_right_to_left(browser, rtl_site: Path, pages: list[str]) -> None:
    problems = []
    with_navigation = with_codes = 0
    for relative in pages:
        wide = layout(browser, rtl_site, relative, DESKTOP)
        narrow = layout(browser, rtl_site, relative, PHONE)
        assert wide["dir"] == "rtl", relative
        for name, found in (("desktop", wide), ("phone", narrow)):
            if found["overflow"] > 0:
                problems.append(f"{relative} ({name}): {found['overflow']} px wider than "
                                "the screen")
            problems += [f"{relative}: left-aligned {what}" for what in found["leftAligned"]]
        # The navigation on the right of the text (the home page hides it), the table of
        # contents on its left.
        if wide["primary"]:
            with_navigation += 1
            if wide["primary"]["left"] < wide["content"]["right"] - 1:
                problems.append(f"{relative}: navigation is not on the right")
        if wide["secondary"] and wide["secondary"]["right"] > wide["content"]["left"] + 1:
            problems.append(f"{relative}: contents are not on the left: {wide['secondary']}")
        # Codes follow the country's name: their gap is on the name's side, the right.
        if wide["codesMargin"]:
            with_codes += 1
            if not wide["codesMargin"][0] == 0 < wide["codesMargin"][1]:
                problems.append(f"{relative}: ISO codes spaced on the wrong side")
    assert problems == []
    assert with_navigation >= len(pages) - 1
    assert with_codes, "the country page's heading shows its ISO codes"


def charts(browser, site: Path, relative: str) -> list[dict]:
    page, _log = local_only_page(browser)
    page.goto((site / relative).as_uri())
    found = page.evaluate(CHARTS)
    page.context.close()
    return found


def overlaps(a: dict, b: dict, slack: float = 0.5) -> bool:
    return (a["left"] < b["right"] - slack and b["left"] < a["right"] - slack
            and a["top"] < b["bottom"] - slack and b["top"] < a["bottom"] - slack)


def test_charts_are_mirrored_with_labels_readable_and_inside_their_boxes(
        browser, rtl_site: Path, built_site: Path, pages: list[str]) -> None:
    seen = 0
    for relative in pages:
        mirrored, reference = charts(browser, rtl_site, relative), charts(browser, built_site,
                                                                          relative)
        assert [c["id"] for c in mirrored] == [c["id"] for c in reference], relative
        for rtl, ltr in zip(mirrored, reference, strict=True):
            seen += 1
            where = f"{relative} {rtl['id']}"
            box, width = rtl["box"], rtl["box"]["right"] - rtl["box"]["left"]
            ltr_width = ltr["box"]["right"] - ltr["box"]["left"]
            assert [t["text"] for t in rtl["texts"]] == [t["text"] for t in ltr["texts"]]
            for text, original in zip(rtl["texts"], ltr["texts"], strict=True):
                label = f"{where}: {text['text']!r}"
                assert text["forwards"], f"{label} is drawn mirrored"
                assert box["left"] - 1 <= text["box"]["left"], f"{label} leaves its chart"
                assert text["box"]["right"] <= box["right"] + 1, f"{label} leaves its chart"
                # At the mirror image of its left-to-right place.
                start = (box["right"] - text["box"]["right"]) / width
                ltr_start = (original["box"]["left"] - ltr["box"]["left"]) / ltr_width
                assert abs(start - ltr_start) < 0.01, f"{label} is not at its mirrored place"
                for bar in rtl["bars"]:
                    assert not overlaps(text["box"], bar["box"]), f"{label} covers a bar"
            assert all(not bar["forwards"] for bar in rtl["bars"]), f"{where} not mirrored"
            assert all(bar["forwards"] for bar in ltr["bars"])
    assert seen, "no chart on the sampled pages"
