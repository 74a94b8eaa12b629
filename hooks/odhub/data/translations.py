"""Translations that data files carry themselves: `translations: {es: {title, summary}}`.

Vocabularies (principles, objectives, sectors, audiences, OGP policy areas) and hubs keep
their text in other languages beside the English, so a translator edits one file and the
schema checks the field names. A field with no translation is shown in English and the
record says which fields those are (`untranslated`), so pages can mark them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from odhub.data.yamlfile import read_yaml

SOURCE_LANGUAGE = "en"
# Data files with translatable text, and the fields translated in each of their records.
TRANSLATED_FILES: dict[str, tuple[str, ...]] = {
    "data/principles.yml": ("title", "summary"),
    "data/objectives.yml": ("title", "summary"),
    "data/sectors.yml": ("title", "summary"),
    "data/audiences.yml": ("title", "summary"),
    "data/ogp_policy_areas.yml": ("title", "summary"),
    "data/hubs/*.yml": ("name", "region", "summary"),
}


def translated(record: Mapping[str, Any], fields: Sequence[str],
               language: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """The record's fields in language, and the names of those left in English."""
    english = {name: record[name] for name in fields}
    if language == SOURCE_LANGUAGE:
        return english, ()
    given = (record.get("translations") or {}).get(language) or {}
    text = {name: given.get(name) or english[name] for name in fields}
    return text, tuple(name for name in fields if not given.get(name))


@dataclass(frozen=True)
class MissingTranslation:
    path: str
    line: int
    record: str
    language: str
    fields: tuple[str, ...]

    def __str__(self) -> str:
        return (f"{self.path}:{self.line}: {self.record}: no {self.language} translation of "
                f"{', '.join(self.fields)} (shown in English)")


def missing_translations(root: Path, languages: Iterable[str]) -> list[MissingTranslation]:
    """Every record field without a translation, per language: a notice, not an error (the
    English text stands in). Files that do not parse are left to validation to report."""
    wanted = [code for code in languages if code != SOURCE_LANGUAGE]
    found: list[MissingTranslation] = []
    for pattern, fields in TRANSLATED_FILES.items():
        for file in sorted(root.glob(pattern)):
            path = file.relative_to(root).as_posix()
            document, problems = read_yaml(file, path)
            if document is None or problems:
                continue
            records = document.data if isinstance(document.data, list) else [document.data]
            for index, record in enumerate(records):
                if not isinstance(record, dict):
                    continue
                where = (index,) if isinstance(document.data, list) else ()
                line = document.lines.line_of(where)
                for language in wanted:
                    _, missing = translated(record, [f for f in fields if f in record],
                                            language)
                    if missing:
                        found.append(MissingTranslation(path, line, str(record.get("id")),
                                                        language, missing))
    return found
