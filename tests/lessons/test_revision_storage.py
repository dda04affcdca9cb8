"""Revisions are stored compactly (issue #11.6: every one-character save stored the whole
plan) and every kept revision still reads back byte for byte."""

import itertools

import pytest
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.models import PlanRevision
from lessons.models.revisions import KEYFRAME_EVERY
from lessons.revisions.codec import (
    apply_delta,
    apply_text_patch,
    encode,
    make_delta,
    pack,
    text_patch,
    unpack,
)
from lessons.services.editing import update_header, update_step
from lessons.services.revisions import restore_revision, take_snapshot

LONG = "夏休みの出来事について、過去形を用いて友達に伝え合う。Students talk in pairs. " * 30

texts = st.text(alphabet=st.sampled_from("あいう漢字abc \n、。😀"), max_size=80)
values = st.one_of(texts, st.none(), st.integers(0, 200), st.booleans())
step_ids = st.lists(st.integers(1, 12), unique=True, max_size=8)


@st.composite
def snapshots(draw, ids=None):
    ids = draw(step_ids) if ids is None else ids
    header = {"title": draw(texts), "goal": draw(values), "version": draw(st.integers(1, 9))}
    steps = []
    for step_id in ids:
        step = {"id": step_id, "version": draw(st.integers(1, 9))}
        for name in ("title", "student_activity", "alt_role"):
            step[name] = draw(st.one_of(texts, st.just(LONG), st.just(LONG + draw(texts))))
        step["materials"] = draw(st.lists(st.integers(1, 50), max_size=3))
        if draw(st.booleans()):
            step["extra"] = draw(values)  # a key one snapshot has and the other has not
        steps.append(step)
    return {"plan": header, "steps": steps}


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_delta_gives_back_exactly_the_snapshot_it_was_made_for(data):
    before = data.draw(snapshots())
    # Often the same steps (edits), sometimes others (added, deleted, reordered).
    same_ids = [step["id"] for step in before["steps"]]
    if data.draw(st.booleans()):
        same_ids = data.draw(st.permutations(same_ids))
    after = data.draw(snapshots(same_ids) if data.draw(st.booleans()) else snapshots())
    delta = unpack(pack(make_delta(before, after)))  # through the stored form
    assert encode(apply_delta(before, delta)) == encode(after)


@settings(max_examples=150, deadline=None)
@given(texts, texts)
def test_a_text_patch_gives_back_the_new_text(old, new):
    assert apply_text_patch(old, text_patch(old, new)) == new


def test_a_one_character_edit_of_a_long_field_is_stored_in_a_few_bytes():
    before = {"plan": {"title": "x"}, "steps": [{"id": 1, "student_activity": LONG}]}
    after = {
        "plan": {"title": "x"},
        "steps": [{"id": 1, "student_activity": LONG[:700] + "あ" + LONG[700:]}],
    }
    assert len(pack(make_delta(before, after))) < 60
    assert len(encode(after)) > 3000


def test_lone_surrogates_from_a_json_client_survive_storage():
    value = {"plan": {"title": "\ud800 broken"}, "steps": []}
    assert unpack(pack(value)) == value


@pytest.mark.django_db
@override_settings(KYOZAI_REVISION_COALESCE_SECONDS=0, KYOZAI_PLAN_SAVES_PER_MINUTE=0)
def test_every_kept_revision_restores_byte_identical_across_keyframes(team):
    """Sixty saves (past the second keyframe): each revision reads back exactly the plan as it
    was after its save, and restoring one puts exactly that plan back."""
    plan, (first, second) = team.plan, team.steps
    expected = {}
    for save in range(60):
        step = (first, second)[save % 2]
        step.refresh_from_db()
        text = LONG[: 200 + save] + str(save)
        update_step(plan.pk, step.pk, team.owner, {"alt_role": text}, None, step.version)
        if save % 7 == 0:
            plan.refresh_from_db()
            update_header(plan.pk, team.editor, {"goal": f"Goal {save}"}, plan.version)
        plan.refresh_from_db()
        number = PlanRevision.objects.filter(plan=plan).latest().number
        expected[number] = encode(take_snapshot(plan))

    revisions = PlanRevision.objects.filter(plan=plan)
    keyframes = list(
        revisions.filter(keyframe=True).order_by("number").values_list("number", flat=True)
    )
    assert len(keyframes) >= 2
    assert keyframes[0] == 1
    assert all(b - a <= KEYFRAME_EVERY for a, b in itertools.pairwise(keyframes))
    decoded = PlanRevision.objects.snapshots(plan.pk, max(expected), first=1)
    for number, stored in expected.items():
        assert encode(decoded[number]) == stored, number
        assert encode(PlanRevision.objects.get(plan=plan, number=number).snapshot) == stored

    middle = sorted(expected)[len(expected) // 2]
    restore_revision(plan.pk, middle, team.owner)
    plan.refresh_from_db()
    now = take_snapshot(plan)
    was = unpack(pack(PlanRevision.objects.get(plan=plan, number=middle).snapshot))
    assert [s["alt_role"] for s in now["steps"]] == [s["alt_role"] for s in was["steps"]]
    assert now["plan"]["goal"] == was["plan"]["goal"]


@pytest.mark.django_db
@override_settings(KYOZAI_REVISION_COALESCE_SECONDS=0, KYOZAI_PLAN_SAVES_PER_MINUTE=0)
def test_one_character_saves_do_not_store_the_whole_plan_each_time(team):
    """The attack: a long plan saved after every keystroke. Each save's revision is a
    delta of a few hundred bytes, not a copy of the plan."""
    plan = team.plan
    step = team.steps[1]
    for name in ("student_activity", "jte_role", "alt_role", "teacher_notes"):
        update_step(plan.pk, step.pk, team.owner, {name: LONG}, None, step.version)
        step.refresh_from_db()
    whole = len(encode(take_snapshot(plan)))
    sizes = []
    text = LONG
    for save in range(30):
        text = text[:500] + "あ" + text[500:] if save % 2 == 0 else text[:500] + text[501:]
        update_step(plan.pk, step.pk, team.owner, {"alt_role": text}, None, step.version)
        step.refresh_from_db()
        revision = PlanRevision.objects.filter(plan=plan).latest()
        if not revision.keyframe:
            sizes.append(len(revision.body) + len(revision.changes_data))
    assert whole > 8000
    assert sizes
    assert max(sizes) < whole / 8, (max(sizes), whole)


@pytest.mark.django_db
def test_a_plan_whose_steps_were_all_deleted_reads_back_without_steps(team):
    """Found by the property test: a delta to no steps at all must not mean "same order"."""
    from lessons.services.editing import delete_step

    for step in team.steps:
        delete_step(team.plan.pk, step.pk, team.owner)
    latest = PlanRevision.objects.filter(plan=team.plan).latest()
    fresh = PlanRevision.objects.get(pk=latest.pk)  # decoded from storage, not remembered
    assert not fresh.keyframe
    assert fresh.snapshot["steps"] == []
