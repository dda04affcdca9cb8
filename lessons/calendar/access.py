"""Who may see a class's calendar, and which of its lessons they may open or move.

Classes are private to their school's members (schools' `SchoolClass.objects.visible_to`):
anyone else gets 404 for the class and everything about it. Lesson plans keep their own
rules (lessons/services/access.py): a plan's class never widens who sees the plan, so a
calendar shows a lesson someone has not shared with you as "planned", without its
contents. These helpers decide for many plans at once, in one query, so calendars stay
bounded in queries whatever the number of lessons.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from lessons.models import LessonPlan, PlanMember
from lessons.services.access import Access, Can, NotAllowed, access_for
from schools.models import SchoolClass


def visible_class(user, class_id) -> SchoolClass:
    """The class, if the user is a member of its school (or an editor); else 404."""
    try:
        return (
            SchoolClass.objects.visible_to(user)
            .select_related("school", "grade")
            .get(pk=int(class_id))
        )
    except (SchoolClass.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404("No such class.") from None


def accesses(user, plans: Iterable[LessonPlan]) -> dict[int, Access | None]:
    """plan id → the user's access (None: the plan must stay closed to them); one query
    for the memberships of all the plans."""
    plans = list(plans)
    members = {
        member.plan_id: member
        for member in PlanMember.objects.filter(user=user, plan__in=[p.pk for p in plans])
    }
    return {plan.pk: access_for(user, plan, members.get(plan.pk), known=True) for plan in plans}


def require_editable(user, plans: Iterable[LessonPlan]) -> None:
    """Moving lessons changes each plan: the user must be able to edit every one."""
    found = accesses(user, plans)
    if any(access is None or not access.may(Can.EDIT) for access in found.values()):
        raise NotAllowed(
            _(
                "Some of these lessons are plans you cannot edit: ask their owners to share "
                "them with you as an editor, or to move them."
            )
        )
