"""Ways to start a plan: built-in templates, teachers' published templates, duplicating,
and "Add to a lesson plan" from a library material."""

from django.urls import reverse

from lessons.builtin_templates import BUILTIN_TEMPLATES, install_builtin_templates
from lessons.models import LessonPlan, LessonStep, PlanRevision, Visibility
from lessons.services.editing import add_step, create_plan
from tests.factories.accounts import TeacherFactory
from tests.factories.library import MaterialPageFactory


def test_builtin_templates_are_installed_complete_and_timed(db):
    plans = {plan.builtin_key: plan for plan in LessonPlan.objects.builtin()}
    assert set(plans) == {template.key for template in BUILTIN_TEMPLATES}
    for template in BUILTIN_TEMPLATES:
        plan = plans[template.key]
        steps = list(plan.steps.all())
        assert sum(step.minutes for step in steps) == plan.length_minutes, template.key
        assert all(step.alt_role for step in steps), f"{template.key}: an ALT with no job"
        assert plan.owner is None
        assert plan.is_template
    assert plans["es-45-lets-try"].length_minutes == 45
    assert plans["es-45-lets-try"].teacher_label == "HRT"
    assert plans["jhs-50-ppp"].length_minutes == 50
    assert {s.phase for s in plans["jhs-50-ppp"].steps.all()} >= {
        "warm_up",
        "introduction",
        "practice",
        "production",
        "reflection",
    }


def test_installing_templates_again_changes_nothing(db):
    ids = sorted(LessonPlan.objects.builtin().values_list("pk", flat=True))
    step_ids = sorted(
        LessonStep.objects.filter(plan__builtin_key__gt="").values_list("pk", flat=True)
    )
    assert install_builtin_templates() == 0
    assert sorted(LessonPlan.objects.builtin().values_list("pk", flat=True)) == ids
    assert (
        sorted(LessonStep.objects.filter(plan__builtin_key__gt="").values_list("pk", flat=True))
        == step_ids
    )


def test_a_changed_template_is_refreshed(db):
    plan = LessonPlan.objects.get(builtin_key="jhs-test-review")
    plan.steps.first().delete()
    LessonPlan.objects.filter(pk=plan.pk).update(title="Tampered")
    assert install_builtin_templates() == 1
    plan.refresh_from_db()
    assert plan.title.startswith("Test review")
    assert plan.steps.count() == 6


def test_use_a_builtin_template(db, client_for, teacher):
    template = LessonPlan.objects.get(builtin_key="jhs-50-ppp")
    client = client_for(teacher)
    page = client.get(reverse("lessons:plan", args=[template.pk])).content.decode()
    assert "A template that comes with Kyozai" in page
    assert "Edit details" not in page
    response = client.post(reverse("lessons:duplicate", args=[template.pk]))
    copy = LessonPlan.objects.get(owner=teacher)
    assert response.url == reverse("lessons:plan", args=[copy.pk])
    assert copy.title == template.title
    assert copy.visibility == Visibility.PRIVATE
    assert copy.based_on == template
    assert copy.steps.count() == template.steps.count()
    assert copy.revisions.count() == 1
    # The copy is the teacher's to edit; the template is untouched.
    assert client.get(reverse("lessons:edit_header", args=[copy.pk])).status_code == 200
    assert client.get(reverse("lessons:edit_header", args=[template.pk])).status_code == 403


def test_teachers_publish_templates_others_copy_but_cannot_edit(db, client_for):
    author, colleague = TeacherFactory(), TeacherFactory()
    plan = create_plan(author, {"title": "Halloween lesson", "length_minutes": 50})
    add_step(plan.pk, author, {"phase": "warm_up", "minutes": 5, "alt_role": "Tells a story."})
    client_for(author).post(
        reverse("lessons:visibility", args=[plan.pk]), {"visibility": "template"}
    )
    client = client_for(colleague)
    listing = client.get(reverse("lessons:my_lessons") + "?tab=templates").content.decode()
    assert "Halloween lesson" in listing
    assert client.get(reverse("lessons:plan", args=[plan.pk])).status_code == 200
    assert client.get(reverse("lessons:edit_header", args=[plan.pk])).status_code == 403
    assert client.get(reverse("lessons:history", args=[plan.pk])).status_code == 403
    client.post(reverse("lessons:duplicate", args=[plan.pk]))
    copy = LessonPlan.objects.get(owner=colleague)
    assert copy.steps.get().alt_role == "Tells a story."


def test_duplicate_your_own_plan(team, client_for):
    client_for(team.owner).post(reverse("lessons:duplicate", args=[team.plan.pk]))
    copy = LessonPlan.objects.exclude(pk=team.plan.pk).get(owner=team.owner)
    assert copy.title == "Copy of Weekend plans"
    assert copy.members.count() == 0
    assert copy.comments.count() == 0
    assert [s.title for s in copy.steps.all()] == ["Greeting", "Pair drill"]


def test_add_to_a_new_plan_from_a_material_page(db, client_for, teacher):
    page = MaterialPageFactory(
        title="Weather bingo", grades=["ES5"], activity_types=["warm_up"], duration_minutes=8
    )
    client = client_for(teacher)
    form = client.get(reverse("lessons:add_material", args=[page.pk]))
    assert form.status_code == 200
    assert "Weather bingo" in form.content.decode()
    response = client.post(
        reverse("lessons:add_material", args=[page.pk]),
        {"target": "new", "title": "Weather (5年)", "grade": "ES5"},
    )
    plan = LessonPlan.objects.get(owner=teacher)
    step = plan.steps.get()
    assert response.url == reverse("lessons:plan", args=[plan.pk]) + f"#step-{step.pk}"
    assert plan.length_minutes == 45
    assert (step.title, step.phase, step.minutes) == ("Weather bingo", "warm_up", 8)
    assert list(step.materials.all()) == [page.librarypage_ptr]


def test_add_to_an_existing_plan_as_a_new_step(team, client_for):
    page = MaterialPageFactory(title="Future plans survey", duration_minutes=15)
    response = client_for(team.editor).post(
        reverse("lessons:add_material", args=[page.pk]),
        {"target": "existing", "plan": team.plan.pk},
    )
    assert response.status_code == 302
    steps = list(team.plan.steps.all())
    assert len(steps) == 3
    assert steps[-1].title == "Future plans survey"
    assert steps[-1].materials.get().pk == page.pk
    assert PlanRevision.objects.filter(plan=team.plan).latest().author == team.editor


def test_add_material_refuses_plans_you_cannot_edit_and_drafts(team, client_for):
    page = MaterialPageFactory()
    viewer = client_for(team.viewer).post(
        reverse("lessons:add_material", args=[page.pk]),
        {"target": "existing", "plan": team.plan.pk},
    )
    assert viewer.status_code == 400  # not among the viewer's choices
    assert team.plan.steps.count() == 2
    draft = MaterialPageFactory(live=False)
    assert (
        client_for(team.owner).get(reverse("lessons:add_material", args=[draft.pk])).status_code
        == 404
    )
    assert (
        client_for(team.owner).get(reverse("lessons:add_material", args=[999999])).status_code
        == 404
    )
