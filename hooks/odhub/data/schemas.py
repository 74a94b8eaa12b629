"""JSON Schema (draft 2020-12) checks, turned into problems a coordinator can act on."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from odhub.data.errors import Problem
from odhub.data.yamlfile import YamlDocument, format_path

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

KINDS = ("country", "hub", "vocabulary", "case-study", "guidance", "event", "translation",
         "commitments", "indicators", "indices", "policy-areas", "policy-area-mapping")

_TYPE_NAMES = {
    "integer": "an integer",
    "number": "a number",
    "string": "text",
    "array": "a list",
    "object": "a mapping of fields",
    "boolean": "true or false",
    "null": "empty",
}


@dataclass(frozen=True)
class SchemaSet:
    """The schema files of one hub, read once: the documents (the field reference and the
    vocabulary module read them), a fast validity check per kind (jsonschema-rs, compiled)
    and, only when a record is invalid, jsonschema's detailed errors for the messages."""

    folder: Path
    documents: dict[str, dict[str, Any]]

    @cached_property
    def _quick(self) -> dict[str, Any]:
        import jsonschema_rs

        registry = jsonschema_rs.Registry(
            [(self._uri(name), contents) for name, contents in self.documents.items()])
        return {kind: jsonschema_rs.Draft202012Validator(
                    {**self.documents[f"{kind}.schema.json"],
                     "$id": self._uri(f"{kind}.schema.json")}, registry=registry)
                for kind in KINDS if f"{kind}.schema.json" in self.documents}

    @cached_property
    def _detailed(self) -> dict[str, Draft202012Validator]:
        # Imported here: valid records never need jsonschema (~0.05 s at every start).
        from jsonschema import Draft202012Validator
        from referencing import Registry, Resource

        # Relative $refs ("common.schema.json#/$defs/...") resolve by file name.
        registry = Registry().with_resources(
            (name, Resource.from_contents(contents))
            for name, contents in self.documents.items())
        return {kind: Draft202012Validator(self.documents[f"{kind}.schema.json"],
                                           registry=registry)
                for kind in KINDS if f"{kind}.schema.json" in self.documents}

    def _uri(self, name: str) -> str:
        return (self.folder / name).resolve().as_uri()

    def is_valid(self, kind: str, data: Any) -> bool:
        return self._quick[kind].is_valid(data)

    def errors(self, kind: str, data: Any) -> list[ValidationError]:
        return list(self._detailed[kind].iter_errors(data))


@cache
def schema_set(schema_dir: str) -> SchemaSet:
    """Every *.schema.json under schema_dir, by file name; unreadable files are skipped
    (a record of that kind then says its schema is missing)."""
    documents: dict[str, dict[str, Any]] = {}
    for file in sorted(Path(schema_dir).glob("*.schema.json")):
        try:
            documents[file.name] = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    return SchemaSet(Path(schema_dir), documents)


def check(document: YamlDocument, kind: str, schema_dir: Path) -> list[Problem]:
    """Every schema violation in the document, each with its line and field path."""
    schemas = schema_set(str(schema_dir))
    if f"{kind}.schema.json" not in schemas.documents:
        # e.g. an old revision read by `odhub diff`, or a deleted file
        return [Problem(document.path, 0, "", f"cannot be checked: the schema file "
                        f"data/schemas/{kind}.schema.json is missing")]
    if schemas.is_valid(kind, document.data):
        return []  # the common case: jsonschema's worded errors are ~50x slower
    problems = []
    for error in schemas.errors(kind, document.data):
        for leaf in _leaves(error):
            where = tuple(leaf.absolute_path)
            problems.append(
                Problem(
                    document.path,
                    document.lines.line_of(where),
                    format_path(where),
                    _message(leaf),
                )
            )
    return problems


def _leaves(error: ValidationError) -> list[ValidationError]:
    # A failed $ref/allOf wraps the real cause; show the cause, not the wrapper.
    if error.context and error.validator not in ("anyOf", "oneOf"):
        return [leaf for sub in error.context for leaf in _leaves(sub)]
    return [error]


def _message(error: ValidationError) -> str:
    kind = error.validator
    value = error.instance
    if kind == "type":
        wanted = error.validator_value
        names = [wanted] if isinstance(wanted, str) else list(wanted)
        return f"{value!r} is not {' or '.join(_TYPE_NAMES.get(n, n) for n in names)}"
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"required field '{missing}' is missing"
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        parts = []
        for extra in extras:
            close = difflib.get_close_matches(extra, allowed, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            parts.append(f"unknown field '{extra}'{hint}")
        return "; ".join(parts) + f"; allowed: {', '.join(allowed)}"
    if kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        close = difflib.get_close_matches(str(value), [str(a) for a in allowed], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"{value!r} is not allowed{hint}; allowed: {', '.join(map(str, allowed))}"
    if kind == "pattern":
        description = error.schema.get("description")
        if description:
            return f"{value!r} is not valid: {description}"
        return f"{value!r} does not match {error.validator_value}"
    if kind == "minItems":
        return f"needs at least {error.validator_value} item(s)"
    if kind == "uniqueItems":
        return "items must not repeat"
    if kind in ("minimum", "maximum"):
        return f"{value!r} is out of range: {error.message.split(' is ')[-1]}"
    if kind == "minLength":
        return "must not be empty"
    return error.message
