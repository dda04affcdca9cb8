"""Revisions: a snapshot of the whole plan after every save, and what changed since the last.

Stored compactly (lessons/models/revisions.py): a keyframe or a delta, and a teacher's
quick successive saves of the same thing coalesced into one revision.

"What changed" is worked out by comparing snapshots, the same way for every kind of save
(header, step, reorder, restore), so the history page, the diff between two revisions and
the conflict message all speak about changes in one vocabulary: entries of
{"target": "plan"|"step"|"order", "step": id|None, "version": n|None, "field", "old", "new"}.
"""

import logging
from collections.abc import Iterable
from datetime import date
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lessons.models import LessonPlan, LessonStep, PlanRevision, RevisionAction
from lessons.models.revisions import KEYFRAME_EVERY
from lessons.revisions import changelog
from lessons.revisions.codec import make_delta, pack
from lessons.services.materials import linkable_materials
from library.models import Grade, TextbookUnit

from .save_limit import count_save

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
    old_steps = {step["id"]: step for step in before.get("steps", [])}
    new_steps = {step["id"]: step for step in after.get("steps", [])}
    return [
        *_header_entries(before.get("plan", {}), after.get("plan", {})),
        *_step_entries(after.get("steps", []), old_steps),
        *(
            _step_entry(step, number, DELETED, step, None, version=None)
            for number, step in enumerate(before.get("steps", []), start=1)
            if step["id"] not in new_steps
        ),
        *_order_entries(before, after, old_steps, new_steps),
    ]


def _header_entries(old_plan: dict[str, Any], new_plan: dict[str, Any]) -> list[dict]:
    return [
        {
            "target": "plan",
            "step": None,
            "version": new_plan.get("version"),
            "field": name,
            "old": old_plan.get(name),
            "new": new_plan.get(name),
        }
        for name in LessonPlan.HEADER_FIELDS
        if _blank(old_plan.get(name)) != _blank(new_plan.get(name))
    ]


def _step_entries(steps: list[dict], old_steps: dict[Any, dict]) -> list[dict]:
    """Added steps, and each changed field of a step that was there before."""
    entries = []
    for number, step in enumerate(steps, start=1):
        old = old_steps.get(step["id"])
        if old is None:
            entries.append(_step_entry(step, number, ADDED, None, step))
            continue
        for name in (*LessonStep.CONTENT_FIELDS, "materials"):
            if _blank(old.get(name)) != _blank(step.get(name)):
                entries.append(_step_entry(step, number, name, old.get(name), step.get(name)))
    return entries


def _order_entries(before, after, old_steps: dict, new_steps: dict) -> list[dict]:
    """One entry when the steps both snapshots have are in another order."""
    old_order = [s["id"] for s in before.get("steps", []) if s["id"] in new_steps]
    new_order = [s["id"] for s in after.get("steps", []) if s["id"] in old_steps]
    if old_order == new_order:
        return []
    names = [[new_steps[pk].get("title", ""), new_steps[pk].get("phase", "")] for pk in new_order]
    return [
        {
            "target": ORDER,
            "step": None,
            "version": None,
            "field": ORDER,
            "old": old_order,
            "new": new_order,
            "names": names,
        }
    ]


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

# Saves of one kind to the same thing (the header, one step, the order) by the same person
# within this many seconds of a revision's first save join that revision.
COALESCE_SECONDS = 300
COALESCING = {RevisionAction.HEADER, RevisionAction.STEP_EDITED, RevisionAction.REORDERED}
# After every this many new revisions of a plan, its old ones are thinned in the background.
PRUNE_EVERY = 50

logger = logging.getLogger("kyozai.lessons")


def lock_plan(plan_id: int) -> LessonPlan:
    """Take the plan's row lock for the rest of the transaction: saves to one plan queue up
    (revision numbers stay unique, version checks cannot race). SQLite's IMMEDIATE
    transactions (settings) already serialise writers; PostgreSQL needs the row lock."""
    return LessonPlan.objects.select_for_update(of=("self",)).for_header().get(pk=plan_id)


def latest_revision(plan: LessonPlan) -> PlanRevision | None:
    return PlanRevision.objects.filter(plan=plan).without_content().order_by("-number").first()


def record_revision(
    plan: LessonPlan,
    user,
    action: str,
    *,
    restored_from: int | None = None,
    always: bool = False,
) -> PlanRevision | None:
    """Snapshot the plan, compare it with the previous revision and store what changed:
    in the previous revision when it is the same person's save of the same thing a few
    minutes ago (`_coalesces`), else as a new revision.

    Must run inside the transaction that made the change, after `lock_plan`. A save that
    changed nothing records nothing (unless `always`: creating or restoring a plan is an
    event worth listing even when the content is identical)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_revision must run inside the saving transaction")
    previous = latest_revision(plan)
    # From the last keyframe to the previous revision: its snapshot, the one before it
    # (coalescing rewrites its delta against that) and how long the chain is.
    chain = PlanRevision.objects.chain(plan.pk, previous.number) if previous else []
    snapshot = take_snapshot(plan)
    changes = compare(chain[-1][1] if chain else {}, snapshot)
    if not changes and not always:
        return None
    now = timezone.now()
    if not always and _coalesces(previous, user, action, changes, now):
        revision = _coalesce(previous, chain, snapshot, changes, now)
    else:
        revision = _append(plan, previous, chain, snapshot, changes, user, action, now)
        revision.restored_from = restored_from
        if restored_from is not None:
            revision.save(update_fields=["restored_from"])
    LessonPlan.objects.filter(pk=plan.pk).update(last_edited_by=user, last_edited_at=now)
    plan.last_edited_by = user
    plan.last_edited_at = now
    return revision


def _targets(changes: list[dict[str, Any]]) -> set[tuple]:
    return {(entry.get("target"), entry.get("step")) for entry in changes}


def _coalesces(previous, user, action, changes, now) -> bool:
    """Whether this save joins the previous revision: the same person, the same kind of
    edit to the same thing (header, one step, the order), within COALESCE_SECONDS of the
    revision's first save, and the revision has no name (a named version stays as named)."""
    window = getattr(settings, "KYOZAI_REVISION_COALESCE_SECONDS", COALESCE_SECONDS)
    return bool(
        previous is not None
        and window > 0
        and user is not None
        and previous.author_id == user.pk
        and not previous.name
        and action in COALESCING
        and previous.action == action
        and (now - previous.created_at).total_seconds() < window
        and _targets(previous.changes) == _targets(changes)
    )


def _coalesce(previous, chain, snapshot, changes, now) -> PlanRevision:
    if previous.keyframe:
        previous.body = pack(snapshot)
    else:
        previous.body = pack(make_delta(chain[-2][1], snapshot))
    previous.changes = changelog.merge(previous.changes, changes)
    previous.__dict__["_snapshot"] = snapshot
    previous.updated_at = now
    previous.saves += 1
    previous.save(update_fields=["body", "changes_data", "updated_at", "saves"])
    return previous


def _append(plan, previous, chain, snapshot, changes, user, action, now) -> PlanRevision:
    keyframe = previous is None or len(chain) >= KEYFRAME_EVERY  # chain: keyframe + deltas
    body = pack(snapshot) if keyframe else pack(make_delta(chain[-1][1], snapshot))
    number = (previous.number + 1) if previous else 1
    revision = PlanRevision.objects.create(
        plan=plan,
        number=number,
        author=user,
        action=action,
        changes=changes,
        body=body,
        keyframe=keyframe,
        updated_at=now,
    )
    revision.__dict__["_snapshot"] = snapshot
    if number % PRUNE_EVERY == 0:
        transaction.on_commit(partial(_prune_later, plan.pk))
    return revision


def _prune_later(plan_id: int) -> None:
    """Queue the plan's pruning (lessons/tasks.py). A queue that cannot be reached costs
    the pruning, never the save: the nightly command catches up."""
    from lessons.tasks import prune_plan_revisions

    try:
        prune_plan_revisions.enqueue(plan_id)
    except Exception:
        logger.exception("Could not queue the pruning of plan %s's revisions", plan_id)


# --- Restoring -------------------------------------------------------------------------


def restore_revision(plan_id: int, number: int, user) -> PlanRevision:
    """Put the plan back as it was at revision `number`, as a new revision.

    Steps that still exist are updated in place (their versions go up, so anyone editing
    them is told); steps deleted since are re-created; steps added since are removed.
    Materials no longer published, grades and units no longer in the library are left out.
    """
    count_save(user)
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
