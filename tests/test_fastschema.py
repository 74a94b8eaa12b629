"""The quick validity check must never accept a record that jsonschema rejects.

Each bundled record is mutated many ways (values swapped for other JSON types, fields
dropped or added, list items duplicated, strings emptied or given odd characters) and
every mutant is judged by both; a mutant the quick check accepts must be valid for
jsonschema too. Valid records must mostly take the quick path, or it buys nothing.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from odhub.fastschema import Compiler, json_equal
from odhub.load import split_front_matter
from odhub.yamlfile import parse_yaml, read_yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "data" / "schemas"


def _documents() -> dict[str, dict]:
    return {f.name: json.loads(f.read_text(encoding="utf-8"))
            for f in SCHEMAS.glob("*.schema.json")}


def _jsonschema(kind: str) -> Draft202012Validator:
    documents = _documents()
    registry = Registry().with_resources(
        (name, Resource.from_contents(doc)) for name, doc in documents.items())
    return Draft202012Validator(documents[f"{kind}.schema.json"], registry=registry)


def _records() -> list[tuple[str, object]]:
    records: list[tuple[str, object]] = []
    for file in sorted((ROOT / "data" / "countries").glob("*.yml"))[:25]:
        records.append(("country", read_yaml(file, file.name)[0].data))
    for file in sorted((ROOT / "data" / "hubs").glob("*.yml")):
        records.append(("hub", read_yaml(file, file.name)[0].data))
    for name in ("principles", "sectors"):
        file = ROOT / "data" / f"{name}.yml"
        records.append(("vocabulary", read_yaml(file, file.name)[0].data))
    events = ROOT / "data" / "events.yml"
    if events.exists() and (SCHEMAS / "event.schema.json").exists():
        records.append(("event", read_yaml(events, events.name)[0].data))
    for folder, kind in (("case-studies", "case-study"), ("guidance", "guidance")):
        for file in sorted((ROOT / "docs" / folder).glob("*.md")):
            block = split_front_matter(file.read_text(encoding="utf-8"))
            if block is not None:
                records.append((kind, parse_yaml(block, file.name)[0].data))
    return records


ODD_VALUES = [None, True, False, 0, 1, 1.0, 1.5, -3, 2101, 1989, "", " ", "x", "TODO",
              "javascript:alert(1)", "https://example.org/a b", "not-started", "KEN",
              "ken", "open-by-default", [], ["a", "a"], [1, True], {}, {"x": 1}]


def _paths(value: object, here: tuple = ()) -> list[tuple]:
    found = [here]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*here, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*here, index))
    return found


def _mutants(record: object, rng: random.Random, count: int) -> list[object]:
    paths = _paths(record)
    out = []
    for _ in range(count):
        mutant = copy.deepcopy(record)
        path = rng.choice(paths)
        if not path:
            out.append(rng.choice(ODD_VALUES))
            continue
        parent = mutant
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        action = rng.randrange(5)
        if action == 0:
            parent[last] = copy.deepcopy(rng.choice(ODD_VALUES))
        elif action == 1 and isinstance(parent, dict):
            del parent[last]
        elif action == 2 and isinstance(parent, dict):
            parent[rng.choice(["extra", "titel", "hub", "year", "status"])] = parent[last]
        elif action == 3 and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        else:
            parent[last] = copy.deepcopy(rng.choice(ODD_VALUES))
        out.append(mutant)
    return out


def test_never_accepts_what_jsonschema_rejects() -> None:
    compiler = Compiler(_documents())
    rng = random.Random(2018)
    judged = rejected = 0
    for kind, record in _records():
        quick = compiler.compile_file(f"{kind}.schema.json")
        full = _jsonschema(kind)
        for mutant in _mutants(record, rng, 60):
            judged += 1
            if not full.is_valid(mutant):
                rejected += 1
                assert not quick(mutant), (kind, mutant)
    # The mutations must actually produce invalid records, or the test proves nothing.
    assert rejected > judged // 4


def test_accepts_the_bundled_records() -> None:
    compiler = Compiler(_documents())
    records = _records()
    accepted = [kind for kind, record in records
                if compiler.compile_file(f"{kind}.schema.json")(record)]
    assert len(accepted) == len(records)


@pytest.mark.parametrize("schema, good, bad", [
    ({"const": True}, [True], [1, 1.0, "true"]),
    ({"enum": [0, "a"]}, [0, 0.0, "a"], [False, "0", None]),
    ({"type": "integer"}, [3, 3.0], [3.5, True, "3"]),
    ({"uniqueItems": True}, [[1, "1"], [True, 1]], [[1, 1.0], [{"a": 1}, {"a": 1}]]),
    ({"items": {"minLength": 2}, "minItems": 1}, [["ab"]], [[], ["a"]]),
    ({"required": ["a"], "additionalProperties": False, "properties": {"a": {}}},
     [{"a": None}], [{}, {"a": 1, "b": 2}]),
    ({"pattern": "^[a-z]+$"}, ["abc", 5], ["ABC", "a-b"]),
    ({"minimum": 1990, "maximum": 2100}, [1990, 2100, "1800"], [1989, 2100.5]),
])
def test_keywords_follow_the_specification(schema: dict, good: list, bad: list) -> None:
    quick = Compiler({"s.json": schema}).compile_file("s.json")
    full = Draft202012Validator(schema)
    for value in good:
        assert full.is_valid(value) and quick(value), value
    for value in bad:
        assert not full.is_valid(value) and not quick(value), value


def test_unknown_keywords_defer_to_jsonschema() -> None:
    quick = Compiler({"s.json": {"not": {"type": "string"}}}).compile_file("s.json")
    assert not quick(1)  # valid, but "not" is not implemented: not sure, so no quick yes


def test_json_equal_keeps_booleans_apart() -> None:
    assert json_equal(1, 1.0) and json_equal([1, {"a": 2}], [1.0, {"a": 2}])
    assert not json_equal(True, 1) and not json_equal([0], [False])
