"""Every kind of broken data fails both `odhub validate` and the build, naming file, line
and field, with no traceback."""

from __future__ import annotations

from pathlib import Path

from conftest import mkdocs_build, run_odhub
from hub_edits import line_of, problems_of, replace_in
from odhub.data import load


def test_bundled_data_is_valid(repo_root: Path) -> None:
    model = load(repo_root)
    assert len(model.countries) >= 79
    assert len(model.hubs) == 7


def test_wrong_type(hub_copy: Path) -> None:
    file = hub_copy / "data/countries/fra.yml"
    replace_in(file, "member_since: 2014", "member_since: twenty fourteen")
    line = line_of(file, "member_since")
    assert problems_of(hub_copy) == [
        f"data/countries/fra.yml:{line}: ogp.member_since: 'twenty fourteen' is not an integer"
    ]


def test_unknown_hub_lists_the_known_ones(hub_copy: Path) -> None:
    file = hub_copy / "data/countries/ken.yml"
    replace_in(file, "hub: africa", "hub: east-afrika")
    [problem] = problems_of(hub_copy)
    assert problem.startswith(f"data/countries/ken.yml:{line_of(file, 'hub: east')}: hub: ")
    assert "'east-afrika' is not a known hub" in problem
    assert "known: africa, asia, caribbean, eastern-europe-central-asia" in problem


def test_bad_yaml_syntax(hub_copy: Path) -> None:
    file = hub_copy / "data/hubs/caribbean.yml"
    replace_in(file, "name: Caribbean", "name: [Caribbean")
    [problem] = problems_of(hub_copy)
    assert problem.startswith("data/hubs/caribbean.yml:")
    assert "invalid YAML" in problem


def test_duplicate_id(hub_copy: Path) -> None:
    file = hub_copy / "data/sectors.yml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text + "- {id: health, title: Health again, summary: Twice.}\n",
                    encoding="utf-8")
    last = len(file.read_text(encoding="utf-8").splitlines())
    assert problems_of(hub_copy) == [f"data/sectors.yml:{last}: [15].id: duplicate id 'health'"]


def test_file_name_must_match_id(hub_copy: Path) -> None:
    (hub_copy / "data/countries/ken.yml").rename(hub_copy / "data/countries/kenya.yml")
    [problem] = problems_of(hub_copy)
    assert problem.startswith("data/countries/kenya.yml:2: iso3: ")
    assert "rename the file to 'ken.yml'" in problem


def test_unknown_field_suggests_the_right_one(hub_copy: Path) -> None:
    file = hub_copy / "data/countries/ken.yml"
    replace_in(file, "hub_basis:", "hub_basys:")
    [problem] = problems_of(hub_copy)
    assert "unknown field 'hub_basys' (did you mean 'hub_basis'?)" in problem


def test_only_http_https_mailto_urls(hub_copy: Path) -> None:
    file = hub_copy / "data/countries/fra.yml"
    replace_in(file, "url: https://data.gouv.fr", "url: javascript:alert(1)")
    [problem] = problems_of(hub_copy)
    assert problem.startswith(
        f"data/countries/fra.yml:{line_of(file, 'javascript')}: portals[0].url:")
    assert "http://, https:// or mailto:" in problem


def test_unknown_principle_in_front_matter(hub_copy: Path) -> None:
    case = next((hub_copy / "docs/case-studies").glob("*.md"))
    text = case.read_text(encoding="utf-8")
    start = text.index("principles: [") + len("principles: [")
    case.write_text(text[:start] + "open-default, " + text[start:], encoding="utf-8")
    [problem] = problems_of(hub_copy)
    line = line_of(case, "principles: [open-default")
    assert problem.startswith(f"docs/case-studies/{case.name}:{line}: principles[0]: ")
    assert "'open-default' is not a known principle (did you mean 'open-by-default'?)" in problem


def test_all_problems_are_reported_together(hub_copy: Path) -> None:
    replace_in(hub_copy / "data/countries/fra.yml", "member_since: 2014", "member_since: x")
    replace_in(hub_copy / "data/countries/ken.yml", "hub: africa", "hub: nowhere")
    replace_in(hub_copy / "data/hubs/mena.yml", "as_of:", "as_off:")
    problems = problems_of(hub_copy)
    assert {p.split(":")[0] for p in problems} == {
        "data/countries/fra.yml", "data/countries/ken.yml", "data/hubs/mena.yml"}


def test_cli_and_build_fail_the_same_way(hub_copy: Path, tmp_path: Path) -> None:
    file = hub_copy / "data/countries/ken.yml"
    replace_in(file, "hub: africa", "hub: east-afrika")
    replace_in(hub_copy / "data/countries/fra.yml", "member_since: 2014", "member_since: x")

    cli = run_odhub("validate", cwd=hub_copy)
    assert cli.returncode == 1
    assert "Traceback" not in cli.stderr
    assert f"data/countries/ken.yml:{line_of(file, 'east-afrika')}: hub:" in cli.stderr
    assert "2 problems in 2 files; nothing was built." in cli.stderr

    build = mkdocs_build(hub_copy, tmp_path / "site")
    assert build.returncode != 0
    assert "Traceback" not in build.stderr
    assert "'east-afrika' is not a known hub" in build.stderr
    assert "ogp.member_since: 'x' is not an integer" in build.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_validate_passes_on_good_data(hub_copy: Path) -> None:
    result = run_odhub("validate", cwd=hub_copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")
