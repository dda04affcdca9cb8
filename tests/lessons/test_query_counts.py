"""The editor, My lessons and the API read a plan in a fixed number of queries, however many
steps, materials and co-planners it has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lessons import limits
from lessons.models import PlanComment
from lessons.services.editing import add_step
from tests.factories.accounts import TeacherFactory
from tests.factories.lessons import LessonPlanFactory, PlanMemberFactory
from tests.factories.library import MaterialPageFactory

EDITOR_QUERIES = 16
MY_LESSONS_QUERIES = 10
API_QUERIES = 10


def grow(team, steps: int, members: int, materials: int) -> None:
    pages = [MaterialPageFactory().pk for _ in range(materials)]
    for _ in range(steps):
        add_step(
            team.plan.pk,
            team.owner,
            {"phase": "practice", "minutes": 1, "alt_role": "Helps."},
            pages[: limits.MAX_MATERIALS_PER_STEP],
        )
    for _ in range(members):
        PlanMemberFactory(plan=team.plan, role="viewer")
        PlanComment.objects.create(plan=team.plan, author=team.viewer, body="Noted.")


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url_for",
    [
        lambda team: reverse("lessons:plan", args=[team.plan.pk]),
        lambda team: f"/api/v1/lessons/plans/{team.plan.pk}/",
    ],
    ids=["editor", "api"],
)
def test_reading_a_plan_does_not_grow_with_its_size(team, client_for, url_for):
    client = client_for(team.owner)
    url = url_for(team)
    grow(team, steps=1, members=1, materials=1)
    client.get(url)  # warm caches (site root paths, content types)
    small = count(client, url)
    grow(team, steps=12, members=6, materials=4)
    large = count(client, url)
    assert large == small, f"{small} queries with 3 steps, {large} with 15"


def test_editor_query_budget(team, client_for, django_assert_max_num_queries):
    grow(team, steps=20, members=8, materials=5)
    client = client_for(team.editor)  # an editor: the membership lookup is one more query
    client.get(reverse("lessons:plan", args=[team.plan.pk]))
    with django_assert_max_num_queries(EDITOR_QUERIES):
        client.get(reverse("lessons:plan", args=[team.plan.pk]))


def test_api_query_budget(team, client_for, django_assert_max_num_queries):
    grow(team, steps=20, members=8, materials=5)
    client = client_for(team.editor)
    with django_assert_max_num_queries(API_QUERIES):
        client.get(f"/api/v1/lessons/plans/{team.plan.pk}/")


@pytest.mark.parametrize("tab", ["week", "mine", "shared", "templates"])
def test_my_lessons_query_budget(db, client_for, tab, django_assert_max_num_queries):
    teacher = TeacherFactory()
    client = client_for(teacher)
    url = reverse("lessons:my_lessons") + f"?tab={tab}"
    client.get(url)
    for _ in range(3):
        plan = LessonPlanFactory(owner=teacher, visibility="shared")
        shared = LessonPlanFactory(visibility="shared")
        PlanMemberFactory(plan=shared, user=teacher)
        for target in (plan, shared):
            PlanMemberFactory(plan=target)
            add_step(target.pk, teacher, {"phase": "review", "minutes": 5})
    with django_assert_max_num_queries(MY_LESSONS_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    small = count(client, url)
    for _ in range(10):
        PlanMemberFactory(plan=LessonPlanFactory(owner=teacher, visibility="shared"))
        PlanMemberFactory(plan=LessonPlanFactory(visibility="shared"), user=teacher)
    assert count(client, url) == small
