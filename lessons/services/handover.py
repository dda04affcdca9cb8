"""ALT turnover in one step: everything a leaving teacher has goes to their successor.

What moves, in one transaction (all or nothing):
- their classes: each ClassTeacher row of theirs becomes the successor's, with its role
  (when the successor already teaches that class, the leaver's row is simply removed);
- their unit plans and lesson plans: OWNERSHIP moves to the successor (not a co-planner
  membership), so the successor can edit, share and hand them on like their own. On plans
  that were shared or published, the leaver stays on as an editor — as in a single plan's
  transfer (services/members.py) — and the successor's own co-planner record, now
  pointless, is removed. A private plan ("only me") goes to the successor and closes to
  the leaver: handing over everything is what they chose, and the form says so.
- their places on other teachers' plans (PlanMember): the successor joins each with the
  leaver's role (editor or viewer), unless already on it; the leaver stays on too, and the
  plan's owner may remove either. The owner had asked "the ALT" to co-plan: turnover
  gives them the new ALT without a round of invitations.
- nothing else: the leaver stays a member of their schools until someone removes them,
  and their class notes stay theirs (the hand-over pack prints them).

Who may be chosen: a member of one of the leaver's schools, with an account that plans
lessons, other than the leaver.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from lessons.models import Handover, LessonPlan, MemberRole, PlanMember, UnitPlan, Visibility
from lessons.services.access import may_plan_lessons
from schools.models import ClassTeacher, SchoolMembership


class HandoverError(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def possible_successors(leaver):
    """The members of the leaver's schools who could take over (the form's choices)."""
    from django.contrib.auth import get_user_model

    schools = SchoolMembership.objects.filter(user=leaver).values("school")
    return (
        get_user_model()
        .objects.filter(school_memberships__school__in=schools, is_active=True)
        .exclude(pk=leaver.pk)
        .distinct()
        .order_by("display_name", "username")
    )


def _check(leaver, successor) -> None:
    if successor.pk == leaver.pk:
        raise HandoverError(_("Choose someone else: you cannot hand over to yourself."))
    if not possible_successors(leaver).filter(pk=successor.pk).exists():
        raise HandoverError(_("Choose a member of one of your schools."))
    if not may_plan_lessons(successor):
        raise HandoverError(_("This person's account cannot plan lessons."))


def _move_classes(leaver, successor) -> list[int]:
    rows = list(ClassTeacher.objects.select_for_update().filter(user=leaver))
    class_ids = [row.school_class_id for row in rows]
    already = set(
        ClassTeacher.objects.filter(user=successor, school_class_id__in=class_ids).values_list(
            "school_class_id", flat=True
        )
    )
    ClassTeacher.objects.filter(
        pk__in=[r.pk for r in rows if r.school_class_id in already]
    ).delete()
    ClassTeacher.objects.filter(
        pk__in=[r.pk for r in rows if r.school_class_id not in already]
    ).update(user=successor)
    return class_ids


def _move_plans(leaver, successor) -> int:
    plans = list(
        LessonPlan.objects.select_for_update(of=("self",))
        .filter(owner=leaver)
        .values_list("pk", "visibility")
    )
    ids = [pk for pk, _visibility in plans]
    PlanMember.objects.filter(plan_id__in=ids, user=successor).delete()
    LessonPlan.objects.filter(pk__in=ids).update(owner=successor, version=F("version") + 1)
    PlanMember.objects.bulk_create(
        [
            PlanMember(plan_id=pk, user=leaver, role=MemberRole.EDITOR, invited_by=successor)
            for pk, visibility in plans
            if visibility != Visibility.PRIVATE
        ],
        ignore_conflicts=True,
    )
    return len(ids)


def _join_plans(leaver, successor) -> int:
    places = PlanMember.objects.filter(user=leaver).exclude(plan__owner=successor)
    joined = PlanMember.objects.bulk_create(
        [
            PlanMember(plan_id=place.plan_id, user=successor, role=place.role, invited_by=leaver)
            for place in places
        ],
        ignore_conflicts=True,
    )
    return len(joined)


def hand_over(leaver, successor, message: str = "") -> Handover:
    """Give the successor all of the leaver's classes, unit plans and lesson plans."""
    _check(leaver, successor)
    with transaction.atomic():
        class_ids = _move_classes(leaver, successor)
        unit_count = UnitPlan.objects.filter(owner=leaver).update(
            owner=successor, version=F("version") + 1
        )
        plan_count = _move_plans(leaver, successor)
        _join_plans(leaver, successor)
        handover = Handover.objects.create(
            leaver=leaver,
            successor=successor,
            leaver_name=leaver.shown_name,
            message=message,
            unit_plan_count=unit_count,
            lesson_plan_count=plan_count,
        )
        handover.classes.set(class_ids)
    return handover
