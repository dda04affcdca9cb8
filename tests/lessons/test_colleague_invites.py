# ruff: noqa: RUF001 — full-width letters are typed on purpose (what a Japanese keyboard sends)
"""Inviting colleagues from your schools (issue #15.5): found by name, display name or
e-mail whatever the width, case and spaces; never anyone outside your schools; the invitee
is told in Kyozai and by e-mail."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.notifications.models import Notification
from lessons.models import PlanMember
from lessons.services import colleagues
from schools.models import School, SchoolMembership
from tests.factories.accounts import TeacherFactory
from tests.factories.lessons import LessonPlanFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/lessons"


@pytest.fixture
def school_world():
    minami = School.objects.create(name="Minami JHS", stage="JHS")
    kita = School.objects.create(name="Kita JHS", stage="JHS")
    jte = TeacherFactory(username="tanaka", display_name="田中 花子", email="tanaka@minami.jp")
    alt = TeacherFactory(
        username="sam", display_name="Sam Smith", email="sam@example.jp", preferred_language="ja"
    )
    stranger = TeacherFactory(username="kenji", display_name="Kenji Far", email="k@far.jp")
    twin = TeacherFactory(username="sam2", display_name="Sam Jones", email="s2@example.jp")
    for school, person in ((minami, jte), (minami, alt), (kita, alt), (kita, twin)):
        SchoolMembership.objects.create(school=school, user=person, role="alt")
    plan = LessonPlanFactory(owner=jte, title="Weather <b>bingo</b>")
    return {"jte": jte, "alt": alt, "stranger": stranger, "twin": twin, "plan": plan}


@pytest.mark.parametrize(
    "typed", ["Sam Smith", "sam smith", "ＳＡＭ　ＳＭＩＴＨ", "SamSmith", "  sam  smith "]
)
def test_a_display_name_finds_a_colleague_whatever_the_width_case_and_spaces(school_world, typed):
    assert colleagues.named(school_world["jte"], typed) == [school_world["alt"]]


def test_a_japanese_name_matches_with_or_without_its_space(school_world):
    assert colleagues.named(school_world["alt"], "田中花子") == [school_world["jte"]]


def test_the_search_lists_only_teachers_of_my_schools(school_world):
    found = [c.user for c in colleagues.search(school_world["jte"], "")]
    assert found == [school_world["alt"]]  # not the stranger, not Kita's teacher, not me
    assert colleagues.search(school_world["jte"], "kenji") == []
    assert colleagues.search(school_world["jte"], "far.jp") == []
    by_mail = colleagues.search(school_world["jte"], "SAM@EXAMPLE")
    assert [c.user for c in by_mail] == [school_world["alt"]]
    assert by_mail[0].schools == ("Minami JHS",)


def test_a_teacher_at_two_schools_sees_both_schools_colleagues(school_world):
    found = {c.user.username for c in colleagues.search(school_world["alt"], "")}
    assert found == {"tanaka", "sam2"}


def test_inviting_by_display_name_adds_the_colleague_and_tells_them(client, school_world):
    jte, alt, plan = school_world["jte"], school_world["alt"], school_world["plan"]
    client.force_login(jte)
    answer = client.post(
        reverse("lessons:members", args=[plan.pk]), {"who": "ｓａｍ ｓｍｉｔｈ", "role": "editor"}
    )
    assert answer.status_code == 302
    assert PlanMember.objects.get(plan=plan).user == alt
    notification = Notification.objects.get(recipient=alt)
    assert notification.link == reverse("lessons:plan", args=[plan.pk])
    assert "Weather <b>bingo</b>" in notification.text  # escaped when shown, not when stored
    sent = [m for m in mail.outbox if m.to == ["sam@example.jp"]]
    assert len(sent) == 1
    assert "Weather <b>bingo</b>" in sent[0].subject  # a plain-text mail, in Sam's language
    assert f"/lessons/{plan.pk}/" in sent[0].body


def test_the_notification_is_worded_in_the_readers_language(client, school_world):
    jte, alt, plan = school_world["jte"], school_world["alt"], school_world["plan"]
    client.force_login(jte)
    client.post(reverse("lessons:members", args=[plan.pk]), {"who": "sam", "role": "viewer"})
    client.force_login(alt)  # Sam reads Kyozai in Japanese (his preferred language)
    japanese = client.get(reverse("accounts:notifications")).content.decode()
    assert "あなたを「Weather &lt;b&gt;bingo&lt;/b&gt;」の共同作成者" in japanese
    alt.preferred_language = "en"
    alt.save()
    client.logout()
    client.force_login(alt)  # the preferred language is taken at log-in
    english = client.get(reverse("accounts:notifications")).content.decode()
    assert "added you to" in english
    assert "&lt;b&gt;bingo&lt;/b&gt;" in english


def test_a_display_name_outside_my_schools_still_finds_nobody(client, school_world):
    client.force_login(school_world["jte"])
    answer = client.post(
        reverse("lessons:members", args=[school_world["plan"].pk]),
        {"who": "Kenji Far", "role": "editor"},
    )
    assert answer.status_code == 400
    assert "Nobody at your schools" in answer.content.decode()
    assert not PlanMember.objects.exists()
    assert not Notification.objects.exists()


def test_two_colleagues_with_one_name_are_not_guessed_between(client, school_world):
    alt = school_world["alt"]
    school_world["twin"].display_name = "Tanaka Hanako"
    school_world["twin"].save()
    other_tanaka = TeacherFactory(username="hanako2", display_name="田中花子")
    SchoolMembership.objects.create(
        school=School.objects.get(name="Kita JHS"), user=other_tanaka, role="jte"
    )
    plan = LessonPlanFactory(owner=alt)
    client.force_login(alt)
    answer = client.post(
        reverse("lessons:members", args=[plan.pk]), {"who": "田中 花子", "role": "editor"}
    )
    assert answer.status_code == 400
    # Sam reads Kyozai in Japanese: "two colleagues are called 田中 花子; pick one".
    assert "という名前の同僚が2人います" in answer.content.decode()


def test_the_picker_page_and_fragment_list_colleagues_with_invite_buttons(client, school_world):
    plan = school_world["plan"]
    client.force_login(school_world["jte"])
    fragment = client.get(
        reverse("lessons:colleagues", args=[plan.pk]) + "?q=smi", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Sam Smith" in fragment
    assert 'value="sam"' in fragment
    assert "Kenji" not in fragment
    assert "Sam Jones" not in fragment
    page = client.get(reverse("lessons:members", args=[plan.pk])).content.decode()
    assert "Sam Smith" in page
    assert 'id="colleague-q"' in page


def test_only_the_owner_may_search_and_a_stranger_is_told_not_found(client, school_world):
    plan = school_world["plan"]
    client.force_login(school_world["stranger"])
    assert client.get(reverse("lessons:colleagues", args=[plan.pk])).status_code == 404
    assert client.get(f"{API}/plans/{plan.pk}/colleagues/?q=sam").status_code == 404


def test_the_api_finds_colleagues_and_marks_who_is_on_the_plan(client, school_world):
    plan = school_world["plan"]
    PlanMember.objects.create(plan=plan, user=school_world["alt"], role="viewer")
    client.force_login(school_world["jte"])
    found = client.get(f"{API}/plans/{plan.pk}/colleagues/?q=ＳＡＭ").json()
    assert found == [
        {
            "user": {"username": "sam", "name": "Sam Smith"},
            "schools": ["Minami JHS"],
            "on_plan": True,
        }
    ]


def test_an_invitation_by_e_mail_to_an_account_also_rings_its_bell(client, school_world):
    plan = school_world["plan"]
    client.force_login(school_world["jte"])
    client.post(reverse("lessons:members", args=[plan.pk]), {"who": "k@far.jp", "role": "editor"})
    notification = Notification.objects.get(recipient=school_world["stranger"])
    assert notification.link.startswith("/lessons/invitations/")
    assert not PlanMember.objects.filter(plan=plan).exists()  # they still accept it
