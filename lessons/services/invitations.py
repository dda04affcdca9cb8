"""Co-planning invitations by e-mail address: they reach the person who confirmed the address.

Why a pending invitation for every address, account or not: the owner gets the same answer
and sees the same "invited: a***@example.com" row whether or not the address belongs to
someone on Kyozai, so the invite form cannot be used to find out who has an account. The
address's owner (with an account or not yet) gets a mail with a signed link and joins by
accepting it, signed in as the account that has confirmed that address — or as the account
that waits to confirm it, which opening a link mailed to that address confirms, exactly as
the confirmation link would. A display name is never a way in: it is chosen by its owner
and anyone may choose anyone's. Teachers expect this step from shared documents elsewhere,
and it keeps strangers from filling a colleague's "Shared with me" uninvited.

Inviting by username stays direct (lessons/services/members.py).
"""

from __future__ import annotations

import enum
import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import email_confirmation
from lessons import limits, notices
from lessons.models import (
    LessonPlan,
    MemberRole,
    PlanInvitation,
    PlanMember,
    Visibility,
)
from lessons.models.invitations import new_nonce, normalise_address
from lessons.models.members import ROLE_NAMES

from . import members
from .members import MemberError

log = logging.getLogger("kyozai.lessons.invitations")

SALT = "kyozai.lessons.invitation"
# Invitation mails one person may send in a day, all plans together: the invite form must
# not become a way to mail strangers in bulk.
INVITATIONS_PER_DAY = 50
# Inviting the same address again within this many seconds changes the role but sends no
# second mail (and keeps the first mail's link working).
RESEND_AFTER_SECONDS = 60


class Outcome(enum.Enum):
    JOINED = "joined"
    ALREADY_ON_PLAN = "already"  # the owner, or a co-planner already
    WRONG_ACCOUNT = "wrong_account"  # signed in as an account without this address
    TAKEN = "taken"  # another account has confirmed the address
    FULL = "full"
    GONE = "gone"  # accepted or revoked in the same instant


def make_token(invitation: PlanInvitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=SALT)


def find(token: str) -> PlanInvitation | None:
    """The pending invitation a link names, or None if the link is forged, expired, used,
    revoked or replaced by a newer invitation to the same address."""
    try:
        data = signing.loads(
            token, salt=SALT, max_age=timedelta(days=settings.KYOZAI_INVITATION_DAYS)
        )
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("i"), int):
        return None
    return (
        PlanInvitation.objects.pending()
        .select_related("plan", "plan__owner", "invited_by")
        .filter(pk=data["i"], nonce=str(data.get("n")))
        .first()
    )


def pending_for(plan: LessonPlan) -> list[PlanInvitation]:
    return list(PlanInvitation.objects.pending().filter(plan=plan))


def waiting_for(user) -> list[tuple[PlanInvitation, str]]:
    """Pending invitations to the address `user` has confirmed, each with its link: shown
    under "Shared with me", so a teacher whose mail went astray still finds them. Only the
    confirmed owner sees them, as only they could accept them."""
    if not user.email:
        return []
    found = (
        PlanInvitation.objects.pending()
        .filter(address=normalise_address(user.email))
        .select_related("plan", "invited_by")
    )
    return [(invitation, make_token(invitation)) for invitation in found]


def _clean_address(address: str) -> str:
    address = normalise_address(address)
    try:
        validate_email(address)
    except ValidationError:
        raise MemberError(_("Enter a whole e-mail address, like name@school.example.jp.")) from None
    return address


def _check_room(plan: LessonPlan, address: str) -> None:
    places = (
        PlanMember.objects.filter(plan=plan).count()
        + PlanInvitation.objects.pending().filter(plan=plan).exclude(address=address).count()
    )
    if places >= limits.MAX_MEMBERS:
        raise MemberError(
            _("A plan can have at most %(count)d co-planners and invitations.")
            % {"count": limits.MAX_MEMBERS}
        )


def _count_mail_from(by) -> None:
    """Count one invitation mail against `by`'s day. Kept in the cache, not the rows: a
    withdrawn invitation's row is gone, and withdrawing must not reset the count."""
    key = f"kyozai:invitation-mails:{by.pk}"
    cache.add(key, 0, 24 * 60 * 60)
    try:
        sent = cache.incr(key)
    except ValueError:  # the cache is away (config/cache.py): the plan's limit still holds
        return
    if sent > INVITATIONS_PER_DAY:
        raise MemberError(_("You have sent many invitations today. Try again tomorrow."))


def invite_someone(request, plan: LessonPlan, by, who: str, role: str):
    """The invite form's one entry: a whole e-mail address (anything with an "@") becomes a
    pending invitation (a PlanInvitation), anything else is a username and adds that user
    at once (a PlanMember). A display name finds nobody."""
    if "@" in who:
        return invite(request, plan, by, who, role)
    member = members.invite(plan, by, who, role)
    notices.tell_new_coplanner(request, member)
    return member


def invite(request, plan: LessonPlan, by, address: str, role: str) -> PlanInvitation:
    """Invite `address` to `plan`; the same outcome whoever owns the address (or nobody)."""
    if role not in MemberRole.values:
        raise MemberError(_("Choose editor or viewer."))
    address = _clean_address(address)
    now = timezone.now()
    with transaction.atomic():
        LessonPlan.objects.select_for_update().filter(pk=plan.pk).first()
        PlanInvitation.objects.expired().filter(plan=plan).delete()
        _check_room(plan, address)
        invitation = PlanInvitation.objects.filter(plan=plan, address=address).first()
        resend = invitation is None or invitation.created_at < now - timedelta(
            seconds=RESEND_AFTER_SECONDS
        )
        if invitation is None:
            invitation = PlanInvitation(plan=plan, address=address)
        invitation.role, invitation.invited_by = role, by
        if resend:
            _count_mail_from(by)
            invitation.nonce, invitation.created_at = new_nonce(), now
            invitation.expires_at = now + timedelta(days=settings.KYOZAI_INVITATION_DAYS)
        invitation.save()
        if resend:
            _mail_invitation(request, invitation)
    return invitation


def _mail_invitation(request, invitation: PlanInvitation) -> None:
    owner = email_confirmation.confirmed_owner(invitation.address)
    language = owner.preferred_language if owner else translation.get_language()
    link = request.build_absolute_uri(reverse("lessons:invitation", args=[make_token(invitation)]))
    context = {
        "plan": invitation.plan,
        "inviter": invitation.invited_by,
        "link": link,
        "days": settings.KYOZAI_INVITATION_DAYS,
    }
    with translation.override(language or settings.LANGUAGE_CODE):
        context["role"] = str(ROLE_NAMES[invitation.role]).lower()
        subject = render_to_string("lessons/email/invitation_subject.txt", context)
        body = render_to_string("lessons/email/invitation.txt", context)
    send_mail(" ".join(subject.split()), body, None, [invitation.address])
    if owner is not None:
        notices.tell_invited_account(
            owner, invitation, reverse("lessons:invitation", args=[make_token(invitation)])
        )


def revoke(plan: LessonPlan, invitation_id: int) -> bool:
    deleted, _rows = PlanInvitation.objects.filter(plan=plan, pk=invitation_id).delete()
    return bool(deleted)


def _holds_address(user, invitation: PlanInvitation) -> Outcome | None:
    """None if `user` has confirmed the invited address (confirming it now if they were
    waiting to: the link was mailed to it); else why they cannot accept."""
    if normalise_address(user.email) == invitation.address:
        return None
    if normalise_address(user.unconfirmed_email) == invitation.address:
        outcome = email_confirmation.confirm(user, user.unconfirmed_email)
        if outcome is email_confirmation.Outcome.CONFIRMED:
            return None
        return Outcome.TAKEN
    return Outcome.WRONG_ACCOUNT


def accept(invitation: PlanInvitation, user) -> Outcome:
    """Make `user` a co-planner through `invitation`, if they hold its address. The
    invitation is used up when they join (or turn out to be on the plan already)."""
    refused = _holds_address(user, invitation)
    if refused is not None:
        return refused
    with transaction.atomic():
        plan = LessonPlan.objects.select_for_update().get(pk=invitation.plan_id)
        used = PlanInvitation.objects.filter(pk=invitation.pk, nonce=invitation.nonce).delete()
        if not used[0]:
            return Outcome.GONE
        if plan.owner_id == user.pk or PlanMember.objects.filter(plan=plan, user=user).exists():
            return Outcome.ALREADY_ON_PLAN
        if PlanMember.objects.filter(plan=plan).count() >= limits.MAX_MEMBERS:
            transaction.set_rollback(True)
            return Outcome.FULL
        PlanMember.objects.create(
            plan=plan, user=user, role=invitation.role, invited_by=invitation.invited_by
        )
        if plan.visibility == Visibility.PRIVATE:
            LessonPlan.objects.filter(pk=plan.pk).update(visibility=Visibility.SHARED)
    log.info("User %s joined plan %s by invitation", user.pk, plan.pk)
    return Outcome.JOINED
