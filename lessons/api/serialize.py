"""Plans, steps and co-planners as the API returns them (plain dicts for the schemas)."""

from lessons.models import LessonPlan, LessonStep, PlanMember
from lessons.services.access import Access
from lessons.services.conflicts import Conflict


def person(user) -> dict | None:
    if user is None:
        return None
    return {"username": user.username, "name": user.shown_name}


def material(page, request) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "title_ja": getattr(page, "title_ja", ""),
        "url": page.get_url(request) or "",
    }


def step(step: LessonStep, number: int, request) -> dict:
    data = {name: getattr(step, name) for name in LessonStep.CONTENT_FIELDS}
    data.update(
        id=step.pk,
        number=number,
        version=step.version,
        materials=[material(page, request) for page in step.materials.all()],
    )
    return data


def summary(plan: LessonPlan, role: str) -> dict:
    return {
        "id": plan.pk,
        "title": plan.title,
        "grade": plan.grade.code if plan.grade_id else None,
        "class_name": plan.class_name,
        "textbook_unit": (
            {"id": plan.textbook_unit.pk, "label": str(plan.textbook_unit)}
            if plan.textbook_unit_id
            else None
        ),
        "taught_on": plan.taught_on,
        "period": plan.period,
        "length_minutes": plan.length_minutes,
        "language": plan.language,
        "visibility": plan.visibility,
        "is_builtin": plan.is_builtin,
        "owner": person(plan.owner),
        "my_role": role,
        "version": plan.version,
        "last_edited_at": plan.last_edited_at,
        "last_edited_by": person(plan.last_edited_by),
    }


def full(
    plan: LessonPlan,
    access: Access,
    steps: list[LessonStep],
    members: list[PlanMember],
    request,
) -> dict:
    data = summary(plan, access.role.value)
    data.update({name: getattr(plan, name) for name in LessonPlan.SECTION_FIELDS})
    data.update(
        teacher_label=plan.teacher_label,
        total_minutes=sum(s.minutes for s in steps),
        steps=[step(s, number, request) for number, s in enumerate(steps, start=1)],
        members=[
            {"id": m.pk, "user": person(m.user), "role": m.role, "added_at": m.added_at}
            for m in (members if access.is_member else [])
        ],
    )
    return data


def their_changes(conflict: Conflict) -> list[dict]:
    return [
        {"field": c.field, "old": c.old, "new": c.new, "author": c.author, "at": c.at}
        for c in conflict.changes
    ]
