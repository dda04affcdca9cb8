"""A school and the teachers who belong to it. Everything under a school (its classes, their
unit and yearly plans) is private to its members: a stranger gets 404."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from library.models import Stage


class SchoolRole(models.TextChoices):
    """What a person does at one school (the same ALT is a visitor at several)."""

    JTE = "jte", _("JTE")
    HRT = "hrt", _("HRT")
    ALT = "alt", _("ALT")
    OTHER = "other", _("Other teacher")


def is_school_editor(user) -> bool:
    """AJET editors and superusers look after every school (they help teachers set up)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or user.has_perm("wagtailadmin.access_admin")


class SchoolQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The schools the user belongs to (editors: every school)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if is_school_editor(user):
            return self.all()
        return self.filter(memberships__user=user)


class School(models.Model):
    name = models.CharField(
        _("name"), max_length=100, help_text=_("e.g. “Minami JHS” or “南中学校”.")
    )
    name_ja = models.CharField(_("name (Japanese)"), max_length=100, blank=True)
    stage = models.CharField(_("stage"), max_length=3, choices=Stage.choices)
    prefecture = models.CharField(_("prefecture"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")

    def __str__(self) -> str:
        return self.name

    def has_member(self, user) -> bool:
        if not getattr(user, "is_authenticated", False):
            return False
        return self.memberships.filter(user=user).exists()


class SchoolMembership(models.Model):
    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teacher"),
        on_delete=models.CASCADE,
        related_name="school_memberships",
    )
    role = models.CharField(
        _("role"), max_length=5, choices=SchoolRole.choices, default=SchoolRole.OTHER
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["school", "user__username"]
        verbose_name = _("school membership")
        verbose_name_plural = _("school memberships")
        constraints = [
            models.UniqueConstraint(fields=["school", "user"], name="unique_school_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.school}"
