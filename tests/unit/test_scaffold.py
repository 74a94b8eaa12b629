"""`odhub new`: scaffold, see validation name every TODO, fill in, validate; never overwrite."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import odhub
from conftest import run_odhub

REAL_SOURCE = "https://www.opengovpartnership.org/members/"
TODO_STRING = re.compile(r'"[^"\n]*TODO[^"\n]*"')


def todo_lines(file: Path) -> set[int]:
    lines = file.read_text(encoding="utf-8").splitlines()
    return {n for n, line in enumerate(lines, 1) if "TODO" in line and not line.lstrip()
            .startswith("#")}


def reported_lines(stderr: str, display: str) -> set[int]:
    return {int(m) for m in re.findall(rf"^{re.escape(display)}:(\d+): ", stderr, re.M)}


def fill_in(file: Path) -> None:
    """What a coordinator does: a real source, real sentences in place of each TODO."""
    text = file.read_text(encoding="utf-8")
    text = text.replace('"https://example.org/TODO-replace-with-a-source"',
                        f'"{REAL_SOURCE}"')
    text = TODO_STRING.sub('"Written by the coordinator from the sources."', text)
    file.write_text(text, encoding="utf-8")


@pytest.fixture
def hub(hub_copy: Path) -> Path:
    baseline = run_odhub("validate", cwd=hub_copy)
    assert baseline.returncode == 0, baseline.stderr  # the bundled hub itself is valid
    return hub_copy


def round_trip(hub: Path, args: list[str], display: str) -> Path:
    made = run_odhub("new", *args, cwd=hub)
    assert made.returncode == 0, made.stderr
    assert display in made.stdout
    file = hub / display
    todos = todo_lines(file)
    assert todos, "the template should carry TODO markers"

    before = run_odhub("validate", cwd=hub)
    assert before.returncode == 1
    # Every TODO line is reported with its line number, and nothing else is wrong.
    assert reported_lines(before.stderr, display) >= todos
    assert all(line.startswith(display) or " problems in " in line or not line
               for line in before.stderr.splitlines()), before.stderr

    fill_in(file)
    after = run_odhub("validate", cwd=hub)
    assert after.returncode == 0, after.stderr
    return file


def test_case_study_round_trip_then_overwrite_refused(hub: Path) -> None:
    display = "docs/case-studies/kenya-a-scaffolded-story.md"
    file = round_trip(hub, ["case-study", "--country", "KEN", "--country", "TZA",
                            "--title", "Kenya: a scaffolded story", "--sector", "health"],
                      display)
    case = odhub.load(hub).case_studies["case-studies/kenya-a-scaffolded-story.md"]
    assert case.title == "Kenya: a scaffolded story"
    assert case.countries == ("KEN", "TZA") and case.sectors == ("health",)
    assert case.sources == (REAL_SOURCE,)

    filled = file.read_bytes()
    again = run_odhub("new", "case-study", "--country", "KEN", "--title",
                      "Kenya: a scaffolded story", cwd=hub)
    assert again.returncode == 1
    assert f"{display} already exists" in again.stderr
    assert file.read_bytes() == filled


def test_guidance_round_trip(hub: Path) -> None:
    round_trip(hub, ["guidance", "--title", "Publishing budget data", "--objective",
                     "monitor-impact", "--principle", "accessible-and-usable",
                     "--level", "advanced"], "docs/guidance/publishing-budget-data.md")
    guide = odhub.load(hub).guidance["guidance/publishing-budget-data.md"]
    assert guide.objectives == ("monitor-impact",) and guide.level == "advanced"


def test_country_round_trip_and_existing_country_untouched(hub: Path) -> None:
    assert not (hub / "data/countries/bhs.yml").exists()
    round_trip(hub, ["country", "--iso3", "BHS", "--hub", "caribbean"],
               "data/countries/bhs.yml")
    country = odhub.load(hub).countries["BHS"]
    assert country.hub == "caribbean" and country.sources == (REAL_SOURCE,)

    kenya = hub / "data/countries/ken.yml"
    original = kenya.read_bytes()
    again = run_odhub("new", "country", "--iso3", "KEN", cwd=hub)
    assert again.returncode == 1 and "data/countries/ken.yml already exists" in again.stderr
    assert kenya.read_bytes() == original


def test_event_is_appended_and_a_duplicate_refused(hub: Path) -> None:
    events = hub / "data/events.yml"
    count = len(odhub.load(hub).events)
    round_trip(hub, ["event", "--title", "Caribbean open data week", "--start", "2019-05",
                     "--hub", "caribbean", "--kind", "workshop"], "data/events.yml")
    model = odhub.load(hub)
    assert len(model.events) == count + 1
    (event,) = [e for e in model.events if e.id == "caribbean-open-data-week"]
    assert event.hubs == ("caribbean",) and event.kind == "workshop"

    appended = events.read_bytes()
    again = run_odhub("new", "event", "--title", "Caribbean open data week", "--start",
                      "2019-06", cwd=hub)
    assert again.returncode == 1 and "caribbean-open-data-week" in again.stderr
    assert events.read_bytes() == appended


def test_unknown_ids_are_refused_before_writing(hub: Path) -> None:
    result = run_odhub("new", "case-study", "--country", "KEN", "--title", "Anything",
                       "--principle", "open-default", cwd=hub)
    assert result.returncode == 1
    assert "'open-default' is not a known principle" in result.stderr
    assert "did you mean 'open-by-default'" in result.stderr
    assert not (hub / "docs/case-studies/anything.md").exists()
    bad_code = run_odhub("new", "country", "--iso3", "QQQ", cwd=hub)
    assert bad_code.returncode == 1 and not (hub / "data/countries/qqq.yml").exists()
