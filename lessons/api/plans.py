"""Plans: list, create, read, update (with the version loaded), delete, duplicate."""

from django.db.models import Case, CharField, OuterRef, Q, Subquery, Value, When
from django.http import HttpRequest
from ninja import Query, Router, Status

from common.api_errors import BadInput, bad_input_body, refusals
from lessons.models import LessonPlan, PlanMember, Visibility, default_lesson_minutes
from lessons.services import access as rights
from lessons.services.access import Can
from lessons.services.conflicts import StaleEdit
from lessons.services.copying import duplicate_plan
from lessons.services.editing import create_plan, update_header
from library.models import Grade, TextbookUnit

from . import serialize
from .loading import load_full, load_plan
from .save_limit import SAVE_LIMITED
from .schemas import (
    PlanConflictOut,
    PlanIn,
    PlanListOut,
    PlanListQuery,
    PlanOut,
    PlanPatch,
)

router = Router()

# The fields a client may empty with null: those the model lets be null.
NULLABLE = {name for name in LessonPlan.HEADER_FIELDS if LessonPlan._meta.get_field(name).null}


def resolve_grade(code: str | None) -> Grade | None:
    if code in (None, ""):
        return None
    grade = Grade.objects.filter(code=code).first()
    if grade is None:
        raise BadInput("grade", f"Unknown grade “{code}”. Use a code from ES3 to SHS3.")
    return grade


def resolve_unit(unit_id: int | None) -> TextbookUnit | None:
    if unit_id is None:
        return None
    unit = TextbookUnit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise BadInput("textbook_unit", f"Unknown textbook unit {unit_id}.")
    return unit


def header_values(data: dict) -> dict:
    """API fields → model values, checking the ones that point at library taxonomy."""
    values = dict(data)
    if "grade" in values:
        values["grade"] = resolve_grade(values["grade"])
    if "textbook_unit" in values:
        values["textbook_unit"] = resolve_unit(values["textbook_unit"])
    return values


@router.get(
    "/plans/",
    response={200: PlanListOut, **refusals(400, 401)},
    summary="List lesson plans",
)
def list_plans(request: HttpRequest, filters: Query[PlanListQuery]):
    """`mine`: plans you own; `shared`: plans co-planners shared with you; `all`: both;
    `templates`: built-in templates and plans teachers published as templates."""
    user = request.user
    scope = filters.scope
    if scope == "mine":
        plans = rights.own_plans(user)
    elif scope == "shared":
        plans = rights.shared_plans(user)
    elif scope == "templates":
        plans = rights.template_plans()
    else:
        shared = rights.shared_plans(user).values("pk")
        plans = LessonPlan.objects.filter(Q(owner=user) | Q(pk__in=shared))
    membership = PlanMember.objects.filter(plan=OuterRef("pk"), user=user).exclude(
        plan__visibility=Visibility.PRIVATE
    )
    plans = plans.for_header().annotate(
        member_role=Subquery(membership.values("role")[:1]),
        api_role=Case(
            When(owner=user, then=Value("owner")),
            When(member_role__isnull=False, then="member_role"),
            default=Value("template_reader"),
            output_field=CharField(),
        ),
    )
    plans = plans.order_by("-last_edited_at", "-id")
    page = plans[filters.offset : filters.offset + filters.limit]
    return {
        "count": plans.count(),
        "items": [serialize.summary(plan, plan.api_role) for plan in page],
    }


@router.post(
    "/plans/",
    response={201: PlanOut, **refusals(400, 401, 403), **SAVE_LIMITED},
    summary="Create a lesson plan",
)
def create(request: HttpRequest, payload: PlanIn):
    rights.require_planner(request.user)
    data = payload.dict()
    try:
        values = header_values(data)
    except BadInput as problem:
        return Status(400, bad_input_body(problem.errors))
    visibility = values.pop("visibility")
    if not values.get("length_minutes"):
        values["length_minutes"] = default_lesson_minutes(values.get("grade"))
    plan = create_plan(request.user, values)
    if visibility != Visibility.PRIVATE:
        LessonPlan.objects.filter(pk=plan.pk).update(visibility=visibility)
    plan, access = load_plan(request, plan.pk)
    return Status(201, load_full(request, plan, access))


@router.get(
    "/plans/{int:plan_id}/",
    response={200: PlanOut, **refusals(401, 404)},
    summary="Read a lesson plan",
)
def read(request: HttpRequest, plan_id: int):
    plan, access = load_plan(request, plan_id)
    return load_full(request, plan, access)


@router.patch(
    "/plans/{int:plan_id}/",
    response={200: PlanOut, **refusals(400, 401, 403, 404), 409: PlanConflictOut, **SAVE_LIMITED},
    summary="Change a lesson plan's details",
)
def update(request: HttpRequest, plan_id: int, payload: PlanPatch):
    """Send `version` (the plan's version you loaded) and the fields to change. If someone
    saved the details since, nothing is changed: 409 with the current plan and their
    changes."""
    plan, access = load_plan(request, plan_id, Can.EDIT)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    for name, value in data.items():
        if value is None and name not in NULLABLE:
            return Status(400, bad_input_body([{"field": name, "message": "May not be null."}]))
    visibility = data.pop("visibility", None)
    if visibility is not None:
        access.require(Can.CHANGE_VISIBILITY)
    try:
        values = header_values(data)
    except BadInput as problem:
        return Status(400, bad_input_body(problem.errors))
    try:
        if values:
            update_header(plan.pk, request.user, values, version)
        elif version != plan.version:
            update_header(plan.pk, request.user, {}, version)  # raises the conflict
    except StaleEdit as stale:
        plan, access = load_plan(request, plan_id)
        return Status(
            409,
            {
                "detail": "Someone else changed the plan's details since you loaded them.",
                "errors": [],
                "current_version": plan.version,
                "current": load_full(request, plan, access),
                "changes": serialize.their_changes(stale.conflict),
            },
        )
    if visibility is not None:
        LessonPlan.objects.filter(pk=plan.pk).update(visibility=visibility)
    plan, access = load_plan(request, plan_id)
    return Status(200, load_full(request, plan, access))


@router.delete(
    "/plans/{int:plan_id}/",
    response={204: None, **refusals(401, 403, 404)},
    summary="Delete a lesson plan",
)
def delete(request: HttpRequest, plan_id: int):
    plan, _access = load_plan(request, plan_id, Can.DELETE)
    plan.delete()
    return Status(204, None)


@router.post(
    "/plans/{int:plan_id}/duplicate/",
    response={201: PlanOut, **refusals(401, 403, 404), **SAVE_LIMITED},
    summary="Copy a plan or a template into a new plan of your own",
)
def duplicate(request: HttpRequest, plan_id: int):
    plan, _access = load_plan(request, plan_id, Can.DUPLICATE)
    rights.require_planner(request.user)
    copy = duplicate_plan(plan, request.user)
    copy, access = load_plan(request, copy.pk)
    return Status(201, load_full(request, copy, access))
