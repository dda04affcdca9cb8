"""Issue #15.1: schools and classes. A teacher belongs to schools; an ALT sees the classes of
all their schools; members add colleagues (found by username, display name or e-mail) and
classes with their JTE and ALTs picked from the school's members; strangers get 404."""

import pytest
from django.urls import reverse

from schools.models import ClassTeacher, School, SchoolClass, SchoolMembership

pytestmark = pytest.mark.django_db


def test_an_alt_sees_the_classes_of_all_their_schools(schools):
    page = schools.client(schools.alt).get(reverse("schools:my_schools"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Minami JHS" in text
    assert "Kita JHS" in text
    assert "2年3組" in text
    assert "1-1" in text
    jte_page = schools.client(schools.jte).get(reverse("schools:my_schools")).content.decode()
    assert "2年3組" in jte_page
    assert "Kita JHS" not in jte_page
    visible = set(SchoolClass.objects.visible_to(schools.alt).values_list("name", flat=True))
    assert visible == {"2年3組", "1-1"}
    assert not SchoolClass.objects.visible_to(schools.stranger).exists()


def test_a_new_school_has_its_creator_as_member(schools):
    client = schools.client(schools.stranger)
    response = client.post(reverse("schools:new"), {"name": "Higashi ES", "stage": "ES"})
    school = School.objects.get(name="Higashi ES")
    assert response.status_code == 302
    assert school.memberships.filter(user=schools.stranger).exists()


def test_colleagues_are_found_by_display_name_or_email_and_added(schools):
    client = schools.client(schools.jte)
    address = reverse("schools:add_colleague", args=[schools.kita.pk])
    assert client.get(address).status_code == 404  # Tanaka is not at Kita JHS
    address = reverse("schools:add_colleague", args=[schools.minami.pk])
    found = client.get(address, {"q": "Nosy"}).content.decode()
    assert "Nosy Parker" in found
    # A partial e-mail finds nobody: the box cannot list accounts.
    assert "Sam (ALT)" not in client.get(address, {"q": "example.jp"}).content.decode()
    response = client.post(address, {"q": "Nosy", "user": schools.stranger.pk, "role": "other"})
    assert response.status_code == 302
    membership = SchoolMembership.objects.get(school=schools.minami, user=schools.stranger)
    assert membership.added_by == schools.jte
    # Picking someone the search did not find is refused, not a 500.
    other = School.objects.create(name="Elsewhere", stage="JHS")
    refused = client.post(address, {"q": "zzz", "user": schools.alt.pk, "role": "alt"})
    assert refused.status_code == 200
    assert other.memberships.count() == 0


def test_a_class_takes_its_teachers_from_the_school(schools):
    client = schools.client(schools.jte)
    address = reverse("schools:new_class", args=[schools.minami.pk])
    data = {
        "academic_year": 2026,
        "grade": schools.class_23.grade_id,
        "name": "2年4組",
        "students": 32,
        "boys": 16,
        "girls": 16,
        "lead_teacher": schools.jte.pk,
        "alts": [schools.alt.pk],
    }
    assert client.post(address, data).status_code == 302
    made = SchoolClass.objects.get(name="2年4組")
    roles = dict(
        ClassTeacher.objects.filter(school_class=made).values_list("user__username", "role")
    )
    assert roles == {"tanaka": "jte", "sam": "alt"}
    # A stranger is not a member: not offered, and refused when forced in.
    forced = client.post(address, {**data, "name": "2年5組", "alts": [schools.stranger.pk]})
    assert forced.status_code == 200
    assert not SchoolClass.objects.filter(name="2年5組").exists()
    # The same name in the same year is a clear error.
    again = client.post(address, data)
    assert again.status_code == 200
    assert "already has a class" in again.content.decode()
    # Boys and girls more than the students: the form says so.
    wrong = client.post(address, {**data, "name": "2年6組", "boys": 30, "girls": 30})
    assert wrong.status_code == 200
    assert not SchoolClass.objects.filter(name="2年6組").exists()


def test_strangers_get_404_for_every_school_page(schools):
    client = schools.client(schools.stranger)
    for address in (
        reverse("schools:school", args=[schools.minami.pk]),
        reverse("schools:add_colleague", args=[schools.minami.pk]),
        reverse("schools:new_class", args=[schools.minami.pk]),
        reverse("schools:edit_class", args=[schools.class_23.pk]),
        reverse("lessons:class_page", args=[schools.class_23.pk]),
        reverse("schools:school", args=[999999]),
    ):
        response = client.get(address)
        assert response.status_code == 404, address
        assert "2年3組" not in response.content.decode()


def test_the_pages_speak_japanese(schools):
    client = schools.client(schools.alt)
    client.get(reverse("switch_language", args=["ja"]))
    page = client.get(reverse("schools:school", args=[schools.minami.pk]))
    assert page.status_code == 200
    assert page.headers["Content-Language"] == "ja"
