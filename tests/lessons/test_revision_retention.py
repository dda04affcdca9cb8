"""The retention policy thins old history (issue #11.6) and never loses a named or recent
version: every revision it keeps restores byte for byte afterwards."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.models import LessonStep, PlanRevision
from lessons.revisions.codec import encode
from lessons.services import revisions as revisions_service
from lessons.services.editing import update_step
from lessons.services.retention import RetentionPolicy, prune_plan
from lessons.tasks import prune_plan_revisions

POLICY = RetentionPolicy(keep_all_days=30, daily_days=180)
NOW = timezone.now()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 900), st.booleans()),  # (age in hours x 12, named?)
        min_size=1,
        max_size=60,
    )
)
def test_the_policy_keeps_every_named_recent_first_and_latest_revision(rows):
    rows = sorted(rows, reverse=True)  # oldest first, like revision numbers
    table = [
        (number, NOW - timedelta(hours=12 * age), "named" if named else "")
        for number, (age, named) in enumerate(rows, start=1)
    ]
    kept = POLICY.kept(table, NOW)
    always = {1, len(table)}
    for number, at, name in table:
        if name or NOW - at < timedelta(days=30):
            always.add(number)
    assert always <= kept
    # Beyond those, at most one revision per old day.
    old_days = {timezone.localdate(at) for _n, at, _name in table if NOW - at >= timedelta(days=30)}
    assert len(kept - always) <= len(old_days)


def history_over_a_year(team) -> dict[int, bytes]:
    """Ninety saves spread over 400 days (one revision each), the 40th named; returns each
    revision's snapshot as stored."""
    plan, step = team.plan, team.steps[1]
    with override_settings(KYOZAI_REVISION_COALESCE_SECONDS=0, KYOZAI_PLAN_SAVES_PER_MINUTE=0):
        for save in range(90):
            step = LessonStep.objects.get(pk=step.pk)
            update_step(plan.pk, step.pk, team.owner, {"alt_role": f"v{save}"}, None, step.version)
    revisions = list(PlanRevision.objects.filter(plan=plan).order_by("number"))
    for index, revision in enumerate(revisions):
        at = NOW - timedelta(days=400) + timedelta(hours=index * 107)  # about 4.5 days apart
        PlanRevision.objects.filter(pk=revision.pk).update(created_at=at, updated_at=at)
    named = revisions[40]
    PlanRevision.objects.filter(pk=named.pk).update(name="before the demo lesson")
    return {r.number: encode(r.snapshot) for r in PlanRevision.objects.filter(plan=plan)}


@pytest.mark.django_db
def test_pruning_keeps_named_and_recent_versions_and_they_restore_exactly(team):
    before = history_over_a_year(team)
    rows = PlanRevision.objects.filter(plan=team.plan)
    recent = set(
        rows.filter(created_at__gte=NOW - timedelta(days=30)).values_list("number", flat=True)
    )
    named = rows.get(name="before the demo lesson").number

    removed = prune_plan(team.plan.pk, POLICY, NOW)

    kept = set(rows.values_list("number", flat=True))
    assert removed == len(before) - len(kept) > 0
    assert named in kept
    assert recent <= kept
    assert {min(before), max(before)} <= kept
    for revision in PlanRevision.objects.filter(plan=team.plan):
        assert encode(revision.snapshot) == before[revision.number], revision.number
    # A second pass has nothing left to do.
    assert prune_plan(team.plan.pk, POLICY, NOW) == 0


@pytest.mark.django_db
def test_pruned_saves_are_folded_into_the_next_revision_kept(team):
    before = history_over_a_year(team)
    total_saves = sum(PlanRevision.objects.filter(plan=team.plan).values_list("saves", flat=True))
    prune_plan(team.plan.pk, POLICY, NOW)
    rows = PlanRevision.objects.filter(plan=team.plan)
    assert sum(rows.values_list("saves", flat=True)) == total_saves
    folded = [r for r in rows if r.saves > 1]
    assert folded
    for revision in folded:
        (entry,) = revision.changes  # one field changed, across all the saves folded in
        assert entry["field"] == "alt_role"
        assert "trail" not in entry
    assert len(before) > rows.count()


@pytest.mark.django_db
def test_a_named_version_is_kept_by_the_command(team, client_for):
    history_over_a_year(team)
    response = client_for(team.editor).post(
        reverse("lessons:name_revision", args=[team.plan.pk, 10]), {"name": "  Before   the demo "}
    )
    assert response.status_code == 302
    assert PlanRevision.objects.get(plan=team.plan, number=10).name == "Before the demo"
    call_command("prune_revisions")
    assert PlanRevision.objects.filter(plan=team.plan, number=10).exists()
    page = client_for(team.viewer).get(reverse("lessons:revision", args=[team.plan.pk, 10]))
    assert "Before the demo" in page.content.decode()
    assert "Name this version" not in page.content.decode()  # a viewer cannot rename it


@pytest.mark.django_db
def test_viewers_cannot_name_versions(team, client_for):
    response = client_for(team.viewer).post(
        reverse("lessons:name_revision", args=[team.plan.pk, 1]), {"name": "mine"}
    )
    assert response.status_code == 403
    assert not PlanRevision.objects.filter(plan=team.plan).exclude(name="").exists()


@pytest.mark.django_db
def test_the_command_refuses_an_unknown_plan(db):
    with pytest.raises(CommandError):
        call_command("prune_revisions", plan=999_999)


@pytest.mark.django_db
def test_pruning_runs_as_a_background_task(team):
    before = history_over_a_year(team)
    result = prune_plan_revisions.enqueue(team.plan.pk)
    assert result.return_value == len(before) - PlanRevision.objects.filter(plan=team.plan).count()
    assert result.return_value > 0


@pytest.mark.django_db
def test_saves_queue_the_pruning_now_and_then(
    team, monkeypatch, django_capture_on_commit_callbacks
):
    history_over_a_year(team)
    count = PlanRevision.objects.filter(plan=team.plan).count()
    monkeypatch.setattr(revisions_service, "PRUNE_EVERY", 1)  # every new revision
    step = LessonStep.objects.get(pk=team.steps[0].pk)
    with django_capture_on_commit_callbacks(execute=True):
        update_step(team.plan.pk, step.pk, team.editor, {"title": "Hello"}, None, step.version)
    assert PlanRevision.objects.filter(plan=team.plan).count() < count
