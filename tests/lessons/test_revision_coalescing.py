"""A teacher's quick successive saves of the same thing become one revision (issue #11.6),
and a co-planner's conflict is still worked out exactly."""

from datetime import timedelta

import pytest
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.models import LessonStep, PlanRevision
from lessons.revisions import changelog
from lessons.revisions.codec import encode
from lessons.services.conflicts import StaleEdit
from lessons.services.editing import add_step, update_header, update_step
from lessons.services.revisions import take_snapshot


def edit(team, step, user, **values):
    step = LessonStep.objects.get(pk=step.pk)
    return update_step(team.plan.pk, step.pk, user, values, None, step.version)


def revisions(team):
    return PlanRevision.objects.filter(plan=team.plan)


@pytest.mark.django_db
def test_a_burst_of_saves_to_one_step_is_one_revision(team):
    step = team.steps[1]
    before = revisions(team).count()
    for text in ("M", "Mo", "Mod", "Mode", "Model"):
        edit(team, step, team.owner, alt_role=text)
    assert revisions(team).count() == before + 1
    latest = revisions(team).latest()
    assert latest.saves == 5
    assert latest.updated_at >= latest.created_at
    (entry,) = latest.changes
    assert (entry["field"], entry["old"], entry["new"]) == ("alt_role", "Models it.", "Model")
    team.plan.refresh_from_db()
    assert encode(latest.snapshot) == encode(take_snapshot(team.plan))


@pytest.mark.django_db
def test_the_window_starts_at_the_revisions_first_save(team):
    step = team.steps[1]
    edit(team, step, team.owner, alt_role="one")
    first = revisions(team).latest()
    PlanRevision.objects.filter(pk=first.pk).update(
        created_at=first.created_at - timedelta(minutes=6)
    )
    edit(team, step, team.owner, alt_role="two")
    assert revisions(team).latest().number == first.number + 1


@override_settings(KYOZAI_REVISION_COALESCE_SECONDS=0)
@pytest.mark.django_db
def test_a_window_of_zero_keeps_every_save(team):
    before = revisions(team).count()
    edit(team, team.steps[1], team.owner, alt_role="one")
    edit(team, team.steps[1], team.owner, alt_role="two")
    assert revisions(team).count() == before + 2


@pytest.mark.django_db
def test_saves_by_someone_else_or_to_something_else_start_a_new_revision(team):
    first, second = team.steps
    before = revisions(team).count()
    edit(team, second, team.owner, alt_role="a")
    edit(team, second, team.editor, alt_role="b")  # another person
    edit(team, first, team.editor, alt_role="c")  # another step
    team.plan.refresh_from_db()
    update_header(team.plan.pk, team.editor, {"goal": "d"}, team.plan.version)  # the header
    add_step(team.plan.pk, team.editor, {"phase": "reflection", "minutes": 5})  # structure
    add_step(team.plan.pk, team.editor, {"phase": "reflection", "minutes": 5})
    assert revisions(team).count() == before + 6


@pytest.mark.django_db
def test_a_named_revision_is_never_changed_by_later_saves(team):
    step = team.steps[1]
    edit(team, step, team.owner, alt_role="Before the demo")
    named = revisions(team).latest()
    PlanRevision.objects.filter(pk=named.pk).update(name="before the demo lesson")
    edit(team, step, team.owner, alt_role="After the demo")
    assert revisions(team).latest().number == named.number + 1
    kept = PlanRevision.objects.get(pk=named.pk)
    assert kept.snapshot["steps"][1]["alt_role"] == "Before the demo"
    assert kept.saves == 1


@pytest.mark.django_db
def test_a_coplanner_who_loaded_between_coalesced_saves_gets_an_exact_merge(team):
    """Sam types into the ALT role and saves twice (one revision); Tanaka loaded the step
    between the saves and changes only the activity. Her save is refused (the step moved
    on) and the merge keeps Sam's latest ALT role — no clash on a field she never touched."""
    step = team.steps[1]
    edit(team, step, team.editor, alt_role="Models it slowly")
    loaded = LessonStep.objects.get(pk=step.pk)  # Tanaka opens the step here
    edit(team, step, team.editor, alt_role="Models it slowly, twice")
    assert revisions(team).latest().saves == 2
    with pytest.raises(StaleEdit) as refused:
        update_step(
            team.plan.pk,
            step.pk,
            team.owner,
            {"alt_role": loaded.alt_role, "student_activity": "Pairs talk."},
            None,
            loaded.version,
        )
    conflict = refused.value.conflict
    assert conflict.clashes == set()
    assert conflict.merged["alt_role"] == "Models it slowly, twice"
    assert conflict.merged["student_activity"] == "Pairs talk."
    (change,) = conflict.changes
    assert (change.old, change.new) == ("Models it slowly", "Models it slowly, twice")


@pytest.mark.django_db
def test_a_coplanner_who_loaded_before_the_burst_sees_it_whole(team):
    step = team.steps[1]
    loaded = LessonStep.objects.get(pk=step.pk)
    edit(team, step, team.editor, alt_role="One")
    edit(team, step, team.editor, alt_role="One two")
    with pytest.raises(StaleEdit) as refused:
        update_step(team.plan.pk, step.pk, team.owner, {"alt_role": "Mine"}, None, loaded.version)
    conflict = refused.value.conflict
    assert conflict.clashes == {"alt_role"}
    (change,) = conflict.changes
    assert (change.old, change.new) == ("Models it.", "One two")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abあい ", max_size=70), min_size=2, max_size=12), st.data())
def test_a_coalesced_change_knows_the_field_at_every_version_it_passed(values, data):
    """Saves 1…n change one field from values[0] through values[n]; folded into one entry,
    the field's value at any version in between is given back exactly."""
    first_version = data.draw(st.integers(1, 5))
    entries = [
        {
            "target": "step",
            "step": 7,
            "field": "alt_role",
            "version": first_version + index,
            "old": values[index],
            "new": values[index + 1],
        }
        for index in range(len(values) - 1)
    ]
    merged: list = []
    for entry in entries:
        merged = changelog.merge(merged, [entry])
    (folded,) = merged
    assert (folded["old"], folded["new"]) == (values[0], values[-1])
    for loaded in range(first_version + len(entries) - 1):
        passed, value = changelog.value_at(folded, loaded)
        if loaded < first_version:
            assert (passed, value) == (False, values[0])
        else:
            assert (passed, value) == (True, values[loaded - first_version + 1])
