"""History: who changed what and when, the difference between two revisions, restoring."""

from django.urls import reverse

from lessons.models import LessonPlan, LessonStep, PlanRevision
from lessons.services.editing import delete_step, update_header, update_step
from lessons.services.revisions import restore_revision
from lessons.templatetags.lesson_tags import diff_html


def test_history_lists_who_changed_what(team, client_for):
    update_step(
        team.plan.pk,
        team.steps[1].pk,
        team.editor,
        {"alt_role": "Reads the dialogue."},
        None,
        team.steps[1].version,
    )
    html = client_for(team.viewer).get(reverse("lessons:history", args=[team.plan.pk]))
    html = html.content.decode()
    assert "Edited a step" in html
    assert "Step 2: Pair drill — ALT role" in html
    assert "Sam (ALT)" in html
    assert "Created the plan" in html


def test_a_revision_page_shows_the_words_that_changed(team, client_for):
    step = team.steps[1]
    update_step(
        team.plan.pk, step.pk, team.editor, {"alt_role": "Models it slowly."}, None, step.version
    )
    number = PlanRevision.objects.filter(plan=team.plan).latest().number
    html = (
        client_for(team.owner)
        .get(reverse("lessons:revision", args=[team.plan.pk, number]))
        .content.decode()
    )
    assert "<ins> slowly</ins>" in html
    assert "Restore this revision" not in html  # it is the latest: nothing to restore


def test_compare_two_revisions(team, client_for):
    update_header(team.plan.pk, team.owner, {"goal": "Talk about plans."}, team.plan.version)
    delete_step(team.plan.pk, team.steps[0].pk, team.owner)
    latest = PlanRevision.objects.filter(plan=team.plan).latest().number
    html = (
        client_for(team.editor)
        .get(reverse("lessons:compare", args=[team.plan.pk]) + f"?a={latest}&b=1")
        .content.decode()
    )
    assert "Revision 1 → revision" in html
    assert "Lesson goal (本時の目標)" in html
    assert "<ins>Talk about plans.</ins>" in html
    assert "Added" in html  # the pair drill did not exist at revision 1
    assert "Restore revision 1" in html


def test_restore_puts_the_plan_back_as_a_new_revision(team, client_for):
    first, second = team.steps
    old_number = PlanRevision.objects.filter(plan=team.plan).latest().number
    update_step(team.plan.pk, second.pk, team.editor, {"alt_role": "Oops."}, None, second.version)
    delete_step(team.plan.pk, first.pk, team.editor)
    update_header(team.plan.pk, team.editor, {"title": "Renamed"}, team.plan.version)

    response = client_for(team.owner).post(
        reverse("lessons:restore", args=[team.plan.pk, old_number])
    )
    assert response.status_code == 302
    plan = LessonPlan.objects.get(pk=team.plan.pk)
    assert plan.title == "Weekend plans"
    steps = list(plan.steps.all())
    assert [s.title for s in steps] == ["Greeting", "Pair drill"]
    assert steps[1].pk == second.pk
    assert steps[1].alt_role == "Models it."
    assert steps[1].version > second.version  # anyone editing it is told
    latest = PlanRevision.objects.filter(plan=plan).latest()
    assert latest.action == "restored"
    assert latest.restored_from == old_number
    assert latest.author == team.owner
    # Restoring is undoable: the "Oops." version is still in the history.
    assert any("Oops." in str(r.snapshot) for r in PlanRevision.objects.filter(plan=plan))


def test_viewers_cannot_restore(team, client_for):
    response = client_for(team.viewer).post(reverse("lessons:restore", args=[team.plan.pk, 1]))
    assert response.status_code == 403
    assert LessonStep.objects.filter(plan=team.plan).count() == 2


def test_restore_leaves_out_materials_no_longer_published(team):
    from tests.factories.library import MaterialPageFactory

    page = MaterialPageFactory(grades=["JHS2"])
    step = team.steps[1]
    update_step(team.plan.pk, step.pk, team.owner, {}, [page.pk], step.version)
    number = PlanRevision.objects.filter(plan=team.plan).latest().number
    update_step(team.plan.pk, step.pk, team.owner, {}, [], step.version + 1)
    page.unpublish()
    restore_revision(team.plan.pk, number, team.owner)
    assert list(LessonStep.objects.get(pk=step.pk).materials.all()) == []


def test_diff_marks_japanese_changes_character_by_character():
    html = diff_html("週末の予定を言う。", "週末の予定を尋ね合う。")
    assert "<del>言</del>" in html
    assert "<ins>尋ね合</ins>" in html
    assert diff_html("<b>", "<i>") == "&lt;<del>b</del><ins>i</ins>&gt;"  # escaped
