"""What the theme shows around each page's content: the words and links of overrides/.

The overrides (breadcrumbs, "Report a problem with this page", the printed page's
header, the search's offer to propose a missing country, the page at a missing address)
get their text here, through the one translation function, and their links into the
repository's issue forms.
"""

from __future__ import annotations

from dataclasses import dataclass

from odhub.data.model import Model
from odhub.data.repository import Repository
from odhub.lang.translator import Translator


@dataclass(frozen=True)
class IssueForm:
    """A form in .github/ISSUE_TEMPLATE/ and the id of the field a link fills in."""

    template: str
    field: str


# A country page's problems are usually facts: the correction form asks for sources.
COUNTRY_FACT = IssueForm("correct-country-fact.yml", "country")
PAGE_PROBLEM = IssueForm("page-problem.yml", "page")
PROPOSE_COUNTRY = IssueForm("propose-country.yml", "country")
ISSUE_FORMS = (COUNTRY_FACT, PAGE_PROBLEM, PROPOSE_COUNTRY)


class Chrome:
    """One per build; templates read its labels and ask it for each page's links."""

    def __init__(self, model: Model, repository: Repository | None,
                 language: str = "en") -> None:
        t = Translator(language).gettext
        self.repository = repository
        self._country_pages = {country.page for country in model.countries.values()}
        self.breadcrumb_label = t("Breadcrumb")
        self.report_label = t("Report a problem with this page")
        # {date} is filled in by the browser when the page is printed.
        self.printed_text = t("Printed {date}")
        self.no_country_text = t("No country page matches this search.")
        self.propose_text = t("Propose a country that is missing")
        self.how_to_add_text = t("How a country is added")
        # The page at a missing address (overrides/404.html): what happened and where to go.
        self.not_found_title = t("Page not found")
        self.not_found_text = t("There is no page at this address: it may have moved, or the "
                                "link may have a typing mistake. The search box above finds "
                                "countries, case studies and guidance; or start from one of "
                                "these pages:")
        self._not_found_pages = (("", t("Home page")), ("countries/", t("Countries")),
                                 ("case-studies/", t("Case studies")),
                                 ("guidance/", t("Guidance")))

    def not_found_links(self, directory_urls: bool) -> list[tuple[str, str]]:
        """(address from the site's root, label) of the pages a missing address offers."""
        return [(path if directory_urls else path + "index.html", label)
                for path, label in self._not_found_pages]

    def report_url(self, src_uri: str, page_url: str) -> str | None:
        """The issue form for this page with its address filled in; None without a
        published repository, so no link leads to a placeholder."""
        if self.repository is None:
            return None
        form = COUNTRY_FACT if src_uri in self._country_pages else PAGE_PROBLEM
        return self.repository.issue_form(form.template, **{form.field: page_url})

    @property
    def propose_country_url(self) -> str | None:
        """The new-country form; the search script appends the reader's query."""
        if self.repository is None:
            return None
        return self.repository.issue_form(PROPOSE_COUNTRY.template)

    propose_country_field = PROPOSE_COUNTRY.field
