"""How OGP statuses and IRM ratings read on a page: ids to words, through the translator.

The ids come from the schemas (country.schema.json for statuses, commitments.schema.json
for ratings); every word a reader sees is a translatable string here.
"""

from __future__ import annotations

import dataclasses

from odhub.data.model import NOT_ASSESSED, Commitment, Country
from odhub.lang.translator import N_, Translator
from odhub.render.markdown import local_date

STATUS = {
    "participating": N_("Participating"),
    "inactive": N_("Inactive"),
    "withdrawn": N_("Withdrawn"),
    "removed-or-suspended": N_("Removed or suspended"),
}
COMPLETION = {
    "not-started": N_("Not started"),
    "limited": N_("Limited"),
    "substantial": N_("Substantial"),
    "complete": N_("Complete"),
    "withdrawn": N_("Withdrawn"),
    "unclear": N_("Unclear"),
    "not-assessed": N_("Not yet assessed"),
}
NO_COMPLETION = N_("No completion rating in our sources")
REPORT = {"progress-report": N_("progress report"), "end-of-term": N_("end-of-term report")}
IMPACT = {"none": N_("None"), "minor": N_("Minor"), "moderate": N_("Moderate"),
          "transformative": N_("Transformative"), "not-assessed": N_("Not yet assessed")}
AMBITION = {"low": N_("Low"), "high": N_("High"), "not-assessed": N_("Not yet assessed")}
RESULTS = {
    "worsens": N_("Worsens"),
    "did-not-change": N_("Did not change"),
    "marginal": N_("Marginal"),
    "major": N_("Major"),
    "outstanding": N_("Outstanding"),
    "no-early-results-to-report-yet": N_("No early results to report yet"),
    "no-notable-results": N_("No notable results"),
    "moderate": N_("Moderate"),
    "significant": N_("Significant"),
    "not-assessed": N_("Not yet assessed"),
}


class Labels:
    """Words for statuses, dates and ratings in one language (templates call these)."""

    completion_ids = tuple(COMPLETION)

    def __init__(self, translator: Translator) -> None:
        self.t = translator
        self._ = translator.gettext

    def date(self, text: str | None) -> str:
        """'2017-07' -> 'July 2017'; a date only as precise as its source."""
        return local_date(text, self.t.language) if text else ""

    def status(self, country: Country) -> str:
        ogp = country.ogp
        if ogp is None or ogp.status is None:
            return self._("Status not settled by our sources")
        return self.status_id(ogp.status)

    def status_id(self, value: str) -> str:
        """The word for one value of ogp.status in country.schema.json."""
        return self._(STATUS[value])

    def status_sentence(self, country: Country) -> str:
        """The first thing a country page says: whether it takes part in OGP now."""
        _ = self._
        ogp = country.ogp
        name = country.name
        if ogp is None:
            return _("{name} is not recorded as an OGP member in our sources.", name=name)
        since = ogp.member_since
        when = self.date(ogp.status_since)
        if ogp.status == "participating":
            if since:
                return _("{name} takes part in the Open Government Partnership (OGP); it "
                         "joined in {year}.", name=name, year=since)
            return _("{name} takes part in the Open Government Partnership (OGP).",
                     name=name)
        if ogp.status == "inactive":
            return _("{name} is an OGP member that OGP designated inactive{since}: it has "
                     "not been taking part as members do.", name=name,
                     since=_(" in {date}", date=when) if when else "")
        if ogp.status == "withdrawn":
            if since and when:
                return _("{name} took part in OGP from {year} until it withdrew in {date}.",
                         name=name, year=since, date=when)
            return _("{name} took part in OGP until it withdrew{date}.", name=name,
                     date=_(" in {date}", date=when) if when else "")
        if ogp.status == "removed-or-suspended":
            if since and when:
                return _("{name} took part in OGP from {year} until OGP removed or suspended "
                         "its membership in {date}.", name=name, year=since, date=when)
            return _("OGP removed or suspended the membership of {name}{date}.", name=name,
                     date=_(" in {date}", date=when) if when else "")
        return _("Our sources do not settle whether {name} still takes part in OGP; it is "
                 "not counted among current members.", name=name)

    def standing(self, country: Country) -> str:
        """current member / former member / status unknown, for lists of countries."""
        return {
            "current": self._("current OGP member"),
            "former": self._("former OGP member"),
            "unknown": self._("OGP status unknown"),
        }.get(country.standing or "", self._("not an OGP member in our data"))

    def former_note(self, country: Country) -> str:
        """'former OGP member (withdrew in July 2017)' for peers and lists; '' if current."""
        ogp = country.ogp
        if ogp is None or ogp.standing != "former":
            return ""
        when = self.date(ogp.status_since)
        if ogp.status == "withdrawn":
            what = self._("withdrew in {date}", date=when) if when else self._("withdrew")
        else:
            what = (self._("removed or suspended in {date}", date=when) if when
                    else self._("removed or suspended"))
        return self._("former OGP member: {what}", what=what)

    def completion(self, commitment: Commitment) -> str:
        value = commitment.irm.completion
        return self._(COMPLETION[value]) if value else self._(NO_COMPLETION)

    def completion_id(self, value: str | None) -> str:
        return self._(COMPLETION[value]) if value else self._(NO_COMPLETION)

    def ratings(self, commitment: Commitment) -> list[str]:
        """Every IRM rating the sources give, each as 'what: value'; ratings the IRM has
        not made yet are said once, not one by one."""
        _ = self._
        irm = commitment.irm
        pending = [name for name in ("potential_impact", "ambition", "completion",
                                     "open_government", "early_results")
                   if getattr(irm, name) == NOT_ASSESSED]
        if pending:
            irm = dataclasses.replace(irm, **{name: None for name in pending})
        found = []
        if irm.completion:
            text = _(COMPLETION[irm.completion])
            if irm.completion_report:
                text = _("{rating} ({report})", rating=text,
                         report=_(REPORT[irm.completion_report]))
            found.append(_("Completion: {value}", value=text))
        if irm.starred:
            found.append(_("Starred by the IRM"))
        if irm.potential_impact:
            found.append(_("Potential impact: {value}", value=_(IMPACT[irm.potential_impact])))
        if irm.ambition:
            found.append(_("Ambition: {value}", value=_(AMBITION[irm.ambition])))
        if irm.open_government:
            found.append(_("Did it open government? {value}",
                           value=_(RESULTS[irm.open_government])))
        if irm.early_results:
            found.append(_("Early results: {value}", value=_(RESULTS[irm.early_results])))
        if pending:
            found.append(_("not yet assessed by the IRM") if found
                         else _("Not yet assessed by the IRM"))
        return found

    def short_rating(self, commitment: Commitment) -> str:
        """'complete, starred' — what a peer's commitment is cited for."""
        text = self.completion(commitment).lower() if commitment.irm.completion else ""
        if commitment.starred:
            return self._("{rating}, starred", rating=text)
        return text
