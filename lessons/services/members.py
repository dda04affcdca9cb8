"""Co-planning: inviting, removing and leaving, and handing a plan over at ALT turnover."""

import unicodedata

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from lessons import limits
from lessons.models import LessonPlan, MemberRole, PlanMember, Visibility

from . import colleagues


class MemberError(Exception):
    """A request about co-planners that cannot be done; the message says why, for the form
    and the API alike."""


def find_user(identifier: str):
    """An active user by username, or by confirmed e-mail address (either case). Only exact
    matches: the invite form must not become a way to list who has an account.

    Anything with an "@" is an e-mail address and is looked for only among confirmed
    addresses (`User.email`; what a user typed but never confirmed waits elsewhere), so an
    invitation by e-mail reaches the address's owner — never someone who typed that address
    into their profile, nor an account whose username merely looks like it."""
    # Usernames are stored NFKC-normalised (Django's AbstractBaseUser.normalize_username):
    # "Sam" typed in full-width letters on a Japanese keyboard is the user "Sam".
    identifier = unicodedata.normalize("NFKC", identifier).strip()
    if not identifier:
        return None
    users = get_user_model().objects.filter(is_active=True)
    if "@" in identifier:
        matches = users.filter(email__iexact=identifier).exclude(email="")
    else:
        matches = users.filter(username__iexact=identifier)
    found = list(matches[:2])
    return found[0] if len(found) == 1 else None


def find_person(by, identifier: str):
    """Whom `by` means by a name typed into the invite box: a colleague from their schools
    whose username, display name or full name it is (width, case and spaces ignored; see
    services/colleagues.py), else the account with that exact username. Raises MemberError
    saying what to do when it means nobody, or several colleagues."""
    matches = colleagues.named(by, identifier)
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise MemberError(
            _(
                "%(count)d colleagues are called “%(who)s”. Pick the one you mean from the "
                "list of your schools' teachers."
            )
            % {"count": len(matches), "who": identifier.strip()[:100]}
        )
    user = find_user(identifier)
    if user is None:
        raise MemberError(
            _(
                "Nobody at your schools is called “%(who)s”, and no account has that "
                "username. Search your schools' teachers above, or type their whole e-mail "
                "address to invite them by e-mail."
            )
            % {"who": identifier.strip()[:100]}
        )
    return user


def invite(plan: LessonPlan, by, identifier: str, role: str) -> PlanMember:
    """Add a co-planner by username straight away (no acceptance step: colleagues at one
    school plan together; anyone added can leave). Invitations by e-mail address wait for
    the address's owner instead (lessons/services/invitations.py) and reveal nothing, so an
    address never adds anyone here. A private plan becomes shared, or the new co-planner
    could not open it."""
    if role not in MemberRole.values:
        raise MemberError(_("Choose editor or viewer."))
    user = None if "@" in identifier else find_person(by, identifier)
    if user.pk == plan.owner_id:
        raise MemberError(_("%(name)s owns this plan already.") % {"name": user.shown_name})
    with transaction.atomic():
        locked = LessonPlan.objects.select_for_update().get(pk=plan.pk)
        if PlanMember.objects.filter(plan=locked, user=user).exists():
            raise MemberError(
                _("%(name)s is already a co-planner. Change their role in the list below.")
                % {"name": user.shown_name}
            )
        if PlanMember.objects.filter(plan=locked).count() >= limits.MAX_MEMBERS:
            raise MemberError(
                _("A plan can have at most %(count)d co-planners.") % {"count": limits.MAX_MEMBERS}
            )
        member = PlanMember.objects.create(plan=locked, user=user, role=role, invited_by=by)
        if locked.visibility == Visibility.PRIVATE:
            LessonPlan.objects.filter(pk=plan.pk).update(visibility=Visibility.SHARED)
            plan.visibility = Visibility.SHARED
    return member


def change_role(member: PlanMember, role: str) -> PlanMember:
    if role not in MemberRole.values:
        raise MemberError(_("Choose editor or viewer."))
    member.role = role
    member.save(update_fields=["role"])
    return member


def remove(member: PlanMember) -> None:
    member.delete()


def transfer_ownership(plan: LessonPlan, new_owner_member: PlanMember) -> LessonPlan:
    """Hand the plan to a co-planner (an ALT leaving, a JTE moving school). The old owner
    stays on as an editor, so nothing they could do before is suddenly out of reach.

    A private plan is refused: "private" means only its owner sees it, so the old owner
    would lose it the moment it changed hands — and sharing it on their behalf would let
    back in co-planners they had shut out. They share it first, knowingly."""
    if new_owner_member.plan_id != plan.pk:
        raise MemberError(_("Only a co-planner of this plan can become its owner."))
    if plan.visibility == Visibility.PRIVATE:
        raise MemberError(
            _(
                "This plan is private, so only you can see it. Share it with your "
                "co-planners first, then hand it over."
            )
        )
    with transaction.atomic():
        locked = LessonPlan.objects.select_for_update().get(pk=plan.pk)
        old_owner = locked.owner
        new_owner = new_owner_member.user
        new_owner_member.delete()
        locked.owner = new_owner
        locked.save(update_fields=["owner"])
        PlanMember.objects.update_or_create(
            plan=locked,
            user=old_owner,
            defaults={"role": MemberRole.EDITOR, "invited_by": new_owner},
        )
    plan.owner = new_owner
    return plan
