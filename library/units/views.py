"""The unit page (/units/<series>/<grade>/<number>/): everything in the library for one
textbook unit, by type — what an ALT looks for with "NEW HORIZON 2, Unit 5" in mind.

The address is the one teachers would say: the series' slug, the grade's code, the unit's
number (`library.units.addresses.unit_url`). Only live, public pages are listed; each type is
one query with its card data, whatever the number of pages.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from library.filters import PAGE_TYPES
from library.models import TextbookSeries, TextbookUnit

# The heading of each type's list on the unit page, in PAGE_TYPES order.
SECTION_HEADINGS = {
    "material": _("Teaching materials"),
    "speech_contest_guide": _("Speech-contest guides"),
    "club_activity": _("English-club activities"),
}
# The largest unit number an address may carry (the field is a small integer).
MAX_UNIT_NUMBER = 32767


@dataclass
class UnitSection:
    """The pages of one type for the unit."""

    kind: str
    heading: str
    pages: list

    @property
    def id(self) -> str:
        return f"unit-{self.kind.replace('_', '-')}"


def page_model(kind: str):
    """The page type whose `kind` this is (library/filters.py PAGE_TYPES)."""
    return next(
        model
        for model in apps.get_app_config("library").get_models()
        if getattr(model, "kind", "") == kind
    )


def unit_at(series_slug: str, grade_code: str, number: int) -> TextbookUnit:
    """The unit the address names, or 404."""
    series = TextbookSeries.objects.with_slug(series_slug)
    if series is None or number > MAX_UNIT_NUMBER or len(grade_code) > 5:
        raise Http404("No such textbook unit.")
    unit = TextbookUnit.objects.select_related("series", "grade").at_address(
        series, grade_code, number
    )
    if unit is None:
        raise Http404("No such textbook unit.")
    return unit


def sections_for(unit: TextbookUnit) -> list[UnitSection]:
    sections = []
    for kind in PAGE_TYPES:
        pages: QuerySet = page_model(kind).objects.live().public().filter(textbook_units=unit)
        sections.append(
            UnitSection(
                kind, str(SECTION_HEADINGS.get(kind, PAGE_TYPES[kind])), list(pages.for_listing())
            )
        )
    return sections


def neighbours(unit: TextbookUnit) -> tuple[TextbookUnit | None, TextbookUnit | None]:
    """The units before and after this one in its book (same series and grade)."""
    book = list(
        TextbookUnit.objects.in_current_edition()
        .filter(series=unit.series, grade=unit.grade)
        .select_related("series", "grade")
        .order_by("number", "label", "pk")
    )
    at = next((index for index, other in enumerate(book) if other.pk == unit.pk), None)
    if at is None:
        return None, None
    return (book[at - 1] if at > 0 else None, book[at + 1] if at + 1 < len(book) else None)


@require_GET
def unit_page(request: HttpRequest, series: str, grade: str, number: int) -> HttpResponse:
    unit = unit_at(series, grade, number)
    previous_unit, next_unit = neighbours(unit)
    sections = sections_for(unit)
    search = {"textbook": unit.series_id, "grade": unit.grade.code, "unit": unit.pk}
    return render(
        request,
        "library/unit_page.html",
        {
            "unit": unit,
            "book_name": unit.series.book_name(unit.grade),
            "sections": sections,
            "total": sum(len(section.pages) for section in sections),
            "previous_unit": previous_unit,
            "next_unit": next_unit,
            "search_url": f"{reverse('search:page')}?{urlencode(search)}",
        },
    )
