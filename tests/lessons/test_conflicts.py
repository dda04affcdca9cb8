"""Two co-planners editing at once: a stale save is refused, never silently applied; the
message shows the other person's change and the form keeps what the user typed."""

import json

from django.urls import reverse

from lessons.models import LessonPlan, LessonStep, PlanRevision

API = "/api/v1/lessons"


def header_form(plan, **changes):
    data = {
        "title": plan.title,
        "grade": plan.grade.code if plan.grade else "",
        "class_name": plan.class_name,
        "length_minutes": plan.length_minutes,
        "language": plan.language,
        "goal": plan.goal,
        "can_do": plan.can_do,
        "version": plan.version,
    }
    data.update(changes)
    return data


def step_form(step, **changes):
    data = {
        "phase": step.phase,
        "minutes": step.minutes,
        "title": step.title,
        "student_activity": step.student_activity,
        "jte_role": step.jte_role,
        "alt_role": step.alt_role,
        "teacher_notes": step.teacher_notes,
        "evaluation": step.evaluation,
        "viewpoint": step.viewpoint,
        "version": step.version,
    }
    data.update(changes)
    return data


def test_two_teachers_edit_the_same_step(team, client_for):
    jte, alt = client_for(team.owner), client_for(team.editor)
    step = team.steps[1]
    url = reverse("lessons:edit_step", args=[team.plan.pk, step.pk])
    # Both open the step's form (same version), then both save.
    jte_form = step_form(step, alt_role="ALT models the dialogue twice, slowly.")
    alt_form = step_form(step, alt_role="I read the dialogue with the JTE.", minutes=12)

    first = jte.post(url, jte_form, headers={"HX-Request": "true"})
    assert first.status_code == 200
    second = alt.post(url, alt_form, headers={"HX-Request": "true"})

    assert second.status_code == 409
    page = second.content.decode()
    # The refusal names who saved and what they wrote...
    assert "田中 花子 saved changes while you were editing" in page
    assert "ALT models the dialogue twice, slowly." in page
    # ...and the ALT's own text is still in the form, ready to re-apply.
    assert "I read the dialogue with the JTE." in page
    assert 'value="12"' in page
    # Nothing of the ALT's was saved.
    step.refresh_from_db()
    assert step.alt_role == "ALT models the dialogue twice, slowly."
    assert step.minutes == 15
    # The form now carries the current version: saving again is a deliberate overwrite.
    assert f'name="version" value="{step.version}"' in page
    again = alt.post(url, alt_form | {"version": step.version}, headers={"HX-Request": "true"})
    assert again.status_code == 200
    step.refresh_from_db()
    assert step.alt_role == "I read the dialogue with the JTE."


def test_their_change_to_a_field_you_left_alone_is_kept(team, client_for):
    """The other person changed the minutes; you changed the ALT role. The refused form
    holds their minutes and your ALT role, so saving again loses nobody's work."""
    step = team.steps[1]
    url = reverse("lessons:edit_step", args=[team.plan.pk, step.pk])
    client_for(team.owner).post(url, step_form(step, minutes=20))
    response = client_for(team.editor).post(url, step_form(step, alt_role="Runs the timer."))
    assert response.status_code == 409
    form = response.context["form"]
    assert form["minutes"].value() == "20"
    assert form["alt_role"].value() == "Runs the timer."
    assert response.context["conflict"].clashes == set()


def test_a_step_deleted_while_you_edit_it_keeps_your_text(team, client_for):
    step = team.steps[1]
    client_for(team.owner).post(
        reverse("lessons:delete_step", args=[team.plan.pk, step.pk]), {"version": step.version}
    )
    response = client_for(team.editor).post(
        reverse("lessons:edit_step", args=[team.plan.pk, step.pk]),
        step_form(step, alt_role="My careful notes."),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "deleted this step" in page
    assert "My careful notes." in page
    assert "Save as a new step" in page
    assert reverse("lessons:add_step", args=[team.plan.pk]) in page


def test_two_teachers_edit_the_plan_header(team, client_for):
    url = reverse("lessons:edit_header", args=[team.plan.pk])
    plan = team.plan
    first = client_for(team.owner).post(url, header_form(plan, goal="Talk about weekend plans."))
    assert first.status_code == 302
    second = client_for(team.editor).post(
        url, header_form(plan, goal="Use be going to."), headers={"HX-Request": "true"}
    )
    assert second.status_code == 409
    page = second.content.decode()
    assert "Talk about weekend plans." in page  # their change, shown
    assert "Use be going to." in page  # my text, kept
    plan.refresh_from_db()
    assert plan.goal == "Talk about weekend plans."


def test_editing_different_steps_at_once_does_not_conflict(team, client_for):
    first, second = team.steps
    jte = client_for(team.owner).post(
        reverse("lessons:edit_step", args=[team.plan.pk, first.pk]),
        step_form(first, alt_role="Greets."),
    )
    alt = client_for(team.editor).post(
        reverse("lessons:edit_step", args=[team.plan.pk, second.pk]),
        step_form(second, alt_role="Drills."),
    )
    assert (jte.status_code, alt.status_code) == (302, 302)
    assert LessonStep.objects.get(pk=first.pk).alt_role == "Greets."
    assert LessonStep.objects.get(pk=second.pk).alt_role == "Drills."


def test_deleting_a_step_someone_just_changed_is_refused(team, client_for):
    step = team.steps[1]
    loaded = step.version
    client_for(team.editor).post(
        reverse("lessons:edit_step", args=[team.plan.pk, step.pk]),
        step_form(step, alt_role="Just written."),
    )
    response = client_for(team.owner).post(
        reverse("lessons:delete_step", args=[team.plan.pk, step.pk]),
        {"version": loaded},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    assert "Sam (ALT) changed this step" in response.content.decode()
    assert LessonStep.objects.filter(pk=step.pk).exists()


def test_api_stale_step_update_gets_409_with_the_current_version(team, client_for):
    step = team.steps[1]
    url = f"{API}/plans/{team.plan.pk}/steps/{step.pk}/"
    ok = client_for(team.owner).patch(
        url, json.dumps({"version": step.version, "alt_role": "Mine."}), "application/json"
    )
    assert ok.status_code == 200
    assert ok.json()["version"] == step.version + 1
    stale = client_for(team.editor).patch(
        url, json.dumps({"version": step.version, "alt_role": "Theirs."}), "application/json"
    )
    assert stale.status_code == 409
    body = stale.json()
    assert body["current_version"] == step.version + 1
    assert body["current"]["alt_role"] == "Mine."
    assert body["changes"][0]["field"] == "alt_role"
    assert body["changes"][0]["new"] == "Mine."
    assert body["changes"][0]["author"] == "田中 花子"


def test_api_stale_plan_update_gets_409(team, client_for):
    url = f"{API}/plans/{team.plan.pk}/"
    version = team.plan.version
    client_for(team.owner).patch(
        url, json.dumps({"version": version, "title": "A"}), "application/json"
    )
    stale = client_for(team.editor).patch(
        url, json.dumps({"version": version, "title": "B"}), "application/json"
    )
    assert stale.status_code == 409
    assert stale.json()["current_version"] == version + 1
    assert stale.json()["current"]["title"] == "A"
    assert LessonPlan.objects.get(pk=team.plan.pk).title == "A"


def test_api_reorder_with_a_stale_list_gets_409_with_the_current_order(team, client_for):
    first, second = team.steps
    client_for(team.owner).post(
        reverse("lessons:add_step", args=[team.plan.pk]), {"phase": "reflection", "minutes": 5}
    )
    response = client_for(team.editor).post(
        f"{API}/plans/{team.plan.pk}/steps/reorder/",
        json.dumps({"order": [second.pk, first.pk]}),
        "application/json",
    )
    assert response.status_code == 409
    assert len(response.json()["order"]) == 3
    assert list(LessonStep.objects.filter(plan=team.plan).values_list("pk", flat=True))[:2] == [
        first.pk,
        second.pk,
    ]


def test_refused_saves_record_no_revision(team, client_for):
    step = team.steps[1]
    url = reverse("lessons:edit_step", args=[team.plan.pk, step.pk])
    client_for(team.owner).post(url, step_form(step, alt_role="One."))
    before = PlanRevision.objects.filter(plan=team.plan).count()
    client_for(team.editor).post(url, step_form(step, alt_role="Two."))
    assert PlanRevision.objects.filter(plan=team.plan).count() == before
