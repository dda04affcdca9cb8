"""A class's lessons on its timetable: schedule a unit, bump when a lesson is lost, and
"where did this class stop".

A lesson's place in time is its plan's `taught_on` and `period` (LessonPlan): there is no
second copy of the schedule to keep in step. Moving lessons is a change to each plan, so
it goes through the same row lock, version number and revision as any other save of the
plan (lessons/services/revisions.py), in one transaction for the whole move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lessons.models import LessonPlan, RevisionAction
from lessons.services.revisions import record_revision
from schools.models.timetable import weekly_pattern
from schools.slots import Slot, shifted_by_one

from .access import require_editable


@dataclass(frozen=True)
class Moved:
    plan_id: int
    before: Slot | None
    after: Slot


def _slot(plan: LessonPlan) -> Slot | None:
    if plan.taught_on is None or plan.period is None:
        return None
    return Slot(plan.taught_on, plan.period)


def _move(plans_and_slots: list[tuple[LessonPlan, Slot]], user) -> list[Moved]:
    """Write the new dates (the plans are locked by the caller), one revision each."""
    moved = []
    now = timezone.now()
    for plan, slot in plans_and_slots:
        before = _slot(plan)
        if before == slot:
            continue
        plan.taught_on, plan.period = slot.day, slot.period
        plan.version += 1
        plan.last_edited_at, plan.last_edited_by = now, user
        plan.save(
            update_fields=["taught_on", "period", "version", "last_edited_at", "last_edited_by"]
        )
        record_revision(plan, user, RevisionAction.HEADER)
        moved.append(Moved(plan.pk, before, slot))
    return moved


def _locked(queryset):
    return list(
        queryset.select_for_update(of=("self",))
        .select_related("unit_plan")
        .order_by("taught_on", "period", "id")
    )


def scheduled_lessons(school_class):
    """The class's lessons that have a date and a period, in time order."""
    return LessonPlan.objects.filter(
        school_class=school_class, taught_on__isnull=False, period__isnull=False
    )


def bump(user, lost: LessonPlan) -> list[Moved]:
    """The lesson `lost` could not be taught (a typhoon, a school event): it and every
    later lesson of its class move to the class's next timetable slot, in order, gaps
    kept. NoTimetable when the class has no periods; NotAllowed when the user cannot edit
    one of the plans that would move."""
    school_class = lost.school_class
    if _slot(lost) is None:
        raise ValueError("Only a lesson with a date and a period can be bumped.")
    with transaction.atomic():
        later = _locked(
            scheduled_lessons(school_class).filter(
                Q(taught_on__gt=lost.taught_on)
                | Q(taught_on=lost.taught_on, period__gte=lost.period)
            )
        )
        require_editable(user, later)
        pattern = weekly_pattern(school_class)
        targets = shifted_by_one(pattern, [_slot(plan) for plan in later])
        return _move(list(zip(later, targets, strict=True)), user)


def _fill_missing(user, unit_plan) -> None:
    """Lessons of the unit nobody has a plan for get one ("Add lesson plan n", made by
    lessons/services/unitplans.py), when the user may change the unit plan."""
    from lessons.services.unitplans import lesson_plan_for, may_edit

    if not may_edit(user, unit_plan):
        return
    have = set(
        LessonPlan.objects.filter(unit_plan=unit_plan).values_list("lesson_number", flat=True)
    )
    for number in range(1, unit_plan.lesson_count + 1):
        if number not in have:
            lesson_plan_for(user, unit_plan, number)


def schedule_unit(user, unit_plan, start: date) -> list[Moved]:
    """Put the unit's lesson plans, lesson 1 first, on the class's free timetable slots
    from `start` (that day included). Slots another lesson of the class already holds are
    skipped; lessons of this unit scheduled before are moved. Lessons without a plan yet
    get one first (when the user may change the unit plan)."""
    school_class = unit_plan.school_class
    with transaction.atomic():
        _fill_missing(user, unit_plan)
        lessons = list(
            LessonPlan.objects.select_for_update(of=("self",))
            .filter(unit_plan=unit_plan)
            .order_by("lesson_number", "id")
        )
        require_editable(user, lessons)
        taken = {
            _slot(plan) for plan in scheduled_lessons(school_class).exclude(unit_plan=unit_plan)
        }
        pattern = weekly_pattern(school_class)
        free: list[Slot] = []
        current = Slot(start, 0)
        while len(free) < len(lessons):
            current = pattern.next_after(current)
            if current not in taken:
                free.append(current)
        return _move(list(zip(lessons, free, strict=True)), user)


@dataclass(frozen=True)
class Stop:
    """Where a class stopped: its last taught lesson, and what it was in its unit."""

    plan: LessonPlan
    unit_title: str
    number: int | None
    count: int | None


def where_stopped(school_class, today: date | None = None) -> Stop | None:
    """The class's last lesson taught (a date before today, or today), or None."""
    today = today or timezone.localdate()
    plan = (
        LessonPlan.objects.filter(school_class=school_class, taught_on__lte=today)
        .select_related("unit_plan", "textbook_unit")
        .order_by("-taught_on", "-period", "-id")
        .first()
    )
    if plan is None:
        return None
    unit = plan.unit_plan
    return Stop(
        plan=plan,
        unit_title=unit.title if unit else "",
        number=plan.lesson_number,
        count=unit.lesson_count if unit else None,
    )
