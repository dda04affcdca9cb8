"""Loading a plan's steps for showing them (editor, API, later the PDF): two queries,
whatever the number of steps and materials."""

from django.db.models import Prefetch

from lessons.models import LessonPlan, LessonStep
from lessons.services.materials import linkable_materials


def live_materials_prefetch() -> Prefetch:
    """Linked materials a plan may still show: a page unpublished or made private
    disappears from plans (and their prints) without anyone having to unlink it."""
    return Prefetch("materials", queryset=linkable_materials().order_by("title"))


def load_steps(plan: LessonPlan) -> list[LessonStep]:
    steps = list(
        LessonStep.objects.filter(plan=plan)
        .order_by("position", "id")
        .prefetch_related(live_materials_prefetch())
    )
    for step in steps:
        step.plan = plan  # the JTE/HRT label comes from the plan's grade
    return steps
