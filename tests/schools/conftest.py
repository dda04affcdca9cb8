"""Minami JHS with a JTE (Tanaka) and an ALT (Sam) who also visits Kita JHS; a stranger
(Nosy) at neither; one class each."""

from dataclasses import dataclass

import pytest
from django.test import Client

from library.models import Grade
from schools.models import ClassTeacher, School, SchoolClass, SchoolMembership
from tests.factories.accounts import TeacherFactory


@dataclass
class Schools:
    jte: object
    alt: object
    stranger: object
    minami: School
    kita: School
    class_23: SchoolClass
    kita_class: SchoolClass

    def client(self, user) -> Client:
        client = Client()
        client.force_login(user)
        return client


@pytest.fixture
def schools(db) -> Schools:
    jte = TeacherFactory(username="tanaka", display_name="田中 花子", role="JTE")
    alt = TeacherFactory(username="sam", display_name="Sam (ALT)", email="sam@example.jp")
    stranger = TeacherFactory(username="nosy", display_name="Nosy Parker")
    minami = School.objects.create(name="Minami JHS", name_ja="南中学校", stage="JHS")
    kita = School.objects.create(name="Kita JHS", stage="JHS")
    SchoolMembership.objects.create(school=minami, user=jte, role="jte")
    SchoolMembership.objects.create(school=minami, user=alt, role="alt")
    SchoolMembership.objects.create(school=kita, user=alt, role="alt")
    jhs2 = Grade.objects.get(code="JHS2")
    class_23 = SchoolClass.objects.create(
        school=minami, academic_year=2026, grade=jhs2, name="2年3組", students=30, boys=15, girls=15
    )
    ClassTeacher.objects.create(school_class=class_23, user=jte, role="jte")
    ClassTeacher.objects.create(school_class=class_23, user=alt, role="alt")
    kita_class = SchoolClass.objects.create(
        school=kita, academic_year=2026, grade=Grade.objects.get(code="JHS1"), name="1-1"
    )
    return Schools(jte, alt, stranger, minami, kita, class_23, kita_class)
