"""The hub outlives its engine: ProperDocs and Zensical build the same site as MkDocs.

ProperDocs runs the hooks like MkDocs. Zensical runs none: it builds the complete source
that `odhub build-source` writes, with mkdocs.zensical.yml, and `odhub fix-markup` then
repairs the theme's HTML. Against the session's MkDocs build (`built_site`) each must
have the same page URLs, the same main content once theme chrome is set aside, the same
edit links and tags, and byte-identical exports and files of our own. Every accepted
difference is listed, with its reason, in engine_differences.yml.
"""

from __future__ import annotations

import fnmatch
import functools
import http.server
import os
import re
import shutil
import socketserver
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

import odhub
from conftest import BIN, EDITIONS, QUIET_BANNERS, ROOT, copy_hub, mkdocs_build, run_odhub
from hub_edits import replace_in
from node_tools import AXE, VNU, require_file, require_java
from odhub.derive.samples import richest
from odhub.export import EXPORT_DIR
from run_once import once_per_run

pytestmark = pytest.mark.build

DIFFERENCES = yaml.safe_load((Path(__file__).parent / "engine_differences.yml")
                             .read_text(encoding="utf-8"))
ENGINES = ("properdocs", "zensical")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}


# -- the builds ------------------------------------------------------------------------


# Zensical 0.0.73 starts a file watcher even to build, and on a busy machine it now and
# then stops with this before building anything; a second run builds normally.
_TRANSIENT = "RuntimeError: Watcher disconnected"


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    def once() -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, capture_output=True, text=True, cwd=cwd,
                              env={**os.environ, **QUIET_BANNERS})

    result = once()
    if result.returncode != 0 and _TRANSIENT in result.stderr:
        result = once()
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _properdocs_build(site: Path) -> None:
    result = _run([str(BIN / "properdocs"), "build", "--strict", "-f",
                   str(ROOT / "mkdocs.yml"), "-d", str(site)], cwd=ROOT)
    assert "WARNING" not in result.stderr, result.stderr


@pytest.fixture(scope="session")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English edition built by ProperDocs, once per run for every xdist worker."""
    return once_per_run(tmp_path_factory, "site-properdocs", _properdocs_build)


def _zensical_build(folder: Path) -> None:
    """What `make site-zensical` does, in a copy of the hub (Zensical keeps a cache beside
    its config). The source is written from the repository itself, so pages carry the
    same git dates as the MkDocs build."""
    hub = copy_hub(folder / "hub")
    shutil.rmtree(hub / "docs")  # Zensical reads only the written source
    config = hub / "mkdocs.zensical.yml"
    _run([str(BIN / "odhub"), "--root", str(ROOT), "build-source",
          str(hub / "build" / "site-source"), "--config", str(config)], cwd=hub)
    result = _run([str(BIN / "zensical"), "build", "--strict", "-f", str(config)], cwd=hub)
    assert "No issues found" in result.stdout + result.stderr, result.stdout
    _run([str(BIN / "odhub"), "fix-markup", str(hub / "site-zensical")], cwd=hub)


@pytest.fixture(scope="session")
def zensical_hub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hub copy Zensical built in: build/site-source and site-zensical inside."""
    return once_per_run(tmp_path_factory, "site-zensical", _zensical_build) / "hub"


@pytest.fixture(scope="session")
def zensical_site(zensical_hub: Path) -> Path:
    return zensical_hub / "site-zensical"


@pytest.fixture(scope="session")
def sites(built_site: Path, properdocs_site: Path, zensical_site: Path) -> dict[str, Path]:
    return {"mkdocs": built_site, "properdocs": properdocs_site, "zensical": zensical_site}


# -- what a page says, with theme chrome set aside -------------------------------------


@dataclass
class PageContent:
    text: str = ""  # the article's text, whitespace collapsed
    tags: list[tuple[str, str]] = field(default_factory=list)  # (label, link)
    edit_link: str | None = None
    # odhub.render.content_html's touches: table regions by name, links kept out of search
    regions: list[str] = field(default_factory=list)
    unsearched_links: int = 0


class _Article(HTMLParser):
    """Text of the page's main content (class md-content__inner), minus set-aside elements."""

    def __init__(self, set_aside: tuple[tuple[str, str, str], ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.set_aside = set_aside  # (tag, "." and a class, or "[" and an attribute)
        self.depth = 0  # inside the article: open elements, the article included
        self.skip_at = 0  # depth of the set-aside element we are in, else 0
        self.tag_at = 0  # depth of the tags nav we are in, else 0
        self.content = PageContent()
        self.words: list[str] = []
        self._tag_href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if not self.depth:
            if "md-content__inner" in classes:  # <article>; a <div> on the blog index
                self.depth = 1
            return
        if tag == "a" and found.get("rel") == "edit":
            self.content.edit_link = found.get("href")
        if tag == "a" and "data-search-exclude" in found:
            self.content.unsearched_links += 1
        if tag == "div" and "odhub-table" in classes and found.get("role") == "region":
            self.content.regions.append(found.get("aria-label") or "")
        if tag in VOID:
            return
        self.depth += 1
        if not self.tag_at and tag == "nav" and "md-tags" in classes:
            self.tag_at = self.depth
        if self.tag_at and tag == "a":
            self._tag_href = found.get("href")
        if not self.skip_at and any(tag == t and (c in classes if kind == "." else c in found)
                                    for t, kind, c in self.set_aside):
            self.skip_at = self.depth

    def handle_endtag(self, tag: str) -> None:
        if not self.depth or tag in VOID:
            return
        if self.skip_at == self.depth:
            self.skip_at = 0
        if self.tag_at == self.depth:
            self.tag_at = 0
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            return
        if self.tag_at and self._tag_href is not None and data.strip():
            self.content.tags.append((data.strip(), self._tag_href))
            self._tag_href = None
        if not self.skip_at:
            self.words.append(data)


@functools.lru_cache(maxsize=4096)  # several tests read each page with the same rules
def page_content(page: Path, set_aside: tuple[tuple[str, str, str], ...]) -> PageContent:
    parser = _Article(set_aside)
    parser.feed(page.read_text(encoding="utf-8"))
    parser.content.text = re.sub(r"\s+", " ", " ".join(parser.words)).strip()
    return parser.content


def chrome_pages(engine: str) -> set[str]:
    """Pages engine_differences.yml sets aside whole for engine (theme templates)."""
    return {entry["page"] for entry in DIFFERENCES.get("pages", [])
            if engine in entry["engines"]}


_SELECTOR = re.compile(r"^([a-z0-9]+)(?:\.([\w-]+)|\[([\w-]+)\])$")


def chrome_for(engine: str) -> tuple[tuple[str, str, str], ...]:
    """The set-aside elements for engine, from selectors tag.class or tag[attribute]."""
    rules = [rule for rule in DIFFERENCES["chrome"] if engine in rule["engines"]]
    parsed = []
    for rule in rules:
        match = _SELECTOR.match(rule["selector"])
        assert match, f"{rule['selector']}: write tag.class or tag[attribute]"
        tag, css_class, attribute = match.groups()
        parsed.append((tag, ".", css_class) if css_class else (tag, "[", attribute))
    return tuple(parsed)


# The MkDocs build holds every edition; the others are compared with its English one.
OTHER_EDITIONS = tuple(f"{folder}/" for _config, folder in EDITIONS.values() if folder != ".")


def site_files(site: Path) -> dict[str, Path]:
    """Files of the English edition by site path."""
    return {rel: path for path in site.rglob("*") if path.is_file()
            and not (rel := path.relative_to(site).as_posix()).startswith(OTHER_EDITIONS)}


def html_pages(site: Path) -> set[str]:
    return {rel for rel in site_files(site) if rel.endswith(".html")}


# -- parity ----------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_same_page_urls(sites: dict[str, Path], engine: str) -> None:
    mkdocs, other = html_pages(sites["mkdocs"]), html_pages(sites[engine])
    assert len(mkdocs) > 150, "the MkDocs build should hold the whole hub"
    assert sorted(mkdocs - other) == [], f"missing from the {engine} build"
    assert sorted(other - mkdocs) == [], f"only in the {engine} build"


@pytest.mark.parametrize("engine", ENGINES)
def test_same_main_content_edit_links_and_tags(sites: dict[str, Path], engine: str) -> None:
    """Text, edit link, tags, table regions and links kept out of search, page by page."""
    chrome = chrome_for(engine)
    differences, checked, regions = [], 0, 0
    unlisted = chrome_pages(engine)
    for page in sorted(html_pages(sites["mkdocs"])):
        ours = page_content(sites["mkdocs"] / page, chrome)
        theirs = page_content(sites[engine] / page, chrome)
        if page in unlisted:
            assert ours.text != theirs.text, f"{page} is the same now: unlist it"
            continue
        if not ours.text:  # redirect stubs: the whole file must match
            if (sites["mkdocs"] / page).read_bytes() != (sites[engine] / page).read_bytes():
                differences.append(f"{page}: the redirect page differs")
            continue
        checked += 1
        if ours.text != theirs.text:
            start = next((i for i, (a, b) in enumerate(zip(ours.text, theirs.text, strict=False))
                          if a != b), min(len(ours.text), len(theirs.text)))
            differences.append(f"{page}: text differs at {start}:\n"
                               f"  mkdocs: {ours.text[max(0, start - 60):start + 80]!r}\n"
                               f"  {engine}: {theirs.text[max(0, start - 60):start + 80]!r}")
        if ours.edit_link != theirs.edit_link:
            differences.append(f"{page}: edit link {ours.edit_link} vs {theirs.edit_link}")
        if ours.tags != theirs.tags:
            differences.append(f"{page}: tags {ours.tags} vs {theirs.tags}")
        if (ours.regions, ours.unsearched_links) != (theirs.regions, theirs.unsearched_links):
            differences.append(f"{page}: table regions {ours.regions} vs {theirs.regions}, "
                               f"links out of search {ours.unsearched_links} vs "
                               f"{theirs.unsearched_links}")
        regions += len(ours.regions)
    assert checked > 150
    assert regions > 20, "the hub's tables should be in labelled regions"
    assert differences == [], "\n".join(differences)


@pytest.mark.parametrize("engine", ENGINES)
def test_every_chrome_rule_still_sets_aside_a_real_difference(
        sites: dict[str, Path], engine: str) -> None:
    """An allow-list entry that no longer matches a difference is removed, not kept."""
    chrome = chrome_for(engine)
    for rule in chrome:
        kept = tuple(r for r in chrome if r != rule)
        assert any(page_content(sites["mkdocs"] / page, kept).text
                   != page_content(sites[engine] / page, kept).text
                   for page in sorted(html_pages(sites["mkdocs"]))), \
            f"{''.join(rule)} sets nothing aside on {engine}: remove it from the list"


def test_zensical_links_no_placeholder_repository(zensical_site: Path) -> None:
    # While repo_url is mkdocs.yml's placeholder the hooks drop every edit button; the
    # source says edit_url: null on every page, or Zensical would link the placeholder.
    for page in ("countries/ken/index.html", "countries/index.html", "about/index.html"):
        assert page_content(zensical_site / page, ()).edit_link is None, page


@pytest.mark.parametrize("engine", ENGINES)
def test_same_files_of_our_own_and_identical_exports(sites: dict[str, Path],
                                                     engine: str) -> None:
    def files(name: str) -> dict[str, Path]:
        skip = DIFFERENCES["theme_files"][name]
        return {rel: path for rel, path in site_files(sites[name]).items()
                if not rel.endswith(".html")
                and not any(fnmatch.fnmatch(rel, pattern) for pattern in skip)}

    ours, theirs = files("mkdocs"), files(engine)
    assert sorted(ours.keys() ^ theirs.keys()) == []
    exports = [name for name in ours if name.startswith(f"{EXPORT_DIR}/")]
    assert len(exports) >= 10, exports
    differing = [name for name in sorted(ours) if ours[name].read_bytes()
                 != theirs[name].read_bytes()]
    assert differing == []


@pytest.mark.parametrize("engine", ENGINES)
def test_theme_only_files_are_listed_truly(sites: dict[str, Path], engine: str) -> None:
    for name in ("mkdocs", engine):
        for pattern in DIFFERENCES["theme_files"][name]:
            assert any(fnmatch.fnmatch(rel, pattern) for rel in site_files(sites[name])), \
                f"{pattern} matches nothing in the {name} build: remove it from the list"


# -- HTML and accessibility of the Zensical build --------------------------------------


def built_path(docs_path: str) -> str:
    """Where a docs page lands with directory URLs (as in test_a11y)."""
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index") + "index.html"
    return f"{stem}/index.html"


def zensical_samples(model: odhub.Model) -> list[str]:
    """One page of each kind, the richest of its kind, as test_a11y picks them."""
    found = richest(model)
    pages = ["index.md", "countries/index.md", found.country.page, found.hub.page,
             found.case_study.src_uri, found.guidance.src_uri, "case-studies/index.md",
             "monitor/index.md", "news/index.md"]
    return [built_path(p) for p in pages]


@pytest.fixture(scope="module")
def model() -> odhub.Model:
    return odhub.load(ROOT)


def test_zensical_sample_passes_the_nu_html_checker(zensical_site: Path,
                                                    model: odhub.Model) -> None:
    java, vnu = require_java(), require_file(VNU)
    pages = [zensical_site / p for p in zensical_samples(model)] + [zensical_site / "404.html"]
    assert all(p.is_file() for p in pages), [str(p) for p in pages if not p.is_file()]
    result = subprocess.run([java, "-jar", str(vnu), "--errors-only", "--format", "gnu",
                             *map(str, pages)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr.replace(str(zensical_site), "")[-4000:]


@pytest.fixture(scope="module")
def zensical_server(zensical_site: Path) -> Iterator[str]:
    """Zensical's search reads search.json with fetch, so it needs http: a local server."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(zensical_site))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}/"
        server.shutdown()


@pytest.fixture
def local_page(browser, zensical_server: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # The repository widget would ask GitHub; only the local server is reachable.
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(zensical_server) else route.abort())
    yield context.new_page()
    context.close()


RUN_AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag",
    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}});
  return result.violations.filter(v => ["serious", "critical"].includes(v.impact))
    .flatMap(v => v.nodes.map(n => [v.id, n.html.match(/^<([a-z0-9]+)/i)[1].toLowerCase(),
                                    n.target.join(" ")]));
}"""


@pytest.mark.browser
def test_zensical_sample_has_no_serious_wcag_violations(
        local_page, zensical_server: str, model: odhub.Model) -> None:
    axe = require_file(AXE).read_text(encoding="utf-8")
    found = []
    for page in zensical_samples(model):
        local_page.goto(zensical_server + page.removesuffix("index.html"))
        local_page.add_script_tag(content=axe)
        found += [f"{page}: {rule} on {target}"
                  for rule, _element, target in local_page.evaluate(RUN_AXE)]
    assert found == [], "\n".join(found)


@pytest.mark.browser
def test_zensical_search_dialog_has_only_the_listed_wcag_violations(
        local_page, zensical_server: str) -> None:
    """The dialog is Zensical's, in a shadow root (axe looks inside): what it fails is
    listed with the reason; anything new fails, and a fixed entry must be unlisted."""
    require_file(AXE)
    local_page.goto(zensical_server)
    assert _search(local_page, "open data"), "no search results"
    local_page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = {(rule, element) for rule, element, _target in local_page.evaluate(RUN_AXE)}
    listed = {(entry["rule"], entry["element"])
              for entry in DIFFERENCES["axe"]["zensical_search_dialog"]}
    assert found == listed


# -- search ----------------------------------------------------------------------------

# Each result links its page with ?h=<the query it answers>.
READ_HITS = """() => {
  const hits = [];
  const walk = root => root.querySelectorAll("*").forEach(el => {
    if (el.shadowRoot) walk(el.shadowRoot);
    if (el.matches("a[role=option]")) {
      const url = new URL(el.href);
      hits.push([url.pathname, url.searchParams.get("h")]);
    }
  });
  walk(document);
  return hits;
}"""


# The dialog opens in a shadow root; keys typed before its box has focus are lost.
SEARCH_BOX_FOCUSED = """() => [...document.querySelectorAll("body > *")].some(
  el => el.shadowRoot && el.shadowRoot.activeElement
        && el.shadowRoot.activeElement.matches("input[role=combobox]"))"""


def _search(page, text: str) -> list[str]:
    page.wait_for_load_state("load")
    page.click(".md-search__button")
    page.wait_for_function(SEARCH_BOX_FOCUSED, timeout=10_000)
    page.keyboard.type(text)
    for _ in range(100):  # results follow each letter: wait for those of the whole query
        hits = page.evaluate(READ_HITS)
        if hits and all(query == text for _path, query in hits):
            return [path for path, _query in hits]
        page.wait_for_timeout(100)
    raise AssertionError(f"no results for {text!r} after 10 s: {hits[:3]}")


SEARCHES = [("KEN", "KEN"), ("KE", "KEN"), ("CIV", "CIV"), ("CI", "CIV"), ("USA", "USA"),
            ("Ivory Coast", "CIV"), ("Macedonia", "MKD"), ("Türkiye", "TUR"),
            ("XKX", "XKX")]


@pytest.mark.browser
@pytest.mark.parametrize("query,iso3", SEARCHES)
def test_zensical_search_finds_the_country_by_code_or_other_name(
        local_page, zensical_server: str, model: odhub.Model, query: str, iso3: str) -> None:
    expected = "/" + model.countries[iso3].page.removesuffix(".md") + "/"
    local_page.goto(zensical_server)
    hits = _search(local_page, query)
    known = DIFFERENCES["search"]["zensical"].get(query)
    if known is None:
        assert hits and hits[0] == expected, hits[:5]
    else:  # listed: still found near the top, and still not first (else unlist it)
        assert hits and hits[0] == "/" + known["first"], hits[:5]
        assert expected in hits[:known["within"]], hits[:5]


def test_search_allow_list_names_only_queries_that_are_tested() -> None:
    assert set(DIFFERENCES["search"]["zensical"]) <= {q for q, _ in SEARCHES}


# -- the source tree itself ------------------------------------------------------------


def test_a_hand_written_page_that_hides_a_generated_one_is_refused(hub_copy: Path,
                                                                   tmp_path: Path) -> None:
    (hub_copy / "docs/countries").mkdir()
    (hub_copy / "docs/countries/ken.md").write_text("# Kenya\n", encoding="utf-8")
    result = run_odhub("build-source", str(tmp_path / "out"), cwd=hub_copy)
    assert result.returncode == 1
    assert "docs/countries/ken.md: would hide a generated page" in result.stderr
    assert not (tmp_path / "out").exists()
    built = mkdocs_build(hub_copy, tmp_path / "site")
    assert built.returncode != 0
    assert "docs/countries/ken.md: would hide a generated page" in built.stderr


def test_build_source_replaces_only_its_own_output(hub_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "source"
    assert run_odhub("build-source", str(out), cwd=hub_copy).returncode == 0
    (out / "stale.md").write_text("left from an earlier run\n", encoding="utf-8")
    assert run_odhub("build-source", str(out), cwd=hub_copy).returncode == 0
    assert not (out / "stale.md").exists()
    assert (out / "countries/ken.md").is_file() and (out / "data/countries.csv").is_file()

    someone_elses = tmp_path / "notes"
    someone_elses.mkdir()
    (someone_elses / "mine.txt").write_text("keep me\n", encoding="utf-8")
    result = run_odhub("build-source", str(someone_elses), cwd=hub_copy)
    assert result.returncode == 1 and "not empty" in result.stderr
    assert (someone_elses / "mine.txt").read_text(encoding="utf-8") == "keep me\n"
    for inside in ("docs", "docs/generated", "."):
        result = run_odhub("build-source", inside, cwd=hub_copy)
        assert result.returncode == 1 and "refusing" in result.stderr, inside
    assert (hub_copy / "docs/index.md").is_file()


def front_matter(page: Path) -> dict:
    return yaml.safe_load(page.read_text(encoding="utf-8").split("---")[1])


def test_source_pages_carry_their_front_matter(zensical_hub: Path,
                                              model: odhub.Model) -> None:
    out = zensical_hub / "build" / "site-source"
    case = next(iter(model.case_studies.values()))
    meta = front_matter(out / case.src_uri)
    assert meta["tags"] == [model.principles[p].title for p in case.principles] + \
        [model.sectors[s].title for s in case.sectors]
    assert meta["revision_date"] and meta["title"] == case.title
    assert "<!-- hub:" not in (out / case.src_uri).read_text(encoding="utf-8")  # expanded
    # The placeholder repository: no page links it.
    assert "edit_url" in meta and meta["edit_url"] is None
    assert front_matter(out / "countries/ken.md")["edit_url"] is None


def test_with_a_published_repository_generated_pages_edit_their_data_file(
        hub_copy: Path, tmp_path: Path) -> None:
    replace_in(hub_copy / "mkdocs.yml", "github.com/OWNER/", "github.com/example-org/")
    out = tmp_path / "source"
    result = run_odhub("build-source", str(out), cwd=hub_copy)
    assert result.returncode == 0, result.stderr
    ken = front_matter(out / "countries/ken.md")
    assert ken["edit_url"] == ("https://github.com/example-org/open-data-peer-hub/edit/main/"
                               "data/countries/ken.yml")
    index = front_matter(out / "countries/index.md")
    assert "edit_url" in index and index["edit_url"] is None  # made from many files
    # Hand-written pages keep the engine's own link to docs/<page>.md.
    assert "edit_url" not in front_matter(out / "about.md")
