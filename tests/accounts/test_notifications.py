"""In-app notifications: private to their recipient, worded when shown, marked read."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.notifications import kinds
from accounts.notifications.models import Notification
from accounts.notifications.service import KEEP, notify, safe_link, unread_count
from tests.factories.accounts import TeacherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def greeting_kind():
    kinds.register("test.greeting", lambda p: translation.gettext("Hello %(name)s") % p)
    return "test.greeting"


def test_a_notification_is_worded_when_shown_from_its_kind_and_details(greeting_kind):
    teacher = TeacherFactory()
    notification = notify(teacher, greeting_kind, {"name": "Sam"}, "/lessons/1/")
    assert notification.text == "Hello Sam"
    assert Notification.objects.get().params == {"name": "Sam"}


def test_an_unknown_kind_or_missing_details_say_something_neutral(greeting_kind):
    teacher = TeacherFactory()
    assert "new notification" in notify(teacher, "gone.kind", {}).text
    assert "new notification" in notify(teacher, greeting_kind, {}).text


@pytest.mark.parametrize(
    ("link", "kept"),
    [
        ("/lessons/3/", "/lessons/3/"),
        ("https://evil.example/", ""),
        ("//evil.example/", ""),
        ("javascript:alert(1)", ""),
        ("/" + "a" * 600, ""),
    ],
)
def test_only_a_path_on_this_site_is_kept_as_a_link(link, kept):
    assert safe_link(link) == kept


def test_the_bell_counts_only_my_unread_notifications(client, greeting_kind):
    me, other = TeacherFactory(), TeacherFactory()
    for _ in range(3):
        notify(me, greeting_kind, {"name": "x"})
    notify(other, greeting_kind, {"name": "y"})
    Notification.objects.filter(pk=Notification.objects.filter(recipient=me).first().pk).mark_read()
    client.force_login(me)
    answer = client.get(reverse("accounts:notification_bell"))
    assert answer.status_code == 200
    assert 'class="bell__count">2<' in answer.content.decode()
    assert unread_count(me) == 2


def test_the_bell_is_a_fragment_not_in_the_page_itself(client):
    me = TeacherFactory()
    client.force_login(me)
    page = client.get(reverse("lessons:my_lessons")).content.decode()
    assert reverse("accounts:notification_bell") in page
    assert "bell__count" not in page


def test_a_visitor_gets_an_empty_bell(client):
    assert client.get(reverse("accounts:notification_bell")).status_code == 204


def test_the_list_shows_my_notifications_escaped_and_not_others(client, greeting_kind):
    me, other = TeacherFactory(), TeacherFactory()
    notify(me, greeting_kind, {"name": "<script>alert(1)</script>"})
    notify(other, greeting_kind, {"name": "Someone else"})
    client.force_login(me)
    page = client.get(reverse("accounts:notifications")).content.decode()
    assert "&lt;script&gt;" in page
    assert "<script>alert" not in page
    assert "Someone else" not in page


def test_opening_marks_read_and_follows_the_link(client, greeting_kind):
    me = TeacherFactory()
    notification = notify(me, greeting_kind, {"name": "x"}, "/lessons/")
    client.force_login(me)
    answer = client.post(reverse("accounts:open_notification", args=[notification.pk]))
    assert answer.status_code == 302
    assert answer["Location"] == "/lessons/"
    notification.refresh_from_db()
    assert notification.is_read


def test_someone_elses_notification_is_not_found(client, greeting_kind):
    me, other = TeacherFactory(), TeacherFactory()
    theirs = notify(other, greeting_kind, {"name": "x"}, "/lessons/")
    client.force_login(me)
    assert client.post(reverse("accounts:open_notification", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_mark_all_read_touches_only_mine(client, greeting_kind):
    me, other = TeacherFactory(), TeacherFactory()
    notify(me, greeting_kind, {"name": "x"})
    notify(other, greeting_kind, {"name": "y"})
    client.force_login(me)
    client.post(reverse("accounts:notifications_read"))
    assert unread_count(me) == 0
    assert unread_count(other) == 1


def test_old_read_notifications_are_forgotten_beyond_the_limit(greeting_kind):
    me = TeacherFactory()
    for _ in range(KEEP + 5):
        notify(me, greeting_kind, {"name": "x"})
    Notification.objects.filter(recipient=me).mark_read()
    notify(me, greeting_kind, {"name": "x"})
    assert Notification.objects.filter(recipient=me).count() <= KEEP + 1


def test_the_api_lists_and_marks_only_mine(client, greeting_kind):
    me, other = TeacherFactory(), TeacherFactory()
    mine = notify(me, greeting_kind, {"name": "Sam"}, "/lessons/")
    theirs = notify(other, greeting_kind, {"name": "x"})
    client.force_login(me)
    listed = client.get("/api/v1/notifications/").json()
    assert listed["unread"] == 1
    assert [n["id"] for n in listed["results"]] == [mine.pk]
    assert listed["results"][0]["text"] == "Hello Sam"
    assert client.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    assert client.post(f"/api/v1/notifications/{mine.pk}/read/").json()["read"] is True
    assert client.get("/api/v1/notifications/?unread=true").json()["results"] == []


def test_the_api_needs_a_session(client):
    assert client.get("/api/v1/notifications/").status_code == 401
