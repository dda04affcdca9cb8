"""New plans from old ones: duplicating a plan, starting from a template, and starting from
a library material ("Add to a lesson plan")."""

from django.db import transaction
from django.utils.translation import gettext as _

from lessons import limits
from lessons.models import LessonPlan, LessonStep, Phase, RevisionAction, Visibility
from lessons.services.materials import linkable_materials
from library.models import LibraryPage

from .revisions import lock_plan, record_revision
from .save_limit import count_save

# Activity types (library/school_facts.py) that suggest where a material sits in a lesson.
PHASE_FOR_ACTIVITY = {
    "warm_up": Phase.WARM_UP,
    "song_chant": Phase.WARM_UP,
    "review": Phase.REVIEW,
    "flashcards": Phase.INTRODUCTION,
    "presentation": Phase.PRODUCTION,
    "speech": Phase.PRODUCTION,
    "debate": Phase.PRODUCTION,
    "role_play": Phase.PRODUCTION,
}


def duplicate_plan(source: LessonPlan, user, *, title: str | None = None) -> LessonPlan:
    """A private copy for `user`: the header and the steps with their (still published)
    materials. Co-planners, comments and history stay with the original."""
    count_save(user)
    with transaction.atomic():
        values = {name: getattr(source, name) for name in LessonPlan.HEADER_FIELDS}
        if title is None:
            title = (
                source.title
                if source.is_template
                else _("Copy of %(title)s") % {"title": source.title}
            )
        values["title"] = title[: limits.TITLE]
        plan = LessonPlan.objects.create(
            owner=user, based_on=source, visibility=Visibility.PRIVATE, **values
        )
        steps = list(source.steps.order_by("position", "id").prefetch_related("materials"))
        live = set(
            linkable_materials()
            .filter(pk__in={m.pk for step in steps for m in step.materials.all()})
            .values_list("pk", flat=True)
        )
        for position, step in enumerate(steps):
            copy = LessonStep.objects.create(
                plan=plan,
                position=position,
                **{name: getattr(step, name) for name in LessonStep.CONTENT_FIELDS},
            )
            copy.materials.set([m.pk for m in step.materials.all() if m.pk in live])
        plan = lock_plan(plan.pk)
        record_revision(plan, user, RevisionAction.CREATED, always=True)
    return plan


def step_for_material(page: LibraryPage) -> dict:
    """A step that uses a material: named after it, as long as it takes, in the phase its
    activity type suggests (practice when nothing does)."""
    codes = [activity.code for activity in page.activity_types.all()]
    phase = next((PHASE_FOR_ACTIVITY[c] for c in codes if c in PHASE_FOR_ACTIVITY), Phase.PRACTICE)
    minutes = page.duration_minutes or 10
    return {
        "phase": phase,
        "minutes": max(limits.MIN_MINUTES, min(limits.MAX_MINUTES, minutes)),
        "title": page.title[: limits.STEP_TITLE],
    }
