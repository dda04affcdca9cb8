"""The lesson templates that ship with Kyozai, written for this project.

Each is a complete, realistic team-taught lesson in which the ALT has a written job in every
step (the point of the planner: no "human tape recorder"). Teachers never edit these; they
press "Use this template" and get their own copy.

Installed by migration 0002. `install_builtin_templates` is safe to run again: a template
whose text changed here is updated in place, one that did not is left alone. When you change
a template, add a migration that calls it again, so every site gets the new text.
"""

from django.db import transaction

from .content import BUILTIN_TEMPLATES as ORIGINALS
from .content import BuiltinTemplate
from .translations import TRANSLATIONS

# Every template in English and Japanese (issue #15.7): the originals and their translations.
BUILTIN_TEMPLATES = [*ORIGINALS, *TRANSLATIONS]

__all__ = ["BUILTIN_TEMPLATES", "BuiltinTemplate", "family_of", "install_builtin_templates"]


def family_of(key: str) -> str:
    """The key both language versions of a built-in template share."""
    return key.removesuffix("-ja").removesuffix("-en")


# The order of each step tuple in content.py. Spelled out rather than taken from
# LessonStep.CONTENT_FIELDS: migration 0002 installs these with historical models, and the
# data's shape must not move when the model's list does.
STEP_FIELDS = (
    "phase",
    "minutes",
    "title",
    "student_activity",
    "jte_role",
    "alt_role",
    "teacher_notes",
    "evaluation",
    "viewpoint",
)


def install_builtin_templates(plan_model=None, step_model=None, grade_model=None) -> int:
    """Create or refresh the built-in templates; returns how many changed.

    A data migration passes its historical models; everyone else gets the real ones. Only
    plain fields and managers are used, so both kinds of model work."""
    if plan_model is None:
        from lessons.models import LessonPlan as plan_model
        from lessons.models import LessonStep as step_model
        from library.models import Grade as grade_model
    LessonPlan, LessonStep, Grade = plan_model, step_model, grade_model

    grades = {grade.code: grade for grade in Grade.objects.all()}
    changed = 0
    with transaction.atomic():
        for template in BUILTIN_TEMPLATES:
            header = {
                "title": template.title,
                "grade": grades.get(template.grade) if template.grade else None,
                "length_minutes": template.length_minutes,
                "language": template.language,
                "goal": template.goal,
                "can_do": template.can_do,
                "unit_about": template.unit_about,
                "visibility": "template",
            }
            plan = LessonPlan.objects.filter(builtin_key=template.key).first()
            wanted_steps = [tuple(step) for step in template.steps]
            if plan is not None:
                current = [
                    tuple(values)
                    for values in plan.steps.order_by("position", "id").values_list(*STEP_FIELDS)
                ]
                same_header = all(getattr(plan, name) == value for name, value in header.items())
                if same_header and current == wanted_steps:
                    continue
                for name, value in header.items():
                    setattr(plan, name, value)
                plan.version += 1
                plan.save()
                plan.steps.all().delete()
            else:
                plan = LessonPlan.objects.create(builtin_key=template.key, **header)
            LessonStep.objects.bulk_create(
                LessonStep(
                    plan=plan, position=position, **dict(zip(STEP_FIELDS, step, strict=True))
                )
                for position, step in enumerate(wanted_steps)
            )
            changed += 1
    return changed
