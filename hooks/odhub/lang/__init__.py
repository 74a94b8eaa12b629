"""Language: the one translation function, and country names and codes from CLDR/ISO."""

from __future__ import annotations

from odhub.lang.translator import Translator, languages

__all__ = ["Translator", "languages"]
