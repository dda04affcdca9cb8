"""Every router of the JSON API refuses in one shape (config/api_errors.py), and the OpenAPI
schema says so: `{"detail": ..., "errors": [{"field", "message"}]}`, 400 for bad input
(never 422), `errors` naming each field or parameter."""

import pytest

from config.api import api
from tests.lessons.conftest import make_team

pytestmark = pytest.mark.django_db

REFUSAL_STATUSES = {"400", "401", "403", "404"}


def _shape(body: dict) -> None:
    assert set(body) <= {"detail", "errors"}, body
    assert isinstance(body["detail"], str)
    assert body["detail"]
    for error in body.get("errors", []):
        assert set(error) == {"field", "message"}, error


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/v1/search/", {"page": "abc"}, "page"),
        ("/api/v1/search/", {"grade": "XX9"}, "grade"),
        ("/api/v1/search/suggest/", {"limit": "-1"}, "limit"),
        ("/api/v1/lessons/plans/", {"offset": "9" * 30}, "offset"),
        ("/api/v1/lessons/plans/", {"limit": "1.5"}, "limit"),
        ("/api/v1/lessons/plans/", {"scope": "everything"}, "scope"),
    ],
)
def test_a_bad_query_parameter_of_any_router_is_a_400_naming_it(
    client, teacher, path, params, field
):
    client.force_login(teacher)
    response = client.get(path, params)
    assert response.status_code == 400
    body = response.json()
    _shape(body)
    assert [error["field"] for error in body["errors"]] == [field]


def test_refusals_without_a_field_to_blame_have_the_same_shape(client):
    team = make_team()
    anonymous = client.get("/api/v1/lessons/plans/")
    assert anonymous.status_code == 401
    _shape(anonymous.json())

    client.force_login(team.stranger)
    hidden = client.get(f"/api/v1/lessons/plans/{team.plan.pk}/")
    assert hidden.status_code == 404
    assert hidden.json() == {"detail": "Not Found"}

    client.force_login(team.viewer)
    denied = client.delete(f"/api/v1/lessons/plans/{team.plan.pk}/")
    assert denied.status_code == 403
    _shape(denied.json())
    assert denied.json()["detail"] == "Only the owner can delete the plan."


def test_a_body_that_does_not_match_the_schema_is_a_400_per_field(client, teacher):
    client.force_login(teacher)
    response = client.post(
        "/api/v1/lessons/plans/", {"title": "", "period": 99}, content_type="application/json"
    )
    assert response.status_code == 400
    body = response.json()
    _shape(body)
    assert {error["field"] for error in body["errors"]} == {"title", "period"}


def test_the_schema_documents_the_one_shape_for_every_refusal_of_every_operation():
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    components = schema["components"]["schemas"]
    assert set(components["ErrorOut"]["properties"]) == {"detail", "errors"}
    assert "never 422" in schema["info"]["description"]
    undocumented = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = {str(status): answer for status, answer in operation["responses"].items()}
            if "422" in responses:
                undocumented.append(f"{method.upper()} {path} lists 422")
            for status in REFUSAL_STATUSES & set(responses):
                ref = responses[status]["content"]["application/json"]["schema"]["$ref"]
                if not ref.endswith("/ErrorOut"):
                    undocumented.append(f"{method.upper()} {path} {status}: {ref}")
            if "400" not in responses and any(
                parameter["in"] == "query" for parameter in operation.get("parameters", [])
            ):
                undocumented.append(f"{method.upper()} {path} takes a query but lists no 400")
    assert not undocumented, "\n".join(undocumented)
