"""The private calendar feed: the .ics parses with the icalendar library and lists the
teacher's lessons; its address is secret and revocable."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from lessons.calendar.feed_tokens import feed_for, make_token, renew
from lessons.models import Visibility
from schools.models.timetable import BellTime


@pytest.fixture
def soon():
    return timezone.localdate() + timedelta(days=3)


def events(response) -> dict[str, object]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def feed_url(user) -> str:
    return reverse("calendar:feed", args=[make_token(feed_for(user))])


def test_the_feed_lists_the_teachers_lessons_with_times_when_the_school_has_them(
    year, client, soon
):
    BellTime.objects.create(
        school=year.minami, period=3, starts_at=time(10, 45), ends_at=time(11, 35)
    )
    unit = year.unit(year.class_23, count=8)
    year.lesson(year.class_23, soon, 3, unit=unit, number=2, title="Dreams, part 2")
    year.lesson(year.class_1a, soon, 2, owner=year.alt, title="Kita; intro, games\nday")
    year.lesson(year.class_23, soon, 1, visibility=Visibility.PRIVATE, title="Tanaka's own")

    found = events(client.get(feed_url(year.alt)))

    timed = found["Dreams, part 2 · 2-3"]
    tokyo = ZoneInfo("Asia/Tokyo")
    assert timed["dtstart"].dt == datetime.combine(soon, time(10, 45), tzinfo=tokyo)
    assert timed["dtend"].dt == datetime.combine(soon, time(11, 35), tzinfo=tokyo)
    assert str(timed["location"]) == "Minami JHS"
    assert "Unit 3: My Dream: lesson 2 of 8" in str(timed["description"])
    # No bell times at Kita: an all-day event naming the period. The library escapes the
    # comma, semicolon and new line the teacher typed, and reading gives them back.
    all_day = found["Kita; intro, games\nday · 1-A · period 2"]
    assert all_day["dtstart"].dt == soon
    assert str(all_day["location"]) == "Kita JHS"
    # A plan the ALT may not open is not in the ALT's feed.
    assert not any("Tanaka's own" in summary for summary in found)


def test_a_new_address_revokes_the_old_one(year, client, soon):
    year.lesson(year.class_23, soon, 3)
    old = feed_url(year.alt)
    assert client.get(old).status_code == 200
    renew(year.alt)
    assert client.get(old).status_code == 404
    assert client.get(feed_url(year.alt)).status_code == 200


def test_forged_and_other_peoples_tokens_open_nothing(year, client):
    token = make_token(feed_for(year.alt))
    assert client.get(reverse("calendar:feed", args=[token[:-2] + "xx"])).status_code == 404
    assert client.get(reverse("calendar:feed", args=["not-a-token"])).status_code == 404
    # The stranger's own feed has none of Sam's lessons.
    assert events(client.get(feed_url(year.stranger))) == {}


def test_the_subscribe_page_shows_the_address_and_makes_a_new_one(year, client):
    client.force_login(year.alt)
    page = client.get(reverse("calendar:subscribe")).content.decode()
    old = feed_url(year.alt)
    assert old in page
    response = client.post(reverse("calendar:renew_feed"))
    assert response.status_code == 302
    assert client.get(old).status_code == 404
    assert feed_url(year.alt) in client.get(reverse("calendar:subscribe")).content.decode()
