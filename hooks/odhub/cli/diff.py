"""Plain-language summary of what changed in the hub's data between two loaded models.

Reviewers of a pull request are hub coordinators, not developers: instead of a YAML diff
they get lines such as "Kenya: Open Data Charter adoption added (2016, source …)". The
comparison is pure (two `Model`s in, a list of `Change`s out); reading git revisions is
the CLI's job.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from markupsafe import Markup

from odhub.data.model import (
    CaseStudy,
    CharterAdoption,
    Commitment,
    Country,
    Guidance,
    IndicatorValue,
    LocalMember,
    Model,
    OgpParticipation,
    Portal,
    RegionalHub,
    Term,
    sort_key,
)
from odhub.lang.translator import N_, Translator
from odhub.render.markdown import environment

T = TypeVar("T")

# How a completion rating reads in a summary line (through the translator).
COMPLETION_WORDS = {
    "not-started": N_("not started"),
    "limited": N_("limited completion"),
    "substantial": N_("substantially complete"),
    "complete": N_("complete"),
    "withdrawn": N_("withdrawn"),
    "unclear": N_("completion unclear"),
    "not-assessed": N_("completion not yet assessed"),
}

# Sections in the order a reviewer reads them: the grouping first, then the records.
SECTIONS = ("hubs", "countries", "events", "case-studies", "guidance", "vocabularies",
            "schemas")


@dataclass(frozen=True)
class Change:
    """One line of the summary.

    `subject` names the record ("Kenya"), `message` says what happened, `details` are
    short facts shown in brackets, and `sources` are the URLs a reviewer can check.
    """

    section: str
    message: str
    subject: str | None = None
    details: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def text(self, t: Translator) -> str:
        """The change as one line of plain text, with sources as bare URLs."""
        head = t.gettext("{subject}: {change}", subject=self.subject,
                         change=self.message) if self.subject else self.message
        extras = list(self.details)
        if self.sources:
            extras.append(t.ngettext("source {urls}", "sources {urls}", len(self.sources),
                                     urls=", ".join(self.sources)))
        return f"{head} ({', '.join(extras)})" if extras else head


def diff_models(base: Model, head: Model, language: str = "en") -> list[Change]:
    """Every change from base to head that a reviewer should know about, in reading order."""
    differ = _Differ(base, head, Translator(language))
    return differ.run()


def summary_lines(changes: Iterable[Change], language: str = "en") -> list[str]:
    t = Translator(language)
    return [change.text(t) for change in changes]


def render_markdown(changes: list[Change], language: str = "en", base_label: str = "",
                    head_label: str = "",
                    invalid: Mapping[str, Iterable[object]] | None = None) -> str:
    """The summary as Markdown for a pull-request comment or a job summary.

    `invalid` maps a revision label to its problems when that revision could not be
    loaded; the summary then explains that instead of listing changes.
    """
    t = Translator(language)
    grouped = {section: [c for c in changes if c.section == section] for section in SECTIONS}
    # GitHub renders this, not Python-Markdown: it needs its own escaping (see below).
    env = environment().overlay(finalize=github_text)
    return env.get_template("cli/diff.md.j2").render(
        _=t.gettext, _n=t.ngettext, grouped=grouped, base_label=base_label,
        head_label=head_label, count=len(changes),
        invalid={label: [str(p) for p in problems]
                 for label, problems in (invalid or {}).items()})


# CommonMark lets a backslash escape any ASCII punctuation. Escaping all of it keeps
# contributor text from becoming links, HTML, entities or @mentions in a GitHub comment
# (the site's own escaping writes entities such as &#39;, which GitHub would show as is).
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_WHITESPACE = re.compile(r"\s+")


def github_text(value: Any) -> Markup:
    """Plain text -> GitHub-flavoured Markdown that shows exactly that text."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = _WHITESPACE.sub(" ", str(value)).strip()
    return Markup(_PUNCTUATION.sub(r"\\\1", text))


# -- the comparison ----------------------------------------------------------------------


def _changed_fields(old: object, new: object, skip: Iterable[str] = ()) -> list[str]:
    """Names of the dataclass fields that differ, except those reported on their own."""
    skipped = set(skip)
    return [f.name for f in dataclasses.fields(old)  # type: ignore[arg-type]
            if f.name not in skipped and getattr(old, f.name) != getattr(new, f.name)]


def _dates(event: Any) -> str:
    return f"{event.start}–{event.end}" if event.end else str(event.start)


@dataclass(frozen=True)
class _Pairs(Generic[T]):
    """The records of two versions of a list, matched by key."""

    added: list[T]
    removed: list[T]
    kept: list[tuple[T, T]]  # (before, after)


def _pair(before: Iterable[T], after: Iterable[T], key: Callable[[T], Any],
          order: Callable[[Any], Any] | None = None) -> _Pairs[T]:
    """Added and kept records in the new version's order, removed ones in the old one's;
    or each group sorted by `order` over the keys."""
    old = {key(item): item for item in before}
    new = {key(item): item for item in after}

    def arranged(keys: list[Any]) -> list[Any]:
        return sorted(keys, key=order) if order else keys

    return _Pairs([new[k] for k in arranged([k for k in new if k not in old])],
                  [old[k] for k in arranged([k for k in old if k not in new])],
                  [(old[k], new[k]) for k in arranged([k for k in new if k in old])])


class _Differ:
    def __init__(self, base: Model, head: Model, t: Translator) -> None:
        self.base = base
        self.head = head
        self.t = t
        self._ = t.gettext
        self.changes: list[Change] = []

    def add(self, section: str, message: str, subject: str | None = None,
            details: Iterable[Any] = (), sources: Iterable[str] = ()) -> None:
        self.changes.append(Change(section, message, subject,
                                   tuple(str(d) for d in details if d not in (None, "")),
                                   tuple(sources)))

    def run(self) -> list[Change]:
        self.hubs()
        self.countries()
        self.events()
        self.pages("case-studies", self.base.case_studies, self.head.case_studies,
                    self._case_study_details, self._("case study"))
        self.pages("guidance", self.base.guidance, self.head.guidance,
                   lambda g: (g.level,), self._("guidance page"))
        self.vocabularies()
        self.schemas()
        return self.changes

    # -- names -------------------------------------------------------------------

    def country_name(self, iso3: str) -> str:
        country = self.head.countries.get(iso3) or self.base.countries.get(iso3)
        return country.name if country else iso3

    def hub_name(self, hub_id: str | None) -> str | None:
        if hub_id is None:
            return None
        hub = self.head.hubs.get(hub_id) or self.base.hubs.get(hub_id)
        return hub.name if hub else hub_id

    def names(self, isos: Iterable[str]) -> list[str]:
        return sorted((self.country_name(i) for i in isos), key=sort_key)

    # -- hubs --------------------------------------------------------------------

    def hubs(self) -> None:
        _ = self._
        old, new = self.base.hubs, self.head.hubs
        for hub_id in sorted(set(old) | set(new), key=lambda h: sort_key(self.hub_name(h))):
            before, after = old.get(hub_id), new.get(hub_id)
            if before is None and after is not None:
                self.add("hubs", _("new hub: {name}", name=after.name), details=(after.region,),
                         sources=after.sources)
            elif after is None and before is not None:
                self.add("hubs", _("hub removed: {name}", name=before.name))
            elif before is not None and after is not None:
                self.hub_record(before, after)
            self.membership(hub_id)

    def hub_record(self, before: RegionalHub, after: RegionalHub) -> None:
        _ = self._
        subject = _("hub {name}", name=after.name)
        if before.name != after.name:
            self.add("hubs", _("renamed from {old}", old=before.name), subject)
        orgs = _pair(before.organisations, after.organisations, lambda o: o.name, sort_key)
        for org in orgs.added:
            self.add("hubs", _("organisation added: {name}", name=org.name), subject,
                     sources=org.sources)
        for org in orgs.removed:
            self.add("hubs", _("organisation removed: {name}", name=org.name), subject)
        for was, now in orgs.kept:
            fields = _changed_fields(was, now)
            if fields:
                self.add("hubs", _("organisation {name} updated: {fields}", name=now.name,
                                   fields=", ".join(fields)), subject)
        fields = _changed_fields(before, after, skip=("name", "organisations", "source_file"))
        if fields:
            self.add("hubs", _("record updated: {fields}", fields=", ".join(fields)), subject)

    def membership(self, hub_id: str) -> None:
        _ = self._
        before = {c.iso3 for c in self.base.countries.values() if c.hub == hub_id}
        after = {c.iso3 for c in self.head.countries.values() if c.hub == hub_id}
        subject = _("hub {name}", name=self.hub_name(hub_id))
        added, removed = after - before, before - after
        if added:
            self.add("hubs", self.t.ngettext("{count} country added", "{count} countries added",
                                             len(added)),
                     subject, details=(", ".join(self.names(added)),))
        if removed:
            self.add("hubs", self.t.ngettext("{count} country removed",
                                             "{count} countries removed", len(removed)),
                     subject, details=(", ".join(self.names(removed)),))

    # -- countries ---------------------------------------------------------------

    def countries(self) -> None:
        _ = self._
        old, new = self.base.countries, self.head.countries
        for iso3 in sorted(set(old) | set(new), key=lambda i: sort_key(self.country_name(i))):
            before, after = old.get(iso3), new.get(iso3)
            if before is None and after is not None:
                hub = self.hub_name(after.hub)
                self.add("countries", _("new country: {name} ({iso3})", name=after.name,
                                        iso3=iso3),
                         details=(_("hub {name}", name=hub) if hub else None,),
                         sources=after.sources)
            elif after is None and before is not None:
                self.add("countries", _("country removed: {name} ({iso3})", name=before.name,
                                        iso3=iso3))
            elif before is not None and after is not None:
                self.country(before, after)

    def country(self, before: Country, after: Country) -> None:
        _ = self._
        name = after.name
        self.ogp(name, before.ogp, after.ogp)
        self.charter(name, before.charter, after.charter)
        self.portals(name, before.portals, after.portals)
        self.local_members(name, before.local_members, after.local_members)
        self.commitments(name, before.commitments, after.commitments)
        self.indicators(name, before.indicators, after.indicators)
        if before.name != after.name:
            self.add("countries", _("display name changed from {old}", old=before.name), name)
        # The hub is reported once, as a membership change of both hubs.
        fields = _changed_fields(before, after, skip=(
            "name", "hub", "ogp", "charter", "portals", "local_members", "commitments",
            "indicators",
            "source_file", "iso2", "numeric", "official_name"))
        if fields:
            self.add("countries", _("record updated: {fields}", fields=", ".join(fields)), name,
                     details=(_("as of {date}", date=after.as_of),))

    def ogp(self, name: str, before: OgpParticipation | None,
            after: OgpParticipation | None) -> None:
        _ = self._
        if before is None and after is None:
            return
        if before is None:
            assert after is not None
            since = _("since {year}", year=after.member_since) if after.member_since else None
            self.add("countries", _("OGP participation added"), name,
                     details=(since, after.status), sources=after.sources)
            return
        if after is None:
            self.add("countries", _("OGP participation removed"), name)
            return
        if before.member_since != after.member_since:
            if before.member_since is None:
                message = _("OGP membership year added")
                details: tuple[Any, ...] = (after.member_since,)
            elif after.member_since is None:
                message, details = _("OGP membership year removed"), (before.member_since,)
            else:
                message = _("OGP membership year changed from {old} to {new}",
                            old=before.member_since, new=after.member_since)
                details = ()
            self.add("countries", message, name, details=details, sources=after.sources)
        if before.status != after.status:
            self.add("countries", _("OGP status changed from {old} to {new}",
                                    old=before.status or _("not recorded"),
                                    new=after.status or _("not recorded")),
                     name, details=(_("since {date}", date=after.status_since)
                                    if after.status_since else None,),
                     sources=after.status_sources or after.sources)
        plans = _pair(before.action_plans, after.action_plans, lambda p: p.period, str)
        for plan in plans.added:
            self.add("countries", _("OGP action plan added: {period}", period=plan.period),
                     name, sources=(plan.url,) if plan.url else ())
        for plan in plans.removed:
            self.add("countries", _("OGP action plan removed: {period}", period=plan.period),
                     name)
        # A status change is told with its date and sources above.
        told = ("status_since", "status_sources") if before.status != after.status else ()
        fields = _changed_fields(before, after, skip=("member_since", "status", "action_plans",
                                                      *told))
        if any(was != now for was, now in plans.kept):
            fields.append("action_plans")
        if fields:
            self.add("countries", _("OGP record updated: {fields}", fields=", ".join(fields)),
                     name, details=(_("as of {date}", date=after.as_of),))

    def charter(self, name: str, before: CharterAdoption | None,
                after: CharterAdoption | None) -> None:
        _ = self._
        was = bool(before and before.adopted)
        now = bool(after and after.adopted)
        if now and not was:
            assert after is not None
            self.add("countries", _("Open Data Charter adoption added"), name,
                     details=(after.year, after.event), sources=after.sources)
        elif was and not now:
            self.add("countries", _("Open Data Charter adoption removed"), name)
        elif was and now and before and after and before.year != after.year:
            self.add("countries", _("Open Data Charter adoption year changed from {old} to "
                                    "{new}", old=before.year or _("not recorded"),
                                    new=after.year or _("not recorded")),
                     name, sources=after.sources)
        local = _pair(before.local_governments if before else (),
                      after.local_governments if after else (), lambda g: g.name, sort_key)
        for adopter in local.added:
            self.add("countries", _("Open Data Charter local adopter added: {name}",
                                    name=adopter.name), name,
                     details=(_(adopter.level), adopter.year),
                     sources=after.sources if after else ())
        for adopter in local.removed:
            self.add("countries", _("Open Data Charter local adopter removed: {name}",
                                    name=adopter.name), name)
        if before is None or after is None:
            if before is not None and not was and not before.local_governments:
                self.add("countries", _("Open Data Charter record removed"), name)
            return
        fields = _changed_fields(before, after, skip=("adopted", "year", "local_governments"))
        if any(old != new for old, new in local.kept):
            fields.append("local_governments")
        if fields:
            self.add("countries", _("Open Data Charter record updated: {fields}",
                                    fields=", ".join(fields)), name,
                     details=(_("as of {date}", date=after.as_of),))

    def portals(self, name: str, before: tuple[Portal, ...],
                after: tuple[Portal, ...]) -> None:
        _ = self._
        portals = _pair(before, after, lambda p: p.url)
        for portal in portals.added:
            self.add("countries", _("national portal added: {url}", url=portal.url), name,
                     details=(portal.name, portal.software), sources=portal.sources)
        for portal in portals.removed:
            self.add("countries", _("national portal removed: {url}", url=portal.url), name)
        for was, now in portals.kept:
            fields = _changed_fields(was, now)
            if fields:
                self.add("countries", _("national portal {url} updated: {fields}",
                                        url=now.url, fields=", ".join(fields)), name,
                         details=(_("as of {date}", date=now.as_of),))

    def local_members(self, name: str, before: tuple[LocalMember, ...],
                      after: tuple[LocalMember, ...]) -> None:
        _ = self._
        members = _pair(before, after, lambda m: m.name)
        for member in members.added:
            self.add("countries", _("OGP Local member added: {name}", name=member.name),
                     name, details=(_("joined {year}", year=member.year_joined)
                                    if member.year_joined else None,),
                     sources=member.sources)
        for member in members.removed:
            self.add("countries", _("OGP Local member removed: {name}", name=member.name),
                     name)
        for was, now in members.kept:
            fields = _changed_fields(was, now)
            if fields:
                self.add("countries", _("OGP Local member {member} updated: {fields}",
                                        member=now.name, fields=", ".join(fields)), name)

    def completion(self, commitment: Commitment) -> str:
        value = commitment.irm.completion
        return self._(COMPLETION_WORDS.get(value or "", "completion not rated in the sources"))

    def commitments(self, name: str, before: tuple[Commitment, ...],
                    after: tuple[Commitment, ...]) -> None:
        _ = self._
        commitments = _pair(before, after, lambda c: c.id)
        for item in commitments.added:
            self.add("countries", _("commitment added: {id} {title}", id=item.id,
                                    title=item.english_title), name,
                     details=(item.action_plan.label, self.completion(item)),
                     sources=item.sources)
        for item in commitments.removed:
            self.add("countries", _("commitment removed: {id} {title}", id=item.id,
                                    title=item.english_title), name)
        for was, now in commitments.kept:
            key = now.id
            if was.irm.completion != now.irm.completion:
                self.add("countries", _("commitment {id}: completion changed from {old} to "
                                        "{new}", id=key, old=self.completion(was),
                                        new=self.completion(now)), name, sources=now.sources)
            fields = _changed_fields(was, now, skip=("source_file",))
            if was.irm != now.irm:
                fields.remove("irm")
                fields += [f"irm.{f}" for f in _changed_fields(was.irm, now.irm)
                           if f != "completion"]
            if fields:
                self.add("countries", _("commitment {id} updated: {fields}", id=key,
                                        fields=", ".join(fields)), name)

    def indicators(self, name: str, before: tuple[IndicatorValue, ...],
                   after: tuple[IndicatorValue, ...]) -> None:
        _ = self._
        indicators = _pair(before, after, lambda i: (i.measure, i.edition))

        def value(item: IndicatorValue) -> str:
            shown = str(item.value) if item.value is not None else _("no score")
            if item.rank:
                return _("{value} (rank {rank})", value=shown, rank=item.rank)
            return shown

        for item in indicators.added:
            self.add("countries", _("indicator added: {indicator}, {edition} = {value}",
                                    indicator=item.measure, edition=item.edition,
                                    value=value(item)),
                     name, sources=(item.source,))
        for item in indicators.removed:
            self.add("countries", _("indicator removed: {indicator}, {edition}",
                                    indicator=item.measure, edition=item.edition), name)
        for was, now in indicators.kept:
            if was != now:
                self.add("countries", _("indicator {indicator}, {edition} changed from {old} "
                                        "to {new}", indicator=now.measure,
                                        edition=now.edition, old=value(was), new=value(now)),
                         name, sources=(now.source,))

    # -- events ----------------------------------------------------------------------

    def events(self) -> None:
        _ = self._
        events = _pair(self.base.events, self.head.events, lambda e: e.id)
        for event in events.added:
            self.add("events", _("new event: {title}", title=event.title),
                     details=(_dates(event), event.location), sources=event.sources)
        for event in events.removed:
            self.add("events", _("event removed: {title}", title=event.title))
        for was, now in events.kept:
            if (was.start, was.end) != (now.start, now.end):
                self.add("events", _("event “{title}”: dates changed from {old} to {new}",
                                     title=now.title, old=_dates(was), new=_dates(now)),
                         sources=now.sources)
            fields = _changed_fields(was, now, skip=("start", "end"))
            if fields:
                self.add("events", _("event updated: {title}", title=now.title),
                         details=(", ".join(fields),))

    # -- hand-written pages --------------------------------------------------------

    def _case_study_details(self, case: CaseStudy) -> tuple[str, ...]:
        return (", ".join(self.names(case.countries)), str(case.year))

    def pages(self, section: str, old: Mapping[str, CaseStudy | Guidance],
              new: Mapping[str, CaseStudy | Guidance],
              details: Callable[[Any], Iterable[Any]], what: str) -> None:
        _ = self._
        added = {uri: new[uri] for uri in new.keys() - old.keys()}
        removed = {uri: old[uri] for uri in old.keys() - new.keys()}
        # A page whose title survives under a new file name has moved: its old URL breaks
        # unless a redirect is added, which the reviewer should know.
        for old_uri, page in sorted(removed.items()):
            moved_to = next((uri for uri, p in sorted(added.items()) if p.title == page.title),
                            None)
            if moved_to is None:
                continue
            self.add(section, _("{what} moved: {title}", what=what, title=page.title),
                     details=(f"{old_uri} → {moved_to}",
                              _("add a redirect for the old address")))
            del added[moved_to]
            del removed[old_uri]
        for page in sorted(added.values(), key=lambda p: sort_key(p.title)):
            self.add(section, _("new {what}: {title}", what=what, title=page.title),
                     details=details(page))
        for page in sorted(removed.values(), key=lambda p: sort_key(p.title)):
            self.add(section, _("{what} removed: {title}", what=what, title=page.title))
        for uri in sorted(old.keys() & new.keys(), key=lambda u: sort_key(new[u].title)):
            fields = _changed_fields(old[uri], new[uri])
            if fields:
                self.add(section, _("{what} updated: {title}", what=what,
                                    title=new[uri].title), details=(", ".join(fields),))

    # -- schemas -------------------------------------------------------------------------

    def schemas(self) -> None:
        """A schema change alters what every record may hold: reviewers should know."""
        _ = self._
        files = _pair(self.base.schemas.items(), self.head.schemas.items(),
                      lambda item: item[0], str)
        for name, _schema in files.added:
            self.add("schemas", _("new data schema: {file}", file=name))
        for name, _schema in files.removed:
            self.add("schemas", _("data schema removed: {file}", file=name))
        for (name, was), (_name, now) in files.kept:
            if was != now:
                self.add("schemas", _("data schema changed: {file}", file=name),
                         details=(_("the rules for these records change"),))

    # -- vocabularies ----------------------------------------------------------------

    def vocabularies(self) -> None:
        _ = self._
        kinds = (("principles", _("principle")), ("objectives", _("objective")),
                 ("sectors", _("sector")), ("audiences", _("audience")),
                 ("policy_areas", _("OGP policy area")))
        for attribute, what in kinds:
            old: dict[str, Term] = getattr(self.base, attribute)
            new: dict[str, Term] = getattr(self.head, attribute)
            terms = _pair(old.items(), new.items(), lambda item: item[0])
            for key, term in terms.added:
                self.add("vocabularies", _("new {what}: {title}", what=what,
                                           title=term.title), details=(key,))
            for key, term in terms.removed:
                self.add("vocabularies", _("{what} removed: {title}", what=what,
                                           title=term.title), details=(key,))
            for (_, was), (_, now) in terms.kept:
                fields = _changed_fields(was, now)
                if fields:
                    self.add("vocabularies", _("{what} updated: {title}", what=what,
                                               title=now.title),
                             details=(", ".join(fields),))
