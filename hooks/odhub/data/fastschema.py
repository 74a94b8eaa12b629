"""A quick yes for valid records, so jsonschema runs only on records that have problems.

jsonschema walks a schema keyword by keyword and resolves every `$ref` on every record;
that cost ~3 ms a record and dominated `odhub validate` and the start of every build. Here
a schema is compiled once into plain Python predicates that answer one question: is this
record certainly valid? When the answer is yes there is nothing to report; otherwise
schemas.check runs jsonschema as before, which finds and words every problem.

The predicates must never accept what jsonschema (draft 2020-12) rejects. So each keyword
below follows the specification exactly, equality is as strict as JSON's (true is not 1),
and a keyword this module does not know makes the predicate answer "not sure" (False),
which only costs speed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

Check = Callable[[Any], bool]

# Keywords that never make a record invalid (annotations; `format` only annotates unless a
# format checker is configured, and schemas.py configures none).
_ANNOTATIONS = frozenset({
    "$schema", "$comment", "$defs", "title", "description", "default", "examples",
    "deprecated", "readOnly", "writeOnly", "format",
})
# Not listed, so "not sure": $id and $anchor, which would change how $refs resolve.


def _never(_value: Any) -> bool:
    return False


def _always(_value: Any) -> bool:
    return True


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
    "number": _is_number,
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}


def _unbool(value: Any) -> Any:
    return _TRUE if value is True else _FALSE if value is False else value


_TRUE, _FALSE = object(), object()


def json_equal(a: Any, b: Any) -> bool:
    """Equality exactly as jsonschema's enum, const and uniqueItems judge it: 1 == 1.0, but
    true != 1, and sequences and mappings compare item by item the same way."""
    if a is b:
        return True
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    if isinstance(a, Sequence) and isinstance(b, Sequence):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return len(a) == len(b) and all(k in b and json_equal(v, b[k]) for k, v in a.items())
    return _unbool(a) == _unbool(b)


def _all(checks: list[Check]) -> Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)

    return lambda v: all(test(v) for test in checks)


class Compiler:
    """Compiles schemas that may `$ref` each other by file name (as schemas.py registers
    them) into predicates; each referenced schema is compiled once."""

    def __init__(self, documents: Mapping[str, Any]) -> None:
        self.documents = documents
        self.compiled: dict[tuple[str, str], Check] = {}

    def compile_file(self, name: str) -> Check:
        return self._ref(f"{name}#", name)

    def _ref(self, ref: str, base: str) -> Check:
        file, _, pointer = ref.partition("#")
        key = (file or base, pointer)
        if key not in self.compiled:
            target = self._resolve(*key)
            if target is None:
                return _never
            cell: list[Check] = [_never]
            # An indirection while compiling, so that a schema that refers to itself ends;
            # then the compiled predicate itself, one call cheaper for everyone else.
            self.compiled[key] = lambda v: cell[0](v)
            cell[0] = self.compiled[key] = self.compile(target, key[0])
        return self.compiled[key]

    def _resolve(self, file: str, pointer: str) -> Any:
        node = self.documents.get(file)
        for part in [p for p in pointer.split("/") if p]:
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            else:
                return None
        return node

    def compile(self, schema: Any, base: str) -> Check:
        if schema is True or schema == {}:
            return _always
        if not isinstance(schema, dict):
            return _never  # `false`, or something that is not a schema at all
        checks: list[Check] = []
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS or keyword in ("properties", "required",
                                                      "additionalProperties"):
                continue
            build = getattr(self, "_k_" + keyword.lstrip("$"), None)
            if build is None:
                return _never  # unknown keyword: let jsonschema decide
            checks.append(build(value, base))
        if any(k in schema for k in ("properties", "required", "additionalProperties")):
            checks.append(self._object(schema, base))
        return _all(checks)

    # -- keywords -------------------------------------------------------------------

    def _k_ref(self, ref: str, base: str) -> Check:
        return self._ref(ref, base)

    def _k_type(self, value: str | list[str], base: str) -> Check:
        names = [value] if isinstance(value, str) else list(value)
        if any(name not in _TYPES for name in names):
            return _never
        tests = [_TYPES[name] for name in names]
        if len(tests) == 1:
            return tests[0]
        return lambda v: any(test(v) for test in tests)

    def _object(self, schema: dict, base: str) -> Check:
        properties = {name: self.compile(sub, base)
                      for name, sub in schema.get("properties", {}).items()}
        required = tuple(schema.get("required", ()))
        extra = schema.get("additionalProperties", True)
        extra_check = None if extra is True else self.compile(extra, base)

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for name in required:
                if name not in value:
                    return False
            for name, item in value.items():
                test = properties.get(name) if isinstance(name, str) else None
                if test is not None:
                    if not test(item):
                        return False
                elif extra_check is not None and not extra_check(item):
                    return False
            return True

        return check

    def _k_items(self, value: Any, base: str) -> Check:
        if isinstance(value, list):
            return _never  # the pre-2020 tuple form
        test = self.compile(value, base)
        return lambda v: not isinstance(v, list) or all(test(item) for item in v)

    def _k_minItems(self, value: int, base: str) -> Check:
        return lambda v: not isinstance(v, list) or len(v) >= value

    def _k_maxItems(self, value: int, base: str) -> Check:
        return lambda v: not isinstance(v, list) or len(v) <= value

    def _k_uniqueItems(self, value: bool, base: str) -> Check:
        if not value:
            return _always

        def check(v: Any) -> bool:
            if not isinstance(v, list):
                return True
            return not any(json_equal(v[i], v[j])
                           for i in range(len(v)) for j in range(i + 1, len(v)))

        return check

    def _k_pattern(self, value: str, base: str) -> Check:
        regex = re.compile(value)
        return lambda v: not isinstance(v, str) or regex.search(v) is not None

    def _k_minLength(self, value: int, base: str) -> Check:
        return lambda v: not isinstance(v, str) or len(v) >= value

    def _k_maxLength(self, value: int, base: str) -> Check:
        return lambda v: not isinstance(v, str) or len(v) <= value

    def _k_enum(self, value: list, base: str) -> Check:
        return lambda v: any(json_equal(v, allowed) for allowed in value)

    def _k_const(self, value: Any, base: str) -> Check:
        return lambda v: json_equal(v, value)

    def _k_minimum(self, value: float, base: str) -> Check:
        return lambda v: not _is_number(v) or v >= value

    def _k_maximum(self, value: float, base: str) -> Check:
        return lambda v: not _is_number(v) or v <= value

    def _k_allOf(self, value: list, base: str) -> Check:
        return _all([self.compile(sub, base) for sub in value])

    def _k_anyOf(self, value: list, base: str) -> Check:
        tests = [self.compile(sub, base) for sub in value]
        return lambda v: any(test(v) for test in tests)
