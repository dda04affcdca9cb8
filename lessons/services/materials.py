"""Library materials linked to steps: which may be linked, and the inline library search.

Only pages every reader of a plan may open may be linked (`linkable_materials`): a draft,
a page an editor withdrew, or a page private to some group or behind a password must not
reach a plan that co-planners, template users and printouts show to others. The same rule
filters what a plan shows and prints, so a page made private later drops out of every plan
at once, as an unpublished one does.
"""

from collections.abc import Iterable

from lessons.models import LessonPlan
from library.models import LibraryPage, Viewer
from library.models.querysets import LibraryPageQuerySet
from search.errors import InvalidSearch
from search.service import search


class BadSearch(Exception):
    """The search service refused the query or a filter; the message says why."""


class UnknownMaterials(Exception):
    def __init__(self, ids: list[int]):
        super().__init__(f"unknown materials: {ids}")
        self.ids = ids


def linkable_materials() -> LibraryPageQuerySet:
    """The library pages a plan may link and show: those any signed-in teacher may see."""
    return LibraryPage.objects.visible_to(Viewer.plan_reader())


def live_material_ids(ids: Iterable[int]) -> list[int]:
    """The ids, checked: every one must be a page a plan may link."""
    wanted = list(dict.fromkeys(ids))
    found = set(linkable_materials().filter(pk__in=wanted).values_list("pk", flat=True))
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        raise UnknownMaterials(missing)
    return wanted


# How far the inline search looks: the plan's grade and unit first (what a teacher wants
# for this lesson), and the whole library one click away.
SCOPE_UNIT = "unit"
SCOPE_GRADE = "grade"
SCOPE_ALL = "all"


def default_scope(plan: LessonPlan) -> str:
    if plan.textbook_unit_id:
        return SCOPE_UNIT
    if plan.grade_id:
        return SCOPE_GRADE
    return SCOPE_ALL


def search_filters(plan: LessonPlan, scope: str) -> dict[str, list[str]]:
    """Filters for search.service.search: grade and unit narrow by default."""
    filters: dict[str, list[str]] = {}
    if scope in (SCOPE_UNIT, SCOPE_GRADE) and plan.grade_id:
        filters["grade"] = [plan.grade.code]
    if scope == SCOPE_UNIT and plan.textbook_unit_id:
        filters["unit"] = [str(plan.textbook_unit_id)]
    return filters


def search_materials(plan: LessonPlan, query: str, scope: str, page_size: int = 8):
    """Ask the library's search service (issue #4's contract); never a search of our own."""
    try:
        return search(query=query, filters=search_filters(plan, scope), page=1, page_size=page_size)
    except InvalidSearch as invalid:
        raise BadSearch(invalid.message) from invalid
