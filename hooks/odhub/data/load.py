"""Read every data file and front matter, validate all of it, and build the model.

Problems are collected across all files and raised together, so a coordinator sees the
whole list at once. Nothing here writes to disk.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from odhub.data import editions, images, links, news, schemas, shortcodes
from odhub.data.dates import PartialDate
from odhub.data.errors import InvalidData, Problem
from odhub.data.model import (
    ActionPlan,
    CaseStudy,
    CharterAdoption,
    Commitment,
    Country,
    Edition,
    Event,
    Guidance,
    Index,
    IndicatorValue,
    IrmRatings,
    LocalAdopter,
    LocalMember,
    Model,
    OgpParticipation,
    Organisation,
    PlanRef,
    PolicyArea,
    Portal,
    RegionalHub,
    Term,
)
from odhub.data.translations import translated
from odhub.data.yamlfile import (
    FieldPath,
    YamlDocument,
    format_path,
    page_body,
    parse_yaml,
    read_text,
    read_yaml,
    split_front_matter,
)
from odhub.lang import names
from odhub.lang.translator import languages

VOCABULARIES = ("principles", "objectives", "sectors", "audiences")
TODO_MARKER = "TODO"


def load(root: Path | str, language: str = "en") -> Model:
    """Load the hub under root (which holds data/ and docs/); raise InvalidData on problems."""
    loader = _Loader(Path(root), language)
    model = loader.run()
    if loader.problems:
        raise InvalidData(loader.problems)
    return model


class _Loader:
    def __init__(self, root: Path, language: str) -> None:
        self.root = root
        self.language = language
        self.languages = (*languages(), *([language] if language not in languages() else []))
        self.schema_dir = root / "data" / "schemas"
        self.problems: list[Problem] = []
        # Ids of records whose files exist but are broken: references to them are not
        # reported again, so one mistake yields one problem.
        self.broken: dict[str, set[str]] = {"country": set(), "hub": set()}
        self.texts: dict[Path, str | None] = {}  # each page read once (None: refused)

    # -- reading ---------------------------------------------------------------

    def display(self, file: Path) -> str:
        try:
            return file.relative_to(self.root).as_posix()
        except ValueError:
            return file.as_posix()

    def read(self, file: Path, kind: str) -> YamlDocument | None:
        document, problems = read_yaml(file, self.display(file))
        return self._checked(document, problems, kind)

    def _checked(self, document: YamlDocument | None, problems: list[Problem],
                 kind: str) -> YamlDocument | None:
        self.problems += problems
        if document is None:
            return None
        schema_problems = schemas.check(document, kind, self.schema_dir)
        self.problems += schema_problems
        self.problems += _todo_markers(document)
        return None if schema_problems or problems else document

    def text(self, file: Path) -> str | None:
        """A page's text, read once; None (and a problem) when it is too large or not UTF-8."""
        if file not in self.texts:
            self.texts[file], problems = read_text(file, self.display(file))
            self.problems += problems
        return self.texts[file]

    def front_matter(self, file: Path, kind: str) -> YamlDocument | None:
        path = self.display(file)
        text = self.text(file)
        if text is None:
            return None
        block = split_front_matter(text)
        if block is None:
            self.problems.append(Problem(path, 1, "", "missing front matter: the file must "
                                         "start with a '---' line, then YAML fields, then '---'"))
            return None
        document, problems = parse_yaml(block, path, offset=1)
        if document is not None and document.data is None:
            document.data = {}
        return self._checked(document, problems, kind)

    # -- the run ---------------------------------------------------------------

    def run(self) -> Model:
        data = self.root / "data"
        vocabularies = {name: self.vocabulary(data / f"{name}.yml") for name in VOCABULARIES}
        hubs = self.hubs(sorted((data / "hubs").glob("*.yml")))
        countries = self.countries(sorted((data / "countries").glob("*.yml")), hubs)
        areas = self.policy_areas(data / "ogp_policy_areas.yml")
        mapping = self.area_mapping(data / "policy_area_mapping.yml", areas, vocabularies)
        indices = self.indices(data / "indices.yml")
        commitments = self.commitments(sorted((data / "commitments").glob("*.yml")),
                                       countries, areas, mapping)
        indicators = self.indicators(sorted((data / "indicators").glob("*.yml")),
                                     countries, indices)
        countries = {
            iso3: dataclasses.replace(country, commitments=commitments.get(iso3, ()),
                                      indicators=indicators.get(iso3, ()))
            for iso3, country in countries.items()
        }
        model = Model(
            countries=countries,
            hubs=hubs,
            principles=vocabularies["principles"],
            objectives=vocabularies["objectives"],
            sectors=vocabularies["sectors"],
            audiences=vocabularies["audiences"],
            policy_areas=areas,
            area_mapping=mapping,
            indices=indices,
        )
        docs = self.root / "docs"
        model.language, model.languages = self.language, self.languages
        model.hand_written = editions.hand_written_pages(docs, self.languages) \
            if docs.is_dir() else {}
        model.page_translations = self.page_translations(docs, model.hand_written)
        model.case_studies = self.case_studies(docs / "case-studies", model)
        model.guidance = self.guidance_pages(docs / "guidance", model)
        model.events = self.events(data / "events.yml", model)
        model.posts, problems = news.read_posts(self.root)
        self.problems += problems
        model.schemas = schemas.schema_set(str(self.schema_dir)).documents
        for page in sorted(docs.rglob("*.md")):
            self.page(page, docs, model)
        return model

    def page(self, file: Path, docs: Path, model: Model) -> None:
        """What the build would refuse in a hand-written page: images without alt text,
        mistaken shortcodes, and addresses or scripts a reader's browser must not get."""
        text = self.text(file)
        if text is None:
            return
        path = self.display(file)
        self.problems += images.missing_alt_text(text, path)
        body, first_line = page_body(text)
        self.problems += shortcodes.check_page(body, model, path, first_line)
        src_uri = file.relative_to(docs).as_posix()
        translation = editions.split_translation(src_uri, self.languages)
        english = translation[0] if translation else src_uri  # a translation stands in for it
        if english in model.case_studies or english in model.guidance:
            body = shortcodes.escape_tags(body)  # as the build shows contributor pages
        self.problems += links.unsafe_links(body, path, first_line)

    def vocabulary(self, file: Path) -> dict[str, Term]:
        if not file.exists():
            self.problems.append(Problem(self.display(file), 0, "", "file is missing"))
            return {}
        document = self.read(file, "vocabulary")
        terms: dict[str, Term] = {}
        if document is None:
            return terms
        for index, item in enumerate(document.data):
            if self.unique(terms, item["id"], document, (index, "id")):
                text, untranslated = translated(item, ("title", "summary"), self.language)
                terms[item["id"]] = Term(
                    id=item["id"], title=text["title"], summary=text["summary"],
                    number=item.get("number"), sources=tuple(item.get("sources", ())),
                    as_of=item.get("as_of"), untranslated=untranslated,
                )
        return terms

    def hubs(self, files: list[Path]) -> dict[str, RegionalHub]:
        hubs: dict[str, RegionalHub] = {}
        for file in files:
            document = self.read(file, "hub")
            if document is None:
                self.broken["hub"].add(_raw_id(file, "id") or file.stem)
                continue
            raw = document.data
            if not self.file_matches(document, file, raw["id"], ("id",)):
                self.broken["hub"].add(raw["id"])
                continue
            text, untranslated = translated(raw, ("name", "region", "summary"), self.language)
            hubs[raw["id"]] = RegionalHub(
                id=raw["id"], name=text["name"], region=text["region"],
                summary=text["summary"], untranslated=untranslated,
                organisations=tuple(
                    Organisation(
                        name=o["name"], role=o["role"], confirmed_hub=o["confirmed_hub"],
                        sources=tuple(o["sources"]), host=o.get("host"),
                        location=o.get("location"), website=o.get("website"),
                        languages_observed=tuple(o.get("languages_observed", ())),
                    )
                    for o in raw["organisations"]
                ),
                sources=tuple(raw["sources"]), as_of=raw["as_of"],
                source_file=document.path,
            )
        return dict(sorted(hubs.items(), key=lambda item: item[1].name))

    def countries(self, files: list[Path], hubs: dict[str, RegionalHub]) -> dict[str, Country]:
        countries: dict[str, Country] = {}
        for file in files:
            document = self.read(file, "country")
            if document is None:
                self.broken["country"].add(_raw_id(file, "iso3") or file.stem.upper())
                continue
            raw = document.data
            iso3 = raw["iso3"]
            if not self.file_matches(document, file, iso3.lower(), ("iso3",)):
                self.broken["country"].add(iso3)
                continue
            found = names.codes(iso3)
            if found is None:
                self.problem(document, ("iso3",), f"'{iso3}' is not an ISO 3166-1 alpha-3 code")
                continue
            if "hub" in raw:
                self.known(document, ("hub",), [raw["hub"]], hubs, "hub")
            countries[iso3] = _country(raw, found, document.path, self.language)
        return countries

    # -- OGP policy areas, commitments and indicators ------------------------------

    def policy_areas(self, file: Path) -> dict[str, PolicyArea]:
        if not file.exists():
            return {}
        document = self.read(file, "policy-areas")
        areas: dict[str, PolicyArea] = {}
        if document is None:
            return areas
        for index, item in enumerate(document.data):
            if self.unique(areas, item["id"], document, (index, "id")):
                text, untranslated = translated(item, ("title", "summary"), self.language)
                areas[item["id"]] = PolicyArea(item["id"], text["title"], text["summary"],
                                               item.get("scope"), untranslated,
                                               ogp_name=item["title"])
        return areas

    def area_mapping(self, file: Path, areas: dict[str, PolicyArea],
                     vocabularies: dict[str, dict[str, Term]]
                     ) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """Policy area -> (principles, sectors): our editorial grouping, checked."""
        if not file.exists():
            return {}
        document = self.read(file, "policy-area-mapping")
        mapping: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        if document is None or document.data is None:
            return mapping
        for index, item in enumerate(document.data):
            here: FieldPath = (index,)
            if not self.unique(mapping, item["area"], document, (*here, "area")):
                continue
            self.known(document, (*here, "principles"), item.get("principles", []),
                       vocabularies["principles"], "principle")
            self.known(document, (*here, "sectors"), item.get("sectors", []),
                       vocabularies["sectors"], "sector")
            if self.known(document, (*here, "area"), [item["area"]], areas,
                          "policy area"):
                mapping[item["area"]] = (tuple(item.get("principles", ())),
                                         tuple(item.get("sectors", ())))
        return mapping

    def indices(self, file: Path) -> dict[str, Index]:
        if not file.exists():
            return {}
        document = self.read(file, "indices")
        found: dict[str, Index] = {}
        if document is None:
            return found
        for index, item in enumerate(document.data):
            if not self.unique(found, item["id"], document, (index, "id")):
                continue
            found[item["id"]] = Index(
                id=item["id"], title=item["title"], publisher=item["publisher"],
                summary=item["summary"],
                measures={m["id"]: m["title"] for m in item["measures"]},
                editions=tuple(Edition(e["id"], e.get("year"), e.get("scaled", False))
                               for e in item["editions"]),
                sources=tuple(item["sources"]), licence=item.get("licence"),
                licence_url=item.get("licence_url"), attribution=item.get("attribution"),
                caveat=item.get("caveat"),
            )
        return found

    def record_file(self, file: Path, kind: str,
                    countries: dict[str, Country]) -> YamlDocument | None:
        """A per-country file of imported records, checked against its country."""
        document = self.read(file, kind)
        if document is None:
            return None
        iso3 = document.data["iso3"]
        if not self.file_matches(document, file, iso3.lower(), ("iso3",)):
            return None
        if iso3 not in countries and iso3 not in self.broken["country"]:
            self.problem(document, ("iso3",), f"'{iso3}' has no country file; add "
                         f"data/countries/{iso3.lower()}.yml first")
            return None
        return document

    def commitments(self, files: list[Path], countries: dict[str, Country],
                    areas: dict[str, PolicyArea],
                    mapping: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
                    ) -> dict[str, tuple[Commitment, ...]]:
        by_country: dict[str, tuple[Commitment, ...]] = {}
        seen: dict[str, str] = {}  # id -> the file that has it first
        for file in files:
            document = self.record_file(file, "commitments", countries)
            if document is None:
                continue
            iso3 = document.data["iso3"]
            found = []
            for index, item in enumerate(document.data["commitments"]):
                here: FieldPath = ("commitments", index)
                if item["id"] in seen:
                    self.problem(document, (*here, "id"), f"duplicate commitment id "
                                 f"'{item['id']}' (also in {seen[item['id']]})")
                    continue
                seen[item["id"]] = document.path
                if not self.known_areas(document, (*here, "policy_areas"),
                                        item["policy_areas"], areas):
                    continue
                found.append(_commitment(item, iso3, document.path, mapping))
            by_country[iso3] = tuple(sorted(found, key=_commitment_order))
        return by_country

    def known_areas(self, document: YamlDocument, where: FieldPath, values: list[str],
                    areas: dict[str, PolicyArea]) -> bool:
        """Like known(), but a hundred choices are too many to list in every message."""
        ok = True
        for index, value in enumerate(values):
            if value in areas:
                continue
            ok = False
            close = difflib.get_close_matches(value, list(areas), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            self.problem(document, (*where, index), f"'{value}' is not a known OGP policy "
                         f"area{hint}; the ids are in data/ogp_policy_areas.yml")
        return ok

    def indicators(self, files: list[Path], countries: dict[str, Country],
                   indices: dict[str, Index]) -> dict[str, tuple[IndicatorValue, ...]]:
        index_of = {measure: index for index in indices.values()
                    for measure in index.measures}
        by_country: dict[str, tuple[IndicatorValue, ...]] = {}
        for file in files:
            document = self.record_file(file, "indicators", countries)
            if document is None:
                continue
            iso3 = document.data["iso3"]
            found = []
            for number, item in enumerate(document.data["indicators"]):
                here: FieldPath = ("indicators", number)
                index = index_of.get(item["measure"])
                if index is None:
                    self.problem(document, (*here, "measure"), f"'{item['measure']}' is not "
                                 "a measure of any index in data/indices.yml; known: "
                                 + ", ".join(sorted(index_of)))
                    continue
                if index.edition(item["edition"]) is None:
                    editions = ", ".join(e.id for e in index.editions)
                    self.problem(document, (*here, "edition"), f"'{item['edition']}' is not "
                                 f"an edition of {index.title}; known: {editions}")
                    continue
                found.append(IndicatorValue(
                    iso3=iso3, index=index.id, measure=item["measure"],
                    edition=item["edition"], source=item["source"],
                    value=item.get("value"), year=item.get("year"),
                    published=item.get("published"), rank=item.get("rank"),
                    rank_of=item.get("rank_of"), scale=item.get("scale"),
                    notes=item.get("notes")))
            by_country[iso3] = tuple(found)
        return by_country

    def case_studies(self, folder: Path, model: Model) -> dict[str, CaseStudy]:
        found: dict[str, CaseStudy] = {}
        for file in _content_files(folder):
            document = self.front_matter(file, "case-study")
            if document is None:
                continue
            raw = document.data
            self.known(document, ("countries",), raw["countries"], model.countries, "country")
            self.check_terms(document, raw, model, ("principles", "sectors", "objectives"))
            self.known_commitments(document, raw.get("commitments", []), model)
            src_uri = file.relative_to(self.root / "docs").as_posix()
            text = {"title": raw["title"], "summary": raw["summary"],
                    "outcomes": raw.get("outcomes"), **self.translated_text(model, src_uri)}
            found[src_uri] = CaseStudy(
                src_uri=src_uri, title=text["title"], countries=tuple(raw["countries"]),
                principles=tuple(raw["principles"]), sectors=tuple(raw["sectors"]),
                objectives=tuple(raw["objectives"]), year=raw["year"],
                summary=text["summary"], sources=tuple(raw["sources"]),
                outcomes=text["outcomes"],
                commitments=tuple(raw.get("commitments", ())),
            )
        return found

    def page_translations(self, docs: Path, english: dict[str, str]
                          ) -> dict[str, dict[str, editions.PageTranslation]]:
        """Every docs/<page>.<lang>.md, checked, with the English version it matches."""
        found: dict[str, dict[str, editions.PageTranslation]] = {}
        for file in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
            src = file.relative_to(docs).as_posix()
            pair = editions.split_translation(src, self.languages)
            if pair is None:
                continue
            english_src, language = pair
            document = self.front_matter(file, "translation")
            if english_src not in english:
                self.problems.append(Problem(self.display(file), 1, "", f"translates "
                                             f"docs/{english_src}, which does not exist"))
                continue
            if document is None:
                continue
            raw = document.data
            found.setdefault(english_src, {})[language] = editions.PageTranslation(
                english_src=english_src, src_uri=src, language=language,
                translation_of=raw.get("translation_of"),
                english_hash=english[english_src],
                front_matter=dict(raw))
        return found

    def translated_text(self, model: Model, src_uri: str) -> dict[str, str]:
        """The fields this edition's translation of a page gives (title, summary, ...)."""
        translation = model.page_translations.get(src_uri, {}).get(self.language)
        return {k: v for k, v in translation.front_matter.items()
                if k in ("title", "summary", "outcomes")} if translation else {}

    def guidance_pages(self, folder: Path, model: Model) -> dict[str, Guidance]:
        found: dict[str, Guidance] = {}
        for file in _content_files(folder):
            document = self.front_matter(file, "guidance")
            if document is None:
                continue
            raw = document.data
            self.check_terms(document, raw, model, ("principles", "objectives", "audience"))
            src_uri = file.relative_to(self.root / "docs").as_posix()
            text = {"title": raw["title"], "summary": raw["summary"],
                    **self.translated_text(model, src_uri)}
            found[src_uri] = Guidance(
                src_uri=src_uri, title=text["title"], objectives=tuple(raw["objectives"]),
                principles=tuple(raw["principles"]), audience=tuple(raw["audience"]),
                level=raw["level"], summary=text["summary"],
                sources=tuple(raw.get("sources", ())),
            )
        return found

    def events(self, file: Path, model: Model) -> list[Event]:
        """data/events.yml, optional; hub and country ids are checked like everywhere."""
        if not file.exists():
            return []
        document = self.read(file, "event")
        if document is None or document.data is None:
            return []
        events: dict[str, Event] = {}
        for index, raw in enumerate(document.data):
            here: FieldPath = (index,)
            if not self.unique(events, raw["id"], document, (*here, "id")):
                continue
            self.known(document, (*here, "hubs"), raw.get("hubs", []), model.hubs, "hub")
            self.known(document, (*here, "countries"), raw.get("countries", []),
                       model.countries, "country")
            dates: dict[str, PartialDate] = {}
            for name in ("start", "end"):
                if name in raw:
                    try:
                        dates[name] = PartialDate.parse(raw[name])
                    except ValueError as err:
                        self.problem(document, (*here, name), str(err))
            if "start" not in dates or ("end" in raw and "end" not in dates):
                continue
            end = dates.get("end")
            if end is not None and end.first_day < dates["start"].first_day:
                self.problem(document, (*here, "end"),
                             f"'{end}' is before the start '{dates['start']}'")
                continue
            events[raw["id"]] = Event(
                id=raw["id"], title=raw["title"], start=dates["start"], end=end,
                kind=raw["kind"], summary=raw["summary"], sources=tuple(raw["sources"]),
                timing=raw.get("timing"), location=raw.get("location"),
                hubs=tuple(raw.get("hubs", ())), countries=tuple(raw.get("countries", ())),
                url=raw.get("url"),
            )
        return sorted(events.values(), key=lambda e: (e.start.sort_key(e.timing), e.id))

    # -- checks ------------------------------------------------------------------

    def known_commitments(self, document: YamlDocument, ids: list[str],
                          model: Model) -> None:
        for index, value in enumerate(ids):
            if value in model.commitments:
                continue
            close = difflib.get_close_matches(value, list(model.commitments), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            self.problem(document, ("commitments", index),
                         f"'{value}' is not a commitment in data/commitments/{hint}")

    def check_terms(self, document: YamlDocument, raw: dict, model: Model,
                    fields: Iterable[str]) -> None:
        vocabularies = {"principles": (model.principles, "principle"),
                        "objectives": (model.objectives, "objective"),
                        "sectors": (model.sectors, "sector"),
                        "audience": (model.audiences, "audience")}
        for name in fields:
            known, what = vocabularies[name]
            self.known(document, (name,), raw.get(name, []), known, what)

    def problem(self, document: YamlDocument, where: FieldPath, message: str) -> None:
        self.problems.append(
            Problem(document.path, document.lines.line_of(where), format_path(where), message)
        )

    def known(self, document: YamlDocument, where: FieldPath, values: list[str],
              known: dict, what: str) -> bool:
        """Each value must be an id of `known`; an error names the valid choices."""
        ok = True
        single = len(where) == 1 and where[0] == "hub"
        for index, value in enumerate(values):
            if value in known or value in self.broken.get(what, ()):
                continue
            ok = False
            choices = sorted(known)
            close = difflib.get_close_matches(value, choices, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            field = where if single else (*where, index)
            self.problem(document, field,
                         f"'{value}' is not a known {what}{hint}; known: {', '.join(choices)}")
        return ok

    def unique(self, seen: dict, key: str, document: YamlDocument, where: FieldPath) -> bool:
        if key in seen:
            self.problem(document, where, f"duplicate id '{key}'")
            return False
        return True

    def file_matches(self, document: YamlDocument, file: Path, expected_stem: str,
                     where: FieldPath) -> bool:
        if file.stem == expected_stem:
            return True
        self.problem(document, where, f"file name '{file.name}' does not match the id; "
                     f"rename the file to '{expected_stem}.yml'")
        return False


def _raw_id(file: Path, key: str) -> str | None:
    """Best-effort id of a broken file, read without validation."""
    document, _ = read_yaml(file, file.name)
    if document is not None and isinstance(document.data, dict):
        value = document.data.get(key)
        return value if isinstance(value, str) else None
    return None


def _content_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(f for f in folder.glob("*.md") if f.name != "index.md"
                  and editions.split_translation(f.name, languages()) is None)


def _todo_markers(document: YamlDocument) -> list[Problem]:
    problems = []

    def visit(value: Any, here: FieldPath) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                visit(child, (*here, key))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                visit(child, (*here, index))
        elif isinstance(value, str) and TODO_MARKER in value:
            problems.append(Problem(document.path, document.lines.line_of(here),
                                    format_path(here), "still a TODO: replace it with real "
                                    "content or remove the field"))

    visit(document.data, ())
    return problems


def _country(raw: dict, found: names.CountryCodes, path: str, language: str) -> Country:
    ogp = raw.get("ogp")
    charter = raw.get("charter")
    return Country(
        iso3=raw["iso3"], iso2=found.iso2, numeric=found.numeric,
        name=raw.get("name") or names.display_name(raw["iso3"], language),
        official_name=found.official_name,
        also_known_as=tuple(names.search_names(raw["iso3"], tuple(raw.get("also_known_as", ())),
                                               language)),
        hub=raw.get("hub"), hub_basis=raw.get("hub_basis"),
        sources=tuple(raw["sources"]), as_of=raw["as_of"], source_file=path,
        summary=raw.get("summary"),
        ogp=OgpParticipation(
            sources=tuple(ogp["sources"]), as_of=ogp["as_of"],
            member_since=ogp.get("member_since"), basis=ogp.get("basis"),
            region=ogp.get("region"), status=ogp.get("status"),
            status_since=ogp.get("status_since"), status_notes=ogp.get("status_notes"),
            status_sources=tuple(ogp.get("status_sources", ())), notes=ogp.get("notes"),
            action_plans=tuple(ActionPlan(a["period"], a.get("url"))
                               for a in ogp.get("action_plans", ())),
        ) if ogp else None,
        charter=CharterAdoption(
            sources=tuple(charter["sources"]), as_of=charter["as_of"],
            adopted=charter.get("adopted", False), year=charter.get("year"),
            event=charter.get("event"), notes=charter.get("notes"),
            local_governments=tuple(LocalAdopter(g["name"], g["level"], g.get("year"))
                                    for g in charter.get("local_governments", ())),
        ) if charter else None,
        portals=tuple(
            Portal(url=p["url"], sources=tuple(p["sources"]), as_of=p["as_of"],
                   name=p.get("name"), software=p.get("software"), owner=p.get("owner"),
                   registry_record=p.get("registry_record"), notes=p.get("notes"))
            for p in raw.get("portals", ())
        ),
        local_members=tuple(
            LocalMember(name=m["name"], iso3=raw["iso3"], sources=tuple(m["sources"]),
                        year_joined=m.get("year_joined"), code=m.get("code"),
                        notes=m.get("notes"))
            for m in raw.get("ogp_local", ())
        ),
    )


def _commitment(item: dict, iso3: str, path: str,
                mapping: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> Commitment:
    plan = item["action_plan"]
    irm = item.get("irm", {})
    areas = tuple(item["policy_areas"])
    principles = sorted({p for a in areas for p in mapping.get(a, ((), ()))[0]})
    sectors = sorted({s for a in areas for s in mapping.get(a, ((), ()))[1]})
    return Commitment(
        id=item["id"], iso3=iso3, member=item["member"],
        action_plan=PlanRef(plan["label"], plan.get("start"), plan.get("end"),
                            plan.get("number")),
        title=item["title"], policy_areas=areas, sources=tuple(item["sources"]),
        source_file=path, level=item.get("level", "national"),
        local_code=item.get("local_code"), title_en=item.get("title_en"),
        lead_institution=item.get("lead_institution"),
        irm=IrmRatings(**{key: irm.get(key) for key in (
            "potential_impact", "ambition", "completion", "completion_report", "starred",
            "open_government", "early_results")}),
        url=item.get("url"), as_of=item.get("as_of"), notes=item.get("notes"),
        imported=item.get("imported"), principles=tuple(principles), sectors=tuple(sectors),
    )


def _commitment_order(commitment: Commitment) -> tuple:
    """National plans first, then each local member's; plans oldest first, then by id."""
    return (commitment.level != "national", commitment.member, commitment.action_plan.key,
            commitment.id)
