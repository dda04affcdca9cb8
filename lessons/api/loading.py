"""Finding a plan for an API request — the access service decides, and its NotAllowed is
the API's 404 or 403 (config/api_errors.py) — and loading all of it in a fixed number of
queries."""

from django.http import HttpRequest

from lessons.models import PlanMember
from lessons.services.access import Access, Can, get_plan
from lessons.services.reading import load_steps


def load_plan(request: HttpRequest, plan_id: int, action: Can = Can.READ):
    return get_plan(request.user, plan_id, action)


def load_full(request: HttpRequest, plan, access: Access) -> dict:
    from . import serialize

    steps = load_steps(plan)
    members = (
        list(PlanMember.objects.filter(plan=plan).select_related("user"))
        if access.is_member
        else []
    )
    return serialize.full(plan, access, steps, members, request)
