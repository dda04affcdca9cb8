"""Who may do what, for every page and action of the builder.

Owner: everything. Editor: content, steps, comments, restore. Viewer: read, comment.
A teacher reading a published template: read and duplicate. Everyone else: 404 for the plan
and everything in it, whatever id they try; visitors who are not logged in are sent to log in.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from lessons.models import LessonPlan, Visibility
from tests.factories.lessons import LessonPlanFactory, LessonStepFactory, PlanMemberFactory

ALL = {"owner", "editor", "viewer", "reader"}
MEMBERS = {"owner", "editor", "viewer"}
EDITORS = {"owner", "editor"}
OWNER = {"owner"}


@dataclass
class Case:
    name: str
    method: str
    url: Callable
    allowed: set
    data: Callable = lambda team: {}
    htmx: bool = False


def no_args(team):
    return []


def plan_url(name, extra=no_args):
    return lambda team: reverse(f"lessons:{name}", args=[team.plan.pk, *extra(team)])


def step_url(name):
    return plan_url(name, lambda team: [team.steps[0].pk])


CASES = [
    Case("editor page", "get", plan_url("plan"), ALL),
    Case("header", "get", plan_url("header"), ALL, htmx=True),
    Case("edit header form", "get", plan_url("edit_header"), EDITORS),
    Case(
        "save header",
        "post",
        plan_url("edit_header"),
        EDITORS,
        lambda team: {
            "title": "New title",
            "length_minutes": 50,
            "language": "en",
            "version": team.plan.version,
        },
    ),
    Case(
        "visibility",
        "post",
        plan_url("visibility"),
        OWNER,
        lambda team: {"visibility": "shared"},
    ),
    Case("delete page", "get", plan_url("delete"), OWNER),
    Case("delete plan", "post", plan_url("delete"), OWNER),
    Case("duplicate", "post", plan_url("duplicate"), ALL),
    Case(
        "add step",
        "post",
        plan_url("add_step"),
        EDITORS,
        lambda team: {"phase": "review", "minutes": 5},
    ),
    Case(
        "reorder",
        "post",
        plan_url("reorder_steps"),
        EDITORS,
        lambda team: {"order": f"{team.steps[1].pk},{team.steps[0].pk}"},
    ),
    Case("material search", "get", plan_url("material_search"), EDITORS),
    Case("step", "get", step_url("step"), ALL, htmx=True),
    Case("edit step form", "get", step_url("edit_step"), EDITORS),
    Case(
        "save step",
        "post",
        step_url("edit_step"),
        EDITORS,
        lambda team: {"phase": "warm_up", "minutes": 3, "version": team.steps[0].version},
    ),
    Case("delete step", "post", step_url("delete_step"), EDITORS),
    Case("move step", "post", step_url("move_step"), EDITORS, lambda team: {"direction": "down"}),
    Case("co-planners", "get", plan_url("members"), MEMBERS),
    Case(
        "invite",
        "post",
        plan_url("members"),
        OWNER,
        lambda team: {"who": "nosy", "role": "viewer"},
    ),
    Case(
        "change role",
        "post",
        plan_url("update_member", lambda team: [team.editor_member.pk]),
        OWNER,
        lambda team: {"role": "viewer"},
    ),
    Case("leave", "post", plan_url("leave"), MEMBERS),
    Case(
        "transfer",
        "post",
        plan_url("transfer"),
        OWNER,
        lambda team: {"member": team.editor_member.pk},
    ),
    Case("history", "get", plan_url("history"), MEMBERS),
    Case("revision", "get", plan_url("revision", lambda team: [1]), MEMBERS),
    Case(
        "compare",
        "get",
        lambda team: reverse("lessons:compare", args=[team.plan.pk]) + "?a=1&b=3",
        MEMBERS,
    ),
    Case("restore", "post", plan_url("restore", lambda team: [1]), EDITORS),
    Case("comment", "post", plan_url("add_comment"), MEMBERS, lambda team: {"body": "Hi"}),
    Case(
        "delete comment",
        "post",
        plan_url("delete_comment", lambda team: [team.comment.pk]),
        {"owner", "viewer"},  # the owner, and the viewer who wrote it
    ),
]


def _request(client, case, team):
    headers = {"HX-Request": "true"} if case.htmx else {}
    method = getattr(client, case.method)
    return method(case.url(team), case.data(team), headers=headers)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
@pytest.mark.parametrize("role", ["owner", "editor", "viewer", "reader", "stranger"])
def test_permission_matrix(team, client_for, case, role):
    if role == "reader":
        LessonPlan.objects.filter(pk=team.plan.pk).update(visibility=Visibility.TEMPLATE)
        team.plan.refresh_from_db()
    response = _request(client_for(team.user(role)), case, team)
    if role == "stranger":
        assert response.status_code == 404
    elif role in case.allowed:
        assert response.status_code in (200, 302), response.content[:500]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_visitors_are_sent_to_log_in(team, client, case):
    response = _request(client, case, team)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_private_plans_hide_from_their_co_planners(team, client_for, case):
    """A plan taken back to private is 404 for co-planners until shared again."""
    LessonPlan.objects.filter(pk=team.plan.pk).update(visibility=Visibility.PRIVATE)
    for user in (team.editor, team.viewer):
        assert _request(client_for(user), case, team).status_code == 404


@pytest.mark.parametrize(
    ("name", "make_url"),
    [
        ("plan that does not exist", lambda team, other: f"/lessons/{team.plan.pk + 999}/"),
        (
            "step of another plan",
            lambda team, other: reverse("lessons:edit_step", args=[team.plan.pk, other["step"].pk]),
        ),
        (
            "step of another plan, shown",
            lambda team, other: reverse("lessons:step", args=[team.plan.pk, other["step"].pk]),
        ),
        (
            "co-planner of another plan",
            lambda team, other: reverse(
                "lessons:update_member", args=[team.plan.pk, other["member"].pk]
            ),
        ),
        (
            "comment of another plan",
            lambda team, other: reverse(
                "lessons:delete_comment", args=[team.plan.pk, other["comment"].pk]
            ),
        ),
        (
            "revision that does not exist",
            lambda team, other: reverse("lessons:revision", args=[team.plan.pk, 999]),
        ),
        (
            "restore a revision that does not exist",
            lambda team, other: reverse("lessons:restore", args=[team.plan.pk, 999]),
        ),
        (
            "compare with nonsense",
            lambda team, other: reverse("lessons:compare", args=[team.plan.pk]) + "?a=x&b=1",
        ),
    ],
)
def test_guessed_ids_are_404_even_for_the_owner(team, client_for, name, make_url):
    """The owner of this plan also owns another one: its step, co-planner and comment ids
    still do not work under this plan's URLs."""
    from lessons.models import PlanComment

    other_plan = LessonPlanFactory(owner=team.owner)
    other = {
        "step": LessonStepFactory(plan=other_plan),
        "member": PlanMemberFactory(plan=other_plan),
        "comment": PlanComment.objects.create(plan=other_plan, author=team.owner, body="x"),
    }
    client = client_for(team.owner)
    url = make_url(team, other)
    reading = name.startswith(("plan", "revision")) or "shown" in name or "compare" in name
    method = client.get if reading else client.post
    response = method(url, {"phase": "review", "minutes": 5, "version": 1, "role": "viewer"})
    assert response.status_code == 404
    assert other["step"].plan_id == other_plan.pk  # nothing moved between plans
    other["step"].refresh_from_db()
    assert other["step"].phase == "practice"
