"""Co-planners: the people an owner invites to a plan, each as an editor or a viewer."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .plans import LessonPlan


class MemberRole(models.TextChoices):
    EDITOR = "editor", _("Editor: can change the plan and comment")
    VIEWER = "viewer", _("Viewer: can read, comment and print")


class PlanMember(models.Model):
    plan = models.ForeignKey(
        LessonPlan, verbose_name=_("lesson plan"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-planner"),
        on_delete=models.CASCADE,
        related_name="plan_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=MemberRole.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added on"), auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("co-planner")
        verbose_name_plural = _("co-planners")
        constraints = [
            models.UniqueConstraint(fields=["plan", "user"], name="one_membership_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    @property
    def role_name(self) -> str:
        """The role in one word, for badges ("Editor", "Viewer")."""
        return str(ROLE_NAMES[self.role])


ROLE_NAMES = {MemberRole.EDITOR: _("Editor"), MemberRole.VIEWER: _("Viewer")}
