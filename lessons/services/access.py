"""Who may do what with a lesson plan: every permission decision of the planner, in one
place. The builder's views, the JSON API and the print views ask here, never decide
themselves, and every refusal is the one exception `NotAllowed`.

Owner: everything. Editor: change content and steps, comment, restore revisions. Viewer:
read, comment, print. Any signed-in teacher: read, print and duplicate a published
template. Everyone else: the plan does not exist for them (404), whatever id they guess —
a private plan stays invisible even to the co-planners parked on it.

`NotAllowed` is mapped to an answer once for the HTML views (lessons/refusals.py: 404 when
the plan must look missing, else 403) and once for the API (config/api.py: the API's error
shape with the same statuses).
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from lessons.models import LessonPlan, MemberRole, PlanMember, Visibility


class NotAllowed(Exception):
    """The user may not do this. `hidden`: they may not even know the plan exists (404);
    otherwise they may (a member whose role does not allow it, a teacher whose account
    cannot plan lessons) and are told why (403 with `message`)."""

    def __init__(self, message: str = "", *, hidden: bool = False):
        super().__init__(message)
        self.message = str(message)
        self.hidden = hidden

    @classmethod
    def not_found(cls) -> "NotAllowed":
        return cls("Not Found", hidden=True)


class Role(StrEnum):
    OWNER = "owner"
    EDITOR = "editor"
    VIEWER = "viewer"
    TEMPLATE_READER = "template_reader"  # a teacher browsing someone's published template


class Can(StrEnum):
    """The things one can ask to do with a plan; RULES says who may, and what a refused
    member is told."""

    READ = "read"
    PRINT = "print"
    DUPLICATE = "duplicate"
    EDIT = "edit"
    COMMENT = "comment"
    SEE_HISTORY = "see_history"
    RESTORE = "restore"
    SEE_MEMBERS = "see_members"
    INVITE = "invite"
    CHANGE_ROLES = "change_roles"
    REMOVE_MEMBERS = "remove_members"
    TRANSFER = "transfer"
    CHANGE_VISIBILITY = "change_visibility"
    DELETE = "delete"


READERS = frozenset(Role)
MEMBERS = frozenset({Role.OWNER, Role.EDITOR, Role.VIEWER})
EDITORS = frozenset({Role.OWNER, Role.EDITOR})
OWNER = frozenset({Role.OWNER})

# Action → (the roles that may, what anyone else who can see the plan is told).
RULES: dict[Can, tuple[frozenset, object]] = {
    Can.READ: (READERS, ""),
    Can.PRINT: (READERS, ""),
    Can.DUPLICATE: (READERS, ""),  # anyone who can read a plan may start their own copy
    Can.EDIT: (EDITORS, _("Viewers cannot change the plan.")),
    Can.COMMENT: (MEMBERS, _("Only the people on a plan comment on it.")),
    Can.SEE_HISTORY: (MEMBERS, _("Only the people on a plan see its history.")),
    Can.RESTORE: (EDITORS, _("Viewers cannot change the plan.")),
    Can.SEE_MEMBERS: (MEMBERS, _("Only the people on a plan see who else is on it.")),
    Can.INVITE: (OWNER, _("Only the owner invites co-planners.")),
    Can.CHANGE_ROLES: (OWNER, _("Only the owner changes roles.")),
    Can.REMOVE_MEMBERS: (OWNER, _("Only the owner removes other co-planners.")),
    Can.TRANSFER: (OWNER, _("Only the owner can hand the plan over.")),
    Can.CHANGE_VISIBILITY: (OWNER, _("Only the owner decides who can open the plan.")),
    Can.DELETE: (OWNER, _("Only the owner can delete the plan.")),
}


@dataclass(frozen=True)
class Access:
    """What one user may do with one plan; templates read its flags."""

    role: Role
    membership: PlanMember | None = None
    user_id: int | None = None

    def may(self, action: Can) -> bool:
        return self.role in RULES[action][0]

    def require(self, action: Can) -> None:
        """Raise NotAllowed (403, with the rule's message) unless the role allows it."""
        if not self.may(action):
            raise NotAllowed(RULES[action][1])

    def may_remove(self, member: PlanMember) -> bool:
        """The owner removes anyone; everyone on the plan may leave it."""
        return self.may(Can.REMOVE_MEMBERS) or member.user_id == self.user_id

    def require_removal(self, member: PlanMember) -> None:
        if not self.may_remove(member):
            raise NotAllowed(RULES[Can.REMOVE_MEMBERS][1])

    def require_comment_deletion(self, comment) -> None:
        """Authors take back their own comments; the owner may tidy any."""
        if comment.author_id != self.user_id and not self.is_owner:
            raise NotAllowed(_("Only the author or the owner deletes a comment."))

    # Flags for templates and serializers, each one rule.
    @property
    def is_owner(self) -> bool:
        return self.role is Role.OWNER

    @property
    def is_member(self) -> bool:
        return self.may(Can.SEE_MEMBERS)

    @property
    def can_edit(self) -> bool:
        return self.may(Can.EDIT)

    @property
    def can_comment(self) -> bool:
        return self.may(Can.COMMENT)

    @property
    def can_see_history(self) -> bool:
        return self.may(Can.SEE_HISTORY)

    @property
    def can_manage(self) -> bool:
        """Invite and remove co-planners, change visibility, transfer, delete."""
        return self.may(Can.INVITE)

    @property
    def can_duplicate(self) -> bool:
        return self.may(Can.DUPLICATE)


def may_plan_lessons(user) -> bool:
    return user.is_authenticated and user.has_perm("accounts.plan_lessons")


def require_planner(user) -> None:
    """Creating, duplicating and adding materials need an account that plans lessons."""
    if not may_plan_lessons(user):
        raise NotAllowed(_("Your account cannot plan lessons."))


def _member_sees(plan_visibility: str) -> bool:
    return plan_visibility != Visibility.PRIVATE


def access_for(
    user, plan: LessonPlan, membership: PlanMember | None = None, *, known: bool = False
) -> Access | None:
    """The user's access to the plan, or None when the plan must look missing to them.

    Pass `membership` when it is already loaded, to save a query; `known=True` says the
    memberships were loaded and the user has none on this plan (calendars decide for many
    plans with one query: lessons/calendar/access.py)."""
    if not user.is_authenticated:
        return None
    if plan.owner_id is not None and plan.owner_id == user.pk:
        return Access(Role.OWNER, user_id=user.pk)
    if membership is None and not known and plan.visibility != Visibility.PRIVATE:
        membership = PlanMember.objects.filter(plan=plan, user=user).first()
    if membership is not None and _member_sees(plan.visibility):
        role = Role.EDITOR if membership.role == MemberRole.EDITOR else Role.VIEWER
        return Access(role, membership, user.pk)
    if plan.is_template:
        return Access(Role.TEMPLATE_READER, user_id=user.pk)
    return None


def get_plan(
    user, plan_id, action: Can = Can.READ, queryset: QuerySet | None = None
) -> tuple[LessonPlan, Access]:
    """The plan and the user's access to it, when they may do `action` with it.

    NotAllowed(hidden) for strangers and bad ids alike; NotAllowed (403) for someone who
    sees the plan but whose role does not allow the action."""
    queryset = queryset if queryset is not None else LessonPlan.objects.for_header()
    try:
        plan = queryset.get(pk=int(plan_id))
    except (LessonPlan.DoesNotExist, TypeError, ValueError, OverflowError):
        raise NotAllowed.not_found() from None
    access = access_for(user, plan)
    if access is None:
        raise NotAllowed.not_found()
    access.require(action)
    return plan, access


def own_plans(user) -> QuerySet:
    return LessonPlan.objects.filter(owner=user)


def shared_plans(user) -> QuerySet:
    """Plans other people shared with the user (not private ones they are parked in)."""
    return LessonPlan.objects.filter(
        members__user=user, visibility__in=[Visibility.SHARED, Visibility.TEMPLATE]
    ).exclude(owner=user)


def plans_of(user) -> QuerySet:
    """The user's own plans and those shared with them (no duplicates: a subquery, not a
    join on members)."""
    return LessonPlan.objects.filter(Q(owner=user) | Q(pk__in=shared_plans(user).values("pk")))


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
