"""The one translation function every user-facing string passes through.

English is the source language. Another edition adds `locales/<lang>.json`, a flat
catalogue of English text -> translation; a missing entry falls back to English.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

LOCALES = Path(__file__).parent / "locales"


@cache
def _catalogue(language: str) -> dict[str, str]:
    file = LOCALES / f"{language}.json"
    if not file.exists():
        return {}
    # An empty translation means "not translated yet": fall back to English.
    messages = json.loads(file.read_text(encoding="utf-8"))
    return {source: text for source, text in messages.items() if text}


@dataclass(frozen=True)
class Translator:
    language: str = "en"
    _messages: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_messages", _catalogue(self.language))

    def gettext(self, message: str, **values: Any) -> str:
        """Translate, then fill {named} placeholders."""
        text = self._messages.get(message, message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, count: int, **values: Any) -> str:
        key = singular if count == 1 else plural
        return self.gettext(key, count=count, **values)
