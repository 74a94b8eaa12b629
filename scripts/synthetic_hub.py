"""Generate a synthetic hub of any size for the benchmark (scripts/bench.py).

The synthetic hub is a copy of the real project (hooks, overrides, schemas, geometry,
vocabularies, hubs, hand-written pages, mkdocs.yml) in which data/countries,
docs/case-studies and docs/guidance are replaced by generated records. It is built with
the real hooks and configuration, so what we measure is what the project ships.

Synthetic data is for measuring only: it is written to a temporary folder, never into
data/ or docs/, and never published. Every record says it is synthetic, cites only
example.org, and uses real ISO codes (from pycountry) only so that the model loads.

    .venv/bin/python scripts/synthetic_hub.py --pages 1000 --out /tmp/hub
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pycountry
import yaml

from odhub.data import schemas, vocab

ROOT = Path(__file__).resolve().parent.parent
# Top-level parts of the project that a build needs, copied as they are (the language
# editions' configs, mkdocs.<lang>.yml, are copied beside mkdocs.yml).
COPIED = ("hooks", "overrides", "mkdocs.yml")
EDITION_CONFIGS = "mkdocs.[a-z][a-z].yml"
# Collections replaced by generated records; everything else under data/ and docs/ is copied.
REPLACED = ("data/countries", "data/commitments", "data/indicators", "docs/case-studies",
            "docs/guidance")

MAX_COUNTRIES = 250
# OGP's full export holds about 5,000 commitments: 250 countries x 20 at the largest scale.
COMMITMENTS_PER_COUNTRY = 20
MAX_GUIDANCE = 250
WORDS_PER_PAGE = 750

_WORD_TEXT = (
    "data portal ministry agency dataset licence release publish update schedule quality "
    "metadata users demand reuse standard format budget spending contract tender audit "
    "citizens journalists researchers developers community feedback request platform "
    "catalogue inventory priority value impact outcome indicator survey workshop training "
    "team office unit mandate policy law decree strategy plan commitment review progress "
    "report milestone partner network hub region city municipality province service "
    "transport health school water energy land map address register company election "
    "court police procurement revenue tax aid grant project pilot launch scale sustain "
    "document archive record file table chart dashboard api download bulk machine open "
    "timely comprehensive accessible usable comparable interoperable inclusive engaged "
    "early late clear simple formal informal public private local national regional "
    "shared common small large first second new existing weekly monthly yearly regular "
    "the a an of to in for on with by from about across between through after before "
    "and or but so because while when where which that this these those each every many "
    "team leads helped asked built found chose tested measured learned changed improved "
    "published opened reviewed agreed trained funded hosted listed linked described"
)
_WORDS = _WORD_TEXT.split()
_VERBS = ("published", "opened", "reviewed", "linked", "documented", "released", "mapped",
          "trained", "measured", "updated", "catalogued", "shared")
_CODE = re.compile(r"\b[A-Z]{3}\b")
# Closed lists from the schemas, which define them.
_SCHEMAS = schemas.schema_set(str(ROOT / "data" / "schemas")).documents
_COMPLETIONS = vocab.allowed(_SCHEMAS, "commitments", "commitments", vocab.ITEMS, "irm",
                             "completion")
_LEVELS = vocab.allowed(_SCHEMAS, "guidance", "level")


@dataclass(frozen=True)
class Plan:
    """How many records of each kind a synthetic hub of `pages` pages has."""

    pages: int
    countries: int
    case_studies: int
    guidance: int

    @property
    def records(self) -> int:
        return self.countries + self.case_studies + self.guidance


def plan(pages: int, min_countries: int = 1) -> Plan:
    """Split a page count into countries, guidance and case studies in fixed proportions,
    so that pages of every kind grow together and page weight can be compared.
    min_countries: how many countries the copied records name (they must exist)."""
    pages = max(pages, 3)
    countries = max(min_countries, min(MAX_COUNTRIES, max(1, pages // 10)))
    guidance = min(MAX_GUIDANCE, max(1, pages // 10))
    return Plan(pages, countries, max(1, pages - countries - guidance), guidance)


def _ids(path: Path) -> list[str]:
    return [item["id"] for item in yaml.safe_load(path.read_text(encoding="utf-8"))]


def _iso3_codes(source: Path, target: Path) -> tuple[list[str], int]:
    """Real ISO codes, those named by the copied records and pages first (events, shortcodes
    in hand-written pages), then the rest of ISO 3166-1 in code order; and how many were
    named, since those countries must exist for the copy to load."""
    bundled = {p.stem.upper() for p in (source / "data" / "countries").glob("*.yml")}
    named: set[str] = set()
    for path in [*(target / "data").glob("*.yml"), *(target / "docs").rglob("*.md")]:
        named |= bundled & set(_CODE.findall(path.read_text(encoding="utf-8")))
    others = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in named)
    return sorted(named) + others, len(named)


class _Text:
    """Deterministic filler prose: sentences of plain words, no markup."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self, low: int = 8, high: int = 18) -> str:
        words = self.rng.choices(_WORDS, k=self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def paragraph(self, words: int) -> str:
        out: list[str] = []
        count = 0
        while count < words:
            sentence = self.sentence()
            out.append(sentence)
            count += len(sentence.split())
        return " ".join(out)

    def title(self, low: int = 3, high: int = 6) -> str:
        return " ".join(self.rng.choices(_WORDS, k=self.rng.randint(low, high))).capitalize()


def _front_matter(fields: dict) -> str:
    # JSON is valid YAML and quotes every string safely.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _country(iso3: str, rng: random.Random, text: _Text, hubs: list[str]) -> str:
    source = f"https://example.org/synthetic/{iso3.lower()}"
    record: dict = {
        "iso3": iso3,
        "hub": rng.choice(hubs),
        "summary": "Synthetic benchmark record. " + text.paragraph(40),
        "ogp": {
            "member_since": rng.randint(2011, 2020),
            "status": "participating",
            "status_sources": [source],
            "sources": [source],
            "as_of": "2020",
        },
        "portals": [{"name": text.title(2, 4), "url": f"{source}/portal", "software": "CKAN",
                     "sources": [source], "as_of": "2020"}],
        "sources": [source],
        "as_of": "2020",
    }
    if rng.random() < 0.3:
        record["charter"] = {"adopted": True, "year": rng.randint(2015, 2020),
                             "sources": [source], "as_of": "2020"}
    header = "# yaml-language-server: $schema=../schemas/country.schema.json\n"
    return header + yaml.safe_dump(record, sort_keys=False, allow_unicode=True)


def _commitments(iso3: str, rng: random.Random, text: _Text, areas: list[str]) -> str:
    """A country's synthetic commitments, in the layout `odhub import` writes."""
    source = f"https://example.org/synthetic/{iso3.lower()}"
    records = []
    for number in range(COMMITMENTS_PER_COUNTRY):
        start = rng.randint(2012, 2022)
        completion = rng.choice(_COMPLETIONS)
        irm: dict = {"completion": completion}
        if completion != "not-assessed":
            irm["completion_report"] = "end-of-term"
            irm["starred"] = rng.random() < 0.1
        records.append({
            "id": f"{iso3}{number + 1:04d}",
            "member": iso3,
            "action_plan": {"label": f"{start}-{start + 2} (action plan {number // 5 + 1})",
                            "start": start, "end": start + 2, "number": number // 5 + 1},
            "title": text.title(5, 10),
            "policy_areas": ["open-data", *rng.sample(areas, rng.randint(1, 4))],
            "irm": irm,
            "url": f"{source}/commitment-{number + 1}",
            "sources": [source],
            "as_of": "2024-07",
            "imported": "ogp-export",
        })
    header = "# yaml-language-server: $schema=../schemas/commitments.schema.json\n"
    return header + yaml.safe_dump({"iso3": iso3, "commitments": records}, sort_keys=False,
                                   allow_unicode=True)


def _indicators(iso3: str, rng: random.Random) -> str:
    source = "https://example.org/synthetic/indicators"
    values = [{"measure": "odb", "edition": f"ODB {n} edition", "year": year,
               "value": round(rng.uniform(0, 100), 2), "rank": rng.randint(1, 90),
               "rank_of": 92, "scale": "0-100", "source": source}
              for n, year in (("1st", 2013), ("2nd", 2014), ("3rd", 2015))]
    values.append({"measure": "gdb_overall", "edition": "GDB 1st edition", "year": 2021,
                   "value": rng.randint(0, 100), "scale": "0-100", "source": source})
    header = "# yaml-language-server: $schema=../schemas/indicators.schema.json\n"
    return header + yaml.safe_dump({"iso3": iso3, "indicators": values}, sort_keys=False)


def _case_study(index: int, rng: random.Random, text: _Text, countries: list[str],
                principles: list[str], sectors: list[str], objectives: list[str],
                slugs: list[str]) -> str:
    chosen = rng.sample(countries, min(len(countries), rng.randint(1, 2)))
    principle = rng.choice(principles)
    fields = {
        "title": f"Synthetic case study {index + 1}: {text.title()}",
        "countries": chosen,
        "principles": rng.sample(principles, rng.randint(1, 2)),
        "sectors": rng.sample(sectors, rng.randint(1, 2)),
        "objectives": rng.sample(objectives, rng.randint(1, 2)),
        "year": rng.randint(2012, 2024),
        "summary": text.paragraph(30),
        "outcomes": text.paragraph(25),
        "sources": [f"https://example.org/synthetic/case-{index + 1}"],
    }
    peer = slugs[(index + 1) % len(slugs)]
    steps = "\n".join(f"- **{rng.choice(_VERBS).capitalize()}.** {text.paragraph(22)}"
                      for _ in range(4))
    rows = "\n".join(f"| {text.title(2, 3)} | {rng.randint(1, 500)} | {rng.choice(_COMPLETIONS)} |"
                     for _ in range(3))
    lessons = "\n".join(f"- {text.paragraph(20)}" for _ in range(4))
    body = (
        f"## Context\n\n{text.paragraph(140)}\n\n{text.paragraph(110)} See the profile of "
        f"[{chosen[0]}](../countries/{chosen[0].lower()}.md) and the principle "
        f"[{principle}](../principles/{principle}.md).\n\n"
        f"## What was done\n\n{steps}\n\n"
        f"## Results\n\n{text.paragraph(90)}\n\n| Measure | Value | Status |\n"
        f"| --- | --- | --- |\n{rows}\n\n"
        f"## What peers can take from it\n\n{lessons}\n\n"
        f"Compare with [a related case](../case-studies/{peer}.md).\n\n"
        f'!!! tip "Try this"\n    {text.paragraph(40)}\n'
    )
    return _front_matter(fields) + body


def _guidance(index: int, rng: random.Random, text: _Text, principles: list[str],
              objectives: list[str], audiences: list[str]) -> str:
    fields = {
        "title": f"Synthetic guidance {index + 1}: {text.title()}",
        "objectives": rng.sample(objectives, rng.randint(1, 2)),
        "principles": rng.sample(principles, rng.randint(1, 2)),
        "audience": rng.sample(audiences, rng.randint(1, 2)),
        "level": rng.choice(_LEVELS),
        "summary": text.paragraph(30),
        "sources": [f"https://example.org/synthetic/guidance-{index + 1}"],
    }
    sections = []
    for number in range(4):
        checklist = "\n".join(f"- {text.sentence()}" for _ in range(5))
        sections.append(f"## Routine {number + 1}: {text.title()}\n\n{text.paragraph(95)}"
                        f"\n\n{checklist}\n")
    body = f"## What this page covers\n\n{text.paragraph(60)}\n\n" + "\n".join(sections)
    body += f'\n!!! note "Remember"\n    {text.paragraph(30)}\n'
    return _front_matter(fields) + body


def _copy_project(source: Path, target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in [*COPIED, *(p.name for p in sorted(source.glob(EDITION_CONFIGS)))]:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, ignore=ignore)
        elif path.exists():
            shutil.copy2(path, target / name)
    for top in ("data", "docs"):
        for path in (source / top).rglob("*"):
            relative = path.relative_to(source)
            replaced = any(relative.is_relative_to(r) for r in REPLACED)
            if path.is_dir() or "__pycache__" in relative.parts:
                continue
            if replaced and path.name != "index.md":
                continue
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / relative)
    for folder in REPLACED:
        (target / folder).mkdir(parents=True, exist_ok=True)


def generate(target: Path, pages: int, source: Path = ROOT, seed: int = 7) -> Plan:
    """Write a synthetic hub of about `pages` pages into target (which must not exist):
    countries with COMMITMENTS_PER_COUNTRY commitments each (about 5,000 at 250 countries,
    OGP's full export) and index values, case studies and guidance."""
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(f"{target} is not empty")
    _copy_project(source, target)
    codes, named = _iso3_codes(source, target)
    layout = plan(pages, named)
    rng = random.Random(seed)
    text = _Text(rng)
    data = target / "data"
    hubs = [p.stem for p in sorted((data / "hubs").glob("*.yml"))]
    principles = _ids(data / "principles.yml")
    sectors = _ids(data / "sectors.yml")
    objectives = _ids(data / "objectives.yml")
    audiences = _ids(data / "audiences.yml")
    areas = [a for a in _ids(data / "ogp_policy_areas.yml") if a != "open-data"]
    codes = codes[: layout.countries]
    for iso3 in codes:
        name = f"{iso3.lower()}.yml"
        (data / "countries" / name).write_text(_country(iso3, rng, text, hubs),
                                               encoding="utf-8")
        (data / "commitments" / name).write_text(_commitments(iso3, rng, text, areas),
                                                 encoding="utf-8")
        (data / "indicators" / name).write_text(_indicators(iso3, rng), encoding="utf-8")
    slugs = [f"synthetic-case-{n + 1:05d}" for n in range(layout.case_studies)]
    for index, slug in enumerate(slugs):
        page = _case_study(index, rng, text, codes, principles, sectors, objectives, slugs)
        (target / "docs" / "case-studies" / f"{slug}.md").write_text(page, encoding="utf-8")
    for index in range(layout.guidance):
        page = _guidance(index, rng, text, principles, objectives, audiences)
        name = f"synthetic-guidance-{index + 1:04d}.md"
        (target / "docs" / "guidance" / name).write_text(page, encoding="utf-8")
    _commit(target)
    return layout


def _commit(target: Path) -> None:
    """Make the hub a one-commit git repository, as a clone is: page dates come from git."""
    if shutil.which("git") is None:
        return
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "synthetic hub"]):
        subprocess.run(["git", "-C", str(target), *command], check=True, env=env,
                       capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="about how many pages")
    parser.add_argument("--out", type=Path, required=True, help="an empty or new folder")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    layout = generate(args.out, args.pages, seed=args.seed)
    print(f"wrote {layout.countries} countries, {layout.case_studies} case studies and "
          f"{layout.guidance} guidance pages to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
