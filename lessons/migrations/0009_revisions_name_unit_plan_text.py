"""Stored revisions follow the rename of the plan's free-text 単元指導計画 (`unit_plan` →
`unit_plan_text`, 0007): every snapshot and change entry is rewritten with the new name, in
the same keyframe/delta layout, so restoring or comparing an old revision keeps the text.

One plan at a time, holding one snapshot, as 0005 does."""

from django.db import migrations

from lessons.revisions.codec import apply_delta, make_delta, pack, unpack

BATCH = 200


def _renamed(values, old, new):
    """The dict with key `old` renamed `new`, in the same position (the codec keeps key order)."""
    if not isinstance(values, dict) or old not in values:
        return values
    return {(new if key == old else key): value for key, value in values.items()}


def _snapshot(snapshot, old, new):
    if isinstance(snapshot, dict) and isinstance(snapshot.get("plan"), dict):
        return {**snapshot, "plan": _renamed(snapshot["plan"], old, new)}
    return snapshot


def _entries(entries, old, new):
    renamed = []
    for entry in entries:
        if isinstance(entry, dict) and entry.get("target") == "plan" and entry.get("field") == old:
            entry = {**entry, "field": new}
        renamed.append(entry)
    return renamed


def _rewrite(apps, old, new):
    PlanRevision = apps.get_model("lessons", "PlanRevision")
    plan_ids = PlanRevision.objects.values_list("plan_id", flat=True).distinct().order_by()
    for plan_id in sorted(set(plan_ids)):
        raw = None
        before = None
        batch = []
        for revision in PlanRevision.objects.filter(plan_id=plan_id).order_by("number"):
            data = unpack(revision.body) if revision.body else {}
            raw = data if revision.keyframe or raw is None else apply_delta(raw, data)
            current = _snapshot(raw, old, new)
            keyframe = revision.keyframe or before is None
            revision.keyframe = keyframe
            revision.body = pack(current if keyframe else make_delta(before, current))
            if revision.changes_data:
                revision.changes_data = pack(_entries(unpack(revision.changes_data), old, new))
            before = current
            batch.append(revision)
            if len(batch) >= BATCH:
                PlanRevision.objects.bulk_update(batch, ["keyframe", "body", "changes_data"])
                batch.clear()
        PlanRevision.objects.bulk_update(batch, ["keyframe", "body", "changes_data"])


def forwards(apps, schema_editor):
    _rewrite(apps, "unit_plan", "unit_plan_text")


def backwards(apps, schema_editor):
    _rewrite(apps, "unit_plan_text", "unit_plan")


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0008_unit_plans_yearly_plans_and_plan_links"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
