import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from accounts.models import Role
from tests.accounts.sign_up_data import SIGN_UP
from tests.factories.accounts import PASSWORD

User = get_user_model()


@pytest.mark.django_db
def test_sign_up_creates_a_teacher_and_logs_them_in(client):
    response = client.post(reverse("accounts:sign_up"), SIGN_UP)
    assert response.status_code == 302
    user = User.objects.get(username="newalt")
    assert user.display_name == "Jordan (ALT)"
    assert user.groups.filter(name="Teachers").exists()
    assert user.has_perm("accounts.share_materials")
    assert not user.has_perm("wagtailadmin.access_admin")
    home = client.get("/")
    assert "Jordan (ALT)" in home.content.decode()


@pytest.mark.django_db
def test_sign_up_cannot_make_yourself_an_editor(client):
    response = client.post(reverse("accounts:sign_up"), {**SIGN_UP, "role": Role.EDITOR})
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(username="newalt").exists()


@pytest.mark.django_db
def test_sign_up_refuses_a_username_with_an_at_sign_and_keeps_what_was_typed(client, teacher):
    # A taken e-mail address is no longer refused (that would tell who has an account:
    # tests/accounts/test_email_confirmation.py); a username that looks like an address is.
    response = client.post(reverse("accounts:sign_up"), {**SIGN_UP, "username": "sam@example.jp"})
    assert response.status_code == 200
    assert "cannot contain" in str(response.context["form"].errors["username"])
    assert 'value="Jordan (ALT)"' in response.content.decode()


@pytest.mark.django_db
def test_sign_up_form_is_protected_by_csrf(teacher):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("accounts:sign_up"), SIGN_UP).status_code == 403
    assert (
        strict.post(
            reverse("accounts:login"), {"username": teacher.username, "password": PASSWORD}
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_log_in_and_log_out(client, teacher):
    response = client.post(
        reverse("accounts:login"), {"username": "sam", "password": PASSWORD, "next": "/lessons/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/lessons/"
    assert client.get("/lessons/").status_code == 200

    assert client.get(reverse("accounts:logout")).status_code == 405  # log-out is POST only
    client.post(reverse("accounts:logout"))
    assert client.get("/lessons/").status_code == 302


@pytest.mark.django_db
def test_wrong_password_gets_a_clear_error(client, teacher):
    response = client.post(reverse("accounts:login"), {"username": "sam", "password": "nope"})
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()


@pytest.mark.django_db
def test_password_reset_sends_a_working_link(client, teacher):
    client.post(reverse("accounts:password_reset"), {"email": teacher.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form_page = client.get(link.group(1), follow=True)
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "brand-new-passphrase", "new_password2": "brand-new-passphrase"},
    )
    assert response.status_code == 302
    assert client.login(username="sam", password="brand-new-passphrase")


@pytest.mark.django_db
def test_profile_edits_display_name_and_language(client, teacher):
    client.force_login(teacher)
    response = client.post(
        reverse("accounts:profile"),
        {
            "display_name": "Samantha",
            "email": teacher.email,
            "role": Role.ALT,
            "school": "",
            "preferred_language": "ja",
        },
    )
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert (teacher.display_name, teacher.preferred_language) == ("Samantha", "ja")


@pytest.mark.django_db
def test_profile_needs_a_log_in(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
