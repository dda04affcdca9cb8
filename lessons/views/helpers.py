"""What every planner view shares: finding the plan the user may see, htmx or full page,
and loading the editor in a fixed number of queries."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from lessons.models import LessonPlan, LessonStep, PlanComment, PlanMember
from lessons.services.access import Access, Can, get_plan
from lessons.services.conflicts import apply_choices
from lessons.services.reading import load_steps


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def plan_view(action: Can = Can.READ):
    """Decorate a view taking `plan_id`: log-in required, the plan loaded with the user's
    access if they may do `action` (the access service decides and refuses; the refusal
    becomes a 404 or 403 page in lessons/refusals.py). The view receives `plan` and
    `access`."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, plan_id, *args, **kwargs):
            plan, access = get_plan(request.user, plan_id, action)
            return view(request, plan, access, *args, **kwargs)

        return wrapped

    return decorator


def editor_url(plan: LessonPlan, anchor: str = "") -> str:
    url = reverse("lessons:plan", args=[plan.pk])
    return f"{url}#{anchor}" if anchor else url


def back_to_editor(plan: LessonPlan, anchor: str = "") -> HttpResponse:
    return redirect(editor_url(plan, anchor))


def minutes_summary(plan: LessonPlan, steps: list[LessonStep]) -> dict:
    """The running total against the lesson length, for the bar above the steps."""
    total = sum(step.minutes for step in steps)
    length = plan.length_minutes
    return {
        "total": total,
        "length": length,
        "difference": abs(length - total),
        "state": "over" if total > length else "under" if total < length else "exact",
        "percent": min(100, round(total * 100 / length)) if length else 0,
    }


def editor_context(request: HttpRequest, plan: LessonPlan, access: Access) -> dict:
    """Everything the plan editor shows, in a fixed number of queries: the plan (one query
    with its header relations), steps, their materials, co-planners, comments."""
    steps = load_steps(plan)
    members = list(PlanMember.objects.filter(plan=plan).select_related("user"))
    comments = (
        list(PlanComment.objects.filter(plan=plan).select_related("author"))
        if access.can_comment
        else []
    )
    return {
        "plan": plan,
        "access": access,
        "steps": steps,
        "members": members if access.is_member else [],
        "comments": comments,
        "minutes": minutes_summary(plan, steps),
    }


def new_step_form(plan: LessonPlan, steps: list[LessonStep]):
    """The "Add a step" form, suggesting the phase the last step was in and five minutes."""
    from lessons.forms import StepForm
    from lessons.models import Phase

    phase = steps[-1].phase if steps else Phase.WARM_UP
    return StepForm(plan=plan, auto_id="new_%s", initial={"phase": phase, "minutes": 5})


def chosen_data(posted, current_form, target: str):
    """The posted data with the conflict choices applied ("resolve-<field>": mine, theirs
    or both), reading "theirs" from an unbound form of the object as saved now."""
    if not any(key.startswith("resolve-") for key in posted):
        return posted
    theirs = {name: current_form[name].value() for name in current_form.fields}
    return apply_choices(posted, theirs, target)
