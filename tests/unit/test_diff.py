"""`odhub diff`: plain-language summaries of data changes, on a real two-commit git repo.

The fixture repository is a copy of the bundled hub. Its first commit lacks a fact the
real data has (Chile's Charter adoption) and files Jamaica under another hub; the second
commit restores both and deletes a case study. So every change the summary should
report is known from the data itself, and no fact is invented.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

import odhub
from conftest import BIN, run_odhub
from odhub.cli.diff import diff_models, render_markdown, summary_lines
from odhub.data import history
from odhub.data.model import Commitment, IrmRatings, PlanRef
from odhub.data.yamlfile import split_front_matter

REMOVED_CASE_STUDY = "docs/case-studies/open-burkina-cafdo.md"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                            env=env, check=True)
    return result.stdout


def without_top_level_key(text: str, key: str) -> str:
    """The YAML text minus one top-level mapping entry (its line and indented lines)."""
    kept, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith(f"{key}:"):
            skipping = True
        elif not (skipping and line.startswith(" ")):
            skipping = False
            kept.append(line)
    return "".join(kept)


def read_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture
def repo(hub_copy: Path, repo_root: Path) -> Path:
    chile = hub_copy / "data/countries/chl.yml"
    jamaica = hub_copy / "data/countries/jam.yml"
    assert read_yaml(jamaica)["hub"] == "caribbean"
    chile.write_text(without_top_level_key(chile.read_text(encoding="utf-8"), "charter"),
                     encoding="utf-8")
    assert "charter" not in read_yaml(chile)
    jamaica.write_text(re.sub(r"(?m)^hub: caribbean$", "hub: latin-america",
                              jamaica.read_text(encoding="utf-8")), encoding="utf-8")
    git(hub_copy, "init", "-q", "-b", "main")
    git(hub_copy, "add", ".")
    git(hub_copy, "commit", "-q", "-m", "base")
    # The second commit: the real files back, and one case study deleted.
    shutil.copy2(repo_root / "data/countries/chl.yml", chile)
    shutil.copy2(repo_root / "data/countries/jam.yml", jamaica)
    (hub_copy / REMOVED_CASE_STUDY).unlink()
    git(hub_copy, "commit", "-q", "-a", "-m", "head")
    return hub_copy


def front_matter(path: Path) -> dict:
    return yaml.safe_load(split_front_matter(path.read_text(encoding="utf-8")))


def expected(repo_root: Path) -> dict[str, object]:
    """What the summary must say, read from the real data rather than from odhub."""
    chile = read_yaml(repo_root / "data/countries/chl.yml")["charter"]
    hubs = {h: read_yaml(repo_root / f"data/hubs/{h}.yml")["name"]
            for h in ("caribbean", "latin-america")}
    title = front_matter(repo_root / REMOVED_CASE_STUDY)["title"]
    return {"chile": chile, "hubs": hubs, "title": title}


def load_revision(repo: Path, name: str) -> odhub.Model:
    with history.files_at(repo, history.resolve(repo, name)) as folder:
        return odhub.load(folder)


def test_library_summary_names_each_change_once(repo: Path, repo_root: Path) -> None:
    facts = expected(repo_root)
    lines = summary_lines(diff_models(load_revision(repo, "HEAD~1"),
                                      load_revision(repo, "HEAD")))

    charter = facts["chile"]
    adoption = [line for line in lines if line.startswith("Chile: Open Data Charter adoption "
                                                          "added (")]
    assert len(adoption) == 1, lines
    assert str(charter["year"]) in adoption[0]
    for url in charter["sources"]:
        assert url in adoption[0]

    hubs = facts["hubs"]
    assert f"hub {hubs['caribbean']}: 1 country added (Jamaica)" in lines
    assert f"hub {hubs['latin-america']}: 1 country removed (Jamaica)" in lines
    assert f"case study removed: {facts['title']}" in lines
    # Nothing else changed, so nothing else is reported.
    assert len(lines) == 4, lines


def test_identical_revisions_have_no_changes(repo: Path) -> None:
    model = load_revision(repo, "HEAD")
    assert diff_models(model, load_revision(repo, "HEAD")) == []
    result = run_odhub("diff", "HEAD", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "No changes to the hub's data."


def test_cli_prints_the_library_lines(repo: Path) -> None:
    result = run_odhub("diff", "HEAD~1", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    library = summary_lines(diff_models(load_revision(repo, "HEAD~1"),
                                        load_revision(repo, "HEAD")))
    assert result.stdout.splitlines() == library


def test_cli_markdown_links_sources_and_groups_sections(repo: Path, repo_root: Path) -> None:
    facts = expected(repo_root)
    result = run_odhub("diff", "HEAD~1", "HEAD", "--markdown", cwd=repo)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("<!-- odhub-diff -->")
    head = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    assert head in text
    for heading in ("#### Regional hubs", "#### Countries", "#### Case studies"):
        assert heading in text
    assert "#### Guidance" not in text  # empty sections are left out
    for url in facts["chile"]["sources"]:
        assert f"]({url})" in text
    assert "- **Chile**: Open Data Charter adoption added (2015" in text


def test_working_tree_is_the_default_head(repo: Path) -> None:
    guidance = sorted((repo / "docs/guidance").glob("*.md"))[0]
    title = front_matter(guidance)["title"]
    guidance.unlink()  # not committed
    result = run_odhub("diff", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"guidance page removed: {title}"]


def test_invalid_revision_data_is_reported_not_summarised(repo: Path) -> None:
    kenya = repo / "data/countries/ken.yml"
    kenya.write_text(kenya.read_text(encoding="utf-8").replace("member_since: 2011",
                                                               "member_since: eleven"),
                     encoding="utf-8")
    git(repo, "commit", "-q", "-a", "-m", "break Kenya")
    result = run_odhub("diff", "HEAD~1", "HEAD", cwd=repo)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "is not valid" in result.stderr
    assert re.search(r"data/countries/ken\.yml:\d+: ogp\.member_since: 'eleven'",
                     result.stderr), result.stderr
    assert result.stdout == ""

    markdown = run_odhub("diff", "HEAD~1", "HEAD", "--markdown", cwd=repo)
    assert markdown.returncode == 1
    assert "is not valid" in markdown.stdout
    assert "ken\\.yml" in markdown.stdout
    assert "#### Countries" not in markdown.stdout


@pytest.mark.parametrize("args", [("no-such-branch", "HEAD"), ("HEAD", "v9.9.9")])
def test_unknown_revision_is_a_clear_error(repo: Path, args: tuple[str, str]) -> None:
    result = run_odhub("diff", *args, cwd=repo)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    unknown = args[0] if args[0] != "HEAD" else args[1]
    assert f"'{unknown}' is not a commit" in result.stderr


def test_outside_a_repository_is_a_clear_error(hub_copy: Path) -> None:
    result = run_odhub("diff", "HEAD", cwd=hub_copy)
    assert result.returncode == 2
    assert "not inside a git repository" in result.stderr
    assert "Traceback" not in result.stderr


def test_reading_revisions_leaves_repository_and_temp_clean(repo: Path,
                                                           tmp_path: Path) -> None:
    private_tmp = tmp_path / "private-tmp"
    private_tmp.mkdir()
    status_before = git(repo, "status", "--porcelain", "--ignored")
    result = subprocess.run([str(BIN / "odhub"), "diff", "HEAD~1", "HEAD"], cwd=repo,
                            capture_output=True, text=True,
                            env={**os.environ, "TMPDIR": str(private_tmp)})
    assert result.returncode == 0, result.stderr
    assert list(private_tmp.iterdir()) == []
    assert git(repo, "status", "--porcelain", "--ignored") == status_before
    assert len(git(repo, "worktree", "list").splitlines()) == 1
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"


def test_hub_in_a_subfolder_of_the_repository(tmp_path: Path, repo: Path) -> None:
    outer = tmp_path / "outer"
    outer.mkdir()
    shutil.copytree(repo, outer / "site", ignore=shutil.ignore_patterns(".git"))
    git(outer, "init", "-q")
    git(outer, "add", ".")
    git(outer, "commit", "-q", "-m", "one")
    (outer / "site" / REMOVED_CASE_STUDY.replace("open-burkina-cafdo",
                                                 "mexico-datos-gob-mx")).unlink()
    git(outer, "commit", "-q", "-a", "-m", "two")
    result = run_odhub("diff", "HEAD~1", "HEAD", cwd=outer / "site")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1
    assert result.stdout.startswith("case study removed: ")


# -- the comparison itself, on in-memory variants of the bundled model -------------------


@pytest.fixture(scope="module")
def model(repo_root: Path) -> odhub.Model:
    return odhub.load(repo_root)


def with_country(model: odhub.Model, iso3: str, **changes: object) -> odhub.Model:
    countries = dict(model.countries)
    countries[iso3] = dataclasses.replace(countries[iso3], **changes)
    return dataclasses.replace(model, countries=countries)


def test_ogp_year_and_portal_changes(model: odhub.Model) -> None:
    kenya = model.countries["KEN"]
    assert kenya.ogp and kenya.ogp.member_since
    year = kenya.ogp.member_since
    later = with_country(model, "KEN", ogp=dataclasses.replace(kenya.ogp,
                                                               member_since=year + 1))
    lines = summary_lines(diff_models(model, later))
    assert lines[0].startswith(f"Kenya: OGP membership year changed from {year} to {year + 1}")
    assert len(lines) == 1

    with_portal = next(c for c in model.countries.values() if c.portals)
    first = with_portal.portals[0]
    moved = with_country(model, with_portal.iso3, portals=(
        dataclasses.replace(first, url="https://portal.example.org/"),
        *with_portal.portals[1:]))
    assert summary_lines(diff_models(model, moved))[:2] == [
        f"{with_portal.name}: national portal added: https://portal.example.org/ "
        f"({', '.join(x for x in (first.name, first.software) if x)}, "
        f"source{'s' if len(first.sources) > 1 else ''} {', '.join(first.sources)})",
        f"{with_portal.name}: national portal removed: {first.url}"]
    removed = with_country(model, with_portal.iso3, portals=with_portal.portals[1:])
    assert summary_lines(diff_models(model, removed)) == [
        f"{with_portal.name}: national portal removed: {first.url}"]


def test_ogp_status_change_names_the_date_and_its_sources(model: odhub.Model) -> None:
    tanzania = model.countries["TZA"]
    assert tanzania.ogp and tanzania.ogp.status == "withdrawn"
    before = with_country(model, "TZA", ogp=dataclasses.replace(
        tanzania.ogp, status="participating", status_since=None))
    assert summary_lines(diff_models(before, model)) == [
        "Tanzania: OGP status changed from participating to withdrawn (since 2017-07, "
        f"sources {', '.join(tanzania.ogp.status_sources)})"]


def test_commitment_added_and_completion_changed(model: odhub.Model) -> None:
    # Synthetic commitment: it exists only in this test, never in the hub's data.
    draft = Commitment(id="KE9999", iso3="KEN", member="Kenya",
                       action_plan=PlanRef("2016-2018 (action plan 3)", 2016, 2018, 3),
                       title="Example commitment", policy_areas=("open-data",),
                       sources=("https://example.org/plan",), source_file="x.yml",
                       irm=IrmRatings(completion="limited"))
    kenya = model.countries["KEN"].commitments
    base = with_country(model, "KEN", commitments=(*kenya, draft))
    added = summary_lines(diff_models(model, base))
    assert added == [("Kenya: commitment added: KE9999 Example commitment "
                         "(2016-2018 (action plan 3), limited completion, source "
                         "https://example.org/plan)")]
    done = with_country(model, "KEN", commitments=(*kenya, dataclasses.replace(
        draft, irm=IrmRatings(completion="complete", starred=True))))
    assert summary_lines(diff_models(base, done)) == [
        "Kenya: commitment KE9999: completion changed from limited completion to complete "
        "(source https://example.org/plan)",
        "Kenya: commitment KE9999 updated: irm.starred"]
    assert summary_lines(diff_models(base, model)) == [
        "Kenya: commitment removed: KE9999 Example commitment"]


def test_hubs_added_and_removed(model: odhub.Model) -> None:
    hub_id = "caribbean"
    hub = model.hubs[hub_id]
    members = sorted(c.name for c in model.countries.values() if c.hub == hub_id)
    countries = {iso: dataclasses.replace(c, hub=None) if c.hub == hub_id else c
                 for iso, c in model.countries.items()}
    without = dataclasses.replace(model, countries=countries,
                                  hubs={k: v for k, v in model.hubs.items() if k != hub_id})
    lines = summary_lines(diff_models(without, model))
    assert lines[0].startswith(f"new hub: {hub.name} (")
    assert lines[1] == (f"hub {hub.name}: {len(members)} countries added "
                        f"({', '.join(members)})")
    back = summary_lines(diff_models(model, without))
    assert back[0] == f"hub removed: {hub.name}"


def test_moved_case_study_asks_for_a_redirect(model: odhub.Model) -> None:
    uri, case = next(iter(model.case_studies.items()))
    moved = dict(model.case_studies)
    del moved[uri]
    moved["case-studies/renamed.md"] = dataclasses.replace(case,
                                                           src_uri="case-studies/renamed.md")
    lines = summary_lines(diff_models(model, dataclasses.replace(model, case_studies=moved)))
    assert len(lines) == 1
    assert lines[0].startswith(f"case study moved: {case.title} ({uri} → "
                               "case-studies/renamed.md")
    assert "redirect" in lines[0]


def test_markdown_escapes_contributor_text(model: odhub.Model) -> None:
    uri, case = next(iter(model.case_studies.items()))
    hostile = "<script>alert(1)</script> [click](javascript:alert(1)) @everyone &amp;"
    edited = dict(model.case_studies)
    edited[uri] = dataclasses.replace(case, title=hostile)
    gone = dict(model.case_studies)
    del gone[uri]
    text = render_markdown(diff_models(dataclasses.replace(model, case_studies=edited),
                                       dataclasses.replace(model, case_studies=gone)))
    assert "case study removed" in text
    assert "<script>" not in text
    assert "](javascript:" not in text
    assert " @everyone" not in text
    assert "&amp;" not in text


def test_schema_and_event_changes(model: odhub.Model) -> None:
    schemas = {**model.schemas, "country.schema.json": {"changed": True}}
    lines = summary_lines(diff_models(model, dataclasses.replace(model, schemas=schemas)))
    assert len(lines) == 1
    assert lines[0].startswith("data schema changed: country.schema.json")

    event = model.events[0]
    fewer = dataclasses.replace(model, events=model.events[1:])
    assert summary_lines(diff_models(model, fewer)) == [f"event removed: {event.title}"]
    added = summary_lines(diff_models(fewer, model))
    assert len(added) == 1 and added[0].startswith(f"new event: {event.title} ({event.start}")
    for url in event.sources:
        assert url in added[0]
