"""JSON Schema (draft 2020-12) checks, turned into problems a coordinator can act on."""

from __future__ import annotations

import difflib
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Problem
from .fastschema import Check, Compiler
from .yamlfile import YamlDocument, format_path

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

KINDS = ("country", "hub", "vocabulary", "case-study", "guidance", "event", "commitments",
         "indicators", "indices", "policy-areas", "policy-area-mapping")

_TYPE_NAMES = {
    "integer": "an integer",
    "number": "a number",
    "string": "text",
    "array": "a list",
    "object": "a mapping of fields",
    "boolean": "true or false",
    "null": "empty",
}


@cache
def _validators(schema_dir: str) -> dict[str, Draft202012Validator]:
    """Compile every schema once per directory; relative $refs resolve by file name."""
    # Imported here: valid records never need jsonschema (see fastschema), and importing
    # it costs ~0.05 s at every `odhub validate`.
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    folder = Path(schema_dir)
    resources = {}
    for file in folder.glob("*.schema.json"):
        contents = json.loads(file.read_text(encoding="utf-8"))
        resources[file.name] = Resource.from_contents(contents)
    registry = Registry().with_resources(resources.items())
    return {
        kind: Draft202012Validator(resources[f"{kind}.schema.json"].contents, registry=registry)
        for kind in KINDS
        if f"{kind}.schema.json" in resources
    }


@cache
def _quick_checks(schema_dir: str) -> dict[str, Check]:
    """Per kind, a predicate that says quickly when a record is certainly valid."""
    documents = {file.name: json.loads(file.read_text(encoding="utf-8"))
                 for file in Path(schema_dir).glob("*.schema.json")}
    compiler = Compiler(documents)
    return {kind: compiler.compile_file(f"{kind}.schema.json")
            for kind in KINDS if f"{kind}.schema.json" in documents}


def check(document: YamlDocument, kind: str, schema_dir: Path) -> list[Problem]:
    """Every schema violation in the document, each with its line and field path."""
    quick = _quick_checks(str(schema_dir)).get(kind)
    if quick is not None and quick(document.data):
        return []  # certainly valid: skip jsonschema, ~50x slower on a valid record
    validator = _validators(str(schema_dir)).get(kind)
    if validator is None:  # e.g. an old revision read by `odhub diff`, or a deleted file
        return [Problem(document.path, 0, "", f"cannot be checked: the schema file "
                        f"data/schemas/{kind}.schema.json is missing")]
    problems = []
    for error in validator.iter_errors(document.data):
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
