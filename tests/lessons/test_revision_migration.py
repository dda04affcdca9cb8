"""The data migration that compacted revisions (lessons 0003 to 0005) loses none: every old
full snapshot and change list reads back exactly, and the way back rebuilds them."""

import json

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lessons.models import PlanRevision
from lessons.revisions.codec import encode

BEFORE = [("lessons", "0003_invitations_wait_for_the_address_owner")]


def canonical(data: bytes) -> str:
    return json.dumps(json.loads(data), sort_keys=True)


def as_before_0007(data: bytes) -> str:
    """Before lessons 0007 the plan's free-text 単元指導計画 was stored as `unit_plan`."""
    snapshot = json.loads(data)
    plan = snapshot.get("plan", {})
    if "unit_plan_text" in plan:
        plan["unit_plan"] = plan.pop("unit_plan_text")
    return json.dumps(snapshot, sort_keys=True)


def old_snapshot(number: int) -> dict:
    steps = [
        {
            "id": step,
            "version": number,
            "title": f"Step {step}",
            "alt_role": "話す。" * (number + step),
        }
        for step in range(1, 2 + number % 5)
    ]
    return {
        "plan": {"title": f"Plan {number}", "goal": "目標" * number, "version": number},
        "steps": steps,
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_old_revisions_are_compacted_without_losing_any(team):
    plan_id = team.plan.pk
    kept_before = {
        r.number: encode(r.snapshot) for r in PlanRevision.objects.filter(plan_id=plan_id)
    }
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)  # backwards: the full snapshots are rebuilt
        old_apps = executor.loader.project_state(BEFORE).apps
        OldRevision = old_apps.get_model("lessons", "PlanRevision")
        rebuilt = {
            r.number: encode(r.snapshot) for r in OldRevision.objects.filter(plan_id=plan_id)
        }
        # PostgreSQL's jsonb keeps its own key order: the same plan, compared key by key.
        assert {n: canonical(v) for n, v in rebuilt.items()} == {
            n: as_before_0007(v) for n, v in kept_before.items()
        }
        assert any("unit_plan" in json.loads(v)["plan"] for v in rebuilt.values())
        first_new = max(rebuilt) + 1
        written = {}
        for number in range(first_new, first_new + 60):  # beyond two keyframes
            snapshot = old_snapshot(number)
            changes = [
                {
                    "target": "plan",
                    "step": None,
                    "version": number,
                    "field": "goal",
                    "old": "x",
                    "new": snapshot["plan"]["goal"],
                }
            ]
            OldRevision.objects.create(
                plan_id=plan_id, number=number, action="header", snapshot=snapshot, changes=changes
            )
            # As the old column gives it back (jsonb may reorder keys): what must survive.
            stored = OldRevision.objects.get(plan_id=plan_id, number=number).snapshot
            written[number] = (encode(stored), changes)
        executor.loader.build_graph()
        # Forward to every app's latest migration, whatever is added after this test was
        # written: a test that leaves the schema behind breaks the tests after it.
        executor.migrate(executor.loader.graph.leaf_nodes())
    finally:
        # The migrations empty the content-type cache; refill it while the rows are here.
        ContentType.objects.get_for_models(*django_apps.get_models(), for_concrete_models=False)

    revisions = PlanRevision.objects.filter(plan_id=plan_id)
    assert revisions.count() == len(kept_before) + len(written)
    assert revisions.filter(keyframe=True).count() >= 3
    for revision in revisions:
        if revision.number in written:
            snapshot, changes = written[revision.number]
            assert encode(revision.snapshot) == snapshot
            assert revision.changes == changes
        else:
            assert canonical(encode(revision.snapshot)) == canonical(kept_before[revision.number])
        assert revision.saves == 1
