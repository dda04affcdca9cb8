"""The demo command's lesson plan: a JHS 50-minute lesson jte owns and alt edits."""

from django.core.management import call_command

from lessons.models import LessonPlan, MemberRole, Visibility


def test_demo_plan_is_a_full_jhs_lesson_shared_with_the_alt(db, capsys):
    call_command("load_demo")
    call_command("load_demo")
    plans = LessonPlan.objects.filter(owner__username="jte")
    assert plans.count() == 1  # run twice, made once
    plan = plans.get()
    assert plan.grade.code == "JHS2"
    assert plan.length_minutes == 50
    assert sum(step.minutes for step in plan.steps.all()) == 50
    assert all(step.alt_role for step in plan.steps.all())
    assert plan.visibility == Visibility.SHARED
    member = plan.members.get()
    assert (member.user.username, member.role) == ("alt", MemberRole.EDITOR)
    assert plan.revisions.count() == 1 + plan.steps.count()
    assert "Demo lesson plan" in capsys.readouterr().out
