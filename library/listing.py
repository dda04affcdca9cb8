"""What a section index lists: its live, public pages, newest first, narrowed by the
filters a teacher ticks (grade, skill area, activity type, textbook and unit).

Filters travel as GET parameters with the taxonomy's codes, so a filtered list is a link a
teacher can bookmark or send to a colleague: `?grade=ES5&grade=ES6&activity=game`. Values
within one filter are ORed (fifth *or* sixth grade), filters are ANDed with each other.
A value Kyozai does not know (an old bookmark, a hand-edited link) is dropped, never an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from library.models.pages import LibraryAttachment, LibraryPage
from library.models.taxonomy import ActivityType, Grade, Skill, TextbookSeries, TextbookUnit

if TYPE_CHECKING:
    from library.models.indexes import SectionIndexPage

PAGE_SIZE = 20
FILTER_NAMES = ("grade", "skill", "activity", "series", "unit")
# Every query parameter a section's list reads. The full-page cache keeps only these in its
# key and in the request it renders (config/page_cache/query.py), so an old name that still
# redirects must be listed here too, or the cache drops it before the redirect sees it.
QUERY_PARAMETERS = (*FILTER_NAMES, "page")


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the values it knows and quietly drops the rest."""

    def clean(self, value):
        if not isinstance(value, list | tuple):
            return []
        kept: list[str] = []
        for item in value:
            text = str(item)
            if self.valid_value(text) and text not in kept:
                kept.append(text)
        return kept


class LenientChoiceField(forms.ChoiceField):
    """One choice or none: an unknown value means "no filter"."""

    def clean(self, value):
        text = "" if value is None else str(value)
        return text if text and self.valid_value(text) else ""


class LibraryFilterForm(forms.Form):
    """The filter panel above a section's list. Choices come from the taxonomy editors
    manage, named in the language being shown; the unit choice appears once a textbook
    series is chosen, because a list of every unit of every book would be useless."""

    grade = LenientMultipleChoiceField(
        label=_("Grade"), required=False, widget=forms.CheckboxSelectMultiple
    )
    skill = LenientMultipleChoiceField(
        label=_("Skill area"), required=False, widget=forms.CheckboxSelectMultiple
    )
    activity = LenientMultipleChoiceField(
        label=_("Activity type"), required=False, widget=forms.CheckboxSelectMultiple
    )
    series = LenientChoiceField(label=_("Textbook"), required=False)
    unit = LenientChoiceField(label=_("Unit"), required=False)

    def __init__(self, data: QueryDict, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["grade"].choices = [(g.code, g.shown_name) for g in Grade.objects.all()]
        self.fields["skill"].choices = [(s.code, s.shown_name) for s in Skill.objects.all()]
        self.fields["activity"].choices = [
            (a.code, a.shown_name) for a in ActivityType.objects.all()
        ]
        self.fields["series"].choices = [("", _("Any textbook"))] + [
            (str(series.pk), series_label(series)) for series in TextbookSeries.objects.all()
        ]
        series_id = self.fields["series"].clean(data.get("series"))
        units = (
            TextbookUnit.objects.filter(series_id=series_id).select_related("grade", "series")
            if series_id
            else TextbookUnit.objects.none()
        )
        self.fields["unit"].choices = [("", _("Any unit"))] + [
            (str(unit.pk), unit_label(unit)) for unit in units
        ]
        self.show_units = bool(series_id)


def series_label(series: TextbookSeries) -> str:
    """The series with its publisher, e.g. NEW HORIZON (Tokyo Shoseki): teachers know
    their books by publisher as much as by title."""
    reading_japanese = (get_language() or "en").startswith("ja")
    publisher = (series.publisher_ja if reading_japanese else "") or series.publisher
    return f"{series.name} ({publisher})" if publisher else series.name


def unit_label(unit: TextbookUnit) -> str:
    """ "JHS2 · Unit 3: My Hero": the series is already chosen, so it is left out."""
    text = f"{unit.grade.shown_name} · {unit.label}"
    return f"{text}: {unit.title}" if unit.title else text


@dataclass
class Filters:
    grades: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    activities: list[str] = field(default_factory=list)
    series: str = ""
    unit: str = ""

    @property
    def any(self) -> bool:
        return bool(self.grades or self.skills or self.activities or self.series or self.unit)

    def as_query(self) -> QueryDict:
        """The filters as GET parameters, cleaned: what pagination links carry on."""
        query = QueryDict(mutable=True)
        query.setlist("grade", self.grades)
        query.setlist("skill", self.skills)
        query.setlist("activity", self.activities)
        if self.series:
            query["series"] = self.series
        if self.unit:
            query["unit"] = self.unit
        return query


def filter_pages(pages: QuerySet, filters: Filters) -> QuerySet:
    """OR within a filter, AND across them. Each filter is a subquery on page ids, so a
    page tagged with two matching grades is listed once without a DISTINCT."""

    def having(**lookup) -> QuerySet:
        return LibraryPage.objects.filter(**lookup).values("pk")

    if filters.grades:
        pages = pages.filter(pk__in=having(grades__code__in=filters.grades))
    if filters.skills:
        pages = pages.filter(pk__in=having(skills__code__in=filters.skills))
    if filters.activities:
        pages = pages.filter(pk__in=having(activity_types__code__in=filters.activities))
    if filters.unit:
        pages = pages.filter(pk__in=having(textbook_units__pk=filters.unit))
    elif filters.series:
        pages = pages.filter(pk__in=having(textbook_units__series_id=filters.series))
    return pages


def with_card_data(pages: QuerySet) -> QuerySet:
    """What a card shows, fetched in one query per relation whatever the page count."""
    return pages.prefetch_related(
        "grades",
        "activity_types",
        Prefetch(
            "attachments",
            queryset=LibraryAttachment.objects.order_by("sort_order", "pk").only(
                "pk", "page_id", "preview", "sort_order"
            ),
        ),
    )


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
    form: LibraryFilterForm
    filters: Filters
    pages: PaginatorPage
    page_links: list[PageLink]
    previous_url: str
    next_url: str
    active: list[ActiveFilter]

    @property
    def total(self) -> int:
        return self.pages.paginator.count

    @property
    def query_as_read(self) -> QueryDict:
        """The parameters as this list understood them: unknown values dropped, page 1
        unsaid. The full-page cache stores only a list asked for exactly so."""
        query = self.filters.as_query()
        if self.pages.number > 1:
            query["page"] = str(self.pages.number)
        return query


def _link(query: QueryDict) -> str:
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def active_filters(form: LibraryFilterForm, filters: Filters) -> list[ActiveFilter]:
    labels = {name: dict(form.fields[name].choices) for name in FILTER_NAMES}
    active: list[ActiveFilter] = []
    for name, values in (
        ("grade", filters.grades),
        ("skill", filters.skills),
        ("activity", filters.activities),
    ):
        for value in values:
            query = filters.as_query()
            query.setlist(name, [other for other in values if other != value])
            active.append(ActiveFilter(str(labels[name][value]), _link(query)))
    if filters.series:
        query = filters.as_query()
        query.pop("series")
        query.pop("unit", None)
        active.append(ActiveFilter(str(labels["series"][filters.series]), _link(query)))
    if filters.unit:
        query = filters.as_query()
        query.pop("unit")
        active.append(ActiveFilter(str(labels["unit"][filters.unit]), _link(query)))
    return active


def build_listing(index: SectionIndexPage, params: QueryDict) -> Listing:
    form = LibraryFilterForm(params)
    form.is_valid()  # lenient fields never fail; this fills cleaned_data
    data = form.cleaned_data
    filters = Filters(
        grades=data.get("grade", []),
        skills=data.get("skill", []),
        activities=data.get("activity", []),
        series=data.get("series", ""),
        unit=data.get("unit", "") if data.get("series") else "",
    )
    model = index.listed_page_model()
    pages = model.objects.child_of(index).live().public()
    pages = filter_pages(pages, filters).order_by("-first_published_at", "-pk")
    paginator = Paginator(with_card_data(pages), PAGE_SIZE)
    page = paginator.get_page(params.get("page"))

    def url_for(number: int) -> str:
        query = filters.as_query()
        if number > 1:
            query["page"] = str(number)
        return _link(query)

    page_links = [
        PageLink(number)
        if number == Paginator.ELLIPSIS
        else PageLink(number, url_for(number), number == page.number)
        for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    return Listing(
        form=form,
        filters=filters,
        pages=page,
        page_links=page_links if paginator.num_pages > 1 else [],
        previous_url=url_for(page.previous_page_number()) if page.has_previous() else "",
        next_url=url_for(page.next_page_number()) if page.has_next() else "",
        active=active_filters(form, filters),
    )
