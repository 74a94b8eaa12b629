"""The domain model: plain, typed records plus the indexes derived from them once per build."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property
from urllib.parse import urlsplit

from odhub.data.dates import PartialDate
from odhub.data.editions import PageTranslation
from odhub.data.news import Post
from odhub.lang.names import ascii_fold
from odhub.lang.translator import N_

COMMITMENT_STATUSES = ("not-started", "limited", "substantial", "complete", "withdrawn")
# Levels of local government and of guidance: ids in data, shown translated as words.
LOCAL_LEVELS = (N_("state"), N_("city"), N_("municipality"))


def source_label(url: str) -> str:
    """Short human label for a source URL: its host without 'www.'."""
    parts = urlsplit(url)
    if parts.scheme == "mailto":
        return parts.path
    host = parts.hostname or url
    return host.removeprefix("www.")


@dataclass(frozen=True)
class Term:
    """An entry of a controlled vocabulary: a principle, objective, sector or audience."""

    id: str
    title: str
    summary: str
    number: int | None = None
    sources: tuple[str, ...] = ()
    as_of: str | None = None
    # Fields shown in English because the edition's language has no translation of them.
    untranslated: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActionPlan:
    period: str
    url: str | None = None


@dataclass(frozen=True)
class OgpParticipation:
    sources: tuple[str, ...]
    as_of: str
    member_since: int | None = None
    basis: str | None = None
    region: str | None = None
    status: str | None = None
    notes: str | None = None
    action_plans: tuple[ActionPlan, ...] = ()


@dataclass(frozen=True)
class LocalAdopter:
    name: str
    level: str
    year: int | None = None


@dataclass(frozen=True)
class CharterAdoption:
    sources: tuple[str, ...]
    as_of: str
    adopted: bool = False  # False means "no source says so", never "refused"
    year: int | None = None
    event: str | None = None
    local_governments: tuple[LocalAdopter, ...] = ()
    notes: str | None = None


@dataclass(frozen=True)
class Portal:
    url: str
    sources: tuple[str, ...]
    as_of: str
    notes: str | None = None


@dataclass(frozen=True)
class Commitment:
    id: str
    title: str
    action_plan: str
    principles: tuple[str, ...]
    status: str
    sources: tuple[str, ...]
    sectors: tuple[str, ...] = ()
    ambition: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Indicator:
    name: str
    year: int
    value: float | int | str
    source: str
    unit: str | None = None


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str | None
    numeric: str | None
    name: str
    official_name: str | None
    also_known_as: tuple[str, ...]
    hub: str | None
    sources: tuple[str, ...]
    as_of: str
    source_file: str
    hub_basis: str | None = None
    ogp: OgpParticipation | None = None
    charter: CharterAdoption | None = None
    portal: Portal | None = None
    commitments: tuple[Commitment, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    summary: str | None = None

    @property
    def slug(self) -> str:
        return self.iso3.lower()

    @property
    def page(self) -> str:
        return f"countries/{self.slug}.md"


@dataclass(frozen=True)
class Organisation:
    name: str
    role: str
    confirmed_hub: bool
    sources: tuple[str, ...]
    host: str | None = None
    location: str | None = None
    website: str | None = None
    languages_observed: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegionalHub:
    id: str
    name: str
    region: str
    summary: str
    organisations: tuple[Organisation, ...]
    sources: tuple[str, ...]
    as_of: str
    source_file: str
    # Fields shown in English because the edition's language has no translation of them.
    untranslated: tuple[str, ...] = ()

    @property
    def page(self) -> str:
        return f"hubs/{self.id}.md"


@dataclass(frozen=True)
class CaseStudy:
    """A hand-written case study page; the fields come from its front matter."""

    src_uri: str
    title: str
    countries: tuple[str, ...]
    principles: tuple[str, ...]
    sectors: tuple[str, ...]
    objectives: tuple[str, ...]
    year: int
    summary: str
    sources: tuple[str, ...]
    outcomes: str | None = None

    @property
    def slug(self) -> str:
        return self.src_uri.rsplit("/", 1)[-1].removesuffix(".md")


@dataclass(frozen=True)
class Guidance:
    src_uri: str
    title: str
    objectives: tuple[str, ...]
    principles: tuple[str, ...]
    audience: tuple[str, ...]
    level: str
    summary: str
    sources: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return self.src_uri.rsplit("/", 1)[-1].removesuffix(".md")


@dataclass(frozen=True)
class Event:
    """One event from data/events.yml; dates keep the precision their sources give."""

    id: str
    title: str
    start: PartialDate
    kind: str
    summary: str
    sources: tuple[str, ...]
    end: PartialDate | None = None
    timing: str | None = None  # early / mid / late, when that is all a source says
    location: str | None = None
    hubs: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    url: str | None = None

    @property
    def last(self) -> PartialDate:
        """The partial date the event ends on (its start when it has no end)."""
        return self.end or self.start


@dataclass
class Model:
    """Everything the site knows, loaded and validated once per build."""

    countries: dict[str, Country]
    hubs: dict[str, RegionalHub]
    principles: dict[str, Term]
    objectives: dict[str, Term]
    sectors: dict[str, Term]
    audiences: dict[str, Term]
    case_studies: dict[str, CaseStudy] = field(default_factory=dict)
    guidance: dict[str, Guidance] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)  # in date order
    posts: list[Post] = field(default_factory=list)  # news, newest first
    # The JSON Schemas the data was checked against, by file name: the field reference
    # page is generated from them.
    schemas: dict[str, dict] = field(default_factory=dict)
    # Views the derive layer computes from this model (e.g. peers), kept for the build.
    derived: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    # The edition this model was loaded for, and every edition the hub has.
    language: str = "en"
    languages: tuple[str, ...] = ("en",)
    # Hand-written English pages (docs-relative -> hash of the current version), and their
    # translations by language.
    hand_written: dict[str, str] = field(default_factory=dict)
    page_translations: dict[str, dict[str, PageTranslation]] = field(default_factory=dict)

    # Derived indexes: computed on first use and kept for the rest of the build.

    @cached_property
    def countries_by_name(self) -> list[Country]:
        return sorted(self.countries.values(), key=lambda c: sort_key(c.name))

    @cached_property
    def countries_by_hub(self) -> dict[str | None, list[Country]]:
        grouped: dict[str | None, list[Country]] = defaultdict(list)
        for country in self.countries_by_name:
            grouped[country.hub].append(country)
        return dict(grouped)

    @cached_property
    def case_studies_by_country(self) -> dict[str, list[CaseStudy]]:
        return _group(self.case_studies.values(), lambda c: c.countries, _by_title)

    @cached_property
    def case_studies_by_principle(self) -> dict[str, list[CaseStudy]]:
        return _group(self.case_studies.values(), lambda c: c.principles, _by_title)

    @cached_property
    def case_studies_by_sector(self) -> dict[str, list[CaseStudy]]:
        return _group(self.case_studies.values(), lambda c: c.sectors, _by_title)

    @cached_property
    def case_studies_by_objective(self) -> dict[str, list[CaseStudy]]:
        return _group(self.case_studies.values(), lambda c: c.objectives, _by_title)

    @cached_property
    def case_studies_by_hub(self) -> dict[str, list[CaseStudy]]:
        def hubs_of(case: CaseStudy) -> list[str]:
            hubs = (self.countries[iso].hub for iso in case.countries if iso in self.countries)
            return sorted({hub for hub in hubs if hub})

        return _group(self.case_studies.values(), hubs_of, _by_title)

    @cached_property
    def guidance_by_principle(self) -> dict[str, list[Guidance]]:
        return _group(self.guidance.values(), lambda g: g.principles, _by_title)

    @cached_property
    def guidance_by_objective(self) -> dict[str, list[Guidance]]:
        return _group(self.guidance.values(), lambda g: g.objectives, _by_title)

    @cached_property
    def countries_by_commitment_principle(self) -> dict[str, list[Country]]:
        return _group(self.countries_by_name,
                      lambda c: sorted({p for m in c.commitments for p in m.principles}))

    @cached_property
    def charter_adopters(self) -> list[Country]:
        return [c for c in self.countries_by_name if c.charter and c.charter.adopted]


@cache  # called for every candidate when ranking related links: thousands of times a title
def sort_key(name: str) -> str:
    """Alphabetical order that ignores accents and case: Côte d'Ivoire before Croatia."""
    return ascii_fold(name).casefold()


def _group(items, keys_of, order=None) -> dict:
    """Items under each key keys_of gives them; each group sorted by `order` if given."""
    grouped: dict = defaultdict(list)
    for item in items:
        for key in keys_of(item):
            grouped[key].append(item)
    if order is not None:
        for values in grouped.values():
            values.sort(key=order)
    return dict(grouped)


def _by_title(record: CaseStudy | Guidance) -> str:
    return sort_key(record.title)
