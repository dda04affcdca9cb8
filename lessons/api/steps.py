"""Steps of a plan: list, add, read, change (with the version loaded), delete, reorder."""

from django.http import Http404, HttpRequest
from ninja import Router, Status

from common.api_errors import bad_input_body, refusals
from lessons import limits
from lessons.services.access import Can
from lessons.services.conflicts import StaleEdit
from lessons.services.editing import (
    OrderMismatch,
    PlanFull,
    StepMissing,
    add_step,
    delete_step,
    reorder_steps,
    update_step,
)
from lessons.services.materials import UnknownMaterials, live_material_ids
from lessons.services.reading import load_steps

from . import serialize
from .loading import load_plan
from .save_limit import SAVE_LIMITED
from .schemas import (
    OrderConflictOut,
    OrderOut,
    ReorderIn,
    StepConflictOut,
    StepIn,
    StepOut,
    StepPatch,
)

router = Router()


def _editable(request, plan_id):
    return load_plan(request, plan_id, Can.EDIT)


def _one_step(request, plan, step_id) -> dict:
    for number, step in enumerate(load_steps(plan), start=1):
        if step.pk == step_id:
            return serialize.step(step, number, request)
    raise Http404


def _materials(ids):
    try:
        return live_material_ids(ids)
    except UnknownMaterials as unknown:
        missing = ", ".join(str(pk) for pk in unknown.ids)
        return bad_input_body(
            [{"field": "materials", "message": f"Unknown or unpublished material: {missing}."}]
        )


@router.get(
    "/plans/{int:plan_id}/steps/",
    response={200: list[StepOut], **refusals(401, 404)},
    summary="List a plan's steps",
)
def list_steps(request: HttpRequest, plan_id: int):
    plan, _access = load_plan(request, plan_id)
    return [serialize.step(s, n, request) for n, s in enumerate(load_steps(plan), start=1)]


@router.post(
    "/plans/{int:plan_id}/steps/",
    response={201: StepOut, **refusals(400, 401, 403, 404), **SAVE_LIMITED},
    summary="Add a step at the end of a plan",
)
def create_step(request: HttpRequest, plan_id: int, payload: StepIn):
    plan, _access = _editable(request, plan_id)
    data = payload.dict()
    materials = _materials(data.pop("materials"))
    if isinstance(materials, dict):
        return Status(400, materials)
    try:
        step = add_step(plan.pk, request.user, data, materials)
    except PlanFull:
        return Status(
            400,
            bad_input_body(
                [{"field": "steps", "message": f"A plan has at most {limits.MAX_STEPS} steps."}]
            ),
        )
    return Status(201, _one_step(request, plan, step.pk))


@router.get(
    "/plans/{int:plan_id}/steps/{int:step_id}/",
    response={200: StepOut, **refusals(401, 404)},
    summary="Read a step",
)
def read_step(request: HttpRequest, plan_id: int, step_id: int):
    plan, _access = load_plan(request, plan_id)
    return _one_step(request, plan, step_id)


@router.patch(
    "/plans/{int:plan_id}/steps/{int:step_id}/",
    response={200: StepOut, **refusals(400, 401, 403, 404), 409: StepConflictOut, **SAVE_LIMITED},
    summary="Change a step",
)
def update(request: HttpRequest, plan_id: int, step_id: int, payload: StepPatch):
    """Send `version` (the step's version you loaded) and the fields to change. If someone
    saved the step since, or deleted it, nothing is changed: 409 with the current step (null
    when deleted) and their changes."""
    plan, _access = _editable(request, plan_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    for name, value in data.items():
        if value is None:
            return Status(400, bad_input_body([{"field": name, "message": "May not be null."}]))
    materials = data.pop("materials", None)
    if materials is not None:
        materials = _materials(materials)
        if isinstance(materials, dict):
            return Status(400, materials)
    try:
        update_step(plan.pk, step_id, request.user, data, materials, version)
    except StepMissing:
        raise Http404 from None
    except StaleEdit as stale:
        conflict = stale.conflict
        current = _one_step(request, plan, step_id) if conflict.current else None
        detail = (
            "Someone else deleted this step."
            if conflict.current is None
            else "Someone else changed this step since you loaded it."
        )
        return Status(
            409,
            {
                "detail": detail,
                "errors": [],
                "current_version": conflict.current_version,
                "current": current,
                "changes": serialize.their_changes(conflict),
            },
        )
    return Status(200, _one_step(request, plan, step_id))


@router.delete(
    "/plans/{int:plan_id}/steps/{int:step_id}/",
    response={204: None, **refusals(400, 401, 403, 404), 409: StepConflictOut, **SAVE_LIMITED},
    summary="Delete a step",
)
def delete(request: HttpRequest, plan_id: int, step_id: int, version: int | None = None):
    """With `version`, the step is only deleted if nobody changed it since you loaded it."""
    plan, _access = _editable(request, plan_id)
    try:
        delete_step(plan.pk, step_id, request.user, version)
    except StepMissing:
        raise Http404 from None
    except StaleEdit as stale:
        conflict = stale.conflict
        if conflict.current is None:
            return Status(204, None)  # someone deleted it first: what you wanted is done
        return Status(
            409,
            {
                "detail": "Someone else changed this step since you loaded it.",
                "errors": [],
                "current_version": conflict.current_version,
                "current": _one_step(request, plan, step_id),
                "changes": serialize.their_changes(conflict),
            },
        )
    return Status(204, None)


@router.post(
    "/plans/{int:plan_id}/steps/reorder/",
    response={200: OrderOut, **refusals(400, 401, 403, 404), 409: OrderConflictOut, **SAVE_LIMITED},
    summary="Put a plan's steps in a new order",
)
def reorder(request: HttpRequest, plan_id: int, payload: ReorderIn):
    """`order` must list every step of the plan exactly once. If someone added or deleted
    a step meanwhile, nothing moves: 409 with the current order."""
    plan, _access = _editable(request, plan_id)
    try:
        order = reorder_steps(plan.pk, request.user, payload.order)
    except OrderMismatch as mismatch:
        return Status(
            409,
            {
                "detail": "The order must list exactly the plan's current steps.",
                "errors": [],
                "order": mismatch.current,
            },
        )
    return Status(200, {"order": order})
