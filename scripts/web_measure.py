"""What a reader's browser transfers and waits for: a built site served as a static host
serves it, opened in Debian's Chromium (Playwright). Used by scripts/bench.py.

The server is Python's http.server on 127.0.0.1, answering with gzip (level 6, what
static hosts use) when the browser accepts it, and counting the bytes it sends for each
request: the status line, headers and the (compressed) body. So the figures are the bytes
on the wire for every request the page, its scripts and the search worker make, counted
where they leave the server; nothing is estimated from file sizes.

- first visit: a fresh browser profile (empty cache) opens a page and waits until the
  network has been idle for 0.5 s; every byte sent until then counts.
- one query: the same page, then the search box is opened and a query typed; every byte
  sent from the first key until the whole query's results are on screen and settled counts.
- time to results: one visit with Chromium's network emulation at DevTools' "Fast 3G"
  (562.5 ms round trip, 180 kB/s down, 84 kB/s up; it applies to the page's workers too):
  the time from the last key to the first results of the whole query on screen (Material
  lists results as they arrive, so later changes only add to them), for the visit's first
  query (the box opened just before typing, so Pagefind starts cold) and, as the
  reported figure, the median of the queries after it.
"""

from __future__ import annotations

import functools
import gzip
import statistics
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
# DevTools' "Fast 3G" preset (front_end/core/sdk/NetworkManager.ts).
FAST_3G = {"offline": False, "latency": 562.5, "downloadThroughput": 180_000,
           "uploadThroughput": 84_375}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map")
TYPING_DELAY_MS = 150  # a quick reader's pace, key to key


@dataclass
class Counter:
    """Bytes sent per request path, in order; reset between measures."""

    sent: list[tuple[str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.sent.append((path, size))

    def take(self) -> list[tuple[str, int]]:
        with self.lock:
            taken, self.sent = self.sent, []
        return taken


class _Handler(SimpleHTTPRequestHandler):
    counter: Counter
    cache: dict[Path, bytes]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gzip_ok and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = self.cache.get(path)
        if body is None:
            body = self.cache[path] = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")  # revalidate; measures stay cold
        super().end_headers()

    def handle_one_request(self) -> None:
        before = self._written()
        super().handle_one_request()
        if getattr(self, "path", None):
            self.counter.add(self.path.split("?")[0].lstrip("/"), self._written() - before)

    def _written(self) -> int:
        return getattr(self.wfile, "_bytes", 0)

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile)


class _CountingWriter:
    def __init__(self, raw) -> None:  # type: ignore[no-untyped-def]
        self.raw = raw
        self._bytes = 0

    def write(self, data: bytes) -> int:
        self._bytes += len(data)
        return self.raw.write(data)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.raw, name)


@contextmanager
def serve(site: Path) -> Iterator[tuple[str, Counter]]:
    counter = Counter()
    handler = type("Handler", (_Handler,), {"counter": counter, "cache": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler,
                                                                     directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", counter
    finally:
        server.shutdown()
        thread.join()


@dataclass
class WebFigures:
    first_visit: int = 0  # bytes
    first_visit_parts: dict[str, int] = field(default_factory=dict)
    query_bytes: int = 0  # the largest of the queries
    query_parts: dict[str, int] = field(default_factory=dict)
    results_seconds: float = float("nan")  # fast 3G, median of the later queries
    first_results_seconds: float = float("nan")  # fast 3G, the visit's first query
    search_before_typing: int = 0  # bytes of pagefind/ fetched before the first key


# Each change of the result list, with the query its first result belongs to: Material
# puts the query's words in every result link (?h=...), for highlighting.
_WATCH = """() => {
  window.__odhubChanges = [];
  const list = document.querySelector('.md-search-result__list');
  new MutationObserver(() => {
    const link = list.querySelector('a.md-search-result__link');
    const words = link ? new URL(link.href).searchParams.get('h') : null;
    window.__odhubChanges.push([performance.now(), words]);
  }).observe(list, {childList: true, subtree: true});
}"""
QUIET_MS = 2000  # no change for this long after the query's results: they are complete


def _kind(path: str) -> str:
    if path.startswith("pagefind/") or path.startswith("search/"):
        return "search"
    suffix = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else "html"
    return {"js": "JS", "css": "CSS", "html": "HTML", "svg": "images", "png": "images",
            "json": "data", "xml": "data"}.get(suffix, "other")


def _by_kind(sent: list[tuple[str, int]]) -> dict[str, int]:
    parts: dict[str, int] = {}
    for path, size in sent:
        parts[_kind(path)] = parts.get(_kind(path), 0) + size
    return parts


def _type_and_wait(page, query: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Type the query; (time of the last key, time of the last change of the results)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.evaluate(_WATCH)
    box.press_sequentially(query, delay=TYPING_DELAY_MS)
    last_key = page.evaluate("performance.now()")
    words = " ".join(query.split())
    for _ in range(240):  # at most a minute
        page.wait_for_timeout(250)
        now = page.evaluate("performance.now()")
        changes = page.evaluate("window.__odhubChanges")
        shown = [t for t, h in changes if h == words and t > last_key]
        if shown and now - changes[-1][0] > QUIET_MS:
            return last_key, shown[0]  # the query's first results on screen
    raise RuntimeError(f"no search results for {query!r} within a minute")


def measure(site: Path, page_path: str, queries: list[str]) -> WebFigures:
    from playwright.sync_api import sync_playwright

    figures = WebFigures()
    with serve(site) as (base, counter), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)

        def fresh(throttled: bool):  # type: ignore[no-untyped-def]
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            # Only the local server: the repository widget's api.github.com call and the
            # like are refused, as they would cost the same at any hub size.
            context.route("**/*", lambda route: route.continue_()
                          if route.request.url.startswith(base) else route.abort())
            page = context.new_page()
            if throttled:
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", FAST_3G)
            return context, page

        context, page = fresh(throttled=False)
        counter.take()
        page.goto(base + page_path, wait_until="networkidle")
        sent = counter.take()
        figures.first_visit = sum(size for _, size in sent)
        figures.first_visit_parts = _by_kind(sent)
        figures.search_before_typing = sum(size for path, size in sent
                                           if path.startswith("pagefind/"))
        context.close()

        for query in queries:  # each from a fresh profile: Pagefind starts cold each time
            context, page = fresh(throttled=False)
            page.goto(base + page_path, wait_until="networkidle")
            counter.take()
            _type_and_wait(page, query)
            sent = counter.take()
            if sum(size for _, size in sent) > figures.query_bytes:
                figures.query_bytes = sum(size for _, size in sent)
                figures.query_parts = _by_kind(sent)
            context.close()

        # One visit on fast 3G: the first query starts Pagefind cold (its script,
        # WebAssembly and metadata load when the box opens), the next ones find it loaded.
        context, page = fresh(throttled=True)
        page.goto(base + page_path, wait_until="networkidle")
        waits = []
        for query in queries:
            last_key, shown = _type_and_wait(page, query)
            waits.append((shown - last_key) / 1000)
            page.keyboard.press("Escape")  # close the box, as a reader does between queries
        context.close()
        figures.first_results_seconds = waits[0]
        figures.results_seconds = statistics.median(waits[1:]) if len(waits) > 1 else waits[0]
        browser.close()
    return figures
