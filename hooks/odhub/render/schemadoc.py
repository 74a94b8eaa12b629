"""A reference of every data field, read from the JSON Schemas that validation uses.

The contributor guide's field reference is generated from these records at build time, so
the documentation and the checks can never disagree: add a field to a schema and it shows
up on the page with its type, whether it is required and what values it allows.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from odhub.render.markdown import escape_text

# Where each kind of record lives, and the order a contributor meets them in. Schemas not
# listed here still appear, after these, under their own title.
LOCATIONS: dict[str, tuple[str, ...]] = {
    "country": ("data/countries/<iso3>.yml",),
    "hub": ("data/hubs/<id>.yml",),
    "event": ("data/events.yml",),
    "case-study": ("docs/case-studies/<slug>.md",),
    "guidance": ("docs/guidance/<slug>.md",),
    "vocabulary": ("data/principles.yml", "data/objectives.yml", "data/sectors.yml",
                   "data/audiences.yml"),
}
# What may go inside a code span as is: field paths, file names, ids.
_CODE_SAFE = re.compile(r"[A-Za-z0-9_.\[\]<>/ -]+")
FRONT_MATTER = ("case-study", "guidance")


@dataclass(frozen=True)
class FieldDoc:
    """One field: `path` like ogp.member_since or commitments[].status."""

    path: str
    depth: int
    types: tuple[str, ...]  # JSON types; "array" carries item_types
    item_types: tuple[str, ...]
    required: bool
    description: str | None
    format: str | None  # what a shared definition says about the value's form
    allowed: tuple[str, ...]
    minimum: int | float | None = None
    maximum: int | float | None = None
    min_items: int | None = None
    unique_items: bool = False
    not_empty: bool = False


@dataclass(frozen=True)
class RecordDoc:
    kind: str
    title: str
    description: str | None
    schema_file: str
    locations: tuple[str, ...]
    front_matter: bool
    is_list: bool  # the file holds a list of such records
    fields: tuple[FieldDoc, ...]

    @property
    def anchor(self) -> Markup:
        """The heading's id: the kind, reduced to characters an id may hold."""
        return Markup(re.sub(r"[^a-z0-9-]+", "-", self.kind.lower()).strip("-") or "record")

    @property
    def groups(self) -> list[FieldGroup]:
        """The fields in groups a reader can open one at a time: the plain top-level
        fields first, then each top-level field that holds others, with those."""
        plain = FieldGroup(None, [])
        groups: dict[str, FieldGroup] = {}
        for field in self.fields:
            top = re.split(r"[.\[]", field.path, maxsplit=1)[0]
            if field.depth > 0:
                groups[top].fields.append(field)
            elif any(f.depth > 0 and re.split(r"[.\[]", f.path, maxsplit=1)[0] == top
                     for f in self.fields):
                groups[top] = FieldGroup(field, [field])
            else:
                plain.fields.append(field)
        return ([plain] if plain.fields else []) + list(groups.values())


@dataclass(frozen=True)
class FieldGroup:
    """A top-level field and the fields inside it; parent None for the plain fields."""

    parent: FieldDoc | None
    fields: list[FieldDoc]


def schema_reference(schemas: dict[str, dict[str, Any]]) -> list[RecordDoc]:
    """One RecordDoc per record schema (shared definitions are folded into the fields)."""
    resolver = _Resolver(schemas)
    records = []
    for name, schema in schemas.items():
        kind = name.removesuffix(".schema.json")
        root = resolver.resolve(schema, name)[0]
        if "properties" not in root and "items" not in root:
            continue  # a file of shared definitions, not a record
        is_list = "array" in _types(root)
        if is_list:
            root = resolver.resolve(root.get("items", {}), name)[0]
        fields: list[FieldDoc] = []
        resolver.walk(root, name, "", 0, fields)
        records.append(RecordDoc(
            kind=kind, title=schema.get("title", kind), description=schema.get("description"),
            schema_file=name, locations=LOCATIONS.get(kind, ()), front_matter=kind in FRONT_MATTER,
            is_list=is_list, fields=tuple(fields)))
    order = list(LOCATIONS)
    records.sort(key=lambda r: (order.index(r.kind) if r.kind in order else len(order),
                                r.kind))
    return records


def code(value: Any) -> Markup:
    """A field path, file name or id as a Markdown code span; anything with characters a
    code span cannot hold safely is shown as escaped text instead."""
    text = str(value)
    if _CODE_SAFE.fullmatch(text):
        return Markup(f"`{text}`")
    return escape_text(text)


def page_context(model: Any) -> dict[str, Any]:
    """What the field reference template needs: the records, and the ids in use."""
    vocabularies = {
        "principles": [(t.id, t.title) for t in model.principles.values()],
        "objectives": [(t.id, t.title) for t in model.objectives.values()],
        "sectors": [(t.id, t.title) for t in model.sectors.values()],
        "audiences": [(t.id, t.title) for t in model.audiences.values()],
        "hubs": [(h.id, h.name) for h in model.hubs.values()],
    }
    return {"records": schema_reference(model.schemas), "code": code,
            "vocabularies": vocabularies}


def _types(schema: dict[str, Any]) -> tuple[str, ...]:
    declared = schema.get("type")
    if isinstance(declared, str):
        return (declared,)
    if isinstance(declared, list):
        return tuple(declared)
    if "const" in schema:
        return (_json_type(schema["const"]),)
    if "enum" in schema:
        return tuple(dict.fromkeys(_json_type(v) for v in schema["enum"]))
    if "properties" in schema:
        return ("object",)
    return ()


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "string" if isinstance(value, str) else "object"


class _Resolver:
    def __init__(self, schemas: dict[str, dict[str, Any]]) -> None:
        # Resources named by file name, as the schemas' relative $refs name them.
        self.registry = Registry().with_resources(
            (name, Resource.from_contents(contents, default_specification=DRAFT202012))
            for name, contents in schemas.items())

    def target(self, ref: str, here: str) -> tuple[dict[str, Any], str]:
        try:
            node = self.registry.resolver(base_uri=here).lookup(ref).contents
        except Unresolvable:  # a broken $ref: validation reports the schema itself
            node = {}
        return (node if isinstance(node, dict) else {}), ref.partition("#")[0] or here

    def resolve(self, schema: dict[str, Any], here: str,
                seen: frozenset[str] = frozenset()) -> tuple[dict[str, Any], str | None]:
        """The schema with its $ref chain merged in (local keys win), and the description
        of the innermost definition (it says what form the value takes)."""
        ref = schema.get("$ref")
        if not isinstance(ref, str) or ref in seen:
            return schema, None
        target, file = self.target(ref, here)
        base, inner = self.resolve(_absolute(target, file), file, seen | {ref})
        merged = {**base, **{k: v for k, v in schema.items() if k != "$ref"}}
        return merged, inner or target.get("description")

    def walk(self, schema: dict[str, Any], here: str, prefix: str, depth: int,
             out: list[FieldDoc]) -> None:
        required = set(schema.get("required", ()))
        for name, raw in schema.get("properties", {}).items():
            field, definition = self.resolve(raw, here)
            items, item_definition = self.resolve(field.get("items", {}), here)
            types = _types(field)
            item_types = _types(items) if "array" in types else ()
            description = field.get("description")
            form = definition if definition and definition != description else None
            if form is None and item_definition and "array" in types:
                form = item_definition
            allowed = field.get("enum") or items.get("enum") or (
                [field["const"]] if "const" in field else [])
            path = f"{prefix}{name}"
            out.append(FieldDoc(
                path=path, depth=depth, types=types, item_types=item_types,
                required=name in required, description=description,
                format=form, allowed=tuple(_value_text(v) for v in allowed),
                minimum=field.get("minimum", items.get("minimum")),
                maximum=field.get("maximum", items.get("maximum")),
                min_items=field.get("minItems"), unique_items=bool(field.get("uniqueItems")),
                not_empty=bool(field.get("minLength") or items.get("minLength"))))
            if "properties" in field:
                self.walk(field, here, f"{path}.", depth + 1, out)
            elif "properties" in items:
                self.walk(items, here, f"{path}[].", depth + 1, out)


def _absolute(node: Any, file: str) -> Any:
    """Rewrite refs local to `file` ("#/$defs/x") as "file#/$defs/x", so a definition
    copied into another schema still points where it did."""
    if isinstance(node, dict):
        return {key: (f"{file}{value}" if key == "$ref" and isinstance(value, str)
                      and value.startswith("#") else _absolute(value, file))
                for key, value in node.items()}
    if isinstance(node, list):
        return [_absolute(value, file) for value in node]
    return node


def _value_text(value: Any) -> str:
    return json.dumps(value) if not isinstance(value, str) else value
