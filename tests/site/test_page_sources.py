"""Every page names its source: an "edit this page" link and a last-updated date.

Hand-written pages edit their Markdown file; generated country, hub and event pages edit
the YAML file they are made from. Dates come from one `git log` per build, and from the
file's time when there is no git history (a hub unpacked from a zip).

mkdocs.yml names a placeholder repository, for which pages carry no edit link
(test_repository_links.py); the links are checked on a build of the bundled hub with a
real-looking repo_url.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path, PurePosixPath

import pytest
import yaml

import odhub
import odhub.render
from conftest import ROOT, copy_hub, mkdocs_build
from odhub.data import history
from odhub.data.editions import hand_written_pages as hand_written
from run_once import once_per_run

pytestmark = pytest.mark.build


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml holds !!python/name tags; these tests only need plain keys."""


_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/",
                                  lambda loader, suffix, node: None)

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
REPO = "https://github.com/example-org/open-data-peer-hub"
BRANCH = CONFIG.get("extra", {}).get("odhub", {}).get("branch", "main")
EDIT_LINK = re.compile(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon"'
                       r' rel="edit">')
# Material's source-file.html: an icon, then the date as text.
UPDATED = re.compile(r'<aside class="md-source-file">.*?</svg>\s*</span>\s*([^<]+?)\s*</span>',
                     re.S)


def html_for(site: Path, docs_path: str) -> Path:
    path = PurePosixPath(docs_path)
    if path.name == "index.md":
        return site / path.parent / "index.html"
    return site / path.with_suffix("") / "index.html"


def hand_written_pages() -> list[str]:
    # Blog posts get their address from the blog plugin; everything else maps directly.
    # Translations (page.es.md) are published at their English page's address, in their
    # own edition.
    return sorted(src for src in hand_written(ROOT / "docs", ("en", "es", "fr"))
                  if not src.startswith("news/"))


def _build_with_repository(site: Path) -> None:
    hub = copy_hub(site.parent / "hub-with-repository")
    (hub / "mkdocs.repository.yml").write_text(f"INHERIT: mkdocs.yml\nrepo_url: {REPO}\n",
                                               encoding="utf-8")
    result = mkdocs_build(hub, site, "mkdocs.repository.yml")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


@pytest.fixture(scope="session")
def site_with_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled hub's English edition, built once per run with REPO as repo_url."""
    return once_per_run(tmp_path_factory, "site-with-repository", _build_with_repository)


def page_facts(page: Path) -> tuple[str | None, str | None]:
    text = page.read_text(encoding="utf-8")
    edit = EDIT_LINK.search(text)
    updated = UPDATED.search(text)
    return (edit.group(1) if edit else None), (updated.group(1).strip() if updated else None)


def test_content_action_edit_is_on() -> None:
    assert "content.action.edit" in CONFIG["theme"]["features"]
    assert CONFIG["edit_uri"]


@pytest.mark.parametrize("src", hand_written_pages())
def test_hand_written_pages_link_their_markdown_file(site_with_repository: Path,
                                                    src: str) -> None:
    edit, updated = page_facts(html_for(site_with_repository, src))
    assert edit == f"{REPO}/{CONFIG['edit_uri'].strip('/')}/{src}"
    assert updated, f"{src} shows no last-updated date"


def test_generated_pages_link_their_data_file(site_with_repository: Path) -> None:
    records = [("countries", "iso3"), ("hubs", "id")]
    checked = 0
    for folder, key in records:
        for file in sorted((ROOT / "data" / folder).glob("*.yml")):
            slug = str(yaml.safe_load(file.read_text(encoding="utf-8"))[key]).lower()
            edit, updated = page_facts(site_with_repository / folder / slug / "index.html")
            assert edit == f"{REPO}/edit/{BRANCH}/data/{folder}/{file.name}", file.name
            assert updated, file.name
            checked += 1
    assert checked > 50
    edit, _ = page_facts(site_with_repository / "events/index.html")
    assert edit == f"{REPO}/edit/{BRANCH}/data/events.yml"


def test_index_pages_without_one_source_offer_no_edit_link(
        site_with_repository: Path) -> None:
    edit, updated = page_facts(site_with_repository / "countries/index.html")
    assert edit is None and updated is None


# -- the library: dates from one git call, with a fallback ---------------------------------


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def dated_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "data").mkdir()
    (repo / "docs/old.md").write_text("old\n", encoding="utf-8")
    (repo / "docs/new name.md").write_text("new\n", encoding="utf-8")
    (repo / "data/x.yml").write_text("a: 1\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "one", date="2020-02-03T10:00:00+00:00")
    (repo / "docs/new name.md").write_text("newer\n", encoding="utf-8")
    git(repo, "commit", "-q", "-a", "-m", "two", date="2021-07-09T10:00:00+00:00")
    return repo


def test_file_dates_give_each_file_its_last_commit(dated_repo: Path) -> None:
    dates = history.file_dates(dated_repo)
    assert dates["docs/old.md"].date() == dt.date(2020, 2, 3)
    assert dates["data/x.yml"].date() == dt.date(2020, 2, 3)
    assert dates["docs/new name.md"].date() == dt.date(2021, 7, 9)


def test_page_dates_in_the_sites_language(dated_repo: Path) -> None:
    sources = history.SourceFiles(dated_repo, "docs", "https://example.org/edit/main/")
    sources.add_generated([odhub.render.GeneratedPage("things/x.md", "", "data/x.yml"),
                           odhub.render.GeneratedPage("things/index.md", "")])
    assert sources.page("old.md") == history.PageSource("docs/old.md", None,
                                                        "Page last changed February 3, 2020")
    assert sources.page("things/x.md") == history.PageSource(
        "data/x.yml", "https://example.org/edit/main/data/x.yml",
        "Page last changed February 3, 2020")
    assert sources.page("things/index.md") == history.PageSource(None, None, None)
    french = history.SourceFiles(dated_repo, "docs", language="fr")
    assert french.page("new name.md").updated.endswith("9 juillet 2021")


def test_git_is_asked_once_per_build(dated_repo: Path, monkeypatch) -> None:
    calls: list[tuple[str, ...]] = []
    real = history._git

    def counting(root: Path, *args: str, **kwargs: object):
        calls.append(args)
        return real(root, *args, **kwargs)

    monkeypatch.setattr(history, "_git", counting)
    sources = history.SourceFiles(dated_repo, "docs")
    for _ in range(3):
        for page in ("old.md", "new name.md", "missing.md"):
            sources.page(page)
    assert [c[0] for c in calls] == ["log"]


def test_without_git_history_dates_fall_back_to_file_times(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs/page.md"
    page.write_text("text\n", encoding="utf-8")
    stamp = dt.datetime(2019, 11, 5, 12, tzinfo=dt.UTC).timestamp()
    os.utime(page, (stamp, stamp))
    sources = history.SourceFiles(tmp_path, "docs")
    assert sources.dates == {}
    assert sources.page("page.md").updated == "Page last changed November 5, 2019"
    assert sources.page("gone.md").updated is None


def test_a_build_without_git_still_dates_every_page(hub_copy: Path, tmp_path: Path) -> None:
    about = hub_copy / "docs/about.md"
    stamp = dt.datetime(2019, 11, 5, 12, tzinfo=dt.UTC).timestamp()
    os.utime(about, (stamp, stamp))
    site = tmp_path / "site"
    result = mkdocs_build(hub_copy, site)
    assert result.returncode == 0, result.stderr
    _, updated = page_facts(site / "about/index.html")
    assert updated == "Page last changed November 5, 2019"
