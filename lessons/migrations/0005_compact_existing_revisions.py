"""Every existing revision into the compact form (issue #11.6), none lost: per plan, in
number order, a keyframe every 25 revisions and a delta against the one before in between;
the change list compressed. Backwards, the full snapshots are rebuilt from them.

One plan at a time, holding one snapshot, so a large history never sits in memory whole.
"""

from django.db import migrations

from lessons.revisions.codec import apply_delta, make_delta, pack, unpack

KEYFRAME_EVERY = 25  # as lessons.models.revisions.KEYFRAME_EVERY when this was written
BATCH = 200


def compact(apps, schema_editor):
    PlanRevision = apps.get_model("lessons", "PlanRevision")
    plan_ids = PlanRevision.objects.values_list("plan_id", flat=True).distinct().order_by()
    for plan_id in sorted(set(plan_ids)):
        rows = PlanRevision.objects.filter(plan_id=plan_id).order_by("number")
        before = None
        batch = []
        for index, revision in enumerate(rows.iterator(chunk_size=BATCH)):
            snapshot = revision.snapshot or {}
            revision.keyframe = before is None or index % KEYFRAME_EVERY == 0
            revision.body = pack(snapshot if revision.keyframe else make_delta(before, snapshot))
            revision.changes_data = pack(revision.changes or [])
            revision.updated_at = revision.created_at
            revision.saves = 1
            before = snapshot
            batch.append(revision)
            if len(batch) >= BATCH:
                _save(PlanRevision, batch)
        _save(PlanRevision, batch)


def _save(PlanRevision, batch):
    fields = ["keyframe", "body", "changes_data", "updated_at", "saves"]
    PlanRevision.objects.bulk_update(batch, fields)
    batch.clear()


def expand(apps, schema_editor):
    PlanRevision = apps.get_model("lessons", "PlanRevision")
    plan_ids = PlanRevision.objects.values_list("plan_id", flat=True).distinct().order_by()
    for plan_id in sorted(set(plan_ids)):
        current = {}
        batch = []
        for revision in PlanRevision.objects.filter(plan_id=plan_id).order_by("number"):
            data = unpack(revision.body) if revision.body else {}
            current = data if revision.keyframe else apply_delta(current, data)
            revision.snapshot = current
            revision.changes = unpack(revision.changes_data) if revision.changes_data else []
            batch.append(revision)
        PlanRevision.objects.bulk_update(batch, ["snapshot", "changes"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0004_revisions_compact_fields"),
    ]

    operations = [migrations.RunPython(compact, expand)]
