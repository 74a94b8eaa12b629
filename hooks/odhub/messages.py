"""Catalogue upkeep for language editions: find every translatable string, merge it into
`locales/<lang>.json` without losing existing translations.

Strings are found in the templates (calls to `_` and `_n`) and in the library's Python
(calls to `_`, `t`, `gettext` and `ngettext` with literal arguments). Labels chosen at run
time from a closed list are listed in RUNTIME_MESSAGES so translators see them too.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2.ext import extract_from_ast

from . import dashboard, diff, ogp_labels
from .i18n import LOCALES
from .markup_templates import TEMPLATES

PACKAGE = Path(__file__).resolve().parent
_PY_FUNCTIONS = {"_", "t", "gettext", "ngettext"}

# Values passed to _() from data or tables: OGP statuses and IRM ratings, map categories,
# levels of government, guidance levels.
RUNTIME_MESSAGES = frozenset({
    *(text for table in (ogp_labels.STATUS, ogp_labels.COMPLETION, ogp_labels.REPORT,
                         ogp_labels.IMPACT, ogp_labels.AMBITION, ogp_labels.RESULTS,
                         dashboard.COMPLETION_LABELS, diff.COMPLETION_WORDS)
      for text in table.values()),
    *(label for _id, label in dashboard.CATEGORIES), dashboard.NO_CATEGORY,
    ogp_labels.NO_COMPLETION,
    "state", "city", "municipality",
    "introductory", "intermediate", "advanced",
})


def template_messages(folder: Path = TEMPLATES) -> set[str]:
    env = jinja2.Environment()
    found: set[str] = set()
    for file in sorted(folder.rglob("*.j2")):
        tree = env.parse(file.read_text(encoding="utf-8"))
        for _line, _function, message in extract_from_ast(tree, ("_", "_n")):
            parts = message if isinstance(message, tuple) else (message,)
            found.update(p for p in parts if isinstance(p, str))
    return found


def python_messages(folder: Path = PACKAGE) -> set[str]:
    found: set[str] = set()
    for file in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _function_name(node.func) in _PY_FUNCTIONS:
                limit = 2 if _function_name(node.func) == "ngettext" else 1
                found.update(arg.value for arg in node.args[:limit]
                             if isinstance(arg, ast.Constant) and isinstance(arg.value, str))
    return found


def _function_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def all_messages() -> set[str]:
    return template_messages() | python_messages() | RUNTIME_MESSAGES


@dataclass(frozen=True)
class CatalogueUpdate:
    path: Path
    catalogue: dict[str, str]
    added: list[str]
    obsolete: list[str]

    @property
    def untranslated(self) -> int:
        return sum(1 for text in self.catalogue.values() if not text)


def update_catalogue(language: str, folder: Path = LOCALES) -> CatalogueUpdate:
    """Every current message, keeping existing translations (obsolete ones are kept too,
    so a reworded string's old translation is still there to adapt)."""
    path = folder / f"{language}.json"
    existing: dict[str, str] = {}
    if path.exists():
        existing = json.loads(path.read_text(encoding="utf-8"))
    current = all_messages()
    catalogue = {message: existing.get(message, "") for message in current}
    obsolete = sorted(set(existing) - current)
    catalogue.update({message: existing[message] for message in obsolete})
    return CatalogueUpdate(path, dict(sorted(catalogue.items())),
                           sorted(current - set(existing)), obsolete)


def write_catalogue(update: CatalogueUpdate) -> None:
    update.path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(update.catalogue, ensure_ascii=False, indent=2) + "\n"
    update.path.write_text(text, encoding="utf-8")
