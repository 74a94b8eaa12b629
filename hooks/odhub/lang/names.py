"""Country names and codes: display names from CLDR (Babel), codes from ISO 3166 (pycountry)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

import pycountry
from babel import Locale

from odhub.lang.translator import cldr_locale

# Kosovo has no ISO 3166-1 entry; XKX/XK are the user-assigned codes in common use.
_NOT_IN_ISO = {"XKX": ("XK", None, "Kosovo", "Republic of Kosovo")}


@dataclass(frozen=True)
class CountryCodes:
    iso3: str
    iso2: str | None
    numeric: str | None
    iso_name: str
    official_name: str | None
    common_name: str | None


@cache
def codes(iso3: str) -> CountryCodes | None:
    """ISO codes and names for an alpha-3 code, or None when the code is unknown."""
    if iso3 in _NOT_IN_ISO:
        iso2, numeric, name, official = _NOT_IN_ISO[iso3]
        return CountryCodes(iso3, iso2, numeric, name, official, None)
    record = pycountry.countries.get(alpha_3=iso3)
    if record is None:
        return None
    return CountryCodes(
        iso3=iso3,
        iso2=record.alpha_2,
        numeric=record.numeric,
        iso_name=record.name,
        official_name=getattr(record, "official_name", None),
        common_name=getattr(record, "common_name", None),
    )


@cache
def display_name(iso3: str, language: str = "en") -> str:
    """The CLDR name readers expect ('South Korea', not 'Korea, Republic of')."""
    found = codes(iso3)
    if found is None:
        return iso3
    territories = Locale.parse(cldr_locale(language)).territories
    return territories.get(found.iso2 or "", None) or found.common_name or found.iso_name


def ascii_fold(text: str) -> str:
    """'Côte d’Ivoire' -> "Cote d'Ivoire", so searches typed without accents still match."""
    folded = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def search_names(iso3: str, extra: tuple[str, ...] = (), language: str = "en") -> list[str]:
    """Every other name a reader may type for a country, without the display name."""
    found = codes(iso3)
    display = display_name(iso3, language)
    candidates: list[str] = list(extra)
    if found:
        candidates += [found.iso_name, found.official_name or "", found.common_name or ""]
    candidates.append(ascii_fold(display))
    seen = {display.casefold()}
    names = []
    for name in candidates:
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names
