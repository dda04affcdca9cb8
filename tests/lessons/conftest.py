"""A shared plan with an owner, an editor, a viewer and a stranger, built through the
editing services so it has versions and revisions like a real one."""

from dataclasses import dataclass

import pytest
from django.test import Client

from lessons.models import LessonPlan, LessonStep, MemberRole, PlanComment, PlanMember, Visibility
from lessons.services.editing import add_step, create_plan
from tests.factories.accounts import TeacherFactory


@dataclass
class Team:
    plan: LessonPlan
    owner: object
    editor: object
    viewer: object
    stranger: object
    steps: list
    editor_member: PlanMember
    viewer_member: PlanMember
    comment: PlanComment

    def user(self, role: str):
        return {
            "owner": self.owner,
            "editor": self.editor,
            "viewer": self.viewer,
            "reader": self.stranger,
            "stranger": self.stranger,
        }[role]


def make_team() -> Team:
    owner = TeacherFactory(username="tanaka", display_name="田中 花子", email="tanaka@example.jp")
    editor = TeacherFactory(username="sam", display_name="Sam (ALT)", email="sam@example.jp")
    viewer = TeacherFactory(username="suzuki", display_name="鈴木 一郎")
    stranger = TeacherFactory(username="nosy", display_name="Nosy Parker")
    from library.models import Grade

    plan = create_plan(
        owner,
        {"title": "Weekend plans", "grade": Grade.objects.get(code="JHS2"), "length_minutes": 50},
    )
    first = add_step(plan.pk, owner, {"phase": "warm_up", "minutes": 5, "title": "Greeting"})
    second = add_step(
        plan.pk,
        owner,
        {"phase": "practice", "minutes": 15, "title": "Pair drill", "alt_role": "Models it."},
    )
    editor_member = PlanMember.objects.create(plan=plan, user=editor, role=MemberRole.EDITOR)
    viewer_member = PlanMember.objects.create(plan=plan, user=viewer, role=MemberRole.VIEWER)
    LessonPlan.objects.filter(pk=plan.pk).update(visibility=Visibility.SHARED)
    comment = PlanComment.objects.create(plan=plan, author=viewer, body="Can I print it?")
    plan.refresh_from_db()
    return Team(
        plan=plan,
        owner=owner,
        editor=editor,
        viewer=viewer,
        stranger=stranger,
        steps=[LessonStep.objects.get(pk=first.pk), LessonStep.objects.get(pk=second.pk)],
        editor_member=editor_member,
        viewer_member=viewer_member,
        comment=comment,
    )


@pytest.fixture
def team(db) -> Team:
    return make_team()


@pytest.fixture
def client_for():
    """A fresh, logged-in client per user: two teachers at once need two browsers."""

    def make(user, *, csrf: bool = False) -> Client:
        client = Client(enforce_csrf_checks=csrf)
        client.force_login(user)
        return client

    return make
