"""Invitations by e-mail that wait for the address's owner to accept them.

An owner who invites by e-mail address never learns whether the address has a Kyozai
account: every such invitation becomes one of these rows, shown to the owner only as
"a***@example.com", and a mail with a signed link goes to the address itself. Whoever
opens the link and has CONFIRMED that address (or confirms it by opening this very link,
which was mailed to it) becomes a co-planner; nobody else can. The row is the invitation's
state: accepting or revoking deletes it, inviting the address again gives it a new nonce,
so a used, revoked or replaced link finds nothing.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .members import ROLE_NAMES, MemberRole
from .plans import LessonPlan


def normalise_address(address: str) -> str:
    """The key an address is stored and compared under: trimmed, lower case (the same
    case-folding as the unique constraint on confirmed addresses)."""
    return address.strip().lower()


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


class PlanInvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(expires_at__gt=timezone.now())

    def expired(self):
        return self.filter(expires_at__lte=timezone.now())


class PlanInvitation(models.Model):
    plan = models.ForeignKey(
        LessonPlan,
        verbose_name=_("lesson plan"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    address = models.EmailField(_("invited address (normalised)"))
    role = models.CharField(_("role"), max_length=10, choices=MemberRole.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Part of the signed link; a new invitation to the same address replaces it, so only
    # the latest link works.
    nonce = models.CharField(max_length=32, default=new_nonce)
    created_at = models.DateTimeField(_("invited on"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires on"))

    objects = PlanInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["plan", "address"], name="one_invitation_per_address")
        ]

    def __str__(self) -> str:
        return f"{self.masked_address} → {self.plan_id}"

    @property
    def masked_address(self) -> str:
        """ "a***@example.com": enough for the owner to recognise whom they invited, not
        enough to read an address off someone's screen."""
        local, _at, domain = self.address.partition("@")
        return f"{local[:1]}***@{domain}"

    @property
    def role_name(self) -> str:
        return str(ROLE_NAMES[self.role])

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
