"""Co-planning: invite by username or e-mail, roles, remove, leave, transfer ownership,
and private plans."""

from django.urls import reverse

from lessons.models import LessonPlan, MemberRole, PlanMember, Visibility
from tests.factories.accounts import TeacherFactory
from tests.factories.lessons import LessonPlanFactory


def invite(client, plan, who, role="editor"):
    return client.post(reverse("lessons:members", args=[plan.pk]), {"who": who, "role": role})


def test_invite_by_username_or_email(db, client_for, teacher):
    plan = LessonPlanFactory(owner=teacher)
    alt = TeacherFactory(username="newalt", email="New.ALT@example.jp")
    jte = TeacherFactory(username="newjte")
    client = client_for(teacher)
    assert invite(client, plan, "NEWALT").status_code == 302
    assert invite(client, plan, "newalt").status_code == 400  # already in
    assert invite(client, plan, "newjte", "viewer").status_code == 302
    # By e-mail: an invitation the address's owner accepts (tests/lessons/test_invitations.py).
    assert invite(client, plan, "new.alt@EXAMPLE.jp", "viewer").status_code == 302
    assert plan.invitations.get().address == "new.alt@example.jp"
    roles = dict(PlanMember.objects.filter(plan=plan).values_list("user__username", "role"))
    assert roles == {"newalt": "editor", "newjte": "viewer"}
    plan.refresh_from_db()
    assert plan.visibility == Visibility.SHARED  # private plans become shared on invite
    # The invited teacher now finds it under "Shared with me".
    shared = client_for(alt).get(reverse("lessons:my_lessons") + "?tab=shared")
    assert plan.title in shared.content.decode()
    assert jte.plan_memberships.get().role == MemberRole.VIEWER


def test_invite_errors_are_clear(db, client_for, teacher):
    plan = LessonPlanFactory(owner=teacher)
    client = client_for(teacher)
    unknown = invite(client, plan, "nobody")
    assert unknown.status_code == 400
    assert "no account has that username" in unknown.content.decode()
    half_address = invite(client, plan, "nobody@")
    assert half_address.status_code == 400
    assert "whole e-mail address" in half_address.content.decode()
    own = invite(client, plan, teacher.username)
    assert "owns this plan already" in own.content.decode()
    assert not PlanMember.objects.exists()


def test_owner_changes_roles_and_removes(team, client_for):
    client = client_for(team.owner)
    client.post(
        reverse("lessons:update_member", args=[team.plan.pk, team.editor_member.pk]),
        {"role": "viewer", "action": "role"},
    )
    team.editor_member.refresh_from_db()
    assert team.editor_member.role == "viewer"
    # The demoted editor can no longer change steps.
    edit = client_for(team.editor).get(
        reverse("lessons:edit_step", args=[team.plan.pk, team.steps[0].pk])
    )
    assert edit.status_code == 403
    client.post(
        reverse("lessons:update_member", args=[team.plan.pk, team.editor_member.pk]),
        {"action": "remove"},
    )
    assert (
        client_for(team.editor).get(reverse("lessons:plan", args=[team.plan.pk])).status_code == 404
    )


def test_members_leave_but_the_owner_cannot(team, client_for):
    response = client_for(team.viewer).post(reverse("lessons:leave", args=[team.plan.pk]))
    assert response.status_code == 302
    assert not PlanMember.objects.filter(plan=team.plan, user=team.viewer).exists()
    client_for(team.owner).post(reverse("lessons:leave", args=[team.plan.pk]))
    assert LessonPlan.objects.get(pk=team.plan.pk).owner == team.owner


def test_transfer_ownership_for_alt_turnover(team, client_for):
    response = client_for(team.owner).post(
        reverse("lessons:transfer", args=[team.plan.pk]), {"member": team.editor_member.pk}
    )
    assert response.status_code == 302
    plan = LessonPlan.objects.get(pk=team.plan.pk)
    assert plan.owner == team.editor
    # The old owner stays on as an editor; the new owner is no longer listed as a member.
    assert PlanMember.objects.get(plan=plan, user=team.owner).role == MemberRole.EDITOR
    assert not PlanMember.objects.filter(plan=plan, user=team.editor).exists()
    # The new owner can now manage; the old one cannot.
    assert client_for(team.editor).get(reverse("lessons:delete", args=[plan.pk])).status_code == 200
    assert client_for(team.owner).get(reverse("lessons:delete", args=[plan.pk])).status_code == 403


def test_a_private_plan_is_shared_before_it_is_handed_over(team, client_for):
    """Otherwise the old owner, who "stays on as an editor", could not open it any more."""
    team.plan.visibility = Visibility.PRIVATE
    team.plan.save(update_fields=["visibility"])
    owner = client_for(team.owner)
    page = owner.get(reverse("lessons:members", args=[team.plan.pk])).content.decode()
    assert "Share it with your co-planners first" in page
    response = owner.post(
        reverse("lessons:transfer", args=[team.plan.pk]),
        {"member": team.editor_member.pk},
        follow=True,
    )
    assert "Share it with your co-planners first" in response.content.decode()
    assert LessonPlan.objects.get(pk=team.plan.pk).owner == team.owner


def test_transfer_to_someone_not_on_the_plan_is_refused(team, client_for):
    other = PlanMember.objects.create(
        plan=LessonPlanFactory(owner=team.owner), user=team.stranger, role="editor"
    )
    client_for(team.owner).post(
        reverse("lessons:transfer", args=[team.plan.pk]), {"member": other.pk}
    )
    assert LessonPlan.objects.get(pk=team.plan.pk).owner == team.owner


def test_visibility_private_hides_the_plan_from_co_planners(team, client_for):
    client_for(team.owner).post(
        reverse("lessons:visibility", args=[team.plan.pk]), {"visibility": "private"}
    )
    assert (
        client_for(team.editor).get(reverse("lessons:plan", args=[team.plan.pk])).status_code == 404
    )
    shared = client_for(team.editor).get(reverse("lessons:my_lessons") + "?tab=shared")
    assert team.plan.title not in shared.content.decode()
    owner_page = client_for(team.owner).get(reverse("lessons:plan", args=[team.plan.pk]))
    assert "cannot open it until you share it again" in owner_page.content.decode()


def test_the_members_page_lists_everyone(team, client_for):
    html = client_for(team.viewer).get(reverse("lessons:members", args=[team.plan.pk]))
    html = html.content.decode()
    for name in ("田中 花子", "Sam (ALT)", "鈴木 一郎 (you)"):
        assert name in html
    assert "Invite a co-planner" not in html
    assert "Leave this plan" in html
