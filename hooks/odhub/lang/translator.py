"""The one translation function every user-facing string passes through: GNU gettext.

English is the source language. Each other edition has a Babel/gettext catalogue,
`locales/<lang>/LC_MESSAGES/messages.po` (the format Weblate, Crowdin and Poedit read),
compiled in memory when first used, so no `.mo` file is committed or can go stale. Plural
rules come from the catalogue's `Plural-Forms` header, which `odhub messages` writes from
CLDR (Babel) for each language. An empty or fuzzy translation falls back to English.

Messages use `{name}` placeholders, filled after translation, so a translator can move
them within the sentence.
"""

from __future__ import annotations

import gettext as gnu_gettext
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"


# The CLDR locale each edition formats names, dates and numbers with. The Spanish edition
# is written for Latin America (ILDA's region), whose CLDR data says "Costa de Marfil".
CLDR_LOCALES = {"es": "es_419"}


def cldr_locale(language: str) -> str:
    """The Babel/CLDR locale for an edition's language code."""
    return CLDR_LOCALES.get(language, language)


def catalogue_path(language: str, folder: Path | None = None) -> Path:
    return (folder or LOCALES) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages(folder: Path | None = None) -> tuple[str, ...]:
    """English, then every language that has a catalogue: the hub's editions."""
    found = sorted(p.parent.parent.name
                   for p in (folder or LOCALES).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LANGUAGE, *found)


def gettext_noop(message: str) -> str:
    """Marks a message for extraction where it is defined (e.g. a closed list of ids) and
    translated later, when it is shown."""
    return message


N_ = gettext_noop


@cache
def translations(language: str, folder: Path | None = None) -> gnu_gettext.NullTranslations:
    """The compiled catalogue for a language; English (or no catalogue) translates nothing."""
    path = catalogue_path(language, folder)
    if language == SOURCE_LANGUAGE or not path.exists():
        return gnu_gettext.NullTranslations()
    with path.open("rb") as file:
        catalogue = read_po(file, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)  # untranslated and fuzzy: English
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


@dataclass(frozen=True)
class Translator:
    language: str = SOURCE_LANGUAGE
    _translations: gnu_gettext.NullTranslations = field(
        default_factory=gnu_gettext.NullTranslations, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_translations", translations(self.language))

    def gettext(self, message: str, **values: Any) -> str:
        """Translate, then fill {named} placeholders."""
        text = self._translations.gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, count: int, **values: Any) -> str:
        """The form the language's plural rule picks for count; {count} is filled in."""
        text = self._translations.ngettext(singular, plural, count)
        return text.format(count=count, **values)
