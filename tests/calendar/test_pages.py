"""The class calendar's pages: timetable, bell times, schedule, bump, notes — and 404 for
anyone outside the class's school, whatever the id."""

from datetime import time, timedelta

from django.urls import reverse
from django.utils import timezone

from lessons.models import ClassNote, LessonPlan
from schools.models.timetable import AltVisits, BellTime, TimetablePeriod, VisitPattern

from .conftest import MONDAY


def test_the_class_page_shows_where_it_stopped_and_its_lessons(year, client):
    today = timezone.localdate()
    unit = year.unit(year.class_23, count=8)
    year.lesson(year.class_23, today - timedelta(days=1), 3, unit=unit, number=4, title="Past")
    year.lesson(year.class_23, today + timedelta(days=1), 3, unit=unit, number=5, title="Next")
    client.force_login(year.alt)
    html = client.get(reverse("calendar:class", args=[year.class_23.pk])).content.decode()
    assert "lesson 4 of 8" in html
    assert "Next" in html
    assert "Bump" in html


def test_strangers_get_404_for_every_class_address(year, client):
    client.force_login(year.stranger)
    pk = year.class_23.pk
    for name in ("class", "timetable"):
        assert client.get(reverse(f"calendar:{name}", args=[pk])).status_code == 404
    for name in ("bump", "schedule", "notes", "timetable"):
        assert client.post(reverse(f"calendar:{name}", args=[pk]), {}).status_code == 404
    assert client.get(reverse("calendar:bell_times", args=[year.minami.pk])).status_code == 404
    assert client.get(reverse("calendar:class", args=[999999])).status_code == 404


def test_editing_the_timetable_and_alt_visits(year, client):
    client.force_login(year.jte)
    url = reverse("calendar:timetable", args=[year.class_23.pk])
    response = client.post(
        url, {"periods": ["0-2", "4-5"], "pattern": "alternate_weeks", "first_week": "2026-06-03"}
    )
    assert response.status_code == 302
    assert sorted(
        TimetablePeriod.objects.filter(school_class=year.class_23).values_list("weekday", "period")
    ) == [(0, 2), (4, 5)]
    visits = AltVisits.objects.get(school_class=year.class_23)
    assert visits.pattern == VisitPattern.ALTERNATE_WEEKS
    assert visits.comes_on(MONDAY)
    assert not visits.comes_on(MONDAY + timedelta(days=7))
    # Bad input: a clear error, nothing changed.
    bad = client.post(
        url, {"periods": ["0-2"], "pattern": "chosen_dates", "chosen_dates": "June 5"}
    )
    assert bad.status_code == 400
    assert "is not a date" in bad.content.decode()
    assert AltVisits.objects.get(school_class=year.class_23).pattern == VisitPattern.ALTERNATE_WEEKS


def test_bell_times(year, client):
    client.force_login(year.alt)
    url = reverse("calendar:bell_times", args=[year.kita.pk])
    assert client.post(url, {"starts_1": "08:50", "ends_1": "09:40"}).status_code == 302
    bell = BellTime.objects.get(school=year.kita)
    assert (bell.period, bell.starts_at, bell.ends_at) == (1, time(8, 50), time(9, 40))
    assert client.post(url, {"starts_2": "10:00", "ends_2": "09:00"}).status_code == 400


def test_bumping_and_scheduling_from_the_class_page(year, client):
    unit = year.unit(year.class_23, count=2)
    first = year.lesson(year.class_23, None, None, unit=unit, number=1)
    second = year.lesson(year.class_23, None, None, unit=unit, number=2)
    client.force_login(year.jte)
    response = client.post(
        reverse("calendar:schedule", args=[year.class_23.pk]),
        {"unit_plan": unit.pk, "start": MONDAY.isoformat()},
    )
    assert response.status_code == 302
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.taught_on, first.period) == (MONDAY + timedelta(days=1), 3)
    assert (second.taught_on, second.period) == (MONDAY + timedelta(days=3), 1)
    client.post(reverse("calendar:bump", args=[year.class_23.pk]), {"plan": first.pk})
    assert list(
        LessonPlan.objects.filter(unit_plan=unit)
        .order_by("lesson_number")
        .values_list("taught_on", "period")
    ) == [(MONDAY + timedelta(days=3), 1), (MONDAY + timedelta(days=8), 3)]


def test_notes_are_the_authors_own(year, client):
    client.force_login(year.alt)
    url = reverse("calendar:notes", args=[year.class_23.pk])
    assert client.post(url, {"text": "Loves <games>"}).status_code == 302
    client.force_login(year.jte)
    client.post(url, {"text": "JTE's note"})
    assert ClassNote.objects.get(author=year.alt).text == "Loves <games>"
    client.force_login(year.alt)
    html = client.get(reverse("calendar:class", args=[year.class_23.pk])).content.decode()
    assert "Loves &lt;games&gt;" in html
    assert "JTE&#x27;s note" not in html
