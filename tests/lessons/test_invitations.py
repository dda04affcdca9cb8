"""Co-planning invitations by e-mail (lessons/services/invitations.py), named for the attacks
they stop: finding out who has an account through the invite form, an address squatted
without confirmation, a display name chosen to look like a colleague's, and an invitation
link used twice, too late, after it was withdrawn or by the wrong account."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from lessons import limits
from lessons.models import PlanInvitation, PlanMember, Visibility
from lessons.services import invitations
from tests.accounts.sign_up_data import SIGN_UP
from tests.factories.accounts import TeacherFactory
from tests.factories.lessons import LessonPlanFactory

API = "/api/v1/lessons"
LINK = re.compile(r"https?://[^/\s]+(/lessons/invitations/[^/\s]+/)")


def invite(client, plan, who, role="editor"):
    return client.post(reverse("lessons:members", args=[plan.pk]), {"who": who, "role": role})


def link_to(address: str) -> str:
    """The invitation link in the latest mail to `address`."""
    mails = [message for message in mail.outbox if address in message.to]
    assert mails, [message.to for message in mail.outbox]
    found = LINK.search(mails[-1].body)
    assert found, mails[-1].body
    return found.group(1)


def shown(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def owner(db):
    return TeacherFactory(username="tanaka", display_name="Tanaka (JTE)")


@pytest.fixture
def plan(owner):
    return LessonPlanFactory(owner=owner, title="Weekend plans", visibility=Visibility.PRIVATE)


@pytest.fixture
def colleague(db):
    """A teacher with an account and a confirmed address."""
    return TeacherFactory(username="sam", display_name="Sam (ALT)", email="sam@school.example.jp")


def test_inviting_an_address_answers_the_same_whether_or_not_it_has_an_account(
    client_for, owner, plan, colleague
):
    """Address enumeration: the answer, the messages, the members page and the API body are
    the same for an address with an account and one without; both get a mail."""
    known = invite(client_for(owner), plan, "Sam@School.example.jp")
    unknown = invite(client_for(owner), plan, "sue@school.example.jp")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert shown(known) == shown(unknown)  # both masked to s***@school.example.jp
    client = client_for(owner)
    assert not PlanMember.objects.filter(plan=plan).exists()
    page = client.get(reverse("lessons:members", args=[plan.pk])).content.decode()
    assert page.count("invited: s***@school.example.jp") == 2
    assert "Sam (ALT)" not in page
    assert "sam@school.example.jp" not in page
    assert link_to("sam@school.example.jp")
    assert link_to("sue@school.example.jp")
    # The API: 202 and the same body but for the id and the masked address's own value.
    api = client_for(owner)
    bodies = [
        api.post(
            f"{API}/plans/{plan.pk}/members/",
            json.dumps({"user": who, "role": "viewer"}),
            content_type="application/json",
        )
        for who in ("sam@school.example.jp", "nobody@school.example.jp")
    ]
    assert [body.status_code for body in bodies] == [202, 202]
    assert [sorted(body.json()) for body in bodies] == [["address", "expires_at", "id", "role"]] * 2
    assert {body.json()["role"] for body in bodies} == {"viewer"}


def test_a_squatted_unconfirmed_address_gets_no_invitation(client_for, owner, plan):
    """A squatter typed the victim's address into their profile and never confirmed it:
    the invitation goes to the address itself, the squatter gets no mail, no membership,
    and sees nothing of it."""
    squatter = TeacherFactory(
        username="squatter", email="squatter@example.jp", unconfirmed_email="victim@example.jp"
    )
    invite(client_for(owner), plan, "victim@example.jp")
    assert [message.to for message in mail.outbox] == [["victim@example.jp"]]
    assert not PlanMember.objects.filter(plan=plan, user=squatter).exists()
    shared = client_for(squatter).get(reverse("lessons:my_lessons") + "?tab=shared")
    assert "Weekend plans" not in shared.content.decode()


def test_the_link_forwarded_to_a_squatter_does_not_let_them_in(client_for, owner, plan):
    """The address's owner has confirmed it; a squatter who waits to confirm the same address
    gets hold of the link. Opening it does not confirm their claim nor add them."""
    victim = TeacherFactory(username="victim", email="victim@example.jp")
    squatter = TeacherFactory(username="squatter", email="", unconfirmed_email="victim@example.jp")
    invite(client_for(owner), plan, "victim@example.jp")
    refused = client_for(squatter).post(link_to("victim@example.jp"))
    assert refused.status_code == 403
    squatter.refresh_from_db()
    assert squatter.email == ""
    assert not PlanMember.objects.filter(user=squatter).exists()
    # The link still works for the address's owner.
    assert client_for(victim).post(link_to("victim@example.jp")).status_code == 302
    assert PlanMember.objects.filter(plan=plan, user=victim).exists()


def test_a_display_name_is_not_a_way_to_be_invited(client_for, owner, plan, colleague):
    """Display-name squatting: anyone may call themselves "Sam (ALT)"; inviting by that name
    finds nobody, and the squatter's look-alike name never adds them."""
    TeacherFactory(username="impostor", display_name="Sam (ALT)", email="imp@example.jp")
    response = invite(client_for(owner), plan, "Sam (ALT)")
    assert response.status_code == 400
    assert "no account has that username" in response.content.decode()
    assert not PlanMember.objects.filter(plan=plan).exists()
    assert mail.outbox == []


def test_a_username_invitation_still_adds_the_user_at_once(client_for, owner, plan, colleague):
    assert invite(client_for(owner), plan, "SAM").status_code == 302
    assert PlanMember.objects.get(plan=plan).user == colleague


def test_an_existing_account_accepts_with_its_confirmed_address(client_for, owner, plan, colleague):
    invite(client_for(owner), plan, "sam@school.example.jp", role="viewer")
    link = link_to("sam@school.example.jp")
    page = client_for(colleague).get(link)
    assert page.status_code == 200
    assert "Tanaka (JTE) invites s***@school.example.jp" in page.content.decode()
    assert not PlanMember.objects.filter(plan=plan).exists()  # opening it changes nothing
    accepted = client_for(colleague).post(link)
    assert accepted["Location"] == reverse("lessons:plan", args=[plan.pk])
    assert PlanMember.objects.get(plan=plan, user=colleague).role == "viewer"
    plan.refresh_from_db()
    assert plan.visibility == Visibility.SHARED  # or the new co-planner could not open it


def test_a_newcomer_signs_up_from_the_link_and_lands_in_the_plan(client_for, owner, plan):
    invite(client_for(owner), plan, "jordan@example.jp")
    link = link_to("jordan@example.jp")
    newcomer = Client()
    page = newcomer.get(link).content.decode()
    sign_up_url = reverse("accounts:sign_up") + "?next="
    assert sign_up_url in page
    signed_up = newcomer.post(reverse("accounts:sign_up") + f"?next={link}", SIGN_UP)
    assert signed_up["Location"] == link
    user = User.objects.get(username=SIGN_UP["username"])
    assert user.email == ""  # not confirmed yet: nothing counts
    # Opening the link mailed to the address proves the mailbox, as the confirmation does.
    joined = newcomer.post(link)
    assert joined["Location"] == reverse("lessons:plan", args=[plan.pk])
    user.refresh_from_db()
    assert user.email == "jordan@example.jp"
    assert PlanMember.objects.filter(plan=plan, user=user).exists()


def test_someone_signed_in_as_another_account_cannot_accept(client_for, owner, plan, colleague):
    invite(client_for(owner), plan, "sam@school.example.jp")
    stranger = TeacherFactory(username="stranger", email="stranger@example.jp")
    refused = client_for(stranger).post(link_to("sam@school.example.jp"))
    assert refused.status_code == 403
    assert "has not confirmed that address" in refused.content.decode()
    assert not PlanMember.objects.filter(plan=plan).exists()
    assert PlanInvitation.objects.filter(plan=plan).exists()  # still there for Sam


def test_an_invitation_link_works_once(client_for, owner, plan, colleague):
    """Replay: once accepted, the link finds nothing, even for the same person after they
    left the plan."""
    invite(client_for(owner), plan, "sam@school.example.jp")
    link = link_to("sam@school.example.jp")
    sam = client_for(colleague)
    assert sam.post(link).status_code == 302
    PlanMember.objects.filter(plan=plan, user=colleague).delete()
    again = sam.post(link)
    assert again.status_code == 404
    assert "does not work any more" in again.content.decode()
    assert not PlanMember.objects.filter(plan=plan).exists()


def test_an_expired_invitation_link_is_refused(client_for, owner, plan, colleague):
    invite(client_for(owner), plan, "sam@school.example.jp")
    PlanInvitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client_for(colleague).post(link_to("sam@school.example.jp")).status_code == 404
    assert not PlanMember.objects.filter(plan=plan).exists()
    page = client_for(owner).get(reverse("lessons:members", args=[plan.pk])).content.decode()
    assert "invited:" not in page


def test_a_withdrawn_invitation_link_is_refused(client_for, owner, plan, colleague):
    owner_client = client_for(owner)
    invite(owner_client, plan, "sam@school.example.jp")
    invitation = PlanInvitation.objects.get()
    withdrawn = owner_client.post(
        reverse("lessons:revoke_invitation", args=[plan.pk, invitation.pk])
    )
    assert withdrawn.status_code == 302
    assert client_for(colleague).post(link_to("sam@school.example.jp")).status_code == 404
    assert not PlanMember.objects.filter(plan=plan).exists()


def test_inviting_again_replaces_the_old_link(client_for, owner, plan, colleague):
    owner_client = client_for(owner)
    invite(owner_client, plan, "sam@school.example.jp")
    old_link = link_to("sam@school.example.jp")
    PlanInvitation.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    invite(owner_client, plan, "sam@school.example.jp")
    new_link = link_to("sam@school.example.jp")
    assert new_link != old_link
    assert client_for(colleague).post(old_link).status_code == 404
    assert client_for(colleague).post(new_link).status_code == 302


def test_inviting_again_at_once_sends_no_second_mail(client_for, owner, plan):
    owner_client = client_for(owner)
    for _ in range(5):
        invite(owner_client, plan, "sue@example.jp")
    assert len(mail.outbox) == 1
    assert PlanInvitation.objects.count() == 1


def test_a_forged_or_tampered_link_is_refused(client_for, owner, plan, colleague):
    invite(client_for(owner), plan, "sam@school.example.jp")
    link = link_to("sam@school.example.jp")
    sam = client_for(colleague)
    assert sam.get(link[:-3] + "xx/").status_code == 404
    assert sam.get("/lessons/invitations/not-a-token/").status_code == 404


def test_only_the_owner_sees_or_withdraws_invitations(team, client_for):
    owner = client_for(team.owner)
    invite(owner, team.plan, "sue@example.jp")
    invitation = PlanInvitation.objects.get()
    listed = owner.get(f"{API}/plans/{team.plan.pk}/invitations/")
    assert listed.json() == [
        {
            "id": invitation.pk,
            "address": "s***@example.jp",
            "role": "editor",
            "expires_at": listed.json()[0]["expires_at"],
        }
    ]
    url = f"{API}/plans/{team.plan.pk}/invitations/{invitation.pk}/"
    assert (
        client_for(team.editor).get(f"{API}/plans/{team.plan.pk}/invitations/").status_code == 403
    )
    assert client_for(team.editor).delete(url).status_code == 403
    assert client_for(team.stranger).delete(url).status_code == 404
    stranger_page = client_for(team.editor).get(reverse("lessons:members", args=[team.plan.pk]))
    assert "s***@example.jp" not in stranger_page.content.decode()
    assert owner.delete(url).status_code == 204
    assert owner.delete(url).status_code == 404
    assert not PlanInvitation.objects.exists()


def test_invitations_cannot_mail_strangers_in_bulk(client_for, owner, plan, monkeypatch):
    """A plan holds at most MAX_MEMBERS co-planners and invitations together; one person
    sends at most INVITATIONS_PER_DAY invitations."""
    client = client_for(owner)
    for n in range(limits.MAX_MEMBERS):
        assert invite(client, plan, f"person{n}@example.jp").status_code == 302
    refused = invite(client, plan, "one-more@example.jp")
    assert refused.status_code == 400
    assert len(mail.outbox) == limits.MAX_MEMBERS
    monkeypatch.setattr(invitations, "INVITATIONS_PER_DAY", limits.MAX_MEMBERS)
    other_plan = LessonPlanFactory(owner=owner)
    assert invite(client, other_plan, "someone@example.jp").status_code == 400
    # Withdrawing invitations does not give the day's mails back.
    for invitation in PlanInvitation.objects.filter(plan=plan):
        client.post(reverse("lessons:revoke_invitation", args=[plan.pk, invitation.pk]))
    assert invite(client, plan, "person0@example.jp").status_code == 400
    assert len(mail.outbox) == limits.MAX_MEMBERS


def test_the_invitation_mail_is_in_the_address_owners_language(client_for, owner, plan):
    TeacherFactory(username="hanako", email="hanako@example.jp", preferred_language="ja")
    invite(client_for(owner), plan, "hanako@example.jp")
    assert "Kyozai" in mail.outbox[0].subject
    assert link_to("hanako@example.jp")


def test_an_invitation_waits_under_shared_with_me_for_the_confirmed_owner_only(
    client_for, owner, plan, colleague
):
    """A lost mail loses nothing: the address's confirmed owner finds the invitation under
    "Shared with me"; a squatter waiting to confirm the same address does not."""
    squatter = TeacherFactory(username="squatter", email="", unconfirmed_email=colleague.email)
    invite(client_for(owner), plan, colleague.email)
    shared = reverse("lessons:my_lessons") + "?tab=shared"
    page = client_for(colleague).get(shared).content.decode()
    assert "Tanaka (JTE) invites you to co-plan “Weekend plans”" in page
    assert link_to(colleague.email) in page
    assert "Weekend plans" not in client_for(squatter).get(shared).content.decode()
