"""Closed lists of values (guidance levels, event kinds, ...), read from the JSON Schemas.

Each list has one definition, the `enum` in its schema: validation, the scaffold, the
field reference and the pages all read it from there, so adding a value to a schema is
the whole change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ITEMS = "[]"  # a step into an array's items


def allowed(documents: Mapping[str, dict[str, Any]], kind: str, *path: str) -> tuple[str, ...]:
    """The values `<kind>.schema.json` allows at `path`: property names, ITEMS for an
    array's items; $refs are followed. A list field gives its items' enum.

        allowed(model.schemas, "guidance", "level")
        allowed(model.schemas, "event", ITEMS, "kind")
    """
    name = f"{kind}.schema.json"
    registry = Registry().with_resources(
        (file, Resource.from_contents(contents, default_specification=DRAFT202012))
        for file, contents in documents.items())
    resolver = registry.resolver(base_uri=name)
    node: Any = documents[name]

    def follow(node: Any) -> Any:
        nonlocal resolver
        while isinstance(node, dict) and "$ref" in node:
            resolved = resolver.lookup(node["$ref"])
            resolver = resolved.resolver
            node = {**resolved.contents, **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    for step in path:
        node = follow(node)
        node = node["items"] if step == ITEMS else node["properties"][step]
    node = follow(node)
    if "enum" not in node and "items" in node:
        node = follow(node["items"])
    return tuple(node["enum"])
