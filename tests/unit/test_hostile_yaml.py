"""Hostile YAML and oversized files are refused at once, with path:line, changing nothing.

These are resource-exhaustion cases, not wrong values: a document that expands
exponentially, a 30 MB string, nesting 10,000 levels deep, a million tiny values, a
front matter of several MiB. Each test asserts the refusal and its message; how long the
refusals take is measured by scripts/refusal_times.py, never here.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from conftest import mkdocs_build, run_odhub
from odhub import InvalidData, load
from odhub.data.yamlfile import MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUES, parse_yaml

HEADER = "# yaml-language-server: $schema=../schemas/country.schema.json\n"


def billion_laughs() -> str:
    """Nine levels of nine aliases each: 9**9 strings once expanded."""
    lines = ['lol0: &lol0 "lol"']
    for level in range(1, 10):
        aliases = ", ".join([f"*lol{level - 1}"] * 9)
        lines.append(f"lol{level}: &lol{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def deep_block(levels: int) -> str:
    return "".join(" " * depth + "a:\n" for depth in range(levels)) + " " * levels + "b\n"


def fingerprint(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under root: content hash and modification time to the nanosecond."""
    return {path.relative_to(root).as_posix():
            (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
            for path in sorted(root.rglob("*")) if path.is_file()}


def only_problem(text: str, path: str = "data/countries/ken.yml") -> str:
    document, problems = parse_yaml(text, path)
    assert document is None
    assert len(problems) == 1, problems
    return str(problems[0])


def test_aliases_and_anchors_are_refused_before_anything_expands() -> None:
    text = HEADER + billion_laughs()
    problem = only_problem(text)
    # The first anchor, on line 2 after the schema comment, not the billionth string.
    assert problem.startswith("data/countries/ken.yml:2: YAML anchors (&lol0) are not allowed")
    assert only_problem("a: 1\nb: *x\n").startswith(
        "data/countries/ken.yml:2: YAML aliases (*x) are not allowed")


def test_merge_keys_tags_and_complex_keys_are_refused_with_their_line() -> None:
    assert only_problem("a: 1\nb:\n  <<: {c: 2}\n").startswith(
        "data/countries/ken.yml:3: merge keys (<<) are not allowed")
    assert "the tag '!!binary' is not allowed" in only_problem("a: 1\nb: !!binary aGk=\n")
    assert "the tag '!!set' is not allowed" in only_problem("a: !!set {x, y}\n")
    assert "the tag '!custom' is not allowed" in only_problem("a:\n  - !custom x\n")
    assert ":2: invalid YAML: a mapping key must be plain text" in only_problem(
        "a: 1\n? [b, c]\n: d\n")


def test_nesting_is_bounded_however_it_is_written() -> None:
    block = only_problem(deep_block(10_000))
    # Refused where the first level too many starts, long before the 10,000th.
    assert block == (f"data/countries/ken.yml:{MAX_DEPTH + 1}: nested more than "
                     f"{MAX_DEPTH} levels deep; hub data needs a few levels at most")
    assert f"nested more than {MAX_DEPTH} levels" in only_problem("- " * 10_000 + "x\n")
    # Flow style: libyaml's own limit or ours, whichever comes first; either names line 1.
    flow = only_problem("a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert flow.startswith("data/countries/ken.yml:1: ") and "nest" in flow
    # The deepest the schemas go (4 levels) is far inside the bound.
    document, problems = parse_yaml(deep_block(MAX_DEPTH - 1), "x.yml")
    assert document is not None and problems == []


def test_a_file_of_a_million_tiny_values_is_refused_after_the_limit() -> None:
    text = "sources: [" + ",".join(["1"] * 500_000) + "]\n"
    assert len(text.encode()) <= MAX_FILE_BYTES  # it fits the size limit: only this stops it
    assert only_problem(text) == (f"data/countries/ken.yml:1: more than {MAX_VALUES:,} values "
                                  "in one file; hub files hold a few hundred: split it")


def test_numbers_too_long_to_convert_are_refused_not_raised() -> None:
    assert only_problem("a: 1\nmember_since: " + "9" * 5000 + "\n").startswith(
        "data/countries/ken.yml:2: invalid YAML:")


def test_a_second_document_is_refused() -> None:
    assert only_problem("iso3: KEN\n---\niso3: UGA\n").startswith(
        "data/countries/ken.yml:2: invalid YAML: expected a single document")


def test_plain_data_reads_exactly_as_before() -> None:
    text = ("iso3: KEN\nmember_since: 2011\nshare: 0.5\nlisted: true\nnote: null\n"
            "as_of: 2018-09-20\n2018: a year as a key\nsummary: |\n  Two\n  lines\n"
            "quoted: '2011'\nhex: 0x1f\n")
    document, problems = parse_yaml(text, "x.yml")
    assert problems == [] and document is not None
    assert document.data == {
        "iso3": "KEN", "member_since": 2011, "share": 0.5, "listed": True, "note": None,
        "as_of": "2018-09-20", "2018": "a year as a key", "summary": "Two\nlines\n",
        "quoted": "2011", "hex": 31,
    }
    assert document.lines.line_of(("summary",)) == 8


# -- through load(), `odhub validate` and `mkdocs build` ----------------------------------


def poison(hub: Path) -> dict[str, str]:
    """Hostile files in a copy of the hub; the problem each must give, by path."""
    countries = hub / "data" / "countries"
    (countries / "ken.yml").write_text(HEADER + billion_laughs(), encoding="utf-8")
    with (countries / "uga.yml").open("w", encoding="utf-8") as handle:
        handle.write(HEADER + "iso3: UGA\nsummary: \"")
        handle.write("x" * (30 << 20))  # a 30 MB string
        handle.write("\"\n")
    # 10,000 levels in 20 KB: nested sequences on one line (indented, they would take 50 MB)
    (countries / "tza.yml").write_text(HEADER + "- " * 10_000 + "x\n", encoding="utf-8")
    (countries / "rwa.yml").write_text(HEADER, encoding="utf-8")  # only the schema comment
    case = next((hub / "docs" / "case-studies").glob("[!i]*.md"))
    text = case.read_text(encoding="utf-8")
    huge = "outcomes: \"" + "y" * (2 << 20) + "\"\n"  # a front matter of 2 MiB
    case.write_text(text.replace("---\n", "---\n" + huge, 1), encoding="utf-8")
    return {
        "data/countries/ken.yml": "data/countries/ken.yml:2: YAML anchors (&lol0) are not "
                                  "allowed",
        "data/countries/uga.yml": "data/countries/uga.yml:1: the file is 30.0 MiB; a file "
                                  "may hold at most 1 MiB",
        "data/countries/tza.yml": f"data/countries/tza.yml:2: nested more than {MAX_DEPTH} "
                                  "levels deep",
        "data/countries/rwa.yml": "data/countries/rwa.yml:1: the file is empty",
        f"docs/case-studies/{case.name}": f"docs/case-studies/{case.name}:1: the file is "
                                           "2.0 MiB; a file may hold at most 1 MiB",
    }


def test_load_refuses_every_hostile_file_with_path_and_line(hub_copy: Path) -> None:
    expected = poison(hub_copy)
    with pytest.raises(InvalidData) as caught:
        load(hub_copy)
    problems = [str(p) for p in caught.value.problems]
    for path, message in expected.items():
        mine = [p for p in problems if p.startswith(f"{path}:")]
        assert len(mine) == 1 and mine[0].startswith(message), (path, mine)


def test_a_link_to_a_device_is_refused_without_reading_it(hub_copy: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    country = hub_copy / "data" / "countries" / "ken.yml"
    country.unlink()
    os.symlink("/dev/zero", country)  # a file git can carry, whose reading never ends
    with pytest.raises(InvalidData) as caught:
        load(hub_copy)
    assert "data/countries/ken.yml:1: not a plain file" in [
        str(p) for p in caught.value.problems]


@pytest.mark.build
def test_validate_and_build_refuse_before_writing_and_change_no_file(
        hub_copy: Path, tmp_path: Path) -> None:
    expected = poison(hub_copy)
    before = fingerprint(hub_copy)

    validated = run_odhub("validate", cwd=hub_copy)
    assert validated.returncode != 0
    for message in expected.values():
        assert message in validated.stdout + validated.stderr, message

    site = tmp_path / "site"
    built = mkdocs_build(hub_copy, site)
    assert built.returncode != 0
    for message in expected.values():
        assert message in built.stderr, message
    assert "Traceback" not in built.stderr
    assert not list(site.rglob("*.html")), "no page may be written"

    assert fingerprint(hub_copy) == before  # nothing changed, added or removed
