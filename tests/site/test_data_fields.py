"""The data field reference is generated from the JSON Schemas, so it cannot drift.

The expectations here walk the schema files with a few lines of their own, not with
odhub.schemadoc, and a schema edited in a copy of the hub shows up on the page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import odhub
import odhub.render
from conftest import ROOT
from odhub.data.schemas import schema_set
from odhub.render.schemadoc import schema_reference

SCHEMAS = ROOT / "data/schemas"


def raw_properties(schema: dict, defs: dict[str, dict]) -> dict[str, tuple[bool, dict]]:
    """Top-level property -> (required, raw schema) of a record schema."""
    if schema.get("type") == "array":
        schema = schema["items"]
        if "$ref" in schema:
            schema = defs[schema["$ref"].split("/")[-1]]
    required = set(schema.get("required", ()))
    return {name: (name in required, value) for name, value in schema["properties"].items()}


def record_schemas() -> dict[str, dict]:
    return {f.name: json.loads(f.read_text(encoding="utf-8"))
            for f in sorted(SCHEMAS.glob("*.schema.json"))
            if f.name != "common.schema.json"}


@pytest.fixture(scope="module")
def records() -> dict[str, object]:
    return {r.schema_file: r for r in schema_reference(schema_set(str(SCHEMAS)).documents)}


def test_every_record_schema_has_a_section(records: dict) -> None:
    assert set(records) == set(record_schemas())


@pytest.mark.parametrize("name", sorted(record_schemas()))
def test_every_top_level_field_with_its_required_flag(records: dict, name: str) -> None:
    schema = record_schemas()[name]
    expected = raw_properties(schema, schema.get("$defs", {}))
    documented = {f.path: f for f in records[name].fields if f.depth == 0}
    assert set(documented) == set(expected)
    for field, (required, raw) in expected.items():
        assert documented[field].required is required, field
        if "enum" in raw:
            assert list(documented[field].allowed) == [str(v) for v in raw["enum"]]


def test_nested_fields_and_shared_definitions_are_resolved(records: dict) -> None:
    country = {f.path: f for f in records["country.schema.json"].fields}
    commitments = {f.path: f for f in records["commitments.schema.json"].fields}
    completion = commitments["commitments[].irm.completion"]
    irm = record_schemas()["commitments.schema.json"]["$defs"]["irm"]
    assert list(completion.allowed) == irm["properties"]["completion"]["enum"]
    assert completion.required is False
    assert commitments["commitments[].id"].required is True
    year = country["ogp.member_since"]
    common = json.loads((SCHEMAS / "common.schema.json").read_text(encoding="utf-8"))
    assert year.types == ("integer",)
    assert (year.minimum, year.maximum) == (common["$defs"]["year"]["minimum"],
                                            common["$defs"]["year"]["maximum"])
    sources = country["sources"]
    assert sources.item_types == ("string",) and sources.min_items == 1
    assert sources.format == common["$defs"]["url"]["description"]


def test_every_field_says_what_it_is(records: dict) -> None:
    missing = [f"{name}: {f.path}" for name, record in records.items()
               for f in record.fields if not (f.description or f.format)]
    assert not missing, "add a description to these schema properties:\n" + "\n".join(missing)


def field_page(model: odhub.Model) -> str:
    page = next(p for p in odhub.render.generated_pages(model) if p.path.endswith("data-fields.md"))
    return page.markdown


def test_a_field_added_to_a_schema_appears_on_the_page(hub_copy: Path) -> None:
    schema_file = hub_copy / "data/schemas/hub.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["properties"]["mailing_list"] = {
        "$ref": "common.schema.json#/$defs/url",
        "description": "Where to subscribe to the hub's news.",
    }
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    markdown = field_page(odhub.load(hub_copy))
    row = next(line for line in markdown.splitlines() if line.startswith("| `mailing_list`"))
    assert "| no |" in row
    assert "subscribe to the hub" in row


def test_page_lists_rows_for_every_field_and_the_ids_in_use(repo_root: Path) -> None:
    model = odhub.load(repo_root)
    markdown = field_page(model)
    for record in schema_reference(model.schemas):
        assert f"{{ #{record.anchor} }}" in markdown
        for field in record.fields:
            assert re.search(rf"^\| `{re.escape(field.path)}` \|", markdown, re.M), field.path
    for principle in model.principles:
        assert f"| `{principle}` |" in markdown


def test_contributor_text_in_a_schema_is_escaped(hub_copy: Path) -> None:
    schema_file = hub_copy / "data/schemas/hub.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["properties"]["x`y<b>"] = {"type": "string",
                                       "description": "<script>alert(1)</script> [a](javascript:x)"}
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    markdown = field_page(odhub.load(hub_copy))
    assert "<script>" not in markdown
    assert "](javascript:" not in markdown
    assert "`x`y<b>`" not in markdown


@pytest.mark.build
def test_built_reference_page(built_site: Path) -> None:
    html = (built_site / "contribute/data-fields/index.html").read_text(encoding="utf-8")
    for record in schema_reference(schema_set(str(SCHEMAS)).documents):
        assert f'id="{record.anchor}"' in html
