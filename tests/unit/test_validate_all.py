"""`odhub validate` reports every problem in one run: one per broken file here, each as
path:line: field: message, then exit 1 — never only the first, never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import run_odhub
from hub_edits import line_of, replace_in

PROBLEM = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+): (?P<rest>.+)$")


def test_every_broken_file_is_reported_once(hub_copy: Path) -> None:
    case = sorted((hub_copy / "docs/case-studies").glob("*.md"))[0]
    guidance = sorted((hub_copy / "docs/guidance").glob("*.md"))[0]
    # One mistake per file, each of a different kind, each on a line we know.
    replace_in(hub_copy / "data/countries/ken.yml", "hub: africa", "hub: afrika")
    replace_in(hub_copy / "data/countries/chl.yml", "member_since: 2011",
            "member_since: twenty eleven")
    replace_in(hub_copy / "data/hubs/caribbean.yml", "as_of: '2018'", "as_of: soon")
    replace_in(case, "year: ", "year: last year #")
    replace_in(guidance, "level: ", "level: expert #")
    (hub_copy / "data/countries/fra.yml").write_text("iso3: FRA\nsources: [\n",
                                                     encoding="utf-8")
    expected = {
        "data/countries/ken.yml": ("hub", line_of(hub_copy / "data/countries/ken.yml",
                                                  "hub: afrika")),
        "data/countries/chl.yml": ("ogp.member_since",
                                   line_of(hub_copy / "data/countries/chl.yml",
                                           "twenty eleven")),
        "data/hubs/caribbean.yml": ("as_of", line_of(hub_copy / "data/hubs/caribbean.yml",
                                                     "as_of: soon")),
        f"docs/case-studies/{case.name}": ("year", line_of(case, "year: last year")),
        f"docs/guidance/{guidance.name}": ("level", line_of(guidance, "level: expert")),
        "data/countries/fra.yml": ("", 0),
    }

    result = run_odhub("validate", cwd=hub_copy)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line]
    problems = [PROBLEM.match(line) for line in lines[:-1]]
    assert all(problems), lines
    by_file: dict[str, list[re.Match]] = {}
    for match in problems:
        by_file.setdefault(match["path"], []).append(match)
    assert set(by_file) == set(expected)
    for path, (field, line) in expected.items():
        assert len(by_file[path]) == 1, by_file[path]
        match = by_file[path][0]
        if line:
            assert int(match["line"]) == line, (path, match.group(0))
        if field:
            assert match["rest"].startswith(f"{field}: "), match.group(0)
    assert lines[-1] == f"{len(expected)} problems in {len(expected)} files; nothing was built."


def test_several_problems_in_one_file_are_all_listed(hub_copy: Path) -> None:
    kenya = hub_copy / "data/countries/ken.yml"
    replace_in(kenya, "member_since: 2011", "member_since: eleven")
    replace_in(kenya, "  as_of: 2011-09\nogp_local:", "  as_of: September\nogp_local:")
    replace_in(kenya, "hub_basis:", "hub_basiss:")
    result = run_odhub("validate", cwd=hub_copy)
    assert result.returncode == 1
    reported = [m["rest"] for m in map(PROBLEM.match, result.stderr.splitlines()) if m]
    assert any(r.startswith("ogp.member_since: ") for r in reported), reported
    assert any(r.startswith("ogp.as_of: ") for r in reported), reported
    assert any("unknown field 'hub_basiss'" in r for r in reported), reported


def test_unreadable_files_are_problems_not_crashes(hub_copy: Path) -> None:
    (hub_copy / "data/countries/fra.yml").write_bytes(b"iso3: FRA\nname: \xff\xfe\n")
    (hub_copy / "data/countries/deu.yml").write_text("", encoding="utf-8")
    (hub_copy / "data/countries/ita.yml").write_text("- ITA\n", encoding="utf-8")
    case = sorted((hub_copy / "docs/case-studies").glob("*.md"))[0]
    case.write_text("---\ntitle: never closed\n", encoding="utf-8")
    result = run_odhub("validate", cwd=hub_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr
    for name in ("fra.yml", "deu.yml", "ita.yml", case.name):
        assert re.search(rf"^\S*{re.escape(name)}:\d+: ", result.stderr, re.M), name


def test_a_missing_schema_is_a_problem_not_a_crash(hub_copy: Path) -> None:
    (hub_copy / "data/schemas/case-study.schema.json").unlink()
    result = run_odhub("validate", cwd=hub_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr
    assert "case-study.schema.json is missing" in result.stderr
