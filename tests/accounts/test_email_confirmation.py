"""E-mail addresses count only once confirmed; nothing tells who has an account.

Each test is named for the attack or mistake it answers: an address squatted through the
profile or the sign-up form, invitations and password resets following it, a link used by
the wrong person or too late.
"""

import importlib
import re
import time

import pytest
from django.apps import apps as django_apps
from django.contrib.messages import get_messages
from django.core import mail, signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from accounts.email_confirmation import SALT, confirmed_owner
from accounts.models import User
from lessons.services.members import find_user
from tests.accounts.sign_up_data import SIGN_UP
from tests.factories.accounts import PASSWORD, TeacherFactory

LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)")


def link_in(message) -> str:
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(1)


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def profile_data(user, email: str) -> dict:
    return {
        "display_name": user.display_name,
        "email": email,
        "role": user.role,
        "school": user.school,
        "preferred_language": user.preferred_language,
    }


def reset_mails_for(address: str) -> list:
    before = len(mail.outbox)
    Client().post(reverse("accounts:password_reset"), {"email": address})
    return mail.outbox[before:]


def shown_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def waiting_for(user, address: str) -> Client:
    """`user`, signed in, with `address` typed and waiting for confirmation."""
    user.unconfirmed_email = address
    user.save()
    client = Client()
    client.force_login(user)
    return client


def sign_up(**changes):
    client = Client()
    response = client.post(reverse("accounts:sign_up"), {**SIGN_UP, **changes})
    return client, response


# --- sign-up ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_address_counts_only_once_its_owner_confirms_it():
    client, response = sign_up()
    assert response.status_code == 302
    user = User.objects.get(username="newalt")
    assert (user.email, user.unconfirmed_email) == ("", "jordan@example.jp")
    assert "We have sent a link to jordan@example.jp" in " ".join(shown_messages(response))
    [message] = mail.outbox
    assert message.to == ["jordan@example.jp"]
    assert "newalt" in message.body
    # Until confirmed, no password reset and no invitation reaches it.
    assert reset_mails_for("jordan@example.jp") == []
    assert find_user("jordan@example.jp") is None

    page = client.get(link_in(message))
    assert page.status_code == 200
    assert "jordan@example.jp" in page.content.decode()
    user.refresh_from_db()
    assert user.email == ""  # opening the link (a mail scanner does) changes nothing
    confirmed = client.post(link_in(message))
    assert confirmed.status_code == 302
    user.refresh_from_db()
    assert (user.email, user.unconfirmed_email) == ("jordan@example.jp", "")
    assert len(reset_mails_for("JORDAN@example.jp")) == 1
    assert find_user("Jordan@Example.jp") == user


@pytest.mark.django_db
def test_sign_up_with_a_taken_address_answers_the_same_and_tells_the_owner(teacher):
    _fresh_client, fresh = sign_up(username="fresh", email="fresh@example.jp")
    mail.outbox.clear()
    squatter_client, squatted = sign_up(username="squatter", email=teacher.email.upper())

    # The same answer: signed in, sent home, told a link is on its way to what they typed.
    assert (squatted.status_code, squatted["Location"]) == (fresh.status_code, fresh["Location"])
    assert [
        m.replace(teacher.email.upper(), "X").replace("squatter", "Y")
        for m in shown_messages(squatted)
    ] == [m.replace("fresh@example.jp", "X").replace("fresh", "Y") for m in shown_messages(fresh)]
    assert "_auth_user_id" in squatter_client.session
    # No link went anywhere; the owner was told someone tried.
    [notice] = mail.outbox
    assert notice.to == [teacher.email]
    assert "Someone tried" in notice.subject
    assert not LINK.search(notice.body)
    squatter = User.objects.get(username="squatter")
    assert squatter.email == ""
    assert find_user(teacher.email) == teacher
    assert [m.to for m in reset_mails_for(teacher.email)] == [[teacher.email]]


@pytest.mark.django_db
def test_a_username_cannot_pose_as_an_email_address(client, teacher):
    _client, response = sign_up(username="sam@example.jp")
    assert response.status_code == 200
    assert not User.objects.filter(username="sam@example.jp").exists()
    assert mail.outbox == []


# --- the profile --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_profile_cannot_claim_another_accounts_address(teacher, other_teacher):
    squatter = Client()
    squatter.force_login(other_teacher)
    claimed = squatter.post(
        reverse("accounts:profile"), profile_data(other_teacher, teacher.email.title())
    )
    fresh = Client()
    fresh.force_login(TeacherFactory(username="someone"))
    typed_fresh = fresh.post(
        reverse("accounts:profile"), profile_data(other_teacher, "brand-new@example.jp")
    )
    assert claimed.status_code == typed_fresh.status_code == 302
    assert len(shown_messages(claimed)) == len(shown_messages(typed_fresh)) == 2

    other_teacher.refresh_from_db()
    assert other_teacher.email == "hanako@example.jp"  # their own confirmed address stays
    assert other_teacher.unconfirmed_email == teacher.email.title()
    [notice] = mails_to(teacher.email)
    assert "Someone tried" in notice.subject
    # Invitations and resets by that address reach its owner, never the squatter.
    assert find_user(teacher.email) == teacher
    assert [m.to for m in reset_mails_for(teacher.email.upper())] == [[teacher.email]]


@pytest.mark.django_db
def test_a_change_keeps_the_old_confirmed_address_until_the_new_one_is_confirmed(teacher):
    client = Client()
    client.force_login(teacher)
    client.post(reverse("accounts:profile"), profile_data(teacher, "sam.new@example.jp"))
    teacher.refresh_from_db()
    assert (teacher.email, teacher.unconfirmed_email) == ("sam@example.jp", "sam.new@example.jp")
    assert len(reset_mails_for("sam@example.jp")) == 1
    assert reset_mails_for("sam.new@example.jp") == []
    assert "Waiting for confirmation" in client.get(reverse("accounts:profile")).content.decode()

    [link_mail] = mails_to("sam.new@example.jp")
    client.post(link_in(link_mail))
    teacher.refresh_from_db()
    assert (teacher.email, teacher.unconfirmed_email) == ("sam.new@example.jp", "")
    assert reset_mails_for("sam@example.jp") == []
    assert len(reset_mails_for("sam.new@example.jp")) == 1
    # The old address is told of the change.
    assert any("was changed" in m.subject for m in mails_to("sam@example.jp"))


@pytest.mark.django_db
def test_typing_the_confirmed_address_again_cancels_a_change_waiting(teacher):
    client = Client()
    client.force_login(teacher)
    client.post(reverse("accounts:profile"), profile_data(teacher, "sam.new@example.jp"))
    [link_mail] = mails_to("sam.new@example.jp")
    client.post(reverse("accounts:profile"), profile_data(teacher, "SAM@example.jp"))
    teacher.refresh_from_db()
    assert (teacher.email, teacher.unconfirmed_email) == ("sam@example.jp", "")
    # The old link now does nothing.
    response = client.post(link_in(link_mail), follow=True)
    assert "no longer waits" in response.content.decode()
    teacher.refresh_from_db()
    assert teacher.email == "sam@example.jp"


@pytest.mark.django_db
def test_typing_a_strangers_address_again_and_again_mails_them_once_a_minute(
    teacher, other_teacher
):
    squatter = Client()
    squatter.force_login(other_teacher)
    for _ in range(5):
        squatter.post(reverse("accounts:send_confirmation"))
        squatter.post(reverse("accounts:profile"), profile_data(other_teacher, "a@example.jp"))
        squatter.post(reverse("accounts:profile"), profile_data(other_teacher, teacher.email))
    assert len(mails_to(teacher.email)) == 1
    assert len(mails_to("a@example.jp")) == 1


@pytest.mark.django_db
def test_the_link_can_be_sent_again(teacher):
    client = waiting_for(teacher, "sam.new@example.jp")
    assert client.get(reverse("accounts:send_confirmation")).status_code == 405
    response = client.post(reverse("accounts:send_confirmation"))
    assert response["Location"] == reverse("accounts:profile")
    [link_mail] = mails_to("sam.new@example.jp")
    client.post(link_in(link_mail))
    teacher.refresh_from_db()
    assert teacher.email == "sam.new@example.jp"


# --- the link -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_link_confirms_nothing_for_someone_signed_in_as_another_account(teacher):
    """A squatter types a victim's address before the victim ever joined; the victim, who
    has their own account, opens the link. It must not confirm the squatter's claim."""
    sign_up(username="squatter", email="victim@example.jp")
    [link_mail] = mails_to("victim@example.jp")
    victim = Client()
    victim.force_login(teacher)
    for method in ("get", "post"):
        response = getattr(victim, method)(link_in(link_mail))
        assert response.status_code == 403
        assert "different Kyozai account" in response.content.decode()
    assert User.objects.get(username="squatter").email == ""
    # Signed out, the link asks for a log-in first.
    response = Client().get(link_in(link_mail))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


class _SignedDaysAgo(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 4 * 24 * 60 * 60)


@pytest.mark.django_db
def test_an_old_or_forged_link_is_refused(teacher):
    client = waiting_for(teacher, "sam.new@example.jp")
    payload = {"user": teacher.pk, "email": "sam.new@example.jp"}
    expired = _SignedDaysAgo(salt=SALT).sign_object(payload, compress=True)
    forged = signing.TimestampSigner(key="not-our-key", salt=SALT).sign_object(payload)
    for token in (expired, forged, "nonsense"):
        address = reverse("accounts:confirm_email", args=[token])
        assert client.get(address).status_code == 400
        assert client.post(address).status_code == 400
    teacher.refresh_from_db()
    assert teacher.email == "sam@example.jp"


@pytest.mark.django_db
def test_two_accounts_cannot_both_confirm_one_address():
    _first_client, _response = sign_up(username="first", email="shared@example.jp")
    cache.clear()  # a minute later: the address may be mailed again
    second_client, _response = sign_up(username="second", email="Shared@Example.jp")
    links = [link_in(message) for message in mails_to("shared@example.jp")]
    links += [link_in(message) for message in mails_to("Shared@Example.jp")]
    first_link, second_link = links
    first_client = Client()
    first_client.force_login(User.objects.get(username="first"))
    first_client.post(first_link)
    response = second_client.post(second_link, follow=True)
    assert "Another account has confirmed this address" in response.content.decode()
    assert User.objects.get(username="second").email == ""
    assert confirmed_owner("SHARED@example.jp") == User.objects.get(username="first")


@pytest.mark.django_db
def test_the_database_refuses_one_confirmed_address_on_two_accounts(teacher):
    with pytest.raises(IntegrityError), transaction.atomic():
        TeacherFactory(username="twin", email=teacher.email.upper())
    # Addresses waiting for confirmation may collide; empty ones always may.
    TeacherFactory(username="waiting", email="", unconfirmed_email=teacher.email)
    TeacherFactory(username="no-address", email="")
    TeacherFactory(username="no-address-either", email="")


@pytest.mark.django_db
def test_an_administrator_sets_a_confirmed_address_in_the_admin(teacher, other_teacher):
    admin = Client()
    admin.force_login(TeacherFactory(username="root", is_superuser=True, is_staff=True))
    other_teacher.unconfirmed_email = "hanako.new@example.jp"
    other_teacher.save()
    edit = reverse("wagtailusers_users:edit", args=[other_teacher.pk])
    form = {
        "username": other_teacher.username,
        "email": teacher.email.upper(),
        "first_name": "Hanako",
        "last_name": "Tanaka",
        "display_name": other_teacher.display_name,
        "role": other_teacher.role,
        "preferred_language": "ja",
        "school": "",
        "is_active": "on",
    }
    refused = admin.post(edit, form)
    assert refused.status_code == 200
    assert "Another account has confirmed this address" in refused.content.decode()
    admin.post(edit, {**form, "email": "hanako.new@example.jp"})
    other_teacher.refresh_from_db()
    assert (other_teacher.email, other_teacher.unconfirmed_email) == ("hanako.new@example.jp", "")


# --- log-in reminder and the upgrade --------------------------------------------------------


@pytest.mark.django_db
def test_logging_in_with_an_unconfirmed_address_is_reminded_to_confirm_it():
    TeacherFactory(username="waiting", email="", unconfirmed_email="waiting@example.jp")
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "waiting", "password": PASSWORD})
    assert any("Please confirm your e-mail address" in m for m in shown_messages(response))


@pytest.mark.django_db
def test_addresses_typed_before_the_upgrade_wait_for_confirmation(teacher):
    migration = importlib.import_module("accounts.migrations.0004_confirmed_email_addresses")
    migration.addresses_wait_for_confirmation(django_apps, None)
    teacher.refresh_from_db()
    assert (teacher.email, teacher.unconfirmed_email) == ("", "sam@example.jp")
    assert find_user("sam@example.jp") is None


@pytest.mark.django_db
def test_the_admin_password_reset_ignores_unconfirmed_addresses(editor):
    """Wagtail's own reset form looks users up by Django's EMAIL_FIELD too."""
    TeacherFactory(username="squatter", email="", unconfirmed_email=editor.email.upper())
    Client().post("/admin/password_reset/", {"email": editor.email.upper()})
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "squatter" not in mail.outbox[0].body
