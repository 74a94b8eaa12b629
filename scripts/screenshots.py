"""What a reader sees above the fold: one page of every page template, opened in Debian's
Chromium (Playwright) at a phone's 390×844 and a desktop's 1366×900, screenshotted to
/tmp/ux12/ (or --out) with a summary of what each shows.

The built site (`make site`; --site to pick another) is served over HTTP on 127.0.0.1 as
a static host serves it (scripts/web_measure.py), so directory addresses and the search
work as they do online. Requests anywhere else are refused.

For each shot, summary.json records the page's width against the screen (overflow), its
height, and the headings, landmarks and controls that start above the fold with their
top edge in CSS pixels: what the closing note of issue 12 lists, checked against the
PNGs by eye.

    .venv/bin/python scripts/screenshots.py [--site site] [--out /tmp/ux12] [--only home]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from web_measure import CHROMIUM, CHROMIUM_ARGS, serve  # beside this script

import odhub
from odhub.derive.samples import page_per_template

ROOT = Path(__file__).resolve().parents[1]
VIEWPORTS = {"390": {"width": 390, "height": 844}, "1366": {"width": 1366, "height": 900}}
SEARCH_QUERY = "health"


def address(docs_path: str) -> str:
    """The directory address a docs page is served at ('countries/ken.md' -> 'countries/ken/')."""
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def samples(model: odhub.Model) -> dict[str, str]:
    """One address per page template (the richest page of its kind, so its wide tables
    and long names are on it), then the search results, the 404 page and the editions'
    home pages."""
    return {
        **{name.replace(" ", "-"): address(path)
           for name, path in page_per_template(model).items()},
        "search-results": "",  # the home page with a query typed
        "404": "404.html",
        "home-es": "es/",
        "home-fr": "fr/",
    }


# What starts above the fold: headings, landmarks, form controls, cards and tables, with
# their top edge; and whether anything is wider than the screen.
SURVEY = """(fold) => {
  const page = document.documentElement;
  const seen = [];
  const pick = "h1, h2, h3, nav[aria-label], form, input:not([type=hidden]), select, " +
               "button, details > summary, .grid.cards > ul > li, table, figure, svg[role=img]";
  for (const el of document.querySelectorAll(pick)) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === "hidden") continue;
    if (box.top >= fold || box.bottom <= 0) continue;
    const label = (el.getAttribute("aria-label") || el.getAttribute("placeholder") ||
                   el.textContent || "").replace(/\\s+/g, " ").trim().slice(0, 70);
    seen.push({tag: el.tagName.toLowerCase(), top: Math.round(box.top),
               bottom: Math.round(box.bottom), left: Math.round(box.left),
               right: Math.round(box.right), text: label});
  }
  const wide = [...document.querySelectorAll("body *")].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width && box.right > page.clientWidth + 1 && !el.closest(".odhub-table, pre");
  }).slice(0, 5).map(el => el.tagName.toLowerCase() + "." + String(el.className.baseVal ??
                                                                   el.className));
  return {title: document.title, scroll_width: page.scrollWidth, width: page.clientWidth,
          height: page.scrollHeight, above_fold: seen, wide: wide};
}"""


def type_query(page: Page, query: str) -> None:
    """Open the header's search and type the query; wait until the results settle."""
    box = page.locator("input.md-search__input")
    icon = page.locator("label.md-header__button[for='__search']")
    if icon.is_visible():  # on a phone the box sits behind the search icon
        icon.click()
    else:
        box.click()
    box.press_sequentially(query, delay=60)
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    page.wait_for_timeout(1500)


def shoot(page: Page, url: str, name: str, width: str, out: Path) -> dict:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if name == "search-results":
        type_query(page, SEARCH_QUERY)
    fold = VIEWPORTS[width]["height"]
    found = page.evaluate(SURVEY, fold)
    found["address"] = url
    found["overflows"] = found["scroll_width"] > found["width"]
    page.screenshot(path=str(out / f"{name}-{width}.png"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=Path("/tmp/ux12"))
    parser.add_argument("--only", nargs="*", help="template names (default: all)")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        sys.exit(f"{args.site}/index.html is missing: run `make site` first")
    args.out.mkdir(parents=True, exist_ok=True)
    pages = samples(odhub.load(ROOT))
    if args.only:
        pages = {name: path for name, path in pages.items() if name in args.only}
    summary_file = args.out / "summary.json"
    # With --only, the other templates' entries from an earlier run are kept.
    summary: dict[str, dict] = (json.loads(summary_file.read_text(encoding="utf-8"))
                                if args.only and summary_file.is_file() else {})
    with serve(args.site) as (base, _counter), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        for width, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport)
            context.route("**/*", lambda route: route.continue_()
                          if route.request.url.startswith((base, "data:", "blob:"))
                          else route.abort())
            page = context.new_page()
            for name, path in pages.items():
                found = shoot(page, base + path, name, width, args.out)
                summary[f"{name}-{width}"] = found
                flag = "  OVERFLOWS " + " ".join(found["wide"]) if found["overflows"] else ""
                print(f"{name:22} {width:>4}: height {found['height']:>6} px{flag}")
            context.close()
        browser.close()
    summary_file.write_text(json.dumps(summary, indent=1, ensure_ascii=False),
                            encoding="utf-8")
    print(f"{len(summary)} screenshots in {args.out}")


if __name__ == "__main__":
    main()
