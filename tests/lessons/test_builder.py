"""The builder in use: My lessons, a new plan, the header, steps (add, edit, delete,
reorder), the minutes total, comments and "last edited by"."""

from django.urls import reverse

from lessons import limits
from lessons.models import LessonPlan, LessonStep, PlanComment, PlanRevision
from lessons.services.editing import add_step, create_plan
from tests.factories.lessons import LessonPlanFactory, LessonStepFactory


def test_my_lessons_has_mine_shared_and_templates(team, client_for):
    client = client_for(team.editor)
    mine = LessonPlanFactory(owner=team.editor, title="Sam's own plan")
    page = client.get(reverse("lessons:my_lessons") + "?tab=mine").content.decode()
    assert "Sam&#x27;s own plan" in page
    assert "Weekend plans" not in page
    shared = client.get(reverse("lessons:my_lessons") + "?tab=shared").content.decode()
    assert "Weekend plans" in shared
    assert "Owner: 田中 花子" in shared
    assert mine.title not in shared
    templates = client.get(reverse("lessons:my_lessons") + "?tab=templates").content.decode()
    assert "JHS 50-minute lesson" in templates
    assert "Use this template" in templates


def test_my_lessons_shows_minutes_and_counts(team, client_for):
    page = client_for(team.owner).get(reverse("lessons:my_lessons") + "?tab=mine")
    page = page.content.decode()
    assert "2 steps" in page
    assert "20 of 50 min" in page
    assert "2 co-planners" in page


def test_new_blank_plan_gets_the_stage_lesson_length(db, client_for, teacher):
    client = client_for(teacher)
    response = client.post(
        reverse("lessons:new"), {"title": "Seasons", "grade": "ES5", "language": "en"}
    )
    plan = LessonPlan.objects.get(title="Seasons")
    assert response.status_code == 302
    assert response.url == reverse("lessons:plan", args=[plan.pk]) + "#add-step"
    assert plan.owner == teacher
    assert plan.length_minutes == 45
    assert plan.teacher_label == "HRT"
    assert plan.revisions.count() == 1


def test_new_plan_form_refuses_bad_input_and_keeps_it(db, client_for, teacher):
    response = client_for(teacher).post(
        reverse("lessons:new"),
        {"title": "", "grade": "JHS9", "length_minutes": "500", "class_name": "2-3"},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) >= {"title", "grade", "length_minutes"}
    assert 'value="2-3"' in response.content.decode()


def test_teachers_without_the_planning_permission_cannot_create(db, client):
    from tests.factories.accounts import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("lessons:new")).status_code == 403


def test_the_editor_shows_the_plan_with_team_columns(team, client_for):
    page = client_for(team.owner).get(reverse("lessons:plan", args=[team.plan.pk]))
    html = page.content.decode()
    assert "<h1" in html
    assert html.count("<h1") == 1
    assert "Pair drill" in html
    assert "Models it." in html
    assert ">JTE</h4>" in html
    assert ">ALT</h4>" in html
    assert "20 of 50 minutes planned" in html
    assert "30 minutes not planned yet." in html
    assert "Last edited by 田中 花子" in html
    assert "Print button: issue #6" not in html  # a template comment, not shown
    assert 'id="add-step-form"' in html


def test_elementary_plans_label_the_teacher_column_hrt(db, client_for, teacher):
    plan = LessonPlanFactory(owner=teacher, grade="ES3")
    LessonStepFactory(plan=plan)
    html = client_for(teacher).get(reverse("lessons:plan", args=[plan.pk])).content.decode()
    assert ">HRT</h4>" in html
    assert ">JTE</h4>" not in html
    assert "HRT role" in html  # the add-step form's label too


def test_header_edit_saves_and_records_who(team, client_for):
    response = client_for(team.editor).post(
        reverse("lessons:edit_header", args=[team.plan.pk]),
        {
            "title": "Weekend plans (be going to)",
            "grade": "JHS2",
            "length_minutes": 50,
            "language": "ja",
            "goal": "週末の予定を伝え合う。",
            "can_do": "週末の予定を尋ねたり答えたりすることができる。",
            "unit_about": "Unit 1 を通して…",
            "criteria_knowledge": "be going to の形を理解している。",
            "version": team.plan.version,
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Weekend plans (be going to)" in html
    assert 'id="last-edited" hx-swap-oob="true"' in html
    assert "Last edited by Sam (ALT)" in html
    plan = LessonPlan.objects.get(pk=team.plan.pk)
    assert plan.version == team.plan.version + 1
    assert plan.criteria_knowledge == "be going to の形を理解している。"
    assert plan.last_edited_by == team.editor
    assert plan.revisions.first().action == "header"


def test_header_form_round_trip_keeps_the_grade(team, client_for):
    """Opening the details form and saving it untouched changes nothing (the grade select
    lists grades by code, so the form must start with the plan's code selected)."""
    client = client_for(team.owner)
    form = client.get(reverse("lessons:edit_header", args=[team.plan.pk])).context["form"]
    assert form["grade"].value() == "JHS2"
    data = {name: form[name].value() or "" for name in form.fields}
    before = team.plan.revisions.count()
    client.post(reverse("lessons:edit_header", args=[team.plan.pk]), data)
    plan = LessonPlan.objects.get(pk=team.plan.pk)
    assert plan.grade.code == "JHS2"
    assert plan.version == team.plan.version
    assert plan.revisions.count() == before


def test_header_form_errors_keep_the_text(team, client_for):
    response = client_for(team.owner).post(
        reverse("lessons:edit_header", args=[team.plan.pk]),
        {
            "title": "x" * (limits.TITLE + 1),
            "length_minutes": 50,
            "language": "en",
            "goal": "Keep me",
            "version": team.plan.version,
        },
    )
    assert response.status_code == 400
    assert "Keep me" in response.content.decode()
    assert LessonPlan.objects.get(pk=team.plan.pk).title == "Weekend plans"


def test_add_a_step_with_htmx_updates_the_total(team, client_for):
    response = client_for(team.editor).post(
        reverse("lessons:add_step", args=[team.plan.pk]),
        {
            "phase": "production",
            "minutes": 35,
            "title": "Survey",
            "alt_role": "Interviews students & notes <good> questions.",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    step = LessonStep.objects.get(title="Survey")
    assert step.position == 2
    assert f'id="step-{step.pk}"' in html
    assert "&lt;good&gt;" in html  # the ALT's text is escaped
    assert "55 of 50 minutes planned" in html
    assert "Over by 5 minutes" in html
    assert 'id="add-step-form" hx-swap-oob="true"' in html  # a fresh form replaces the used one


def test_add_step_errors_go_back_to_the_add_form(team, client_for):
    response = client_for(team.owner).post(
        reverse("lessons:add_step", args=[team.plan.pk]),
        {"phase": "practice", "minutes": "121", "alt_role": "Typed text stays."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert response["HX-Retarget"] == "#add-step-form"
    assert "Typed text stays." in response.content.decode()


def test_a_plan_holds_at_most_forty_steps(db, client_for, teacher):
    plan = create_plan(teacher, {"title": "Long", "length_minutes": 120})
    for _ in range(limits.MAX_STEPS):
        add_step(plan.pk, teacher, {"phase": "practice", "minutes": 1})
    response = client_for(teacher).post(
        reverse("lessons:add_step", args=[plan.pk]), {"phase": "practice", "minutes": 1}
    )
    assert response.status_code == 400
    assert "at most 40 steps" in response.content.decode()
    assert plan.steps.count() == limits.MAX_STEPS


def test_edit_and_delete_a_step(team, client_for):
    client = client_for(team.owner)
    step = team.steps[0]
    form = client.get(
        reverse("lessons:edit_step", args=[team.plan.pk, step.pk]), headers={"HX-Request": "true"}
    )
    assert 'name="version"' in form.content.decode()
    saved = client.post(
        reverse("lessons:edit_step", args=[team.plan.pk, step.pk]),
        {"phase": "warm_up", "minutes": 8, "title": "Greeting", "version": step.version},
        headers={"HX-Request": "true"},
    )
    assert saved.status_code == 200
    assert "23 of 50 minutes planned" in saved.content.decode()
    deleted = client.post(
        reverse("lessons:delete_step", args=[team.plan.pk, step.pk]),
        {"version": step.version + 1},
        headers={"HX-Request": "true"},
    )
    assert deleted.status_code == 200
    assert "15 of 50 minutes planned" in deleted.content.decode()
    assert not LessonStep.objects.filter(pk=step.pk).exists()


def test_move_buttons_reorder_and_answer_json(team, client_for):
    first, second = team.steps
    client = client_for(team.editor)
    response = client.post(
        reverse("lessons:move_step", args=[team.plan.pk, first.pk]),
        {"direction": "down"},
        headers={"Accept": "application/json"},
    )
    assert response.json() == {"order": [second.pk, first.pk], "moved": first.pk}
    assert list(team.plan.steps.values_list("pk", flat=True)) == [second.pk, first.pk]
    # Without JavaScript the same form redirects back to the step.
    back = client.post(
        reverse("lessons:move_step", args=[team.plan.pk, first.pk]), {"direction": "up"}
    )
    assert back.status_code == 302
    assert back.url.endswith(f"#step-{first.pk}")
    assert list(team.plan.steps.values_list("pk", flat=True)) == [first.pk, second.pk]
    assert team.plan.revisions.first().action == "reordered"


def test_moving_past_the_end_changes_nothing(team, client_for):
    first, _second = team.steps
    before = team.plan.revisions.count()
    client_for(team.owner).post(
        reverse("lessons:move_step", args=[team.plan.pk, first.pk]), {"direction": "up"}
    )
    assert team.plan.revisions.count() == before
    bad = client_for(team.owner).post(
        reverse("lessons:move_step", args=[team.plan.pk, first.pk]), {"direction": "sideways"}
    )
    assert bad.status_code == 400


def test_drag_and_drop_reorder(team, client_for):
    first, second = team.steps
    client = client_for(team.owner)
    url = reverse("lessons:reorder_steps", args=[team.plan.pk])
    ok = client.post(
        url, {"order": f"{second.pk},{first.pk}"}, headers={"Accept": "application/json"}
    )
    assert ok.json()["order"] == [second.pk, first.pk]
    stale = client.post(url, {"order": f"{second.pk}"}, headers={"Accept": "application/json"})
    assert stale.status_code == 409
    assert stale.json()["order"] == [second.pk, first.pk]
    junk = client.post(url, {"order": "a,b"}, headers={"Accept": "application/json"})
    assert junk.status_code == 400


def test_comments_with_author_and_time(team, client_for):
    client = client_for(team.editor)
    response = client.post(
        reverse("lessons:add_comment", args=[team.plan.pk]),
        {"body": "I'll bring the <flashcards>."},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "Sam (ALT)" in html
    assert "I&#x27;ll bring the &lt;flashcards&gt;." in html
    assert "<time datetime=" in html
    comment = PlanComment.objects.get(body__startswith="I'll")
    assert comment.author == team.editor
    # Someone else's comment cannot be deleted by an editor; their own can.
    other = client.post(reverse("lessons:delete_comment", args=[team.plan.pk, team.comment.pk]))
    assert other.status_code == 403
    own = client.post(reverse("lessons:delete_comment", args=[team.plan.pk, comment.pk]))
    assert own.status_code == 302
    assert not PlanComment.objects.filter(pk=comment.pk).exists()


def test_empty_comment_is_refused(team, client_for):
    response = client_for(team.viewer).post(
        reverse("lessons:add_comment", args=[team.plan.pk]),
        {"body": "   "},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert PlanComment.objects.filter(plan=team.plan).count() == 1


def test_viewers_see_a_read_only_plan(team, client_for):
    html = client_for(team.viewer).get(reverse("lessons:plan", args=[team.plan.pk])).content
    html = html.decode()
    assert "Pair drill" in html
    assert "Edit details" not in html
    assert 'id="add-step-form"' not in html
    assert "data-drag-handle" not in html
    assert "Add a comment" in html


def test_every_save_is_a_revision(team, client_for):
    before = PlanRevision.objects.filter(plan=team.plan).count()
    client = client_for(team.owner)
    client.post(
        reverse("lessons:add_step", args=[team.plan.pk]), {"phase": "reflection", "minutes": 5}
    )
    client.post(
        reverse("lessons:move_step", args=[team.plan.pk, team.steps[0].pk]), {"direction": "down"}
    )
    client.post(
        reverse("lessons:delete_step", args=[team.plan.pk, team.steps[1].pk]),
        {"version": team.steps[1].version},
    )
    actions = list(PlanRevision.objects.filter(plan=team.plan).values_list("action", flat=True)[:3])
    assert actions == ["step_deleted", "reordered", "step_added"]
    assert PlanRevision.objects.filter(plan=team.plan).count() == before + 3
