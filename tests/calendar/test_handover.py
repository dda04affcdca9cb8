"""Hand-over (ALT turnover): one step moves every class, unit plan and lesson plan to the
successor; the successor prints a hand-over pack through the print pipeline."""

import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lessons.calendar.handover_pack import build_pack
from lessons.models import (
    ClassNote,
    Handover,
    LessonPlan,
    LessonStep,
    PlanMember,
    UnitPlan,
    Visibility,
)
from lessons.services.handover import HandoverError, hand_over
from schools.models import ClassTeacher, SchoolMembership, SchoolRole
from tests.factories.accounts import TeacherFactory
from tests.factories.library import MaterialPageFactory
from tests.printing.worker import print_through_jobs


@pytest.fixture
def successor(year):
    new_alt = TeacherFactory(username="kate", display_name="Kate (new ALT)")
    for school in (year.minami, year.kita):
        SchoolMembership.objects.create(school=school, user=new_alt, role=SchoolRole.ALT)
    return new_alt


def text_of(pdf: bytes) -> str:
    return re.sub(
        r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    )


def test_everything_moves_to_the_successor_in_one_step(year, successor):
    today = timezone.localdate()
    unit = year.unit(year.class_1a, owner=year.alt, count=6)
    shared = year.lesson(
        year.class_1a, today - timedelta(days=2), 2, unit=unit, number=1, owner=year.alt
    )
    private = year.lesson(
        year.class_1a, today + timedelta(days=5), 2, owner=year.alt, visibility=Visibility.PRIVATE
    )
    PlanMember.objects.create(plan=shared, user=successor, role="viewer")
    jtes = year.lesson(year.class_23, today, 3)  # the JTE's plan: stays the JTE's

    handover = hand_over(year.alt, successor, "Kita 1-A loves games.")

    assert set(handover.classes.all()) == {year.class_23, year.class_1a}
    assert not ClassTeacher.objects.filter(user=year.alt).exists()
    assert set(ClassTeacher.objects.filter(user=successor).values_list("school_class", "role")) == {
        (year.class_23.pk, SchoolRole.ALT),
        (year.class_1a.pk, SchoolRole.ALT),
    }
    assert UnitPlan.objects.get(pk=unit.pk).owner == successor
    assert LessonPlan.objects.get(pk=shared.pk).owner == successor
    assert LessonPlan.objects.get(pk=private.pk).owner == successor
    assert LessonPlan.objects.get(pk=jtes.pk).owner == year.jte
    # On the shared plan the leaver stays an editor; the successor is no longer a member.
    assert list(PlanMember.objects.filter(plan=shared).values_list("user", "role")) == [
        (year.alt.pk, "editor")
    ]
    assert not PlanMember.objects.filter(plan=private).exists()
    assert (handover.unit_plan_count, handover.lesson_plan_count) == (1, 2)


def test_the_successor_must_be_a_member_of_the_leavers_schools(year):
    with pytest.raises(HandoverError):
        hand_over(year.alt, year.stranger)
    with pytest.raises(HandoverError):
        hand_over(year.alt, year.alt)
    assert ClassTeacher.objects.filter(user=year.alt).count() == 2
    assert not Handover.objects.exists()


def test_the_form_hands_over_and_only_offers_school_colleagues(year, successor, client):
    client.force_login(year.alt)
    page = client.get(reverse("calendar:handover_start")).content.decode()
    assert "Kate (new ALT)" in page
    assert "Nosy Parker" not in page
    refused = client.post(
        reverse("calendar:handover_start"), {"successor": year.stranger.pk, "confirm": "on"}
    )
    assert refused.status_code == 400
    done = client.post(
        reverse("calendar:handover_start"),
        {"successor": successor.pk, "message": "Good luck", "confirm": "on"},
    )
    assert done.status_code == 200
    assert Handover.objects.get().successor == successor


def test_the_successor_prints_a_pack_with_the_notes_and_materials(year, successor, client):
    today = timezone.localdate()
    unit = year.unit(year.class_23, count=8)
    taught = year.lesson(year.class_23, today - timedelta(days=1), 3, unit=unit, number=4)
    step = LessonStep.objects.create(plan=taught, phase="practice", minutes=10, alt_role="Model")
    step.materials.add(MaterialPageFactory(title="Dream job bingo"))
    year.lesson(year.class_23, today + timedelta(days=2), 3, unit=unit, number=5, title="Dreams 5")
    ClassNote.objects.create(
        school_class=year.class_23, author=year.alt, text="Ken needs <large> print"
    )
    handover = hand_over(year.alt, successor, "Thanks!")

    pack = build_pack(handover)
    minami = next(p for p in pack.classes if p.school_class == year.class_23)
    assert minami.last == taught
    assert [p.title for p, _ in minami.upcoming] == ["Dreams 5"]

    client.force_login(successor)
    response = print_through_jobs(client, reverse("calendar:handover_pdf", args=[handover.pk]))
    assert response.status_code == 200, response.content[:300]
    text = text_of(b"".join(response.streaming_content))
    for expected in (
        "Sam (ALT)",
        "2-3",
        "lesson 4 of 8",
        "Dreams 5",
        "Ken needs <large> print",
        "Dream job bingo",
    ):
        assert expected in text, expected
    # Nobody else prints it: the leaver and a stranger are told "not found".
    for other in (year.alt, year.stranger):
        client.force_login(other)
        assert client.get(reverse("calendar:handover_pdf", args=[handover.pk])).status_code == 404
