"""Line-aware YAML loading: lines, duplicate keys, syntax errors, no arbitrary objects."""

from __future__ import annotations

from odhub.data.yamlfile import format_path, parse_yaml

TEXT = """\
iso3: KEN
ogp:
  member_since: 2011
  as_of: 2011-09
sources:
  - https://a.example
  - https://b.example
"""


def test_every_value_remembers_its_line() -> None:
    document, problems = parse_yaml(TEXT, "x.yml")
    assert problems == []
    assert document is not None
    assert document.lines.line_of(("iso3",)) == 1
    assert document.lines.line_of(("ogp", "member_since")) == 3
    assert document.lines.line_of(("sources", 1)) == 7


def test_missing_path_falls_back_to_nearest_parent() -> None:
    document, _ = parse_yaml(TEXT, "x.yml")
    assert document is not None
    assert document.lines.line_of(("ogp", "charter_typo")) == 2


def test_dates_stay_as_written() -> None:
    document, _ = parse_yaml(TEXT, "x.yml")
    assert document is not None
    assert document.data["ogp"]["as_of"] == "2011-09"
    full, _ = parse_yaml("as_of: 2018-09-20\n", "x.yml")
    assert full is not None and full.data["as_of"] == "2018-09-20"


def test_syntax_error_names_its_line() -> None:
    document, problems = parse_yaml("iso3: KEN\nhub: [africa\nsummary: x\n", "bad.yml")
    assert document is None
    assert len(problems) == 1
    assert problems[0].path == "bad.yml"
    assert problems[0].line in (2, 3)
    assert "invalid YAML" in problems[0].message


def test_duplicate_keys_are_reported() -> None:
    _, problems = parse_yaml("iso3: KEN\nhub: africa\nhub: asia\n", "dup.yml")
    assert [(p.line, p.field, p.message) for p in problems] == [(3, "hub", "duplicate key")]


def test_python_tags_are_refused() -> None:
    document, problems = parse_yaml("x: !!python/object/apply:os.getcwd []\n", "evil.yml")
    assert document is None
    assert problems and "invalid YAML" in problems[0].message


def test_front_matter_offset_shifts_lines() -> None:
    document, _ = parse_yaml("title: A\nyear: 2015\n", "docs/a.md", offset=1)
    assert document is not None
    assert document.lines.line_of(("year",)) == 3


def test_format_path() -> None:
    assert format_path(("ogp", "action_plans", 1, "url")) == "ogp.action_plans[1].url"
    assert format_path((0, "id")) == "[0].id"
