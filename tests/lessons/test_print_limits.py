"""The plan's edit limits agree with what prints (issue 11: printing can take the site down).

A plan is built through the planner's own forms at every limit — the longest header, then
steps with every field at its longest, in Japanese — until the editor refuses a save; the
largest plan it accepted then prints within the page limit in every layout (real renders
through WeasyPrint), and the estimate behind the refusal is never below the real page count.
A plan made too long some other way (an old plan, the admin) is refused at print time
before any rendering starts, and the refusal is remembered.
"""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from lessons import limits
from lessons.forms import PlanHeaderForm, StepForm
from lessons.models import LessonPlan, LessonStep
from lessons.printing.estimate import estimate_plan_pages
from lessons.printing.layouts import plan_print
from lessons.services.editing import add_step, create_plan, update_header
from printing.limits import MAX_PAGES
from printing.models import PrintJob
from printing.packs import pdf_page_count
from printing.papers import Paper
from tests.factories.sample_plan import build_sample_plan
from tests.printing.worker import print_through_jobs

JAPANESE = "夏休みの出来事について、過去形を用いて友達に伝え合う活動を行う。生徒の発話を支援する。"
LAYOUTS = ["team_teaching", "ryakuan", "saian"]
PAPERS = [Paper.A4, Paper.LETTER]  # the narrowest page and the shortest one


def longest(limit: int) -> str:
    return (JAPANESE * (limit // len(JAPANESE) + 1))[:limit]


HEADER_AT_LIMITS = {
    "title": longest(limits.TITLE),
    "class_name": longest(limits.CLASS_NAME),
    "goal": longest(limits.GOAL),
    "can_do": longest(limits.CAN_DO),
    "unit_about": longest(limits.UNIT_TEXT),
    "unit_goals": longest(limits.UNIT_TEXT),
    "unit_plan_text": longest(limits.UNIT_TEXT),
    "criteria_knowledge": longest(limits.CRITERIA),
    "criteria_thinking": longest(limits.CRITERIA),
    "criteria_attitude": longest(limits.CRITERIA),
}
STEP_AT_LIMITS = {
    "phase": "practice",
    "minutes": str(limits.MAX_MINUTES),
    "title": longest(limits.STEP_TITLE),
    "student_activity": longest(limits.STEP_TEXT),
    "jte_role": longest(limits.STEP_TEXT),
    "alt_role": longest(limits.STEP_TEXT),
    "teacher_notes": longest(limits.STEP_TEXT),
    "evaluation": longest(limits.EVALUATION),
    "viewpoint": "thinking",
}


def real_pages(plan: LessonPlan, layout: str, paper: Paper) -> int:
    return pdf_page_count(plan_print(plan, layout, "ja").render(paper))


def build_through_the_editor(owner) -> tuple[LessonPlan, StepForm]:
    """The header at its limits, then steps at theirs, each save checked by the editor's
    own form, until the form refuses one (or the plan has the most steps allowed)."""
    plan = create_plan(owner, {"title": "限界", "language": "ja", "length_minutes": 50})
    header = PlanHeaderForm(
        {**HEADER_AT_LIMITS, "length_minutes": "50", "language": "ja", "version": plan.version},
        instance=LessonPlan.objects.get(pk=plan.pk),
    )
    assert header.is_valid(), header.errors
    update_header(plan.pk, owner, header.header_values(), plan.version)
    refused = None
    for _number in range(limits.MAX_STEPS):
        plan = LessonPlan.objects.for_header().get(pk=plan.pk)
        form = StepForm(dict(STEP_AT_LIMITS), plan=plan)
        if not form.is_valid():
            refused = form
            break
        add_step(plan.pk, owner, form.step_values())
    return LessonPlan.objects.for_header().get(pk=plan.pk), refused


@pytest.mark.django_db
def test_a_plan_at_every_edit_limit_prints_within_the_page_limit_in_every_layout(teacher):
    plan, refused = build_through_the_editor(teacher)
    steps = plan.steps.count()
    # The page limit, not the field limits, is what stopped it: the editor said so.
    assert 1 < steps < limits.MAX_STEPS
    message = " ".join(refused.non_field_errors())
    assert f"at most {MAX_PAGES} can be printed" in message
    assert "Shorten the longest steps" in message
    for layout in LAYOUTS:
        for paper in PAPERS:
            pages = real_pages(plan, layout, paper)
            assert pages <= MAX_PAGES, (layout, paper, pages)
            assert estimate_plan_pages(plan, layout, paper) >= pages, (layout, paper)


@pytest.mark.django_db
@pytest.mark.parametrize("steps", [2, 10, 30])
def test_the_estimate_is_never_below_the_real_page_count(teacher, steps):
    plan = build_sample_plan(teacher, steps=steps)
    for layout in LAYOUTS:
        for paper in PAPERS:
            pages = real_pages(plan, layout, paper)
            estimate = estimate_plan_pages(plan, layout, paper)
            # Never fewer pages than print; not so many more that teachers are refused for
            # plans that would print (a margin for the sake of safety, no more).
            assert pages <= estimate <= 2 * pages + 1, (layout, paper, pages, estimate)


def overlong_plan(owner) -> LessonPlan:
    """Forty steps at every limit: what the editor no longer accepts, written the way an
    old plan or the admin could have (straight into the database)."""
    plan = create_plan(owner, {"title": "古い指導案", "language": "ja", "length_minutes": 50})
    LessonPlan.objects.filter(pk=plan.pk).update(**HEADER_AT_LIMITS)
    LessonStep.objects.bulk_create(
        LessonStep(plan=plan, position=number, **{**STEP_AT_LIMITS, "minutes": 5})
        for number in range(1, limits.MAX_STEPS + 1)
    )
    return plan


@pytest.mark.django_db
def test_an_overlong_plan_is_refused_before_any_rendering_and_the_refusal_remembered(
    teacher, client
):
    plan = overlong_plan(teacher)
    client.force_login(teacher)
    url = reverse("lesson_printing:pdf", args=[plan.pk])
    response = client.get(url, {"layout": "saian"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Cannot print this" in html
    assert f"the limit is {MAX_PAGES}" in html
    assert "Shorten the longest steps" in html
    job = PrintJob.objects.get(object_id=str(plan.pk))
    assert job.is_refused
    assert job.started_at is None
    # No task was ever queued, so no worker ever started WeasyPrint for it.
    assert not DBTaskResult.objects.exists()
    again = print_through_jobs(client, url, {"layout": "saian"})
    assert again.status_code == 400
    assert PrintJob.objects.filter(object_id=str(plan.pk)).count() == 1
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_the_editor_refuses_a_step_that_would_not_print_and_keeps_every_word(teacher, client):
    plan, _refused = build_through_the_editor(teacher)
    steps = plan.steps.count()
    client.force_login(teacher)
    words = "ALTはタイマーを持って教室を回り、後ろの列を支援する。"
    typed = {**STEP_AT_LIMITS, "alt_role": words + longest(limits.STEP_TEXT - len(words))}
    response = client.post(reverse("lessons:add_step", args=[plan.pk]), typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "would print about" in html
    assert f"at most {MAX_PAGES} can be printed" in html
    assert words in html  # nothing typed is lost
    assert plan.steps.count() == steps


@pytest.mark.django_db
def test_a_plan_already_over_the_limit_can_still_be_shortened(teacher, client):
    plan = overlong_plan(teacher)
    step = plan.steps.order_by("position").last()
    client.force_login(teacher)
    shorter = {**STEP_AT_LIMITS, "student_activity": "短くした。", "version": step.version}
    response = client.post(reverse("lessons:edit_step", args=[plan.pk, step.pk]), shorter)
    assert response.status_code in (200, 302)
    step.refresh_from_db()
    assert step.student_activity == "短くした。"
