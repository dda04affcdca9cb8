"""Finding a plan for an API request (404 for anyone who may not see it) and loading all of
it in a fixed number of queries."""

from django.http import HttpRequest

from lessons.models import PlanMember
from lessons.services.access import Access, get_plan
from lessons.services.reading import load_steps


def load_plan(request: HttpRequest, plan_id: int):
    return get_plan(request.user, plan_id)


def load_full(request: HttpRequest, plan, access: Access) -> dict:
    from . import serialize

    steps = load_steps(plan)
    members = (
        list(PlanMember.objects.filter(plan=plan).select_related("user"))
        if access.is_member
        else []
    )
    return serialize.full(plan, access, steps, members, request)
