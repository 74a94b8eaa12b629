"""`odhub messages`: Babel's extract and update steps over the hub's own mapping.

    pybabel extract -F babel.cfg -k t -k _n:1,2 -o hooks/odhub/lang/locales/messages.pot .
    pybabel update -i .../messages.pot -d hooks/odhub/lang/locales   (init for a new language)

This module does exactly that through Babel's API, with the keywords and paths of this
project, so contributors need not remember them. There is no compile step to run: the
translator compiles each `.po` in memory when a build first needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from odhub.lang.translator import DOMAIN, catalogue_path

MAPPING = "babel.cfg"
TEMPLATE = Path("hooks/odhub/lang/locales") / f"{DOMAIN}.pot"
# Beyond gettext's defaults (_, gettext, ngettext, N_, ...): `t = translator.gettext`
# in Python, and `_n(singular, plural, count)` in templates and Python.
KEYWORDS = {**DEFAULT_KEYWORDS, "t": None, "_n": (1, 2)}
WIDTH = 100


def extract(root: Path) -> Catalog:
    """Every translatable message under root, with its file:line locations."""
    with (root / MAPPING).open(encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    template = Catalog(project="Open Data Peer Hub", domain=DOMAIN, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(root), method_map, options_map, keywords=KEYWORDS,
            comment_tags=("Translators:",), strip_comment_tags=True):
        template.add(message, None, [(filename, lineno)], auto_comments=comments,
                     context=context)
    return template


@dataclass(frozen=True)
class CatalogueUpdate:
    language: str
    path: Path
    catalogue: Catalog
    added: list[str]
    obsolete: list[str]

    @property
    def untranslated(self) -> list[Message]:
        return untranslated(self.catalogue)


def _message_id(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def untranslated(catalogue: Catalog) -> list[Message]:
    """Messages with no translation, an empty plural form, or marked fuzzy."""
    missing = []
    for message in catalogue:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message)
    return missing


def read_catalogue(language: str, folder: Path | None = None) -> Catalog:
    path = catalogue_path(language, folder)
    if not path.exists():
        # `pybabel init`: a new catalogue whose plural rule comes from CLDR.
        return Catalog(locale=language, domain=DOMAIN, project="Open Data Peer Hub",
                       fuzzy=False)
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def update_catalogue(language: str, template: Catalog,
                     folder: Path | None = None) -> CatalogueUpdate:
    """`pybabel update`: every current message, existing translations kept; a message
    that is gone stays as obsolete (#~) so a reworded string's translation can be reused."""
    catalogue = read_catalogue(language, folder)
    before = {_message_id(m) for m in catalogue if m.id}
    catalogue.update(template, no_fuzzy_matching=True, update_header_comment=False)
    now = {_message_id(m) for m in catalogue if m.id}
    return CatalogueUpdate(language, catalogue_path(language, folder), catalogue,
                           sorted(now - before), sorted(_message_id(m) for m in
                                                        catalogue.obsolete.values()))


def write_catalogue(catalogue: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, catalogue, width=WIDTH, sort_output=True, include_previous=False)


def message_text(message: Message) -> str:
    return _message_id(message)


def locations(message: Message) -> str:
    return ", ".join(f"{file}:{line}" for file, line in message.locations) or "?"
