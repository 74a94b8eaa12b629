"""The web edition's search index: Pagefind run over the built site.

Pagefind splits its index into fragments, so a reader who searches fetches only the parts
a query needs, and a reader who does not search fetches nothing. Its binary ships in the
`pagefind-bin` wheel; nothing is downloaded at build time.

Material's search box and results stay: its bundle starts the worker named in the page
config (overrides/main.html points it at docs/assets/search-worker.js), which answers with
Pagefind's results. The bundle still reads `search/search_index.json` on every page for
the search configuration (the highlighter's separator); without Material's search plugin
nobody writes it, so we write that file with the configuration and no documents.

The offline edition keeps Material's search plugin and its one-file index: Pagefind loads
WebAssembly and fragments with fetch(), which file:// does not allow.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

# What Pagefind leaves out of the index: lists of other pages (each is indexed on its own
# page), marked for Material's search too. Navigation, header and footer are outside the
# data-pagefind-body element that overrides/main.html puts around the content.
EXCLUDED = ("[data-search-exclude]", ".headerlink")  # .headerlink: the "¶" of each heading
# Material's own default separator (plugins/search/config.py); its highlighter uses it.
SEPARATOR = r'[\s\-,:!=\[\]()"/]+|(?!\b)(?=[A-Z][a-z])|\.(?!\d)|&[lg]t;'
OUTPUT = "pagefind"


class SearchIndexError(RuntimeError):
    """Pagefind is missing or failed; the message says which and what it printed."""


def pagefind_executable() -> Path:
    try:
        import pagefind_bin  # the wheel's binary, pinned in pyproject.toml
    except ImportError:
        raise SearchIndexError("the web edition's search needs Pagefind: "
                               "pip install -e '.[site]' installs pagefind-bin") from None
    return Path(pagefind_bin.get_executable())


def index_site(site: Path, language: str = "en",
               log: Callable[[str], None] = lambda _: None,
               other_editions: Iterable[str] = ()) -> None:
    """Index every page of a built site into site/pagefind/ and write the theme's stub.

    other_editions: folders of the site that hold other language editions (es, fr under
    the English site); their pages are indexed by their own builds, in their language.
    """
    command = [str(pagefind_executable()), "--site", str(site), "--output-subdir", OUTPUT,
               "--force-language", language, "--glob", pages_glob(site, other_editions)]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed (exit {result.returncode}):\n"
                               f"{result.stdout}{result.stderr}".rstrip())
    pages = next((line.split()[1] for line in result.stdout.splitlines()
                  if line.strip().startswith("Indexed") and line.strip().endswith("pages")),
                 "?")
    log(f"odhub: Pagefind indexed {pages} pages into {OUTPUT}/")
    write_search_config(site, language)


def pages_glob(site: Path, other_editions: Iterable[str]) -> str:
    """A glob of the site's pages outside the other editions' folders (Pagefind's globs
    have alternatives but no negation)."""
    skipped = {folder.strip("/") for folder in other_editions}
    folders = sorted(p.name for p in site.iterdir() if p.is_dir() and p.name not in skipped)
    return "{" + ",".join(["*.html", *(f"{folder}/**/*.html" for folder in folders)]) + "}"


def write_search_config(site: Path, language: str = "en") -> None:
    """search/search_index.json with the search configuration and no documents."""
    target = site / "search" / "search_index.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    config = {"config": {"lang": [language], "separator": SEPARATOR, "pipeline": []},
              "docs": []}
    target.write_text(json.dumps(config, separators=(",", ":")), encoding="utf-8")
