"""Who teaches the lesson, as a plan prints it: T1 the JTE (or HRT), T2 the ALT.

A 学習指導案's 指導者 line and the team-teaching plan's header name both teachers. They come
from the plan's class (its JTE/HRT and ALTs, schools.ClassTeacher) when it has one, else
from the plan's owner and co-planners by the role on their account. Two queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import Role
from lessons.models import LessonPlan
from schools.models import ClassTeacher, SchoolRole

# The account role a person plans as, folded to the class's words.
_ACCOUNT_ROLES = {Role.JTE: SchoolRole.JTE, Role.HRT: SchoolRole.HRT, Role.ALT: SchoolRole.ALT}
_ROLE_NAMES = {SchoolRole.JTE: "JTE", SchoolRole.HRT: "HRT", SchoolRole.ALT: "ALT"}


@dataclass(frozen=True)
class PrintedTeacher:
    mark: str  # T1, T2
    name: str
    role: str  # JTE, HRT, ALT


def _people(plan: LessonPlan) -> list[tuple[str, object]]:
    """(school role, user) of everyone teaching the lesson, the class's teachers first."""
    people: list[tuple[str, object]] = []
    if plan.school_class_id:
        rows = ClassTeacher.objects.filter(school_class_id=plan.school_class_id)
        people += [(row.role, row.user) for row in rows.select_related("user").order_by("id")]
    planners = [plan.owner] if plan.owner_id else []
    planners += [member.user for member in plan.members.select_related("user")]
    people += [(_ACCOUNT_ROLES.get(user.role, ""), user) for user in planners]
    return people


def plan_teachers(plan: LessonPlan) -> list[PrintedTeacher]:
    """T1 (the JTE or HRT, the owner first when they are one) and T2 (each ALT); a person
    listed once, in the first role found for them."""
    seen: set[int] = set()
    leads, alts = [], []
    for role, user in _people(plan):
        if user.pk in seen or role not in _ROLE_NAMES:
            continue
        seen.add(user.pk)
        (alts if role == SchoolRole.ALT else leads).append((role, user))
    printed = [_printed("T1", user.shown_name, _ROLE_NAMES[role]) for role, user in leads]
    printed += [_printed("T2", user.shown_name, "ALT") for _role, user in alts]
    return printed


def _printed(mark: str, name: str, role: str) -> PrintedTeacher:
    """A display name that already says the role ("Sam Carter (ALT)") is not followed by
    it a second time."""
    return PrintedTeacher(mark, name, "" if role in name else role)


def students_text(plan: LessonPlan) -> str:
    """男 16 名　女 15 名　計 31 名, from the plan's class, as far as it is known."""
    school_class = plan.school_class if plan.school_class_id else None
    if school_class is None:
        return ""
    parts = []
    if school_class.boys is not None:
        parts.append(f"男 {school_class.boys} 名")
    if school_class.girls is not None:
        parts.append(f"女 {school_class.girls} 名")
    total = school_class.student_count
    if total is not None:
        parts.append(f"計 {total} 名")
    return "\u3000".join(parts)
