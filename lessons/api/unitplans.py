"""Unit plans (単元指導計画) and yearly plans (年間指導計画) in the JSON API, with the pages'
rules (lessons/services/unitplans.py; a yearly plan is its school's members'): anyone else
gets 404 whatever id they try."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from common.api_errors import BadInput, refusals
from common.ids import ObjectId
from lessons import limits
from lessons.models import MAX_UNIT_LESSONS, UnitPlan, Viewpoint, YearlyPlan
from lessons.services import unitplans as units
from lessons.services import yearly
from lessons.services.unitplans import UnitCan
from lessons.services.yearly import get_yearly_plan
from library.models import Grade, TextbookUnit
from schools.services.access import get_class, get_school

from .save_limit import SAVE_LIMITED

router = Router()

Text = Field("", max_length=limits.UNIT_TEXT)
Criteria = Field("", max_length=limits.CRITERIA)


class UnitLessonIO(Schema):
    number: int = Field(ge=1, le=MAX_UNIT_LESSONS)
    aim: str = Field("", max_length=limits.GOAL)
    focus: list[str] = Field(default_factory=list, max_length=3)


class UnitPlanIn(Schema):
    school_class: int
    textbook_unit: int | None = None
    title: str = Field(min_length=1, max_length=limits.TITLE)
    lesson_count: int = Field(8, ge=1, le=MAX_UNIT_LESSONS)
    goal: str = Text
    criteria_knowledge: str = Criteria
    criteria_thinking: str = Criteria
    criteria_attitude: str = Criteria
    about_material: str = Text
    about_students: str = Text
    about_teaching: str = Text
    lessons: list[UnitLessonIO] = Field(default_factory=list, max_length=MAX_UNIT_LESSONS)


class UnitPlanPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=limits.TITLE)
    lesson_count: int | None = Field(None, ge=1, le=MAX_UNIT_LESSONS)
    goal: str | None = Field(None, max_length=limits.UNIT_TEXT)
    criteria_knowledge: str | None = Field(None, max_length=limits.CRITERIA)
    criteria_thinking: str | None = Field(None, max_length=limits.CRITERIA)
    criteria_attitude: str | None = Field(None, max_length=limits.CRITERIA)
    about_material: str | None = Field(None, max_length=limits.UNIT_TEXT)
    about_students: str | None = Field(None, max_length=limits.UNIT_TEXT)
    about_teaching: str | None = Field(None, max_length=limits.UNIT_TEXT)
    visibility: str | None = Field(None, pattern="^(private|shared|template)$")
    lessons: list[UnitLessonIO] = Field(default_factory=list, max_length=MAX_UNIT_LESSONS)


class UnitPlanOut(Schema):
    id: int
    school_class: int | None
    textbook_unit: int | None
    title: str
    owner: str
    lesson_count: int
    goal: str
    criteria_knowledge: str
    criteria_thinking: str
    criteria_attitude: str
    about_material: str
    about_students: str
    about_teaching: str
    visibility: str
    version: int
    last_edited_at: datetime | None
    lessons: list[UnitLessonIO]


class CopyIn(Schema):
    school_class: int


class LessonPlanRef(Schema):
    plan: int
    lesson_number: int


class YearlyIn(Schema):
    """A class's plan (`school_class`), or a whole grade's at a school (`school`, `grade`,
    `academic_year`)."""

    school_class: int | None = None
    school: int | None = None
    grade: str | None = Field(None, max_length=5)
    academic_year: int | None = Field(None, ge=2000, le=2100)


class YearlyRowOut(Schema):
    month: int
    unit: str
    textbook_unit: int | None
    pages: str
    planned_hours: int
    taught_hours: int | None
    grammar: str
    skill_areas: list[str]


class YearlyPlanOut(Schema):
    id: int
    school: int
    school_class: int | None
    grade: str
    academic_year: int
    rows: list[YearlyRowOut]


def unit_out(unit: UnitPlan, user) -> dict:
    shows_class = units.may_see_class(user, unit)
    data = {name: getattr(unit, name) for name in UnitPlan.TEXT_FIELDS}
    data.update(
        id=unit.pk,
        school_class=unit.school_class_id if shows_class else None,
        textbook_unit=unit.textbook_unit_id,
        owner=unit.owner.shown_name,
        lesson_count=unit.lesson_count,
        visibility=unit.visibility,
        version=unit.version,
        last_edited_at=unit.last_edited_at,
        lessons=[
            {"number": row.number, "aim": row.aim, "focus": row.focus} for row in unit.lessons.all()
        ],
    )
    return data


def _check_focus(lessons: list[UnitLessonIO]) -> list[dict]:
    checked = []
    for row in lessons:
        unknown = set(row.focus) - set(Viewpoint.values)
        if unknown:
            raise BadInput("lessons", f"Unknown 観点: {', '.join(sorted(unknown))}.")
        checked.append(row.dict())
    return checked


class UnitListQuery(Schema):
    school_class: ObjectId | None = Field(None, description="Only this class's unit plans.")


@router.get(
    "/units/",
    response={200: list[UnitPlanOut], **refusals(400, 401)},
    summary="List unit plans",
)
def list_units(request: HttpRequest, filters: Query[UnitListQuery]):
    """The unit plans you may read (of your schools' classes, yours, templates). An id
    out of range is a 400 naming `school_class` (common/ids.py), not a 500."""
    school_class = filters.school_class
    found = UnitPlan.objects.visible_to(request.user).select_related("owner", "school_class")
    if school_class is not None:
        found = found.filter(school_class=school_class)
    found = found.prefetch_related("lessons").order_by("-id")[:200]
    return [unit_out(unit, request.user) for unit in found]


@router.post(
    "/units/",
    response={201: UnitPlanOut, **refusals(400, 401, 403, 404), **SAVE_LIMITED},
    summary="Create a unit plan for a class",
)
def create_unit(request: HttpRequest, payload: UnitPlanIn):
    school_class = get_class(request.user, payload.school_class)
    data = payload.dict()
    lessons = _check_focus(payload.lessons)
    data.pop("lessons")
    data["school_class"] = school_class
    unit_id = data.pop("textbook_unit")
    data["textbook_unit"] = TextbookUnit.objects.filter(pk=unit_id).first() if unit_id else None
    if unit_id and data["textbook_unit"] is None:
        raise BadInput("textbook_unit", f"Unknown textbook unit {unit_id}.")
    unit = units.create_unit_plan(request.user, data)
    units.save_unit_plan(unit, lessons)
    return Status(201, unit_out(units.get_unit_plan(request.user, unit.pk), request.user))


@router.get(
    "/units/{int:unit_id}/",
    response={200: UnitPlanOut, **refusals(401, 404)},
    summary="Read a unit plan",
)
def read_unit(request: HttpRequest, unit_id: int):
    return unit_out(units.get_unit_plan(request.user, unit_id), request.user)


@router.patch(
    "/units/{int:unit_id}/",
    response={200: UnitPlanOut, **refusals(400, 401, 403, 404)},
    summary="Change a unit plan",
)
def change_unit(request: HttpRequest, unit_id: int, payload: UnitPlanPatch):
    data = payload.dict(exclude_unset=True)
    action = UnitCan.MANAGE if "visibility" in data else UnitCan.EDIT
    unit = units.get_unit_plan(request.user, unit_id, action)
    lessons = _check_focus(payload.lessons)
    data.pop("lessons", None)
    for name, value in data.items():
        if value is not None:
            setattr(unit, name, value)
    units.save_unit_plan(unit, lessons)
    return unit_out(units.get_unit_plan(request.user, unit.pk), request.user)


@router.post(
    "/units/{int:unit_id}/lessons/{int:number}/plan/",
    response={201: LessonPlanRef, **refusals(401, 403, 404), **SAVE_LIMITED},
    summary="Make (or find) your lesson plan for lesson n of a unit plan",
)
def unit_lesson_plan(request: HttpRequest, unit_id: int, number: int):
    unit = units.get_unit_plan(request.user, unit_id, UnitCan.EDIT)
    plan = units.lesson_plan_for(request.user, unit, number)
    return Status(201, {"plan": plan.pk, "lesson_number": plan.lesson_number})


@router.post(
    "/units/{int:unit_id}/copy/",
    response={201: UnitPlanOut, **refusals(400, 401, 403, 404), **SAVE_LIMITED},
    summary="Copy a unit plan to another class",
)
def copy_unit(request: HttpRequest, unit_id: int, payload: CopyIn):
    unit = units.get_unit_plan(request.user, unit_id)
    school_class = get_class(request.user, payload.school_class)
    copy = units.copy_unit_plan(request.user, unit, school_class)
    return Status(201, unit_out(units.get_unit_plan(request.user, copy.pk), request.user))


def yearly_out(plan: YearlyPlan) -> dict:
    lines = yearly.year_view(plan)
    return {
        "id": plan.pk,
        "school": plan.school_id,
        "school_class": plan.school_class_id,
        "grade": plan.grade.code,
        "academic_year": plan.academic_year,
        "rows": [
            {
                "month": line["row"].month,
                "unit": line["row"].unit_label,
                "textbook_unit": line["row"].textbook_unit_id,
                "pages": line["row"].pages,
                "planned_hours": line["row"].planned_hours,
                "taught_hours": line["taught"],
                "grammar": line["row"].grammar,
                "skill_areas": [skill.code for skill in line["row"].skills.all()],
            }
            for line in lines
        ],
    }


@router.post(
    "/yearly/",
    response={201: YearlyPlanOut, **refusals(400, 401, 404)},
    summary="Open (or start) a class's yearly plan",
)
def open_yearly(request: HttpRequest, payload: YearlyIn):
    if payload.school_class is not None:
        school_class = get_class(request.user, payload.school_class)
        plan, _created = YearlyPlan.objects.get_or_create(
            school_class=school_class,
            academic_year=school_class.academic_year,
            defaults={
                "school": school_class.school,
                "grade": school_class.grade,
                "owner": request.user,
            },
        )
    else:
        plan = _grade_plan(request.user, payload)
    return Status(201, yearly_out(get_yearly_plan(request.user, plan.pk)))


def _grade_plan(user, payload: YearlyIn) -> YearlyPlan:
    """The plan of a whole grade at a school (every class of it counts as taught)."""
    if payload.school is None or payload.grade is None or payload.academic_year is None:
        raise BadInput("school_class", "Give a class, or a school, a grade and a year.")
    school = get_school(user, payload.school)
    grade = Grade.objects.filter(code=payload.grade).first()
    if grade is None:
        raise BadInput("grade", f"Unknown grade “{payload.grade}”.")
    plan, _created = YearlyPlan.objects.get_or_create(
        school=school,
        school_class=None,
        grade=grade,
        academic_year=payload.academic_year,
        defaults={"owner": user},
    )
    return plan


@router.get(
    "/yearly/{int:plan_id}/",
    response={200: YearlyPlanOut, **refusals(401, 404)},
    summary="Read a yearly plan with planned and taught hours",
)
def read_yearly(request: HttpRequest, plan_id: int):
    return yearly_out(get_yearly_plan(request.user, plan_id))
