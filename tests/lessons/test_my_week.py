""" "My lessons" opens on what needs the teacher (issue #15.5): today's lessons, the next
days', then plans shared with them — not an empty "Mine" tab."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lessons.models import Visibility
from tests.factories.accounts import TeacherFactory
from tests.factories.lessons import LessonPlanFactory, PlanMemberFactory

pytestmark = pytest.mark.django_db
HOME = reverse("lessons:my_lessons")


def _sections(page: str) -> dict[str, str]:
    """The text of each section of the week view, by its heading's id."""
    parts = {}
    for key in ("today-heading", "week-heading", "shared-heading"):
        start = page.index(f'id="{key}"')
        end = page.find("<section", start)
        parts[key] = page[start : end if end != -1 else len(page)]
    return parts


def test_an_invited_alt_lands_on_the_plan_shared_with_them(client):
    alt, jte = TeacherFactory(), TeacherFactory(display_name="Tanaka")
    shared = LessonPlanFactory(owner=jte, title="Seasons", visibility=Visibility.SHARED)
    PlanMemberFactory(plan=shared, user=alt, role="editor")
    client.force_login(alt)
    page = client.get(HOME).content.decode()
    sections = _sections(page)
    assert "Seasons" in sections["shared-heading"]
    assert "Owner: Tanaka" in sections["shared-heading"]
    assert 'href="?tab=week" aria-current="page"' in page


def test_today_then_the_next_days_in_date_and_period_order(client):
    me = TeacherFactory()
    today = timezone.localdate()
    LessonPlanFactory(owner=me, title="Third period today", taught_on=today, period=3)
    LessonPlanFactory(owner=me, title="First period today", taught_on=today, period=1)
    LessonPlanFactory(owner=me, title="Tomorrow", taught_on=today + timedelta(days=1))
    LessonPlanFactory(owner=me, title="In six days", taught_on=today + timedelta(days=6))
    LessonPlanFactory(owner=me, title="Next fortnight", taught_on=today + timedelta(days=7))
    LessonPlanFactory(owner=me, title="Yesterday", taught_on=today - timedelta(days=1))
    other = LessonPlanFactory(title="Someone else's today", taught_on=today)
    client.force_login(me)
    page = client.get(HOME).content.decode()
    sections = _sections(page)
    today_part = sections["today-heading"]
    assert today_part.index("First period today") < today_part.index("Third period today")
    assert "Tomorrow" in sections["week-heading"]
    assert "In six days" in sections["week-heading"]
    for absent in ("Next fortnight", "Yesterday", other.title):
        assert absent not in page


def test_a_shared_lesson_this_week_shows_and_a_private_one_i_am_parked_on_does_not(client):
    me = TeacherFactory()
    today = timezone.localdate()
    shared = LessonPlanFactory(title="Co-taught", taught_on=today, visibility=Visibility.SHARED)
    parked = LessonPlanFactory(title="Taken back", taught_on=today, visibility=Visibility.PRIVATE)
    for plan in (shared, parked):
        PlanMemberFactory(plan=plan, user=me, role="viewer")
    client.force_login(me)
    page = client.get(HOME).content.decode()
    assert "Co-taught" in _sections(page)["today-heading"]
    assert "Taken back" not in page


def test_with_nothing_this_week_and_nothing_shared_it_opens_on_mine(client):
    me = TeacherFactory()
    LessonPlanFactory(owner=me, title="Undated plan")
    client.force_login(me)
    page = client.get(HOME).content.decode()
    assert 'href="?tab=mine" aria-current="page"' in page
    assert "Undated plan" in page
    week = client.get(HOME + "?tab=week").content.decode()
    assert "No lesson planned for today." in week
