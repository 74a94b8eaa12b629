"""Build the offline edition and zip it: `make offline` or `python scripts/build_offline.py`.

Runs a strict build of mkdocs.offline.yml (Material's offline plugin, vendored iframe-worker
shim, no fonts or CDN scripts) and of each language's mkdocs.offline.<lang>.yml into
<site>/<lang>/, zips the folder as odhub-offline.zip with one top-level folder (all
editions in one zip, the language selector linking them), and prints the zip size, the
page count and the median and p95 HTML page size, so a growing page weight shows up in
every build.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# Source maps are only read by browser developer tools; readers never need them.
LEFT_OUT_SUFFIXES = (".map",)


@dataclass(frozen=True)
class SiteStats:
    pages: int
    median_bytes: int
    p95_bytes: int


def page_stats(site: Path) -> SiteStats:
    """Page count and HTML page sizes (nearest-rank p95) of a built site."""
    sizes = sorted(p.stat().st_size for p in site.rglob("*.html"))
    if not sizes:
        raise SystemExit(f"no HTML pages under {site}")
    p95 = sizes[math.ceil(0.95 * len(sizes)) - 1]
    return SiteStats(len(sizes), int(statistics.median(sizes)), p95)


def edition_configs(config: Path) -> list[tuple[Path, str]]:
    """The English offline config, then mkdocs.offline.<lang>.yml beside it, each with the
    folder under the site it is built into."""
    others = sorted(config.parent.glob(f"{config.stem}.*{config.suffix}"))
    return [(config, ""), *((other, other.stem.rsplit(".", 1)[-1]) for other in others)]


def build(config: Path, site: Path) -> None:
    command = [str(BIN / "mkdocs"), "build", "--strict", "-f", str(config), "-d", str(site)]
    # Both switches silence the "MkDocs 2" banners (Material's and properdocs'), which are
    # not build warnings.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run(command, cwd=config.parent, env=env)
    if result.returncode != 0:
        raise SystemExit(f"offline build failed (exit {result.returncode}); nothing was zipped")


def make_zip(site: Path, target: Path, folder: str) -> None:
    """Zip site/ under one folder name, so unzipping never scatters files."""
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for file in sorted(site.rglob("*")):
            if file.is_file() and not file.name.endswith(LEFT_OUT_SUFFIXES):
                archive.write(file, f"{folder}/{file.relative_to(site).as_posix()}")
    partial.replace(target)  # a failed run never leaves a half-written zip behind


def human(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.offline.yml")
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site-offline",
                        help="where the offline site is built (default: site-offline/)")
    parser.add_argument("--zip", type=Path, default=ROOT / "odhub-offline.zip",
                        help="the zip to write (default: odhub-offline.zip)")
    args = parser.parse_args(argv)

    site, target = args.site_dir.resolve(), args.zip.resolve()
    for config, language in edition_configs(args.config.resolve()):
        build(config, site / language if language else site)  # English first: it cleans
    make_zip(site, target, folder=target.stem)
    stats = page_stats(site)
    zip_size = target.stat().st_size
    print(f"{target.name}: {human(zip_size)} ({zip_size} bytes)")
    print(f"pages: {stats.pages}")
    print(f"HTML page size: median {human(stats.median_bytes)}, p95 {human(stats.p95_bytes)}")
    print(f"open {target.stem}/index.html after unzipping; no network is needed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
