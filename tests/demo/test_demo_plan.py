"""The demo command's lesson plan: a JHS 50-minute lesson jte owns and alt edits."""

from django.core.management import call_command

from demo.lesson_plan import DEMO_TITLE
from lessons.models import LessonPlan, MemberRole, UnitPlan, Visibility
from schools.models import SchoolClass


def test_demo_plan_is_a_full_jhs_lesson_shared_with_the_alt(db, capsys):
    call_command("load_demo")
    call_command("load_demo")
    plans = LessonPlan.objects.filter(owner__username="jte", title=DEMO_TITLE)
    assert plans.count() == 1  # run twice, made once
    plan = plans.get()
    assert plan.grade.code == "JHS2"
    assert plan.length_minutes == 50
    assert sum(step.minutes for step in plan.steps.all()) == 50
    assert all(step.alt_role for step in plan.steps.all())
    assert plan.visibility == Visibility.SHARED
    member = plan.members.get()
    assert (member.user.username, member.role) == ("alt", MemberRole.EDITOR)
    # Created, a step each, and one more when the demo schedules the unit on the timetable.
    assert plan.revisions.count() == 1 + plan.steps.count() + 1
    assert "Demo lesson plan" in capsys.readouterr().out


def test_demo_schools_plan_the_unit_around_the_demo_plan(db):
    """The demo's 2年3組 plans its unit in eight lessons, the demo plan third, scheduled on
    its timetable; the ALT visits two schools. Run twice, made once."""
    call_command("load_demo")
    call_command("load_demo")
    (unit,) = UnitPlan.objects.all()
    assert unit.lesson_count == 8
    lessons = list(LessonPlan.objects.filter(unit_plan=unit).order_by("lesson_number"))
    assert [plan.lesson_number for plan in lessons] == list(range(1, 9))
    assert lessons[2].title == DEMO_TITLE
    dates = [(plan.taught_on, plan.period) for plan in lessons]
    assert all(day is not None and period for day, period in dates)
    assert dates == sorted(dates)  # scheduled in order
    class_23 = SchoolClass.objects.get(name="2年3組")
    assert (class_23.boys, class_23.girls, class_23.students) == (16, 15, 31)
    assert (
        SchoolClass.objects.filter(teachers__username="alt").values("school").distinct().count()
        == 2
    )
