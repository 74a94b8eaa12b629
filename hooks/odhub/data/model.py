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


def source_label(url: str) -> str:
    """Short human label for a source URL: its host without 'www.'."""
    parts = urlsplit(url)
    if parts.scheme == "mailto":
        return parts.path
    host = (parts.hostname or url).removeprefix("www.")
    if host == "github.com" and parts.path.strip("/"):
        # Every repository shares the host: the owner says whose data it is.
        return f"{host}/{parts.path.strip('/').split('/')[0]}"
    return host


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


# OGP statuses, as data/schemas/country.schema.json lists them. A current member takes
# part (an inactive one is still a member); a former one left or was removed.
CURRENT_STATUSES = ("participating", "inactive")
FORMER_STATUSES = ("withdrawn", "removed-or-suspended")


@dataclass(frozen=True)
class OgpParticipation:
    sources: tuple[str, ...]
    as_of: str
    member_since: int | None = None
    basis: str | None = None
    region: str | None = None
    status: str | None = None
    status_since: str | None = None
    status_notes: str | None = None
    status_sources: tuple[str, ...] = ()
    notes: str | None = None
    action_plans: tuple[ActionPlan, ...] = ()

    @property
    def standing(self) -> str:
        """current, former, or unknown when no source settles the status."""
        if self.status in CURRENT_STATUSES:
            return "current"
        if self.status in FORMER_STATUSES:
            return "former"
        return "unknown"

    @property
    def left_year(self) -> int | None:
        """The year a former member left, where a source dates it."""
        if self.standing != "former" or not self.status_since:
            return None
        return int(self.status_since[:4])


@dataclass(frozen=True)
class LocalMember:
    """A subnational government in OGP Local, tied to its country (and so to its hub)."""

    name: str
    iso3: str
    sources: tuple[str, ...]
    year_joined: int | None = None
    code: str | None = None  # OGP's code in its commitment data, e.g. ARBA
    notes: str | None = None


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
    name: str | None = None
    software: str | None = None
    owner: str | None = None
    registry_record: str | None = None
    notes: str | None = None


ACHIEVED = ("substantial", "complete")
NOT_ASSESSED = "not-assessed"


@dataclass(frozen=True)
class PlanRef:
    """The action plan a commitment belongs to, as its source names it."""

    label: str  # as published, e.g. "2017-2019 (action plan 3)"
    start: int | None = None  # first year
    end: int | None = None
    number: int | None = None

    @property
    def key(self) -> tuple:
        return (self.start or 0, self.end or 0, self.number or 0, self.label)

    @property
    def years(self) -> str | None:
        if self.start and self.end and self.end != self.start:
            return f"{self.start}–{self.end}"
        return str(self.start) if self.start else None


@dataclass(frozen=True)
class IrmRatings:
    """What OGP's Independent Reporting Mechanism said about a commitment.

    Each value is a rating id, "not-assessed" when the IRM has not rated it (yet), or None
    when our sources do not say. Older reports rate potential impact, completion, stars and
    "did it open government"; newer ones rate ambition and early results.
    """

    potential_impact: str | None = None
    ambition: str | None = None
    completion: str | None = None
    completion_report: str | None = None  # progress-report or end-of-term
    starred: bool | None = None
    open_government: str | None = None
    early_results: str | None = None


@dataclass(frozen=True)
class Commitment:
    id: str
    iso3: str
    member: str  # as OGP writes it: "Kenya", "Buenos Aires, Argentina"
    action_plan: PlanRef
    title: str
    policy_areas: tuple[str, ...]
    sources: tuple[str, ...]
    source_file: str
    level: str = "national"  # or local (an OGP Local member)
    local_code: str | None = None
    title_en: str | None = None
    lead_institution: str | None = None
    irm: IrmRatings = field(default_factory=IrmRatings)
    url: str | None = None
    as_of: str | None = None
    notes: str | None = None
    imported: str | None = None  # "ogp-export" when odhub import keeps it up to date
    # Derived through data/policy_area_mapping.yml, our editorial grouping.
    principles: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()

    @property
    def completion(self) -> str | None:
        return self.irm.completion

    @property
    def achieved(self) -> bool:
        """Completed or substantially completed, as the IRM rated it."""
        return self.irm.completion in ACHIEVED

    @property
    def starred(self) -> bool:
        return bool(self.irm.starred)

    @property
    def anchor(self) -> str:
        return self.id.lower()

    @property
    def english_title(self) -> str:
        """The title a reader of the English site scans: OGP's English title if any."""
        return self.title_en or self.title


@dataclass(frozen=True)
class IndicatorValue:
    """One published figure: an index's measure for a country in one edition."""

    iso3: str
    index: str  # odb, gdb, odin (data/indices.yml)
    measure: str  # e.g. odb_readiness
    edition: str  # as published, e.g. "ODB 3rd edition"
    source: str
    value: float | None = None
    year: int | None = None  # the year the data describes
    published: str | None = None
    rank: int | None = None
    rank_of: int | None = None
    scale: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Edition:
    id: str
    year: int | None = None  # the year its data describes
    scaled: bool = False  # scores scaled so that the best country scores 100


@dataclass(frozen=True)
class Index:
    """A published index (ODB, GDB, ODIN): who makes it, its licence and its editions."""

    id: str
    title: str
    publisher: str
    summary: str
    measures: dict[str, str]  # measure id -> title, the overall score first
    editions: tuple[Edition, ...]
    sources: tuple[str, ...]
    licence: str | None = None  # None: the publisher names no licence
    licence_url: str | None = None
    attribution: str | None = None
    caveat: str | None = None

    @property
    def overall(self) -> str:
        return next(iter(self.measures))

    def edition(self, edition_id: str) -> Edition | None:
        return next((e for e in self.editions if e.id == edition_id), None)


@dataclass(frozen=True)
class PolicyArea:
    """One of OGP's policy areas (its own taxonomy); `scope` marks the import's default."""

    id: str
    title: str
    summary: str
    scope: str | None = None  # open-data, data-related or None
    untranslated: tuple[str, ...] = ()  # fields shown in English in this edition
    ogp_name: str = ""  # OGP's own (English) name, as its export spells the column

    @property
    def export_name(self) -> str:
        return self.ogp_name or self.title


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
    portals: tuple[Portal, ...] = ()
    local_members: tuple[LocalMember, ...] = ()
    commitments: tuple[Commitment, ...] = ()  # from data/commitments/<iso3>.yml
    indicators: tuple[IndicatorValue, ...] = ()  # from data/indicators/<iso3>.yml
    summary: str | None = None

    @property
    def standing(self) -> str | None:
        """current / former / unknown OGP member, None without OGP facts."""
        return self.ogp.standing if self.ogp else None

    @property
    def is_current_member(self) -> bool:
        return self.standing == "current"

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
    commitments: tuple[str, ...] = ()  # OGP commitment ids the case study is about

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
    policy_areas: dict[str, PolicyArea] = field(default_factory=dict)
    # Our editorial grouping (data/policy_area_mapping.yml): area -> (principles, sectors).
    area_mapping: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(
        default_factory=dict)
    indices: dict[str, Index] = field(default_factory=dict)
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
    def current_members(self) -> list[Country]:
        """The countries every count of OGP participants counts: current members only."""
        return [c for c in self.countries_by_name if c.is_current_member]

    @cached_property
    def countries_by_standing(self) -> dict[str | None, list[Country]]:
        return _group(self.countries_by_name, lambda c: [c.standing])

    @cached_property
    def commitments(self) -> dict[str, Commitment]:
        """Every commitment by OGP id, country by country (A to Z), then by id."""
        return {m.id: m for c in self.countries_by_name for m in c.commitments}

    @cached_property
    def commitments_by_area(self) -> dict[str, list[Commitment]]:
        return _group(self.commitments.values(), lambda m: m.policy_areas)

    @cached_property
    def case_studies_by_commitment(self) -> dict[str, list[CaseStudy]]:
        return _group(self.case_studies.values(), lambda c: c.commitments, _by_title)

    @cached_property
    def indicators_by_edition(self) -> dict[tuple[str, str], list[IndicatorValue]]:
        """(measure, edition) -> that edition's values, country by country."""
        return _group((i for c in self.countries_by_name for i in c.indicators),
                      lambda i: [(i.measure, i.edition)])

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
