"""The JSON API follows the builder's rules: 404 for strangers (whatever id they guess),
403 for members whose role does not allow it, 401 without a session, 403 without CSRF."""

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from lessons.models import LessonPlan, Visibility
from tests.factories.lessons import LessonPlanFactory, LessonStepFactory, PlanMemberFactory

ALL = {"owner", "editor", "viewer", "reader"}
MEMBERS = {"owner", "editor", "viewer"}
EDITORS = {"owner", "editor"}
OWNER = {"owner"}
API = "/api/v1/lessons"


@dataclass
class Case:
    name: str
    method: str
    url: Callable
    allowed: set
    body: Callable = lambda team: None


def plan(suffix=""):
    return lambda team: f"{API}/plans/{team.plan.pk}/{suffix}"


def step(suffix=""):
    return lambda team: f"{API}/plans/{team.plan.pk}/steps/{team.steps[0].pk}/{suffix}"


CASES = [
    Case("read plan", "get", plan(), ALL),
    Case(
        "update plan",
        "patch",
        plan(),
        EDITORS,
        lambda team: {"version": team.plan.version, "title": "Renamed"},
    ),
    Case("delete plan", "delete", plan(), OWNER),
    Case("duplicate plan", "post", plan("duplicate/"), ALL),
    Case("list steps", "get", plan("steps/"), ALL),
    Case(
        "add step", "post", plan("steps/"), EDITORS, lambda team: {"phase": "review", "minutes": 5}
    ),
    Case("read step", "get", step(), ALL),
    Case(
        "update step",
        "patch",
        step(),
        EDITORS,
        lambda team: {"version": team.steps[0].version, "minutes": 7},
    ),
    Case("delete step", "delete", step(), EDITORS),
    Case(
        "reorder",
        "post",
        plan("steps/reorder/"),
        EDITORS,
        lambda team: {"order": [team.steps[1].pk, team.steps[0].pk]},
    ),
    Case("list co-planners", "get", plan("members/"), MEMBERS),
    Case(
        "invite", "post", plan("members/"), OWNER, lambda team: {"user": "nosy", "role": "viewer"}
    ),
    Case(
        "change role",
        "patch",
        lambda team: f"{API}/plans/{team.plan.pk}/members/{team.editor_member.pk}/",
        OWNER,
        lambda team: {"role": "viewer"},
    ),
    Case(
        "remove co-planner",
        "delete",
        lambda team: f"{API}/plans/{team.plan.pk}/members/{team.editor_member.pk}/",
        {"owner", "editor"},  # the owner, or the editor leaving
    ),
    Case(
        "transfer",
        "post",
        plan("transfer/"),
        OWNER,
        lambda team: {"member": team.editor_member.pk},
    ),
]


def call(client, case, team):
    body = case.body(team)
    method = getattr(client, case.method)
    if body is None:
        return method(case.url(team))
    return method(case.url(team), json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
@pytest.mark.parametrize("role", ["owner", "editor", "viewer", "reader", "stranger"])
def test_api_permission_matrix(team, client_for, case, role):
    if role == "reader":
        LessonPlan.objects.filter(pk=team.plan.pk).update(visibility=Visibility.TEMPLATE)
        team.plan.refresh_from_db()
    response = call(client_for(team.user(role)), case, team)
    if role == "stranger":
        assert response.status_code == 404
    elif role in case.allowed:
        assert response.status_code in (200, 201, 204), response.content[:500]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_api_needs_a_session(team, client, case):
    assert call(client, case, team).status_code == 401


@pytest.mark.parametrize("case", [c for c in CASES if c.method != "get"], ids=lambda c: c.name)
def test_api_changes_need_the_csrf_token(team, client_for, case):
    response = call(client_for(team.owner, csrf=True), case, team)
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_api_changes_work_with_the_csrf_token(team, client_for):
    client = client_for(team.owner, csrf=True)
    client.get(f"/lessons/{team.plan.pk}/")  # the page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.patch(
        f"{API}/plans/{team.plan.pk}/",
        json.dumps({"version": team.plan.version, "title": "With the token"}),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200
    assert response.json()["title"] == "With the token"


def test_strangers_do_not_find_the_plan_in_lists(team, client_for):
    for scope in ("all", "mine", "shared", "templates"):
        items = client_for(team.stranger).get(f"{API}/plans/?scope={scope}").json()["items"]
        assert team.plan.pk not in [item["id"] for item in items]


def test_guessed_ids_under_another_plan_are_404(team, client_for):
    other_plan = LessonPlanFactory(owner=team.owner)
    other_step = LessonStepFactory(plan=other_plan)
    other_member = PlanMemberFactory(plan=other_plan)
    client = client_for(team.owner)
    base = f"{API}/plans/{team.plan.pk}"
    assert client.get(f"{API}/plans/{team.plan.pk + 999}/").status_code == 404
    assert client.get(f"{base}/steps/{other_step.pk}/").status_code == 404
    patch = json.dumps({"version": other_step.version, "minutes": 9})
    assert (
        client.patch(f"{base}/steps/{other_step.pk}/", patch, content_type="application/json")
    ).status_code == 404
    assert client.delete(f"{base}/steps/{other_step.pk}/").status_code == 404
    assert client.delete(f"{base}/members/{other_member.pk}/").status_code == 404
    role = json.dumps({"role": "viewer"})
    assert (
        client.patch(f"{base}/members/{other_member.pk}/", role, content_type="application/json")
    ).status_code == 404
    other_step.refresh_from_db()
    assert other_step.minutes == 10
    assert other_member.__class__.objects.filter(pk=other_member.pk).exists()
