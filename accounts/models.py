"""Kyozai's user: a teacher or editor with a display name, a job and a preferred language.

The model exists from the first migration so that nothing ever has to migrate away from
Django's built-in user (a change that is painful once lesson plans point at users).
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person does at school. It labels people; permissions come from groups."""

    ALT = "ALT", _("ALT (Assistant Language Teacher)")
    JTE = "JTE", _("JTE (Japanese Teacher of English)")
    HRT = "HRT", _("HRT (homeroom teacher)")
    CIR = "CIR", _("CIR (Coordinator for International Relations)")
    EDITOR = "EDITOR", _("AJET editor")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    JAPANESE = "ja", _("Japanese")


class User(AbstractUser):
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("How colleagues see you on shared plans, e.g. “Ms Tanaka” or “Sam (ALT)”."),
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.ALT)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text=_("The language Kyozai speaks to you in after you log in."),
    )
    school = models.CharField(_("school"), max_length=120, blank=True)
    # Two fields, not one address with a "verified" flag: `email` is Django's EMAIL_FIELD,
    # the one every e-mail lookup in Django and Wagtail uses (password reset on the site and
    # in the admin, the user admin). Keeping only confirmed addresses in it means no lookup,
    # ours or a library's, can ever find a user by an address they merely typed; the address
    # awaiting confirmation waits beside it, and a change keeps the old confirmed address
    # working until the new one is confirmed (README, "Accounts, e-mail and log-in").
    email = models.EmailField(
        _("e-mail address (confirmed)"),
        blank=True,
        help_text=_(
            "Password resets and co-planning invitations use this address only. Set here by "
            "an administrator, it counts as confirmed."
        ),
    )
    unconfirmed_email = models.EmailField(
        _("e-mail address awaiting confirmation"),
        blank=True,
        help_text=_("Typed by the user; it counts only once they open the link mailed to it."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [
            ("share_materials", _("Can share teaching materials with the library")),
            ("plan_lessons", _("Can plan lessons")),
        ]
        constraints = [
            # One person per confirmed address, whatever its case; unconfirmed claims may
            # collide (only the mailbox's owner can ever confirm one of them).
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="accounts_user_confirmed_email_unique",
                violation_error_message=_("Another account has confirmed this address."),
            ),
        ]

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        """The name to print on plans and comments: the display name, else the username."""
        return self.display_name or self.get_full_name() or self.username


class FailedLogIn(models.Model):
    """One wrong password (or unknown username) given to any log-in form, from one address.

    The log-in limits (accounts/login_limits/) count these rows. They live in the database,
    not the cache, so every gunicorn worker sees the same counts with or without Redis, a
    restart forgets nothing, and a test's rollback forgets them too. The username is kept
    only as a keyed hash: people type their password into the username box.
    """

    account_key = models.CharField(max_length=64)
    address = models.CharField(max_length=64)
    account_exists = models.BooleanField(
        help_text="Whether the username named a real account when it was tried."
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["account_key", "address", "at"], name="failed_login_pair"),
            models.Index(fields=["address", "at"], name="failed_login_address"),
            models.Index(fields=["at"], name="failed_login_at"),
        ]

    def __str__(self) -> str:
        return f"{self.address} at {self.at:%Y-%m-%d %H:%M:%S}"


# Notifications live in their own package (accounts/notifications/); imported here so Django
# finds the model.
from accounts.notifications.models import Notification  # noqa: E402, F401
