"""Unit plans (単元指導計画): who may do what, creating one for a class, its table of
lessons, a lesson plan for lesson n, copying it to another class, publishing it.

Reading: the class's school members, the owner, and (for templates) every signed-in
teacher. Editing: the owner and the class's teachers (its JTE/HRT and ALTs). Publishing,
deleting: the owner. Anyone else: 404, whatever id they try. A lesson plan made from a unit
plan keeps the lesson plans' own rules (lessons/services/access.py): the class and unit
plan never widen who sees a plan.
"""

from enum import StrEnum

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lessons import limits
from lessons.models import LessonPlan, UnitLesson, UnitPlan, Visibility, default_lesson_minutes
from lessons.services.access import NotAllowed, require_planner
from lessons.services.copying import duplicate_plan
from lessons.services.editing import create_plan
from schools.models import SchoolClass, is_school_editor


class UnitCan(StrEnum):
    READ = "read"
    EDIT = "edit"
    MANAGE = "manage"  # publish, delete


REFUSALS = {
    UnitCan.EDIT: gettext_lazy("Only the unit plan's owner and the class's teachers change it."),
    UnitCan.MANAGE: gettext_lazy("Only the owner publishes or deletes a unit plan."),
}


def _id(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        raise NotAllowed.not_found() from None


def get_unit_plan(user, unit_id, action: UnitCan = UnitCan.READ) -> UnitPlan:
    """The unit plan if the user may do `action`; NotAllowed(hidden) if they may not see it,
    NotAllowed (403) if they see it but may not do this."""
    if not getattr(user, "is_authenticated", False):
        raise NotAllowed.not_found()
    queryset = UnitPlan.objects.visible_to(user).select_related(
        "school_class__school", "school_class__grade", "textbook_unit__series", "owner"
    )
    unit = queryset.filter(pk=_id(unit_id)).first()
    if unit is None:
        raise NotAllowed.not_found()
    if action == UnitCan.READ:
        return unit
    if action == UnitCan.EDIT and may_edit(user, unit):
        return unit
    if action == UnitCan.MANAGE and unit.owner_id == user.pk:
        return unit
    raise NotAllowed(REFUSALS[action])


def may_edit(user, unit: UnitPlan) -> bool:
    if unit.owner_id == user.pk:
        return True
    if unit.school_class_id is None:
        return False
    return unit.school_class.class_teachers.filter(user=user).exists()


def may_see_class(user, unit: UnitPlan) -> bool:
    """A published template's class and school are shown to that school's members only."""
    if unit.school_class_id is None:
        return False
    if is_school_editor(user) or unit.owner_id == user.pk:
        return True
    return unit.school_class.school.memberships.filter(user=user).exists()


def with_lessons(unit: UnitPlan, count: int | None = None) -> None:
    """Rows 1..lesson_count exist (new rows empty; rows past the count removed)."""
    count = count or unit.lesson_count
    unit.lessons.filter(number__gt=count).delete()
    have = set(unit.lessons.values_list("number", flat=True))
    UnitLesson.objects.bulk_create(
        [UnitLesson(unit_plan=unit, number=n) for n in range(1, count + 1) if n not in have]
    )


def create_unit_plan(user, values: dict) -> UnitPlan:
    require_planner(user)
    with transaction.atomic():
        unit = UnitPlan.objects.create(owner=user, last_edited_at=timezone.now(), **values)
        with_lessons(unit)
    return unit


def save_unit_plan(unit: UnitPlan, lessons: list[dict]) -> UnitPlan:
    """The header as set on `unit`, and the lessons' aims and 観点 by number."""
    with transaction.atomic():
        unit.version += 1
        unit.last_edited_at = timezone.now()
        unit.save()
        with_lessons(unit)
        rows = {row.number: row for row in unit.lessons.all()}
        changed = []
        for entry in lessons:
            row = rows.get(entry["number"])
            if row is None:
                continue
            row.aim = entry.get("aim", row.aim)
            row.focus = entry.get("focus", row.focus)
            changed.append(row)
        UnitLesson.objects.bulk_update(changed, ["aim", "evaluation_focus"])
    return unit


def lesson_plan_for(user, unit: UnitPlan, number: int) -> LessonPlan:
    """Lesson plan n of the unit: the user's own if they made one already, else a new one
    with the class, unit, grade and lesson number filled in (本時: lesson n of N)."""
    require_planner(user)
    if not 1 <= number <= unit.lesson_count:
        raise NotAllowed(_("That lesson is not in the unit plan."))
    existing = LessonPlan.objects.filter(unit_plan=unit, lesson_number=number, owner=user)
    if existing.exists():
        return existing.order_by("id").first()
    school_class = unit.school_class
    grade = school_class.grade if school_class else None
    aim = unit.lessons.filter(number=number).values_list("aim", flat=True).first() or ""
    title = f"{unit.title} ({number}/{unit.lesson_count})"[: limits.TITLE]
    values = {
        "title": title,
        "grade": grade,
        "class_name": school_class.name if school_class else "",
        "textbook_unit": unit.textbook_unit,
        "length_minutes": default_lesson_minutes(grade),
        "goal": aim[: limits.GOAL],
        "school_class": school_class,
        "unit_plan": unit,
        "lesson_number": number,
    }
    return create_plan(user, values)


def copy_unit_plan(user, unit: UnitPlan, school_class: SchoolClass) -> UnitPlan:
    """The unit plan for another class: its text and lesson aims, and the lesson plans of
    it the user may read, copied with their dates and periods cleared."""
    from lessons.services.access import access_for

    require_planner(user)
    with transaction.atomic():
        values = {name: getattr(unit, name) for name in UnitPlan.TEXT_FIELDS}
        copy = UnitPlan.objects.create(
            owner=user,
            school_class=school_class,
            textbook_unit=unit.textbook_unit,
            lesson_count=unit.lesson_count,
            based_on=unit,
            last_edited_at=timezone.now(),
            **values,
        )
        UnitLesson.objects.bulk_create(
            [
                UnitLesson(
                    unit_plan=copy,
                    number=row.number,
                    aim=row.aim,
                    evaluation_focus=row.evaluation_focus,
                )
                for row in unit.lessons.all()
            ]
        )
        with_lessons(copy)
        plans = LessonPlan.objects.filter(unit_plan=unit).order_by("lesson_number", "id")
        for plan in plans:
            if access_for(user, plan) is None:
                continue
            new = duplicate_plan(plan, user, title=plan.title)
            LessonPlan.objects.filter(pk=new.pk).update(
                unit_plan=copy,
                school_class=school_class,
                lesson_number=plan.lesson_number,
                class_name=school_class.name,
                grade=school_class.grade,
                taught_on=None,
                period=None,
            )
    return copy


def set_visibility(unit: UnitPlan, visibility: str) -> None:
    if visibility not in Visibility.values:
        raise NotAllowed(_("Unknown visibility."))
    UnitPlan.objects.filter(pk=unit.pk).update(visibility=visibility)
