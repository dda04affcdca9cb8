"""Background jobs of the lesson planner, through the one task framework
(config/settings/tasks.py): thinning old plan revisions by the retention policy.

Queued for a plan after every PRUNE_EVERY of its revisions (services/revisions.py) and run
by the worker of the "default" queue; `manage.py prune_revisions` does the same for every
plan (a nightly cron job) or queues it (`--queue`).
"""

from __future__ import annotations

from django_tasks import task

from lessons.models import LessonPlan
from lessons.services import retention


@task()
def prune_plan_revisions(plan_id: int) -> int:
    """Fold away one plan's revisions the retention policy does not keep; returns how many."""
    if not LessonPlan.objects.filter(pk=plan_id).exists():
        return 0  # deleted since it was queued: its revisions went with it
    return retention.prune_plan(plan_id)


@task()
def prune_all_revisions() -> int:
    return retention.prune_all()
