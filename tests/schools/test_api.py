"""Issue #15.8: schools, classes, unit plans and yearly plans in the one OpenAPI schema,
with the pages' rules: a stranger gets 404 even by guessing ids."""

import datetime
import json

import pytest

from lessons.models import LessonPlan, UnitPlan, YearlyPlanRow
from library.models import TextbookUnit
from schools.models import SchoolClass

pytestmark = pytest.mark.django_db


def call(client, method, path, body=None):
    return client.generic(
        method, "/api/v1/" + path, json.dumps(body or {}), content_type="application/json"
    )


def test_the_schema_lists_the_new_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/schools/",
        "/api/v1/schools/{school_id}/classes/",
        "/api/v1/lessons/units/{unit_id}/",
        "/api/v1/lessons/units/{unit_id}/copy/",
        "/api/v1/lessons/yearly/{plan_id}/",
    ):
        assert path in schema["paths"], path


def test_a_jte_builds_a_class_and_a_unit_plan_through_the_api(schools):
    jte = schools.client(schools.jte)
    made = call(
        jte,
        "POST",
        f"schools/{schools.minami.pk}/classes/",
        {
            "academic_year": 2026,
            "grade": "JHS2",
            "name": "2年4組",
            "students": 31,
            "teachers": [{"username": "tanaka", "role": "jte"}, {"username": "sam", "role": "alt"}],
        },
    )
    assert made.status_code == 201, made.content
    class_id = made.json()["id"]
    assert {t["username"] for t in made.json()["teachers"]} == {"tanaka", "sam"}
    unit = call(
        jte,
        "POST",
        "lessons/units/",
        {
            "school_class": class_id,
            "title": "Unit 2 <script>",
            "lesson_count": 4,
            "lessons": [{"number": 2, "aim": "Small talk", "focus": ["thinking"]}],
        },
    )
    assert unit.status_code == 201, unit.content
    body = unit.json()
    assert body["title"] == "Unit 2 <script>"  # JSON carries it as text, escaped by JSON
    assert [row["number"] for row in body["lessons"]] == [1, 2, 3, 4]
    assert body["lessons"][1] == {"number": 2, "aim": "Small talk", "focus": ["thinking"]}
    plan = call(jte, "POST", f"lessons/units/{body['id']}/lessons/2/plan/")
    assert plan.status_code == 201
    assert LessonPlan.objects.get(pk=plan.json()["plan"]).lesson_number == 2
    # The ALT of the class edits it; the stranger gets 404 for all of it.
    alt = schools.client(schools.alt)
    assert call(alt, "PATCH", f"lessons/units/{body['id']}/", {"goal": "g"}).status_code == 200
    nosy = schools.client(schools.stranger)
    for method, path in (
        ("GET", f"schools/{schools.minami.pk}/"),
        ("GET", f"schools/classes/{class_id}/"),
        ("GET", f"lessons/units/{body['id']}/"),
        ("PATCH", f"lessons/units/{body['id']}/"),
        ("POST", f"lessons/units/{body['id']}/copy/"),
        ("GET", "lessons/units/999999/"),
    ):
        response = call(nosy, method, path, {"school_class": class_id})
        assert response.status_code == 404, (method, path)
        assert "Unit 2" not in response.content.decode()
    assert call(nosy, "GET", "lessons/units/").json() == []
    assert call(nosy, "GET", "schools/").json() == []


def test_bad_input_is_a_400_naming_the_field(schools):
    jte = schools.client(schools.jte)
    outsider = call(
        jte,
        "POST",
        f"schools/{schools.minami.pk}/classes/",
        {
            "academic_year": 2026,
            "grade": "JHS2",
            "name": "2-9",
            "teachers": [{"username": "nosy", "role": "alt"}],
        },
    )
    assert outsider.status_code == 400
    assert outsider.json()["errors"][0]["field"] == "teachers"
    assert not SchoolClass.objects.filter(name="2-9").exists()
    grade = call(
        jte,
        "POST",
        f"schools/{schools.minami.pk}/classes/",
        {"academic_year": 2026, "grade": "XX", "name": "2-8"},
    )
    assert grade.status_code == 400
    focus = call(
        jte,
        "POST",
        "lessons/units/",
        {
            "school_class": schools.class_23.pk,
            "title": "U",
            "lessons": [{"number": 1, "focus": ["dancing"]}],
        },
    )
    assert focus.status_code == 400
    assert not UnitPlan.objects.filter(title="U").exists()


def test_yearly_plan_api_reports_planned_and_taught(schools):
    jte = schools.client(schools.jte)
    opened = call(jte, "POST", "lessons/yearly/", {"school_class": schools.class_23.pk})
    assert opened.status_code == 201
    plan_id = opened.json()["id"]
    assert call(jte, "GET", f"lessons/yearly/{plan_id}/").json()["rows"] == []
    nosy = schools.client(schools.stranger)
    assert call(nosy, "GET", f"lessons/yearly/{plan_id}/").status_code == 404
    assert (
        call(nosy, "POST", "lessons/yearly/", {"school_class": schools.class_23.pk}).status_code
        == 404
    )


def test_a_grade_yearly_plan_counts_every_class_of_the_grade(schools):
    jte = schools.client(schools.jte)
    body = {"school": schools.minami.pk, "grade": "JHS2", "academic_year": 2026}
    opened = call(jte, "POST", "lessons/yearly/", body)
    assert opened.status_code == 201
    assert opened.json()["school_class"] is None
    unit = TextbookUnit.objects.filter(grade__code="JHS2").first()
    YearlyPlanRow.objects.create(
        yearly_plan_id=opened.json()["id"], month=4, textbook_unit=unit, planned_hours=6
    )
    other = SchoolClass.objects.create(
        school=schools.minami, academic_year=2026, grade=schools.class_23.grade, name="2年1組"
    )
    kita_2nd = SchoolClass.objects.create(
        school=schools.kita, academic_year=2026, grade=schools.class_23.grade, name="2-1"
    )
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    for school_class in (schools.class_23, other, kita_2nd):
        LessonPlan.objects.create(
            owner=schools.jte,
            title="x",
            school_class=school_class,
            textbook_unit=unit,
            taught_on=yesterday,
            length_minutes=50,
        )
    rows = call(jte, "GET", f"lessons/yearly/{opened.json()['id']}/").json()["rows"]
    assert rows[0]["taught_hours"] == 2  # both 2nd-year classes at Minami, not Kita's
    nosy = schools.client(schools.stranger)
    assert call(nosy, "POST", "lessons/yearly/", body).status_code == 404
    assert call(jte, "POST", "lessons/yearly/", {"school": schools.minami.pk}).status_code == 400
