"""Issue #15.3: the yearly plan. CSV import (UTF-8 with BOM and Shift_JIS, every line
checked, all or nothing) and export with a publisher's columns; the year view shows planned
against taught hours per unit in a bounded number of queries."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from lessons.models import LessonPlan, YearlyPlan
from library.models import TextbookUnit
from tests.factories.accounts import TeacherFactory

pytestmark = pytest.mark.django_db

# The page (session, user, messages, the plan, its rows, their skills, taught hours): a
# handful, whatever the number of rows and lessons.
MAX_QUERIES = 15

GOOD = (
    "month,unit,pages,hours,grammar,skill areas\n"
    "5,{unit},p.8-17,8,過去形,聞くこと; 話すこと[やり取り]\n"
    "4,Unit 0 Welcome back,p.4-7,4,,Listening\n"
    "3,学年末テスト,,2,,\n"
)


def counting(into: list):
    """An execute wrapper that notes each query (the test client's request resets
    connection.queries, so a query log cannot count across a request)."""

    def wrapper(execute, sql, params, many, context):
        into.append(sql)
        return execute(sql, params, many, context)

    return wrapper


def yearly_for(schools) -> YearlyPlan:
    client = schools.client(schools.jte)
    response = client.post(reverse("lessons:new_yearly_plan", args=[schools.class_23.pk]))
    assert response.status_code == 302
    return YearlyPlan.objects.get(school_class=schools.class_23)


def upload(client, plan, text: str, encoding: str):
    data = text.encode(encoding)
    return client.post(
        reverse("lessons:yearly_import", args=[plan.pk]),
        {"file": SimpleUploadedFile("plan.csv", data, content_type="text/csv")},
    )


def unit_jhs2() -> TextbookUnit:
    return TextbookUnit.objects.filter(grade__code="JHS2").select_related("series").first()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932"])
def test_import_reads_excel_csv_in_school_year_order(schools, encoding):
    plan = yearly_for(schools)
    unit = unit_jhs2()
    response = upload(schools.client(schools.jte), plan, GOOD.format(unit=unit.label), encoding)
    assert response.status_code == 302, response.content.decode()[:2000]
    rows = list(plan.rows.order_by("position"))
    assert [row.month for row in rows] == [4, 5, 3]  # April first, March last
    assert rows[1].textbook_unit == unit
    assert rows[1].planned_hours == 8
    assert sorted(rows[1].skills.values_list("code", flat=True)) == [
        "listening",
        "spoken_interaction",
    ]
    assert rows[2].unit_title == "学年末テスト"
    assert rows[2].textbook_unit is None


def test_a_bad_line_imports_nothing_and_is_reported_by_line(schools):
    plan = yearly_for(schools)
    client = schools.client(schools.jte)
    upload(client, plan, GOOD.format(unit="Unit 1"), "utf-8")
    before = list(plan.rows.values_list("unit_title", "month"))
    bad = (
        "月,単元,ページ,時数,文法,領域\n"
        "4,Unit 1,p.4,4,,聞くこと\n"
        "13,Unit 2,p.9,x,,\n"
        "5,,p.20,3,,書くこと;踊ること\n"
    )
    response = upload(client, plan, bad, "utf-8")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Line 3" in text
    assert "Line 4" in text
    assert "Line 2:" not in text
    assert "踊ること" in text
    assert list(plan.rows.values_list("unit_title", "month")) == before
    for broken in (b"\xff\xfe\x00garbage\x81", b"", b"name,age\nx,1\n"):
        response = client.post(
            reverse("lessons:yearly_import", args=[plan.pk]),
            {"file": SimpleUploadedFile("x.csv", broken or b" ", content_type="text/csv")},
        )
        assert response.status_code == 400
    assert list(plan.rows.values_list("unit_title", "month")) == before


def test_export_has_the_publisher_columns_and_round_trips(schools):
    plan = yearly_for(schools)
    client = schools.client(schools.jte)
    upload(client, plan, GOOD.format(unit=unit_jhs2().label), "utf-8")
    response = client.get(reverse("lessons:yearly_export", args=[plan.pk]))
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert lines[0] == ["month", "unit", "pages", "hours", "grammar", "skill areas"]
    assert [line[0] for line in lines[1:]] == ["4", "5", "3"]
    again = upload(client, plan, body.lstrip("\ufeff"), "utf-8-sig")
    assert again.status_code == 302
    assert plan.rows.count() == 3


def test_year_view_planned_against_taught_in_bounded_queries(
    schools, django_assert_max_num_queries
):
    plan = yearly_for(schools)
    client = schools.client(schools.jte)
    units = list(TextbookUnit.objects.filter(grade__code="JHS2").order_by("pk")[:2])
    text = "month,unit,pages,hours,grammar,skill areas\n" + "".join(
        f"{4 + i},{unit.label},,6,,Listening;Reading\n" for i, unit in enumerate(units)
    )
    upload(client, plan, text, "utf-8")
    past = datetime.date.today() - datetime.timedelta(days=7)
    future = datetime.date.today() + datetime.timedelta(days=7)
    owner = TeacherFactory(username="someone")
    for day in (past, past, future):
        LessonPlan.objects.create(
            owner=owner,
            title="x",
            school_class=schools.class_23,
            textbook_unit=units[0],
            taught_on=day,
            length_minutes=50,
        )
    address = reverse("lessons:yearly_plan", args=[plan.pk])
    few = []
    with django_assert_max_num_queries(MAX_QUERIES), connection.execute_wrapper(counting(few)):
        page = client.get(address)
    assert page.status_code == 200
    assert page.context["lines"][0]["taught"] == 2  # the future lesson is not taught yet
    assert page.context["lines"][1]["taught"] == 0
    assert page.context["planned_total"] == 12
    # Many more rows and lessons: the same number of queries.
    more = "month,unit,pages,hours,grammar,skill areas\n" + "".join(
        f"{(i % 12) + 1},Event {i},,1,,Listening;Writing\n" for i in range(60)
    )
    upload(
        client,
        plan,
        text.split("\n", 1)[0] + "\n" + text.split("\n", 1)[1] + more.split("\n", 1)[1],
        "utf-8",
    )
    for _ in range(20):
        LessonPlan.objects.create(
            owner=owner,
            title="y",
            school_class=schools.class_23,
            textbook_unit=units[1],
            taught_on=past,
            length_minutes=50,
        )
    many = []
    with connection.execute_wrapper(counting(many)):
        page = client.get(address)
    assert len(few) > 0
    assert len(many) <= len(few)  # 60 more rows and 20 more lessons: no more queries
    taught = {line["row"].textbook_unit_id: line["taught"] for line in page.context["lines"]}
    assert taught[units[1].pk] == 20
    assert taught[units[0].pk] == 2
    assert len(page.context["lines"]) == 62


def test_strangers_get_404_for_the_yearly_plan(schools):
    plan = yearly_for(schools)
    client = schools.client(schools.stranger)
    for name in ("lessons:yearly_plan", "lessons:yearly_export", "lessons:yearly_import"):
        assert client.get(reverse(name, args=[plan.pk])).status_code == 404
