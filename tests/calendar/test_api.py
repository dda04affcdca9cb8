"""The calendar in the JSON API: same rules as the pages."""

import json
from datetime import timedelta

from lessons.models import Visibility

from .conftest import MONDAY


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_the_week_in_the_api(year, client):
    unit = year.unit(year.class_23, count=8)
    year.lesson(year.class_23, MONDAY + timedelta(days=1), 3, unit=unit, number=2, title="Dreams")
    year.lesson(
        year.class_23, MONDAY + timedelta(days=3), 1, visibility=Visibility.PRIVATE, title="Secret"
    )
    client.force_login(year.alt)
    body = client.get("/api/v1/calendar/week/", {"day": "2026-06-03"}).json()
    assert body["monday"] == "2026-06-01"
    by_slot = {(row["date"], row["period"], row["school"]): row for row in body["lessons"]}
    dreams = by_slot[("2026-06-02", 3, "Minami JHS")]
    assert (dreams["title"], dreams["unit"], dreams["lesson_number"], dreams["lesson_count"]) == (
        "Dreams",
        "Unit 3: My Dream",
        2,
        8,
    )
    assert by_slot[("2026-06-04", 1, "Minami JHS")]["title"] is None
    assert ("2026-06-03", 2, "Kita JHS") in by_slot
    assert client.get("/api/v1/calendar/week/", {"day": "June"}).status_code == 400


def test_a_class_bump_and_schedule_in_the_api(year, client):
    unit = year.unit(year.class_23, count=2)
    first = year.lesson(year.class_23, None, None, unit=unit, number=1)
    year.lesson(year.class_23, None, None, unit=unit, number=2)
    client.force_login(year.jte)
    base = f"/api/v1/calendar/classes/{year.class_23.pk}/"
    moved = post(client, base + "schedule/", {"unit_plan": unit.pk, "start": "2026-06-01"})
    assert moved.status_code == 200, moved.content
    assert [(m["date"], m["period"]) for m in moved.json()] == [
        ("2026-06-02", 3),
        ("2026-06-04", 1),
    ]
    bumped = post(client, base + "bump/", {"plan": first.pk})
    assert [(m["date"], m["period"]) for m in bumped.json()] == [
        ("2026-06-04", 1),
        ("2026-06-09", 3),
    ]
    calendar = client.get(base).json()
    assert calendar["timetable"] == [{"weekday": 1, "period": 3}, {"weekday": 3, "period": 1}]
    assert post(client, base + "bump/", {"plan": 999999}).status_code == 400


def test_strangers_get_404_and_visitors_401(year, client):
    base = f"/api/v1/calendar/classes/{year.class_23.pk}/"
    assert client.get(base).status_code == 401
    client.force_login(year.stranger)
    assert client.get(base).status_code == 404
    assert post(client, base + "bump/", {"plan": 1}).status_code == 404


def test_the_feed_address_in_the_api(year, client):
    client.force_login(year.alt)
    first = client.get("/api/v1/calendar/feed/").json()["address"]
    second = post(client, "/api/v1/calendar/feed/new-address/", {}).json()["address"]
    assert first != second
    assert "/calendar/feed/" in second
    assert client.get(first.split("testserver")[-1]).status_code == 404
