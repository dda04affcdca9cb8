"""The retention policy for plan revisions: which to keep, and folding away the rest.

Kept, always: every named revision (a teacher's "before the demo lesson"), the first and
the latest, and every revision saved in the last `keep_all_days` days. Older than that, the
last revision of each day until `daily_days`, then the last of each week. So any version a
teacher named or saved recently can be restored exactly, and an old plan's history thins
to about one revision a week (issue #11.6; README "Revisions").

A revision pruned is folded into the next one kept: its changes join that revision's (one
entry per field, the first old and the last new value), its save count too, and the kept
revision after a gap is re-encoded against the one kept before it (or as a keyframe), so
every kept revision still restores byte for byte.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lessons.models import PlanRevision, RevisionAction
from lessons.models.revisions import KEYFRAME_EVERY
from lessons.revisions import changelog
from lessons.revisions.codec import apply_delta, make_delta, pack, unpack

from .revisions import lock_plan

logger = logging.getLogger("kyozai.lessons")

# Actions a combined revision keeps even when earlier saves are folded into it.
EVENTS = {RevisionAction.CREATED, RevisionAction.RESTORED}


@dataclass(frozen=True)
class RetentionPolicy:
    keep_all_days: int = 30
    daily_days: int = 180

    @classmethod
    def from_settings(cls) -> RetentionPolicy:
        return cls(
            keep_all_days=getattr(settings, "KYOZAI_REVISIONS_KEEP_ALL_DAYS", cls.keep_all_days),
            daily_days=getattr(settings, "KYOZAI_REVISIONS_KEEP_DAILY_DAYS", cls.daily_days),
        )

    def kept(self, rows: list[tuple[int, datetime, str]], now: datetime) -> set[int]:
        """The numbers to keep of a plan's revisions, given (number, saved at, name) rows."""
        if not rows:
            return set()
        numbers = [number for number, _at, _name in rows]
        keep = {min(numbers), max(numbers)}
        last_in_bucket: dict[tuple, int] = {}
        for number, at, name in rows:
            age = now - at
            if name or age < timedelta(days=self.keep_all_days):
                keep.add(number)
                continue
            day = timezone.localdate(at)
            if age < timedelta(days=self.daily_days):
                bucket: tuple = ("day", day)
            else:
                bucket = ("week", *day.isocalendar()[:2])
            last_in_bucket[bucket] = max(number, last_in_bucket.get(bucket, 0))
        return keep | set(last_in_bucket.values())


def plans_with_old_revisions(policy: RetentionPolicy, now: datetime | None = None) -> list[int]:
    cutoff = (now or timezone.now()) - timedelta(days=policy.keep_all_days)
    rows = PlanRevision.objects.filter(created_at__lt=cutoff).values_list("plan_id", flat=True)
    return sorted(set(rows.order_by()))


def prune_plan(plan_id: int, policy: RetentionPolicy | None = None, now=None) -> int:
    """Apply the policy to one plan's revisions; returns how many were folded away."""
    policy = policy or RetentionPolicy.from_settings()
    now = now or timezone.now()
    with transaction.atomic():
        lock_plan(plan_id)
        revisions = PlanRevision.objects.filter(plan_id=plan_id)
        rows = [
            (number, updated or created, name)
            for number, created, updated, name in revisions.values_list(
                "number", "created_at", "updated_at", "name"
            )
        ]
        keep = policy.kept(rows, now)
        if len(keep) == len(rows):
            return 0
        _fold(plan_id, keep)
    return len(rows) - len(keep)


def _fold(plan_id: int, keep: set[int]) -> None:
    """Rewrite the plan's kept revisions without the others, in one pass over the chain."""
    current: dict = {}
    last_kept: dict | None = None
    since_keyframe = 0
    folded: list[int] = []
    pending: list[PlanRevision] = []
    changed: list[PlanRevision] = []
    for revision in PlanRevision.objects.filter(plan_id=plan_id).order_by("number").iterator():
        data = unpack(revision.body)
        current = data if revision.keyframe else apply_delta(current, data)
        if revision.number not in keep:
            revision.body = b""  # decoded; only its changes are needed from here on
            pending.append(revision)
            continue
        # After a gap the delta no longer fits; a chain grown long gets a keyframe again.
        too_long = last_kept is None or since_keyframe + 1 >= KEYFRAME_EVERY
        if pending or (not revision.keyframe and too_long):
            since_keyframe = _reencode(revision, last_kept, current, since_keyframe)
            _absorb(revision, pending)
            changed.append(revision)
        else:
            since_keyframe = 0 if revision.keyframe else since_keyframe + 1
        folded.extend(earlier.pk for earlier in pending)
        pending = []
        last_kept = current
    for start in range(0, len(folded), 500):
        PlanRevision.objects.filter(pk__in=folded[start : start + 500]).delete()
    fields = ["body", "keyframe", "changes_data", "action", "saves"]
    PlanRevision.objects.bulk_update(changed, fields, batch_size=100)


def _reencode(revision: PlanRevision, before: dict | None, snapshot: dict, since: int) -> int:
    """Store `revision` against the last kept snapshot; returns deltas since a keyframe."""
    revision.keyframe = before is None or since + 1 >= KEYFRAME_EVERY
    revision.body = pack(snapshot if revision.keyframe else make_delta(before, snapshot))
    return 0 if revision.keyframe else since + 1


def _absorb(revision: PlanRevision, pruned: list[PlanRevision]) -> None:
    """The pruned revisions' changes and saves become part of the next kept revision."""
    if not pruned:
        return
    entries: list = []
    for earlier in pruned:
        entries = changelog.merge(entries, earlier.changes, trail=False)
    revision.changes = changelog.merge(entries, revision.changes, trail=False)
    revision.saves += sum(earlier.saves for earlier in pruned)
    actions = {earlier.action for earlier in pruned}
    if revision.action not in EVENTS and actions != {revision.action}:
        revision.action = RevisionAction.COMBINED


def prune_all(policy: RetentionPolicy | None = None, now=None) -> int:
    """Every plan with revisions old enough to thin; returns how many were folded away."""
    policy = policy or RetentionPolicy.from_settings()
    removed = 0
    for plan_id in plans_with_old_revisions(policy, now):
        removed += prune_plan(plan_id, policy, now)
    return removed
