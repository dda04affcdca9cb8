"""`manage.py prune_revisions [--plan ID] [--queue]`: thin old plan revisions by the retention
policy (lessons/services/retention.py; README "Revisions"). Named revisions, the first, the
latest and every revision of the last REVISIONS_KEEP_ALL_DAYS days are always kept.

Run it nightly from cron, or with `--queue` to hand the work to the background worker."""

from django.core.management.base import BaseCommand, CommandError

from lessons.models import LessonPlan
from lessons.services import retention
from lessons.tasks import prune_all_revisions, prune_plan_revisions


class Command(BaseCommand):
    help = "Thin old lesson-plan revisions by the retention policy (named ones are kept)."

    def add_arguments(self, parser):
        parser.add_argument("--plan", type=int, help="only this plan (its id)")
        parser.add_argument("--queue", action="store_true", help="queue it for the worker")

    def handle(self, *args, plan=None, queue=False, **options):
        if plan is not None and not LessonPlan.objects.filter(pk=plan).exists():
            raise CommandError(f"No lesson plan with id {plan}.")
        if queue:
            task = prune_plan_revisions if plan is not None else prune_all_revisions
            result = task.enqueue(*([plan] if plan is not None else []))
            self.stdout.write(f"Queued the pruning ({result.id}).")
            return
        removed = retention.prune_plan(plan) if plan is not None else retention.prune_all()
        self.stdout.write(f"Pruned {removed} revisions.")
