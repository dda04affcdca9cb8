"""Changing a plan's content: the one place that writes headers and steps.

The builder's views and the JSON API both call these functions, so both get the same row
lock, the same version check, the same limits, the same save rate limit (save_limit.py) and
a revision for every save. Callers check
permissions first (services/access.py) and pass values already validated and resolved to
model values (a Grade, a TextbookUnit, a date, a list of live material ids).
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max

from lessons import limits
from lessons.models import LessonPlan, LessonStep, Phase, RevisionAction

from .conflicts import Conflict, StaleEdit, changes_since, merge
from .revisions import DELETED, header_values, lock_plan, record_revision, step_values
from .save_limit import count_save


class PlanFull(Exception):
    """The plan already has the most steps a plan may have (limits.MAX_STEPS)."""


class StepMissing(Exception):
    """No such step in this plan, and no record of anyone deleting it: a guessed id."""


class OrderMismatch(Exception):
    """A reorder named a different set of steps than the plan has now (someone added or
    deleted a step meanwhile). Carries the current order."""

    def __init__(self, current: list[int]):
        super().__init__("order mismatch")
        self.current = current


def as_json(name: str, value: Any) -> Any:
    """A header or step value in the snapshot's vocabulary (see services/revisions.py)."""
    if name == "grade":
        return value.code if value is not None else None
    if name == "textbook_unit":
        return value.pk if value is not None else None
    if isinstance(value, date):
        return value.isoformat()
    if name == "materials":
        return sorted(value or [])
    return value


def _mine_as_json(values: dict[str, Any]) -> dict[str, Any]:
    return {name: as_json(name, value) for name, value in values.items()}


# --- Plans -------------------------------------------------------------------------------


def create_plan(user, values: dict[str, Any], *, based_on: LessonPlan | None = None) -> LessonPlan:
    count_save(user)
    with transaction.atomic():
        plan = LessonPlan(owner=user, based_on=based_on, **values)
        plan.save()
        plan = lock_plan(plan.pk)
        record_revision(plan, user, RevisionAction.CREATED, always=True)
    return plan


def update_header(plan_id: int, user, values: dict[str, Any], loaded_version: int) -> LessonPlan:
    """Save header fields (all of them from the form, some of them from an API PATCH)."""
    count_save(user)
    with transaction.atomic():
        plan = lock_plan(plan_id)
        if plan.version != loaded_version:
            theirs = changes_since(plan, "plan", None, loaded_version)
            merged, clashes = merge(
                tuple(values), _mine_as_json(values), header_values(plan), theirs
            )
            raise StaleEdit(Conflict("plan", plan, plan.version, theirs, merged, clashes))
        changed = [name for name, value in values.items() if getattr(plan, name) != value]
        if not changed:
            return plan
        for name in changed:
            setattr(plan, name, values[name])
        plan.version += 1
        plan.save()
        record_revision(plan, user, RevisionAction.HEADER)
    return plan


# --- Steps -------------------------------------------------------------------------------


def add_step(
    plan_id: int,
    user,
    values: dict[str, Any],
    material_ids: list[int] | None = None,
    *,
    where_it_fits: bool = False,
) -> LessonStep:
    """Append a step at the end of the plan — or, `where_it_fits`, before the closing
    reflection (振り返り・まとめ) steps, where a new activity belongs ("Add to a lesson plan")."""
    count_save(user)
    with transaction.atomic():
        plan = lock_plan(plan_id)
        steps = LessonStep.objects.filter(plan=plan)
        if steps.count() >= limits.MAX_STEPS:
            raise PlanFull
        last = steps.aggregate(last=Max("position"))["last"]
        position = 0 if last is None else last + 1
        if where_it_fits and values.get("phase") != Phase.REFLECTION:
            position = _before_closing(plan, position)
        step = LessonStep.objects.create(plan=plan, position=position, **values)
        if material_ids:
            step.materials.set(material_ids)
        record_revision(plan, user, RevisionAction.STEP_ADDED)
    step.plan = plan
    return step


def _before_closing(plan: LessonPlan, end: int) -> int:
    """The position of the first of the plan's closing reflection steps (the last run of
    them), moving them one place down; `end` when the plan does not end on reflection."""
    ordered = list(LessonStep.objects.filter(plan=plan).order_by("position", "id"))
    closing = []
    for step in reversed(ordered):
        if step.phase != Phase.REFLECTION:
            break
        closing.insert(0, step)
    if not closing:
        return end
    # Renumber everything in order first: positions need not be consecutive.
    for index, step in enumerate(ordered):
        step.position = index + (1 if step in closing else 0)
    LessonStep.objects.bulk_update(ordered, ["position"])
    return len(ordered) - len(closing)


def update_step(
    plan_id: int,
    step_id: int,
    user,
    values: dict[str, Any],
    material_ids: list[int] | None,
    loaded_version: int,
) -> LessonStep:
    """Save a step's fields (and its materials, unless `material_ids` is None)."""
    count_save(user)
    mine = dict(values)
    if material_ids is not None:
        mine["materials"] = material_ids
    with transaction.atomic():
        plan = lock_plan(plan_id)
        step = LessonStep.objects.filter(plan=plan, pk=step_id).first()
        if step is None:
            raise _deleted_conflict(plan, step_id, loaded_version, mine)
        current_materials = sorted(step.materials.values_list("pk", flat=True))
        if step.version != loaded_version:
            theirs = changes_since(plan, "step", step.pk, loaded_version)
            merged, clashes = merge(
                tuple(mine),
                _mine_as_json(mine),
                step_values(step, current_materials),
                theirs,
            )
            raise StaleEdit(Conflict("step", step, step.version, theirs, merged, clashes))
        changed = [name for name, value in values.items() if getattr(step, name) != value]
        materials_changed = material_ids is not None and sorted(material_ids) != current_materials
        if not changed and not materials_changed:
            step.plan = plan
            return step
        for name in changed:
            setattr(step, name, values[name])
        step.version += 1
        step.save()
        if materials_changed:
            step.materials.set(material_ids)
        record_revision(plan, user, RevisionAction.STEP_EDITED)
    step.plan = plan
    return step


def delete_step(plan_id: int, step_id: int, user, loaded_version: int | None = None) -> None:
    """Delete a step. With `loaded_version`, refuse if someone changed it since: they may
    have just written the ALT's part into the step you meant to throw away."""
    count_save(user)
    with transaction.atomic():
        plan = lock_plan(plan_id)
        step = LessonStep.objects.filter(plan=plan, pk=step_id).first()
        if step is None:
            raise _deleted_conflict(plan, step_id, loaded_version or 0, {})
        if loaded_version is not None and step.version != loaded_version:
            theirs = changes_since(plan, "step", step.pk, loaded_version)
            raise StaleEdit(Conflict("step", step, step.version, theirs))
        step.delete()
        record_revision(plan, user, RevisionAction.STEP_DELETED)


def _deleted_conflict(plan, step_id, loaded_version, mine) -> Exception:
    theirs = changes_since(plan, "step", step_id, loaded_version)
    deletions = [change for change in theirs if change.field == DELETED]
    if not deletions:
        return StepMissing()
    edits = [change for change in theirs if change.field != DELETED]
    return StaleEdit(Conflict("step", None, None, edits, _mine_as_json(mine), set(), deletions[-1]))


def current_order(plan: LessonPlan) -> list[int]:
    return list(LessonStep.objects.filter(plan=plan).values_list("pk", flat=True))


def move_step(plan_id: int, step_id: int, user, direction: int) -> list[int]:
    """Move a step one place up (-1) or down (+1) from where it is now: the keyboard
    reorder. Relative to the current order, so it never conflicts."""
    count_save(user)
    with transaction.atomic():
        plan = lock_plan(plan_id)
        order = current_order(plan)
        if step_id not in order:
            raise StepMissing
        index = order.index(step_id)
        target = index + direction
        if 0 <= target < len(order):
            order[index], order[target] = order[target], order[index]
            _save_order(plan, order)
            record_revision(plan, user, RevisionAction.REORDERED)
    return order


def reorder_steps(plan_id: int, user, order: list[int]) -> list[int]:
    """Put the steps in the given order (drag and drop, or the API). The list must name
    exactly the plan's current steps."""
    count_save(user)
    with transaction.atomic():
        plan = lock_plan(plan_id)
        current = current_order(plan)
        if len(order) != len(set(order)) or set(order) != set(current):
            raise OrderMismatch(current)
        if order != current:
            _save_order(plan, order)
            record_revision(plan, user, RevisionAction.REORDERED)
    return order


def _save_order(plan: LessonPlan, order: list[int]) -> None:
    steps = {step.pk: step for step in LessonStep.objects.filter(plan=plan)}
    for position, pk in enumerate(order):
        steps[pk].position = position
    LessonStep.objects.bulk_update(steps.values(), ["position"])
