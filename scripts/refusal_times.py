"""How long hostile input takes to be refused: one table, medians of several runs.

Each case writes one hostile file into a fresh copy of the bundled hub (in a temporary
folder, never in data/ or docs/) and measures, as medians of --repeat runs:

- `load()` in this process (the check itself, no start-up), with time.perf_counter and
  CPU time (steadier on a shared machine);
- `odhub validate` as a contributor runs it (start-up included, wall time).

The first row is the unmodified hub, for comparison. Every case must be refused with
the message shown; a case that is accepted, or refused with another message, stops the
script. tests/test_hostile_yaml.py asserts the same refusals without timing them.

    .venv/bin/python scripts/refusal_times.py
    .venv/bin/python scripts/refusal_times.py --repeat 7
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HEADER = "# yaml-language-server: $schema=../schemas/country.schema.json\n"
COUNTRY = Path("data/countries/ken.yml")


@dataclass(frozen=True)
class Case:
    name: str
    write: Callable[[Path], None]  # puts the hostile file into the hub
    refusal: str  # what the report must say ("" for the unmodified hub)


def _country(text: str) -> Callable[[Path], None]:
    return lambda hub: (hub / COUNTRY).write_text(text, encoding="utf-8")


def _billion_laughs() -> str:
    lines = ['lol0: &lol0 "lol"']
    lines += [f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * 9)}]" for n in range(1, 10)]
    return HEADER + "\n".join(lines) + "\n"


def _huge_string(hub: Path) -> None:
    with (hub / COUNTRY).open("w", encoding="utf-8") as handle:
        handle.write(HEADER + 'iso3: KEN\nsummary: "' + "x" * (30 << 20) + '"\n')


def _case_study(prepend: str) -> Callable[[Path], None]:
    def write(hub: Path) -> None:
        case = hub / "docs" / "case-studies" / "mexico-datos-gob-mx.md"
        case.write_text(case.read_text(encoding="utf-8").replace("---\n", "---\n" + prepend, 1),
                        encoding="utf-8")
    return write


def _append_to_case_study(text: str) -> Callable[[Path], None]:
    def write(hub: Path) -> None:
        case = hub / "docs" / "case-studies" / "mexico-datos-gob-mx.md"
        case.write_text(case.read_text(encoding="utf-8") + text, encoding="utf-8")
    return write


CASES = (
    Case("bundled hub, unmodified", lambda hub: None, ""),
    Case("billion laughs (9^9 strings)", _country(_billion_laughs()),
         "YAML anchors (&lol0) are not allowed"),
    Case("a 30 MB string", _huge_string, "the file is 30.0 MiB"),
    Case("10,000-deep nesting, block", _country(HEADER + "- " * 10_000 + "x\n"),
         "nested more than 16 levels deep"),
    Case("10,000-deep nesting, flow", _country(HEADER + "[" * 10_000 + "]" * 10_000 + "\n"),
         "nest"),
    Case("500,000 values in 1 MiB", _country(HEADER + "sources: [" + ",".join(["1"] * 500_000)
                                              + "]\n"),
         "more than 10,000 values"),
    Case("front matter of 2 MiB", _case_study('outcomes: "' + "y" * (2 << 20) + '"\n'),
         "the file is 2.0 MiB"),
    Case("front matter of 0.9 MiB, 230,000 items",
         _case_study("extra:\n" + "- x\n" * 230_000), "more than 10,000 values"),
    # Under the bound, each wrong value gets its worded problem: the slowest refusal.
    Case("9,990 wrong values (schema errors)",
         _country(HEADER + "iso3: KEN\nsources: [" + ",".join(["1"] * 9_990) + "]\n"),
         "is not text"),
    Case("javascript: link in a case study",
         _append_to_case_study("\n[here](javascript:alert(document.domain))\n"),
         "the scheme 'javascript:' is not allowed"),
)


def _copy_hub(target: Path) -> Path:
    for part in ("data", "docs"):
        shutil.copytree(ROOT / part, target / part)
    return target


def _load_once(hub: Path) -> tuple[float, float, str]:
    import odhub

    start, cpu = time.perf_counter(), time.process_time()
    try:
        odhub.load(hub)
        report = ""
    except odhub.InvalidData as err:
        report = str(err)
    return time.perf_counter() - start, time.process_time() - cpu, report


def _validate_once(hub: Path) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run([str(BIN / "odhub"), "validate"], cwd=hub, capture_output=True,
                            text=True)
    return time.perf_counter() - start, result.stdout + result.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'case':42} {'load s':>8} {'load CPU s':>11} {'validate s':>11}  problems")
    with tempfile.TemporaryDirectory(prefix="odhub-refusals-") as folder:
        for case in CASES:
            hub = _copy_hub(Path(folder) / "hub")
            case.write(hub)
            loads = [_load_once(hub) for _ in range(args.repeat)]
            validations = [_validate_once(hub) for _ in range(max(1, args.repeat // 2))]
            report = loads[0][2]
            if case.refusal and case.refusal not in report:
                print(f"{case.name}: not refused as expected:\n{report[:2000]}")
                return 1
            if not case.refusal and report:
                print(f"{case.name}: refused:\n{report[:2000]}")
                return 1
            problems = report.count("\n") if report else 0
            print(f"{case.name:42} {statistics.median(t for t, _, _ in loads):8.3f} "
                  f"{statistics.median(c for _, c, _ in loads):11.3f} "
                  f"{statistics.median(t for t, _ in validations):11.3f}  {problems}")
            shutil.rmtree(hub)
    return 0


if __name__ == "__main__":
    sys.exit(main())
