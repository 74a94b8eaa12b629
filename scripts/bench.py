"""Benchmark the hub's build at several sizes on synthetic data, and print one table.

For each scale (about that many pages) it generates a synthetic hub in a temporary folder
(scripts/synthetic_hub.py: the real hooks, theme overrides and mkdocs.yml, generated
countries, case studies and guidance) and measures, as the median of --repeat runs:

- the wall time, CPU time and peak memory (max RSS) of a `mkdocs build` subprocess;
- Material alone on the same pages: the hand-written docs plus the output of `odhub
  generate`, built with the same mkdocs.yml without our hooks (and with Material's search
  plugin, since the web edition's Pagefind run is part of our hooks);
- the Python-Markdown floor: a subprocess that only runs markdown.markdown, with the
  site's own extensions, over every page the build renders (hand-written and generated);
- build / Material and build / floor in CPU time, pair by pair within each repeat;
- median and largest HTML page, Pagefind index and whole site size;
- what a reader's browser transfers and waits for (scripts/web_measure.py, once per
  scale): the bytes of a first visit to a country page, of one search query, and the
  time to search results on emulated fast 3G, the site served with gzip on 127.0.0.1;
- the wall time of `odhub validate` (startup included, as a contributor would run it).

Repeats loop over all scales in turn, so a burst of load on the machine hits every scale
alike; growth ratios between scales are also computed pair by pair within each repeat.

    make bench                                       # 100, 1000 and 3000 pages, 3 repeats
    .venv/bin/python scripts/bench.py --scales 100,1000 --repeat 5
    .venv/bin/python scripts/bench.py --quick        # tiny smoke run
    .venv/bin/python scripts/bench.py --profile /tmp/build.prof --profile-pages 1500
    .venv/bin/python scripts/bench.py --editions     # every language edition vs English

--editions measures instead what the language editions cost: `make site`'s builds (English,
then each mkdocs.<lang>.yml) against the English build alone, on the bundled hub and on a
synthetic hub of each --scales size, in CPU and wall time, as the median of --repeat
paired runs. The target is at most 3.3 times one edition for the three.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic_hub  # a sibling script, not a package
import web_measure  # likewise

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
COLUMNS = ("pages", "records", "commitments", "build s", "build CPU s", "Material CPU s",
           "CPU build/Material", "floor s", "CPU build/floor", "peak MiB",
           "median page KB", "largest page KB", "country page KB", "explorer KB + data KB",
           "first visit KB", "query KB", "results s (fast 3G)", "site MB", "validate s")
# The documented switches of Material's and ProperDocs' banners (not build warnings).
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


@dataclass
class Run:
    """What one subprocess cost."""

    seconds: float
    cpu: float  # user + system seconds: steadier than wall time on a shared machine
    peak_mib: float


@dataclass
class Scale:
    pages: int
    hub: Path
    site: Path
    layout: synthetic_hub.Plan
    builds: list[Run] = field(default_factory=list)
    materials: list[Run] = field(default_factory=list)  # Material alone, same pages
    floors: list[Run] = field(default_factory=list)
    validations: list[Run] = field(default_factory=list)
    html_pages: int = 0
    page_sizes: list[int] = field(default_factory=list)
    search_index: int = 0
    site_size: int = 0
    warnings: int = 0
    largest: list[tuple[int, str]] = field(default_factory=list)
    web: web_measure.WebFigures | None = None
    country_page: str = ""
    queries: list[str] = field(default_factory=list)
    country_pages: list[int] = field(default_factory=list)
    explorer: int = 0  # the commitments explorer's first page
    explorer_data: int = 0  # and the script it loads, commitments/data.js
    commitments: int = 0


def timed(command: list[str], cwd: Path, log: Path) -> Run:
    """Run a command; its wall time and its own peak RSS (wait4 reports that child only)."""
    with log.open("w") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=out,
                                   stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = "".join(log.read_text(errors="replace").splitlines(keepends=True)[-30:])
        raise SystemExit(f"bench: {' '.join(command)} failed ({process.returncode}):\n{tail}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


# -- language editions: every edition, as `make site` builds them, against one ----------

EDITIONS_TARGET = 3.3  # three editions may cost at most this many times one (issue 13)


def edition_builds(hub: Path, site: Path) -> list[list[str]]:
    """`make site`'s commands for a hub: mkdocs.yml into site/, then each language's
    mkdocs.<lang>.yml into site/<lang>/ (English first: its build empties the folder)."""
    configs = [hub / "mkdocs.yml", *sorted(hub.glob(synthetic_hub.EDITION_CONFIGS))]
    commands = []
    for config in configs:
        language = config.stem.partition(".")[2]
        target = site / language if language else site
        commands.append([str(BIN / "mkdocs"), "build", "-q", "-f", str(config),
                         "-d", str(target)])
    return commands


@dataclass
class EditionsCost:
    name: str
    hub: Path
    pages: int = 0  # HTML pages of one edition
    editions: int = 0
    one: list[Run] = field(default_factory=list)  # the English build alone
    every: list[Run] = field(default_factory=list)  # all editions, one after the other

    def ratios(self, measure: str) -> list[float]:
        return [getattr(e, measure) / getattr(o, measure)
                for o, e in zip(self.one, self.every, strict=True)]


def measure_editions(cost: EditionsCost, work: Path) -> None:
    """One repeat: the English build alone, then every edition; paired for the ratio."""
    commands = edition_builds(cost.hub, work / f"editions-{cost.name}")
    log = work / f"editions-{cost.name}.log"
    cost.one.append(timed(edition_builds(cost.hub, work / f"one-{cost.name}")[0],
                          cost.hub, log))
    runs = [timed(command, cost.hub, log) for command in commands]
    cost.every.append(Run(sum(r.seconds for r in runs), sum(r.cpu for r in runs),
                          max(r.peak_mib for r in runs)))
    cost.editions = len(commands)
    cost.pages = len(list((work / f"one-{cost.name}").rglob("*.html")))


def editions_table(costs: list[EditionsCost]) -> str:
    columns = ("hub", "pages per edition", "editions", "one CPU s", "all CPU s",
               "CPU ratio", "one wall s", "all wall s", "wall ratio")
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    for c in costs:
        cells = [c.name, f"{c.pages:,}", str(c.editions),
                 f"{median([r.cpu for r in c.one]):.2f}",
                 f"{median([r.cpu for r in c.every]):.2f}",
                 f"{median(c.ratios('cpu')):.2f}",
                 f"{median([r.seconds for r in c.one]):.2f}",
                 f"{median([r.seconds for r in c.every]):.2f}",
                 f"{median(c.ratios('seconds')):.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run_editions(work: Path, sizes: list[int], repeat: int, bundled: bool = True) -> int:
    load_before = os.getloadavg()
    started = datetime.now(UTC)
    costs = [EditionsCost("bundled", ROOT)] if bundled else []
    costs += [EditionsCost(f"synthetic {pages}", prepare(work, pages).hub) for pages in sizes]
    # Untimed: compiles the library to bytecode once, so no measurement includes it.
    timed(validate_command(ROOT), ROOT, work / "validate.log")
    for _attempt in range(repeat):
        for cost in costs:
            measure_editions(cost, work)
    load_after = os.getloadavg()
    print(editions_table(costs))
    print()
    for cost in costs:
        ratio = median(cost.ratios("cpu"))
        verdict = "within" if ratio <= EDITIONS_TARGET else "ABOVE"
        print(f"- {cost.name}: {cost.editions} editions cost ×{ratio:.2f} the CPU time of "
              f"one (wall ×{median(cost.ratios('seconds')):.2f}); {verdict} the target of "
              f"×{EDITIONS_TARGET}")
    print(f"- medians of {repeat} paired run(s); {started:%Y-%m-%d %H:%M} UTC; "
          f"{os.cpu_count()} CPU(s); load average {load_before[0]:.2f} before, "
          f"{load_after[0]:.2f} after; Python {platform.python_version()}")
    return 0


def build_command(scale: Scale) -> list[str]:
    return [str(BIN / "mkdocs"), "build", "-f", str(scale.hub / "mkdocs.yml"),
            "-d", str(scale.site)]


def material_command(scale: Scale) -> list[str]:
    return [str(BIN / "mkdocs"), "build", "-q", "-f", str(scale.hub / MATERIAL_CONFIG),
            "-d", str(scale.site.with_name(scale.site.name + "-material"))]


MATERIAL_CONFIG = "mkdocs.material.yml"
MATERIAL_DOCS = "material-docs"


def write_material_alone(hub: Path) -> None:
    """The same pages built by Material alone: the hand-written docs plus the output of
    `odhub generate` in one folder, the hub's mkdocs.yml without its hooks, and with
    Material's search plugin, which a Material site has (ours runs Pagefind instead)."""
    docs = hub / MATERIAL_DOCS
    shutil.copytree(hub / "docs", docs)
    shutil.copytree(hub / "generated", docs, dirs_exist_ok=True)
    text = (hub / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = "hooks:\n  - hooks/mkdocs_adapter.py\n"
    if hooks not in text or "\nplugins:\n" not in text or "search: pagefind" not in text:
        raise SystemExit("bench: mkdocs.yml changed shape; update write_material_alone")
    text = text.replace(hooks, "").replace("\nplugins:\n", "\nplugins:\n  search: {}\n", 1)
    text = text.replace("search: pagefind", "search: lunr")
    (hub / MATERIAL_CONFIG).write_text(f"docs_dir: {MATERIAL_DOCS}\n{text}", encoding="utf-8")


def floor_worker(config: str, folders: list[str]) -> int:
    """The floor: Python-Markdown alone over every page, with the site's extensions."""
    import markdown
    from mkdocs.config import load_config

    sys.path.insert(0, str(ROOT / "hooks"))
    from odhub.data.yamlfile import split_front_matter

    loaded = load_config(config)
    extensions, configs = loaded.markdown_extensions, loaded.mdx_configs
    count = 0
    for folder in folders:
        for file in sorted(Path(folder).rglob("*.md")):
            text = file.read_text(encoding="utf-8")
            front = split_front_matter(text)
            if front is not None:  # drop '---', the YAML and the closing '---'
                text = text.split("\n", front.count("\n") + 2)[-1]
            markdown.markdown(text, extensions=extensions, extension_configs=configs)
            count += 1
    print(f"floor: {count} pages")
    return 0


def floor_command(scale: Scale) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--floor-worker",
            str(scale.hub / "mkdocs.yml"), str(scale.hub / "docs"),
            str(scale.hub / "generated")]


def validate_command(hub: Path) -> list[str]:
    return [str(BIN / "odhub"), "--root", str(hub), "validate"]


def measure_site(scale: Scale, log: Path) -> None:
    files = [p for p in scale.site.rglob("*") if p.is_file()]
    scale.page_sizes = sorted(p.stat().st_size for p in files if p.suffix == ".html")
    # The pages that list every record (explorer, tags, dashboard) grow with the hub.
    scale.largest = sorted(((p.stat().st_size, p.relative_to(scale.site).as_posix())
                            for p in files if p.suffix == ".html"), reverse=True)[:3]
    scale.html_pages = len(scale.page_sizes)
    scale.search_index = sum(p.stat().st_size for p in files
                             if p.is_relative_to(scale.site / "pagefind"))
    scale.site_size = sum(p.stat().st_size for p in files)
    scale.country_pages = sorted(p.stat().st_size for p in
                                 (scale.site / "countries").glob("*/index.html"))
    explorer = scale.site / "commitments" / "index.html"
    data = scale.site / "commitments" / "data.js"
    scale.explorer = explorer.stat().st_size if explorer.exists() else 0
    scale.explorer_data = data.stat().st_size if data.exists() else 0
    scale.commitments = sum(len(f.read_text(encoding="utf-8").split("\n- id: ")) - 1
                            for f in (scale.hub / "data" / "commitments").glob("*.yml"))
    scale.warnings = sum("WARNING" in line for line in log.read_text().splitlines())


def prepare(work: Path, pages: int) -> Scale:
    hub = work / f"hub-{pages}"
    layout = synthetic_hub.generate(hub, pages)
    # The generated pages, written out once so the floor converts what the build renders.
    subprocess.run([str(BIN / "odhub"), "--root", str(hub), "generate", "--out",
                    str(hub / "generated")], check=True, capture_output=True, env=ENV)
    write_material_alone(hub)
    scale = Scale(pages, hub, work / f"site-{pages}", layout)
    country = min(p.stem for p in (hub / "data" / "countries").glob("*.yml"))
    scale.country_page = f"countries/{country}/"
    # A code (its page must come first), then words found on many pages.
    scale.queries = [country.upper(), "procurement", "health school"]
    return scale


def percentile(values: list[int], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def row(scale: Scale) -> list[str]:
    floors = list(zip(scale.builds, scale.floors, strict=True))
    materials = list(zip(scale.builds, scale.materials, strict=True))
    web = scale.web
    return [
        f"{scale.html_pages:,}",
        f"{scale.layout.records:,}",
        f"{scale.commitments:,}",
        f"{median([r.seconds for r in scale.builds]):.2f}",
        f"{median([r.cpu for r in scale.builds]):.2f}",
        f"{median([r.cpu for r in scale.materials]):.2f}",
        f"{median([b.cpu / m.cpu for b, m in materials]):.2f}",
        f"{median([r.seconds for r in scale.floors]):.2f}",
        f"{median([b.cpu / f.cpu for b, f in floors]):.2f}",
        f"{max(r.peak_mib for r in scale.builds):.0f}",
        f"{median(scale.page_sizes) / 1000:.1f}",
        f"{scale.largest[0][0] / 1000:,.0f}",
        f"{median(scale.country_pages) / 1000:.1f}",
        f"{scale.explorer / 1000:.0f} + {scale.explorer_data / 1000:.0f}",
        f"{web.first_visit / 1000:.0f}" if web else "n/a",
        f"{web.query_bytes / 1000:.0f}" if web else "n/a",
        f"{web.results_seconds:.2f}" if web else "n/a",
        f"{scale.site_size / 1e6:.1f}",
        f"{median([r.seconds for r in scale.validations]):.2f}",
    ]


def table(scales: list[Scale]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
    lines += ["| " + " | ".join(row(s)) + " |" for s in scales]
    return "\n".join(lines)


def summary(scales: list[Scale], validate: list[Run], validate_records: int) -> list[str]:
    notes = []
    for small, large in itertools.pairwise(scales):
        pairs = list(zip(small.builds, large.builds, strict=True))
        growth = [b.seconds / a.seconds for a, b in pairs]
        cpu_growth = [b.cpu / a.cpu for a, b in pairs]
        notes.append(f"growth {small.html_pages:,} → {large.html_pages:,} pages "
                     f"(×{large.html_pages / small.html_pages:.2f}): build time "
                     f"×{median(growth):.2f} (CPU time ×{median(cpu_growth):.2f})")
    if len(scales) >= 2:
        first, last = scales[0], scales[-1]
        change = median(last.page_sizes) / median(first.page_sizes) - 1
        notes.append(f"median page size {first.html_pages:,} → {last.html_pages:,} pages: "
                     f"{change:+.1%}")
    if scales:
        heaviest = ", ".join(f"{path} {size / 1000:,.0f} KB" for size, path in scales[-1].largest)
        notes.append(f"largest pages at {scales[-1].html_pages:,} pages: {heaviest}")
    for scale in scales:
        if scale.web is None:
            continue
        web = scale.web
        parts = ", ".join(f"{kind} {size / 1000:.1f}"
                          for kind, size in sorted(web.first_visit_parts.items()))
        notes.append(f"{scale.html_pages:,} pages: first visit to {scale.country_page} "
                     f"{web.first_visit / 1000:.1f} KB ({parts}; search data before typing "
                     f"{web.search_before_typing / 1000:.1f} KB); largest query "
                     f"{web.query_bytes / 1000:.1f} KB; results on fast 3G "
                     f"{web.first_results_seconds:.2f} s for the visit's first query "
                     f"(Pagefind cold), {web.results_seconds:.2f} s after it "
                     f"(queries: {', '.join(scale.queries)}); Pagefind index "
                     f"{scale.search_index / 1e6:.1f} MB on disk")
    notes.append(f"peak memory of any build: "
                 f"{max(r.peak_mib for s in scales for r in s.builds):.0f} MiB")
    if validate:
        notes.append(f"`odhub validate` at {validate_records:,} records: "
                     f"{median([r.seconds for r in validate]):.2f} s "
                     f"(CPU {median([r.cpu for r in validate]):.2f} s)")
    for scale in scales:
        if scale.warnings:
            notes.append(f"note: the {scale.pages}-page build logged {scale.warnings} "
                         "warning(s); see the build log with --keep")
    return notes


def profile(work: Path, pages: int, out: Path) -> None:
    """One cProfile'd build; the 25 costliest functions by own time are printed."""
    import pstats

    scale = prepare(work, pages)
    command = [sys.executable, "-m", "cProfile", "-o", str(out), str(BIN / "mkdocs"),
               "build", "-f", str(scale.hub / "mkdocs.yml"), "-d", str(scale.site)]
    run = timed(command, scale.hub, work / "profile.log")
    print(f"profiled build of {pages} pages: {run.seconds:.1f} s under cProfile; "
          f"stats in {out}")
    stats = pstats.Stats(str(out))
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)


def breakdown_worker(config: str, site: str) -> int:
    """One `mkdocs build` in this process, its CPU time counted per part. Unlike cProfile
    this adds almost nothing, so the shares are those of a real build."""
    import collections
    import functools

    import markdown
    from mkdocs import plugins
    from mkdocs.__main__ import cli
    from mkdocs.commands import build

    spent: collections.Counter[str] = collections.Counter()

    def cpu() -> float:
        # This process and the children it waited for (Pagefind runs as one).
        times = os.times()
        return time.process_time() + times.children_user + times.children_system

    def counted(function, label: str):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            start = cpu()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] += cpu() - start
        return wrapper

    def run_event(self, name, item=None, **kwargs):
        # MkDocs' own loop (PluginCollection.run_event), each plugin's share counted apart.
        for method in self.events[name]:
            self._current_plugin = self._event_origins.get(method, "<unknown>")
            owner = ("our hooks" if self._current_plugin.endswith(".py")
                     else f"plugin {self._current_plugin}")
            call = counted(method, f"{owner}: on_{name}")
            result = call(item, **kwargs) if item is not None else call(**kwargs)
            if result is not None:
                item = result
        self._current_plugin = None
        return item

    markdown.Markdown.convert = counted(markdown.Markdown.convert, "Python-Markdown convert")
    plugins.PluginCollection.run_event = run_event
    build._build_page = counted(build._build_page, "_build_page")
    start = cpu()
    sys.argv = ["mkdocs", "build", "-q", "-f", config, "-d", site]
    try:
        cli()
    except SystemExit as stop:
        if stop.code:
            raise
    total = cpu() - start
    # Page events run inside _build_page; what is left of it is the theme's template
    # and writing the file.
    inside = sum(v for k, v in spent.items() if k.endswith(("on_page_context", "on_post_page")))
    spent["theme template and writing pages"] = spent.pop("_build_page") - inside
    spent["start-up, reading sources, links, the rest"] = total - sum(spent.values())
    print("| part of one build | CPU s | share |\n| --- | --- | --- |")
    for label, seconds in spent.most_common():
        if seconds >= 0.005 * total:
            print(f"| {label} | {seconds:.2f} | {seconds / total:.0%} |")
    print(f"| total | {total:.2f} | 100% |")
    return 0


def breakdown(work: Path, pages: int) -> None:
    scale = prepare(work, pages)
    command = [sys.executable, str(Path(__file__).resolve()), "--breakdown-worker",
               str(scale.hub / "mkdocs.yml"), str(scale.site)]
    log = work / "breakdown.log"
    timed(command, scale.hub, log)
    print(f"CPU time of one build of {scale.layout.pages:,} pages, by part:\n")
    print("\n".join(line for line in log.read_text().splitlines() if line.startswith("|")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales",
                        help="comma-separated page counts (default: 100,1000,3000; "
                             "1000 with --editions)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (median)")
    parser.add_argument("--validate-records", type=int, default=2000,
                        help="size of the hub `odhub validate` is timed on (0: skip)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 20 pages, 1 repeat, a 50-record validate")
    parser.add_argument("--keep", type=Path, help="work in this new folder and keep it")
    parser.add_argument("--profile", type=Path, metavar="OUT.prof",
                        help="instead of the table, profile one build with cProfile")
    parser.add_argument("--breakdown", action="store_true",
                        help="instead of the table, split one build's CPU time by part")
    parser.add_argument("--no-browser", action="store_true",
                        help="skip the Chromium measures (first visit, query, fast 3G)")
    parser.add_argument("--editions", action="store_true",
                        help="instead of the table, measure every language edition against "
                             "English alone (bundled hub and synthetic --scales hubs; "
                             "--quick: a 20-page synthetic hub only)")
    parser.add_argument("--profile-pages", type=int, default=1500,
                        help="size of the hub for --profile and --breakdown")
    parser.add_argument("--floor-worker", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--breakdown-worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floor_worker:
        return floor_worker(args.floor_worker[0], args.floor_worker[1:])
    if args.breakdown_worker:
        return breakdown_worker(*args.breakdown_worker)
    if args.scales is None:
        args.scales = "1000" if args.editions else "100,1000,3000"
    if args.quick:
        args.scales, args.repeat, args.validate_records = "20", 1, 50
    sizes = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    if args.repeat < 1 or not sizes or min(sizes) < 10:
        parser.error("--repeat must be at least 1 and every scale at least 10 pages")

    if args.keep:
        args.keep.mkdir(parents=True)
        work = args.keep
    else:
        work = Path(tempfile.mkdtemp(prefix="odhub-bench-"))
    try:
        if args.profile:
            profile(work, args.profile_pages, args.profile.resolve())
            return 0
        if args.breakdown:
            breakdown(work, args.profile_pages)
            return 0
        if args.editions:
            return run_editions(work, sizes, args.repeat, bundled=not args.quick)
        return run_all(work, sizes, args.repeat, args.validate_records,
                       web=not args.no_browser)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run_all(work: Path, sizes: list[int], repeat: int, validate_records: int,
            web: bool = True) -> int:
    if web and not Path(web_measure.CHROMIUM).exists():
        print(f"bench: {web_measure.CHROMIUM} is missing (apt-get install chromium); "
              "the browser columns read n/a", file=sys.stderr)
        web = False
    load_before = os.getloadavg()
    started = datetime.now(UTC)
    scales = [prepare(work, pages) for pages in sizes]
    validate_hub = None
    if validate_records:
        match = [s for s in scales if s.layout.records == validate_records]
        validate_hub = match[0].hub if match else prepare(work, validate_records).hub
    validate_runs: list[Run] = []
    # Untimed: compiles any changed library module to bytecode once, before the first
    # timed run, so that no measurement includes it.
    timed(validate_command(scales[0].hub), scales[0].hub, work / "validate.log")
    for attempt in range(repeat):
        for scale in scales:
            log = work / f"build-{scale.pages}.log"
            scale.builds.append(timed(build_command(scale), scale.hub, log))
            if attempt == 0:
                measure_site(scale, log)
                if web:
                    scale.web = web_measure.measure(scale.site, scale.country_page,
                                                    scale.queries)
            scale.materials.append(timed(material_command(scale), scale.hub,
                                         work / f"material-{scale.pages}.log"))
            scale.floors.append(timed(floor_command(scale), scale.hub,
                                      work / f"floor-{scale.pages}.log"))
            scale.validations.append(timed(validate_command(scale.hub), scale.hub,
                                           work / "validate.log"))
        if validate_hub is not None:
            validate_runs.append(timed(validate_command(validate_hub), validate_hub,
                                       work / "validate.log"))
    load_after = os.getloadavg()

    print(table(scales))
    print()
    for note in summary(scales, validate_runs, validate_records):
        print(f"- {note}")
    print(f"- medians of {repeat} run(s); {started:%Y-%m-%d %H:%M} UTC; "
          f"{os.cpu_count()} CPU(s); load average {load_before[0]:.2f} before, "
          f"{load_after[0]:.2f} after; Python {platform.python_version()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
