"""What schemathesis found (tests/api/test_schemathesis.py), pinned as plain examples: the
API answers every refusal in JSON and lists it in its schema, whatever the address or body.

- A NUL character in any text field was a 500 on PostgreSQL (which cannot store it).

- An address under /api/ that no endpoint serves (a plan id that is not a number, a newline
  in the path) fell through to the library's HTML 404 page.
- A body Django cannot read (multipart without a boundary, more than the upload limit) gave
  the site's HTML "Bad Request" page: the CSRF check reads the form before ninja runs.
- 401 (no session) and 404 (no such plan) were answered but not in the OpenAPI schema.
- `GET /api/v1/lessons/units/?school_class=<30 digits>` was a 500 on SQLite (a foreign-key
  lookup is not bounded by Django), and the list did not document its 400.
- A school's members and a plan's co-planners were both `MemberOut`: the schema kept one,
  and every plan answer broke it.
"""

import json

import pytest
from django.conf import settings
from django.test import Client

from config.api import api
from tests.api.browsers import csrf_pair

pytestmark = pytest.mark.django_db

PLANS = "/api/v1/lessons/plans/"


@pytest.fixture
def teacher_browser(teacher) -> Client:
    """A signed-in teacher whose requests go through the real CSRF check."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(teacher)
    cookie, token = csrf_pair()
    client.cookies[settings.CSRF_COOKIE_NAME] = cookie
    client.defaults["HTTP_X_CSRFTOKEN"] = token
    return client


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/lessons/plans/abc/"),
        ("get", "/api/v1/lessons/plans/-1/steps/"),
        ("get", "/api/v1/lessons/plans/a%0Ab/"),
        ("get", "/api/v1/no-such-thing/"),
        ("post", "/api/v1/lessons/plans/abc/duplicate/"),
        ("delete", "/api/v1/lessons/plans/1/steps/x/"),
    ],
)
def test_an_api_address_no_endpoint_serves_is_a_json_404(method, path):
    response = getattr(Client(enforce_csrf_checks=True), method)(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not Found"}


def test_an_api_address_without_its_slash_is_still_redirected(client):
    response = client.get("/api/v1/search?q=bingo")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/search/?q=bingo"


def test_a_multipart_body_without_a_boundary_is_a_json_400(teacher_browser):
    response = teacher_browser.post(PLANS, "title=x", content_type="multipart/form-data")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["errors"][0]["field"] == "body"


def test_a_body_over_the_upload_limit_is_a_json_400(teacher_browser, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    body = json.dumps({"title": "Seasons", "unit_about": "x" * 2_000})
    response = teacher_browser.post(PLANS, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Invalid input: body."
    assert response.json()["errors"] == [{"field": "body", "message": "The request is too large."}]


def test_the_same_body_within_the_limit_creates_the_plan(teacher_browser):
    body = json.dumps({"title": "Seasons", "unit_about": "x" * 2_000})
    response = teacher_browser.post(PLANS, body, content_type="application/json")
    assert response.status_code == 201


def test_every_lesson_operation_lists_401_and_every_plan_operation_404():
    paths = api.get_openapi_schema()["paths"]
    lesson_operations = [
        (path, method, operation["responses"])
        for path, operations in paths.items()
        if path.startswith(PLANS)
        for method, operation in operations.items()
    ]
    # With the invitations list and withdrawal, and the colleagues search.
    assert len(lesson_operations) == 20
    for path, method, responses in lesson_operations:
        assert 401 in responses, (method, path)
        if "{plan_id}" in path:
            assert 404 in responses, (method, path)
        if method != "get":
            assert 403 in responses, (method, path)  # a missing CSRF token


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("post", "", {"title": "Sea\x00sons"}, "title"),
        ("post", "", {"title": "Seasons", "grade": "ES\x005"}, "grade"),
        ("patch", "{plan}/", {"version": 1, "goal": "\x00"}, "goal"),
        ("post", "{plan}/steps/", {"phase": "review", "minutes": 5, "title": "\x00"}, "title"),
        ("post", "{plan}/members/", {"user": "sa\x00m", "role": "viewer"}, "user"),
    ],
)
def test_a_nul_character_is_refused_naming_the_field(teacher_browser, method, path, body, field):
    created = teacher_browser.post(PLANS, {"title": "Seasons"}, content_type="application/json")
    url = PLANS + path.format(plan=created.json()["id"])
    response = getattr(teacher_browser, method)(url, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field
    assert "Null characters" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("value", ["9" * 30, str(2**63), "0", "-1"])
def test_a_unit_plan_list_filtered_by_a_class_id_out_of_range_is_a_400(teacher_browser, value):
    response = teacher_browser.get("/api/v1/lessons/units/", {"school_class": value})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "school_class"


def test_the_unit_plan_list_filtered_by_the_largest_id_is_empty(teacher_browser):
    response = teacher_browser.get("/api/v1/lessons/units/", {"school_class": 2**63 - 1})
    assert response.status_code == 200
    assert response.json() == []


def test_a_schools_member_and_a_plans_co_planner_are_two_schemas():
    components = api.get_openapi_schema()["components"]["schemas"]
    assert set(components["MemberOut"]["properties"]) == {"id", "user", "role", "added_at"}
    assert set(components["SchoolMemberOut"]["properties"]) == {"username", "name", "role"}
