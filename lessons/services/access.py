"""Who may do what with a lesson plan. Every view and API endpoint asks here, never itself.

Owner: everything. Editor: change content and steps, comment, restore revisions. Viewer:
read, comment, print. Any signed-in teacher: read and duplicate a published template.
Everyone else: the plan does not exist for them (404), whatever id they guess.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q, QuerySet
from django.http import Http404

from lessons.models import LessonPlan, MemberRole, PlanMember, Visibility


class Role(StrEnum):
    OWNER = "owner"
    EDITOR = "editor"
    VIEWER = "viewer"
    TEMPLATE_READER = "template_reader"  # a teacher browsing someone's published template


@dataclass(frozen=True)
class Access:
    """What one user may do with one plan; templates read its flags."""

    role: Role
    membership: PlanMember | None = None

    @property
    def is_owner(self) -> bool:
        return self.role is Role.OWNER

    @property
    def is_member(self) -> bool:
        return self.role in (Role.OWNER, Role.EDITOR, Role.VIEWER)

    @property
    def can_edit(self) -> bool:
        return self.role in (Role.OWNER, Role.EDITOR)

    @property
    def can_comment(self) -> bool:
        return self.is_member

    @property
    def can_see_history(self) -> bool:
        return self.is_member

    @property
    def can_manage(self) -> bool:
        """Invite and remove co-planners, change visibility, transfer, delete."""
        return self.is_owner

    @property
    def can_duplicate(self) -> bool:
        return True  # anyone who can read a plan may start their own copy of it


def may_plan_lessons(user) -> bool:
    return user.is_authenticated and user.has_perm("accounts.plan_lessons")


def _member_sees(plan_visibility: str) -> bool:
    return plan_visibility != Visibility.PRIVATE


def access_for(user, plan: LessonPlan, membership: PlanMember | None = None) -> Access | None:
    """The user's access to the plan, or None when the plan must look missing to them.

    Pass `membership` when it is already loaded, to save a query."""
    if not user.is_authenticated:
        return None
    if plan.owner_id is not None and plan.owner_id == user.pk:
        return Access(Role.OWNER)
    if membership is None and plan.visibility != Visibility.PRIVATE:
        membership = PlanMember.objects.filter(plan=plan, user=user).first()
    if membership is not None and _member_sees(plan.visibility):
        role = Role.EDITOR if membership.role == MemberRole.EDITOR else Role.VIEWER
        return Access(role, membership)
    if plan.is_template:
        return Access(Role.TEMPLATE_READER)
    return None


def get_plan(user, plan_id, queryset: QuerySet | None = None) -> tuple[LessonPlan, Access]:
    """The plan and the user's access to it, or Http404 (for strangers and bad ids alike)."""
    queryset = queryset if queryset is not None else LessonPlan.objects.for_header()
    try:
        plan = queryset.get(pk=int(plan_id))
    except (LessonPlan.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None
    access = access_for(user, plan)
    if access is None:
        raise Http404
    return plan, access


class Forbidden(Exception):
    """A member asked for something their role does not allow (403, not 404: they may
    know the plan exists)."""


def require(access: Access, flag: str) -> None:
    if not getattr(access, flag):
        raise Forbidden(flag)


def own_plans(user) -> QuerySet:
    return LessonPlan.objects.filter(owner=user)


def shared_plans(user) -> QuerySet:
    """Plans other people shared with the user (not private ones they are parked in)."""
    return LessonPlan.objects.filter(
        members__user=user, visibility__in=[Visibility.SHARED, Visibility.TEMPLATE]
    ).exclude(owner=user)


def editable_plans(user) -> QuerySet:
    """Plans the user may add steps to: their own and those they edit."""
    return LessonPlan.objects.filter(
        Q(owner=user)
        | Q(
            members__user=user,
            members__role=MemberRole.EDITOR,
            visibility__in=[Visibility.SHARED, Visibility.TEMPLATE],
        )
    ).distinct()


def template_plans() -> QuerySet:
    return LessonPlan.objects.templates()
