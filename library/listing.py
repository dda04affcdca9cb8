"""What a section index shows: a page of its pages, newest first, narrowed by the filters a
teacher ticks, with page links and a chip for each filter in use.

The filters are the library's one vocabulary (library/filters.py), with the same names,
values and checks as the search page and the API, so a filtered list is a link a teacher
can bookmark or send: `?grade=ES5&grade=ES6&activity_type=game`. A value Kyozai does not
know (an old bookmark, a hand-edited link) is dropped, never an error; a unit counts only
under its textbook, since the panel offers units once a series is chosen.

The section page's template asks for it (`{% section_listing %}`, library_tags); the page
model only offers its pages (`SectionIndexPage.listed_pages`), so models never import this.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import QueryDict

from common.paging import page_of
from library.filters import (
    FILTERS,
    SECTION_FILTERS,
    SECTION_QUERY_PARAMETERS,
    Vocabulary,
    check_filters,
)
from library.models.taxonomy import load_vocabulary

PAGE_SIZE = 20
# How each filter of the panel is asked: one choice from a list, or boxes to tick.
SELECTS = ("textbook", "unit")
# What the full-page cache asks (config/page_cache/query.py, via SectionIndexPage).
QUERY_PARAMETERS = SECTION_QUERY_PARAMETERS


@dataclass
class Option:
    """One value of a filter, with how many pages it would list under the other filters
    in use. An option with none is shown disabled, not hidden, so a teacher sees that the
    unit exists but has nothing yet; a chosen one never is, so it can be unticked."""

    value: str
    label: str
    selected: bool = False
    count: int = 0

    @property
    def disabled(self) -> bool:
        return not self.count and not self.selected


@dataclass
class FilterGroup:
    """One filter of the panel: its name (the GET parameter), title and options."""

    name: str
    title: str
    options: list[Option] = field(default_factory=list)
    # "select" (one value from a list) or "checkboxes".
    widget: str = "checkboxes"

    @property
    def id(self) -> str:
        return f"filter-{self.name}"


@dataclass
class PageLink:
    number: int | str
    url: str = ""
    current: bool = False


@dataclass
class ActiveFilter:
    """A filter in use, shown as a chip whose link is the same list without it."""

    label: str
    remove_url: str


@dataclass
class Listing:
    # In the panel's order (SECTION_FILTERS); the unit only once a textbook is chosen.
    groups: list[FilterGroup]
    chosen: dict[str, tuple[str, ...]]
    pages: PaginatorPage
    page_links: list[PageLink]
    previous_url: str
    next_url: str
    active: list[ActiveFilter]

    @property
    def any(self) -> bool:
        return bool(self.chosen)

    @property
    def total(self) -> int:
        return self.pages.paginator.count

    @property
    def query_as_read(self) -> QueryDict:
        """The parameters as this list understood them: unknown values dropped, page 1
        unsaid. The full-page cache stores only a list asked for exactly so."""
        query = as_query(self.chosen)
        if self.pages.number > 1:
            query["page"] = str(self.pages.number)
        return query


def as_query(chosen: dict[str, tuple[str, ...]]) -> QueryDict:
    """The filters as GET parameters, cleaned and in the panel's order: what page links
    and chips carry on."""
    query = QueryDict(mutable=True)
    for name in SECTION_FILTERS:
        if chosen.get(name):
            query.setlist(name, list(chosen[name]))
    return query


def _link(query: QueryDict) -> str:
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def _options(name: str, vocabulary: Vocabulary, chosen, counts: dict[str, int]) -> list:
    """A filter's options in taxonomy order, each with its label and count. Units are the
    chosen series' at the chosen grades, labelled without the book (already chosen) and
    without the grade when only one is chosen."""
    selected = set(chosen.get(name, ()))
    if name == "unit":
        grades = chosen.get("grade", ())
        values = vocabulary.units_of(chosen.get("textbook", ()), grades)
        values += [value for value in selected if value not in values]

        def label(value: str) -> str:
            return vocabulary.unit_label(value, with_grade=len(grades) != 1)
    else:
        values = vocabulary.order(name)

        def label(value: str) -> str:
            return vocabulary.label(name, value)

    return [
        Option(value, label(value), value in selected, counts.get(value, 0)) for value in values
    ]


def filter_panel(
    vocabulary: Vocabulary, chosen: dict[str, tuple[str, ...]], counts: dict[str, dict]
) -> list[FilterGroup]:
    """The panel's groups in SECTION_FILTERS order, each option counted; the unit group
    only once a textbook is chosen (the units follow the series and the grades)."""
    return [
        FilterGroup(
            name,
            str(FILTERS[name].title),
            _options(name, vocabulary, chosen, counts.get(name, {})),
            "select" if name in SELECTS else "checkboxes",
        )
        for name in SECTION_FILTERS
        if name != "unit" or chosen.get("textbook")
    ]


def _without(chosen: dict[str, tuple[str, ...]], name: str, value: str) -> dict:
    """The filters with one value taken away; a textbook's units go with the last textbook."""
    remaining = dict(chosen)
    kept = tuple(other for other in chosen[name] if other != value)
    if kept:
        remaining[name] = kept
        return remaining
    del remaining[name]
    for child, definition in FILTERS.items():
        if definition.parent == name:
            remaining.pop(child, None)
    return remaining


def active_filters(vocabulary: Vocabulary, chosen: dict[str, tuple[str, ...]]) -> list:
    """A chip per value in use, linking to the same list without it."""
    return [
        ActiveFilter(vocabulary.label(name, value), _link(as_query(_without(chosen, name, value))))
        for name in SECTION_FILTERS
        for value in chosen.get(name, ())
    ]


def page_links(paginator: Paginator, page: PaginatorPage, chosen) -> tuple[list, str, str]:
    """(numbered links, previous, next), each keeping the filters."""

    def url_for(number: int) -> str:
        query = as_query(chosen)
        if number > 1:
            query["page"] = str(number)
        return _link(query)

    links = [
        PageLink(number)
        if number == Paginator.ELLIPSIS
        else PageLink(number, url_for(number), number == page.number)
        for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    return (
        links if paginator.num_pages > 1 else [],
        url_for(page.previous_page_number()) if page.has_previous() else "",
        url_for(page.next_page_number()) if page.has_next() else "",
    )


def build_listing(pages: QuerySet, params: QueryDict) -> Listing:
    """The listing of `pages` (a section's live, public pages) for these GET parameters."""
    vocabulary = load_vocabulary(params.getlist("unit"), params.getlist("textbook"))
    chosen = check_filters(params, vocabulary, SECTION_FILTERS, cascade=True).values
    counted = [name for name in SECTION_FILTERS if name != "unit" or chosen.get("textbook")]
    counts = pages.counts_by_filter(chosen, counted)
    paginator = Paginator(pages.filtered(chosen).for_listing(), PAGE_SIZE)
    page = page_of(paginator, params.get("page"))
    links, previous_url, next_url = page_links(paginator, page, chosen)
    return Listing(
        groups=filter_panel(vocabulary, chosen, counts),
        chosen=chosen,
        pages=page,
        page_links=links,
        previous_url=previous_url,
        next_url=next_url,
        active=active_filters(vocabulary, chosen),
    )
