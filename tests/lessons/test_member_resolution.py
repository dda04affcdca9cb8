"""Who an invitation reaches (lessons/services/members.find_user): by e-mail, only the owner
of a confirmed address; never a display name, an unconfirmed claim or a look-alike username."""

import pytest

from lessons.services.members import find_user
from tests.factories.accounts import TeacherFactory


@pytest.mark.django_db
def test_an_invitation_by_email_reaches_the_confirmed_owner_in_any_case():
    owner = TeacherFactory(username="tanaka", email="Tanaka@School.example.jp")
    assert find_user("tanaka@school.example.jp") == owner
    assert find_user("  TANAKA@SCHOOL.EXAMPLE.JP ") == owner


@pytest.mark.django_db
def test_an_invitation_by_email_never_reaches_someone_who_only_typed_the_address():
    owner = TeacherFactory(username="tanaka", email="tanaka@school.example.jp")
    TeacherFactory(username="squatter", email="", unconfirmed_email="tanaka@school.example.jp")
    assert find_user("tanaka@school.example.jp") == owner
    # And before the owner has confirmed it, nobody is found by it at all.
    TeacherFactory(username="early", email="", unconfirmed_email="new@school.example.jp")
    assert find_user("new@school.example.jp") is None


@pytest.mark.django_db
def test_an_invitation_by_email_ignores_a_username_that_looks_like_the_address():
    # Sign-up refuses "@" in new usernames; older accounts may still have one.
    TeacherFactory(username="tanaka@school.example.jp", email="")
    assert find_user("tanaka@school.example.jp") is None
    owner = TeacherFactory(username="tanaka", email="tanaka@school.example.jp")
    assert find_user("tanaka@school.example.jp") == owner


@pytest.mark.django_db
def test_an_invitation_never_reaches_a_display_name():
    TeacherFactory(username="sam", display_name="tanaka")
    assert find_user("Tanaka Sensei") is None
    assert find_user("tanaka") is None


@pytest.mark.django_db
def test_an_invitation_by_username_still_works_in_any_case():
    owner = TeacherFactory(username="tanaka", email="")
    assert find_user("TANAKA") == owner
    assert find_user("") is None
    TeacherFactory(username="gone", is_active=False)
    assert find_user("gone") is None
