"""The lesson-plan JSON API: create, read, update, delete plans and steps, reorder, manage
co-planners; bad input answers 400 naming the field."""

import json

import pytest

from lessons import limits
from lessons.models import LessonPlan, PlanMember
from tests.factories.library import MaterialPageFactory

API = "/api/v1/lessons"


def send(client, method, url, body=None):
    call = getattr(client, method)
    if body is None:
        return call(url)
    return call(url, json.dumps(body), content_type="application/json")


def test_a_whole_plan_through_the_api(db, client_for, teacher, other_teacher):
    client = client_for(teacher)
    created = send(client, "post", f"{API}/plans/", {"title": "Seasons", "grade": "ES6"})
    assert created.status_code == 201
    plan = created.json()
    assert (plan["length_minutes"], plan["teacher_label"], plan["my_role"]) == (45, "HRT", "owner")
    base = f"{API}/plans/{plan['id']}"

    material = MaterialPageFactory(grades=["ES6"])
    step = send(
        client,
        "post",
        f"{base}/steps/",
        {"phase": "warm_up", "minutes": 5, "alt_role": "Sings.", "materials": [material.pk]},
    ).json()
    second = send(client, "post", f"{base}/steps/", {"phase": "practice", "minutes": 20}).json()
    assert step["number"] == 1
    assert second["number"] == 2
    assert step["materials"][0]["id"] == material.pk

    changed = send(client, "patch", f"{base}/steps/{step['id']}/", {"version": 1, "minutes": 7})
    assert changed.json()["minutes"] == 7
    assert changed.json()["version"] == 2

    order = send(client, "post", f"{base}/steps/reorder/", {"order": [second["id"], step["id"]]})
    assert order.json() == {"order": [second["id"], step["id"]]}

    invited = send(client, "post", f"{base}/members/", {"user": "hanako", "role": "editor"})
    assert invited.status_code == 201
    member_id = invited.json()["id"]
    assert (
        send(client, "patch", f"{base}/members/{member_id}/", {"role": "viewer"}).json()["role"]
        == "viewer"
    )

    full = send(client, "get", f"{base}/").json()
    assert full["total_minutes"] == 27
    assert [s["id"] for s in full["steps"]] == [second["id"], step["id"]]
    assert full["members"][0]["user"]["username"] == "hanako"
    assert full["visibility"] == "shared"

    shared = send(client_for(other_teacher), "get", f"{API}/plans/?scope=shared").json()
    assert [item["id"] for item in shared["items"]] == [plan["id"]]
    assert shared["items"][0]["my_role"] == "viewer"

    assert send(client, "delete", f"{base}/steps/{second['id']}/").status_code == 204
    assert (
        send(client, "post", f"{base}/transfer/", {"member": member_id}).json()["owner"]["username"]
        == "hanako"
    )
    assert send(client, "delete", f"{base}/").status_code == 403  # no longer the owner
    assert send(client_for(other_teacher), "delete", f"{base}/").status_code == 204
    assert not LessonPlan.objects.filter(pk=plan["id"]).exists()


def test_list_scopes(team, client_for):
    client = client_for(team.owner)
    mine = send(client, "get", f"{API}/plans/?scope=mine").json()
    assert mine["count"] == 1
    assert mine["items"][0]["title"] == "Weekend plans"
    templates = send(client, "get", f"{API}/plans/?scope=templates&limit=2").json()
    assert templates["count"] == 10  # five templates, each in English and Japanese
    assert len(templates["items"]) == 2
    assert templates["items"][0]["is_builtin"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"phase": "practice", "minutes": "ten"}, "minutes"),
        ({"phase": "practice", "minutes": 0}, "minutes"),
        ({"phase": "practice", "minutes": 121}, "minutes"),
        ({"phase": "practice", "minutes": 12.5}, "minutes"),
        ({"phase": "practice", "minutes": "12"}, "minutes"),
        ({"phase": "practice", "minutes": True}, "minutes"),
        ({"phase": "practice"}, "minutes"),
        ({"phase": "lunch", "minutes": 5}, "phase"),
        ({"phase": "practice", "minutes": 5, "alt_role": "x" * (limits.STEP_TEXT + 1)}, "alt_role"),
        ({"phase": "practice", "minutes": 5, "title": "x" * (limits.STEP_TITLE + 1)}, "title"),
        ({"phase": "practice", "minutes": 5, "materials": [999999]}, "materials"),
        ({"phase": "practice", "minutes": 5, "materials": ["bingo"]}, "materials.0"),
        ({"phase": "practice", "minutes": 5, "viewpoint": "charm"}, "viewpoint"),
    ],
)
def test_bad_step_input_is_400_naming_the_field(team, client_for, body, field):
    response = send(client_for(team.owner), "post", f"{API}/plans/{team.plan.pk}/steps/", body)
    assert response.status_code == 400
    assert field in [error["field"] for error in response.json()["errors"]]
    assert field.split(".")[0] in response.json()["detail"]
    assert team.plan.steps.count() == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "x", "grade": "JHS4"}, "grade"),
        ({"title": "x", "textbook_unit": 999999}, "textbook_unit"),
        ({"title": "x" * (limits.TITLE + 1)}, "title"),
        ({"title": ""}, "title"),
        ({"title": "x", "length_minutes": 500}, "length_minutes"),
        ({"title": "x", "period": 9}, "period"),
        ({"title": "x", "visibility": "everyone"}, "visibility"),
        ({"title": "x", "goal": "x" * (limits.GOAL + 1)}, "goal"),
        ({}, "title"),
    ],
)
def test_bad_plan_input_is_400_naming_the_field(db, client_for, teacher, body, field):
    response = send(client_for(teacher), "post", f"{API}/plans/", body)
    assert response.status_code == 400
    assert field in [error["field"] for error in response.json()["errors"]]
    assert not LessonPlan.objects.filter(owner=teacher).exists()


def test_unpublished_material_is_unknown(team, client_for):
    draft = MaterialPageFactory(live=False)
    step = team.steps[0]
    response = send(
        client_for(team.owner),
        "patch",
        f"{API}/plans/{team.plan.pk}/steps/{step.pk}/",
        {"version": step.version, "materials": [draft.pk]},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "materials"


def test_patch_rejects_null_for_required_text_and_unknown_grade(team, client_for):
    client = client_for(team.owner)
    url = f"{API}/plans/{team.plan.pk}/"
    assert send(client, "patch", url, {"version": 1, "title": None}).status_code == 400
    bad = send(client, "patch", url, {"version": team.plan.version, "grade": "Grade 2"})
    assert bad.json()["errors"] == [
        {"field": "grade", "message": "Unknown grade “Grade 2”. Use a code from ES3 to SHS3."}
    ]
    cleared = send(client, "patch", url, {"version": team.plan.version, "grade": None})
    assert cleared.json()["grade"] is None


def test_only_the_owner_publishes(team, client_for):
    url = f"{API}/plans/{team.plan.pk}/"
    response = send(
        client_for(team.editor),
        "patch",
        url,
        {"version": team.plan.version, "visibility": "template"},
    )
    assert response.status_code == 403
    assert LessonPlan.objects.get(pk=team.plan.pk).visibility == "shared"


def test_invite_errors_name_the_user_field(team, client_for):
    response = send(
        client_for(team.owner),
        "post",
        f"{API}/plans/{team.plan.pk}/members/",
        {"user": "ghost", "role": "editor"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "user"
    assert PlanMember.objects.filter(plan=team.plan).count() == 2


def test_malformed_json_is_400_not_500(team, client_for):
    response = client_for(team.owner).post(
        f"{API}/plans/{team.plan.pk}/steps/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400


def test_lesson_endpoints_are_in_the_one_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert "/api/v1/lessons/plans/" in paths
    assert "/api/v1/lessons/plans/{plan_id}/steps/{step_id}/" in paths
    assert "/api/v1/lessons/plans/{plan_id}/steps/reorder/" in paths
    assert any(path.startswith("/api/v1/search/") for path in paths)
    patch = paths["/api/v1/lessons/plans/{plan_id}/steps/{step_id}/"]["patch"]
    assert "409" in patch["responses"]
