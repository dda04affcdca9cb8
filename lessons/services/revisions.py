"""Revisions: a snapshot of the whole plan after every save, and what changed since the last.

"What changed" is worked out by comparing snapshots, the same way for every kind of save
(header, step, reorder, restore), so the history page, the diff between two revisions and
the conflict message all speak about changes in one vocabulary: entries of
{"target": "plan"|"step"|"order", "step": id|None, "version": n|None, "field", "old", "new"}.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from lessons.models import LessonPlan, LessonStep, PlanRevision, RevisionAction
from lessons.services.materials import linkable_materials
from library.models import Grade, TextbookUnit

ADDED = "__added__"
DELETED = "__deleted__"
ORDER = "order"


# --- Snapshots ------------------------------------------------------------------------


def header_values(plan: LessonPlan) -> dict[str, Any]:
    """The header as JSON: grade by code (readable, stable), unit by id plus its label
    (kept for display should the unit ever be deleted)."""
    values: dict[str, Any] = {}
    for name in LessonPlan.HEADER_FIELDS:
        if name == "grade":
            values["grade"] = plan.grade.code if plan.grade_id else None
        elif name == "textbook_unit":
            values["textbook_unit"] = plan.textbook_unit_id
        elif name == "taught_on":
            values["taught_on"] = plan.taught_on.isoformat() if plan.taught_on else None
        else:
            values[name] = getattr(plan, name)
    return values


def step_values(step: LessonStep, material_ids: Iterable[int]) -> dict[str, Any]:
    values: dict[str, Any] = {"id": step.pk, "version": step.version}
    for name in LessonStep.CONTENT_FIELDS:
        values[name] = getattr(step, name)
    values["materials"] = sorted(material_ids)
    return values


def take_snapshot(plan: LessonPlan) -> dict[str, Any]:
    """The plan as it is in the database now. Two queries, whatever its size."""
    steps = list(LessonStep.objects.filter(plan=plan).order_by("position", "id"))
    links: dict[int, list[int]] = {}
    through = LessonStep.materials.through.objects.filter(lessonstep__plan=plan)
    for step_id, page_id in through.values_list("lessonstep_id", "librarypage_id"):
        links.setdefault(step_id, []).append(page_id)
    return {
        "plan": {**header_values(plan), "version": plan.version},
        "steps": [step_values(step, links.get(step.pk, ())) for step in steps],
    }


# --- Comparing snapshots ---------------------------------------------------------------


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """Every difference between two snapshots, header first, then steps in `after`'s
    order, then deleted steps, then a change of order if the surviving steps moved.

    Step entries also carry the step's number, title and phase as they stand (`number`,
    `name`, `phase`), so a history list can name them without loading snapshots."""
    entries: list[dict[str, Any]] = []
    old_plan = before.get("plan", {})
    new_plan = after.get("plan", {})
    for name in LessonPlan.HEADER_FIELDS:
        if _blank(old_plan.get(name)) != _blank(new_plan.get(name)):
            entries.append(
                {
                    "target": "plan",
                    "step": None,
                    "version": new_plan.get("version"),
                    "field": name,
                    "old": old_plan.get(name),
                    "new": new_plan.get(name),
                }
            )
    old_steps = {step["id"]: step for step in before.get("steps", [])}
    new_steps = {step["id"]: step for step in after.get("steps", [])}
    for number, step in enumerate(after.get("steps", []), start=1):
        old = old_steps.get(step["id"])
        if old is None:
            entries.append(_step_entry(step, number, ADDED, None, step))
            continue
        for name in (*LessonStep.CONTENT_FIELDS, "materials"):
            if _blank(old.get(name)) != _blank(step.get(name)):
                entries.append(_step_entry(step, number, name, old.get(name), step.get(name)))
    for number, step in enumerate(before.get("steps", []), start=1):
        if step["id"] not in new_steps:
            entries.append(_step_entry(step, number, DELETED, step, None, version=None))
    old_order = [s["id"] for s in before.get("steps", []) if s["id"] in new_steps]
    new_order = [s["id"] for s in after.get("steps", []) if s["id"] in old_steps]
    if old_order != new_order:
        entries.append(
            {
                "target": ORDER,
                "step": None,
                "version": None,
                "field": ORDER,
                "old": old_order,
                "new": new_order,
                "names": [
                    [new_steps[pk].get("title", ""), new_steps[pk].get("phase", "")]
                    for pk in new_order
                ],
            }
        )
    return entries


def _blank(value: Any) -> Any:
    """An empty text, list or missing value are the same "nothing" in a comparison."""
    return None if value in ("", None, []) else value


def _step_entry(step, number, field, old, new, version: int | None = -1) -> dict[str, Any]:
    return {
        "target": "step",
        "step": step["id"],
        "version": step.get("version") if version == -1 else version,
        "field": field,
        "old": old,
        "new": new,
        "number": number,
        "name": step.get("title", ""),
        "phase": step.get("phase", ""),
    }


# --- Recording -------------------------------------------------------------------------


def lock_plan(plan_id: int) -> LessonPlan:
    """Take the plan's row lock for the rest of the transaction: saves to one plan queue up
    (revision numbers stay unique, version checks cannot race). SQLite's IMMEDIATE
    transactions (settings) already serialise writers; PostgreSQL needs the row lock."""
    return LessonPlan.objects.select_for_update(of=("self",)).for_header().get(pk=plan_id)


def latest_revision(plan: LessonPlan) -> PlanRevision | None:
    return PlanRevision.objects.filter(plan=plan).order_by("-number").first()


def record_revision(
    plan: LessonPlan,
    user,
    action: str,
    *,
    restored_from: int | None = None,
    always: bool = False,
) -> PlanRevision | None:
    """Snapshot the plan, compare it with the previous revision and store what changed.

    Must run inside the transaction that made the change, after `lock_plan`. A save that
    changed nothing records nothing (unless `always`: creating or restoring a plan is an
    event worth listing even when the content is identical)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_revision must run inside the saving transaction")
    previous = latest_revision(plan)
    snapshot = take_snapshot(plan)
    changes = compare(previous.snapshot if previous else {}, snapshot)
    if not changes and not always:
        return None
    now = timezone.now()
    revision = PlanRevision.objects.create(
        plan=plan,
        number=(previous.number + 1) if previous else 1,
        author=user,
        action=action,
        changes=changes,
        snapshot=snapshot,
        restored_from=restored_from,
    )
    LessonPlan.objects.filter(pk=plan.pk).update(last_edited_by=user, last_edited_at=now)
    plan.last_edited_by = user
    plan.last_edited_at = now
    return revision


# --- Restoring -------------------------------------------------------------------------


def restore_revision(plan_id: int, number: int, user) -> PlanRevision:
    """Put the plan back as it was at revision `number`, as a new revision.

    Steps that still exist are updated in place (their versions go up, so anyone editing
    them is told); steps deleted since are re-created; steps added since are removed.
    Materials no longer published, grades and units no longer in the library are left out.
    """
    with transaction.atomic():
        plan = lock_plan(plan_id)
        revision = PlanRevision.objects.get(plan=plan, number=number)
        _apply_header(plan, revision.snapshot.get("plan", {}))
        _apply_steps(plan, revision.snapshot.get("steps", []))
        return record_revision(
            plan, user, RevisionAction.RESTORED, restored_from=number, always=True
        )


def _apply_header(plan: LessonPlan, values: dict[str, Any]) -> None:
    changed = False
    for name in LessonPlan.HEADER_FIELDS:
        if name not in values:
            continue
        value = values[name]
        if name == "grade":
            current = plan.grade.code if plan.grade_id else None
            if value != current:
                plan.grade = Grade.objects.filter(code=value).first() if value else None
                changed = True
        elif name == "textbook_unit":
            if value != plan.textbook_unit_id:
                plan.textbook_unit = (
                    TextbookUnit.objects.filter(pk=value).first() if value else None
                )
                changed = True
        elif name == "taught_on":
            parsed = date.fromisoformat(value) if value else None
            if parsed != plan.taught_on:
                plan.taught_on = parsed
                changed = True
        elif getattr(plan, name) != value:
            setattr(plan, name, value)
            changed = True
    if changed:
        plan.version += 1
        plan.save()


def _apply_steps(plan: LessonPlan, snapshot_steps: list[dict[str, Any]]) -> None:
    current = {step.pk: step for step in LessonStep.objects.filter(plan=plan)}
    wanted_ids = {step["id"] for step in snapshot_steps}
    LessonStep.objects.filter(plan=plan).exclude(pk__in=wanted_ids).delete()
    material_ids = {pk for step in snapshot_steps for pk in step.get("materials", [])}
    live = set(linkable_materials().filter(pk__in=material_ids).values_list("pk", flat=True))
    for position, values in enumerate(snapshot_steps):
        step = current.get(values["id"])
        fields = {name: values[name] for name in LessonStep.CONTENT_FIELDS if name in values}
        materials = [pk for pk in values.get("materials", []) if pk in live]
        if step is None:
            step = LessonStep.objects.create(plan=plan, position=position, **fields)
            step.materials.set(materials)
            continue
        differs = any(getattr(step, name) != value for name, value in fields.items())
        old_materials = set(step.materials.values_list("pk", flat=True))
        if differs or old_materials != set(materials):
            for name, value in fields.items():
                setattr(step, name, value)
            step.version += 1
            step.materials.set(materials)
        step.position = position
        step.save()
