"""The history of a plan: one revision per save, with who, when, what changed and a
snapshot of the whole plan, so any revision can be compared with another or restored."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .plans import LessonPlan


class RevisionAction(models.TextChoices):
    CREATED = "created", _("Created the plan")
    HEADER = "header", _("Edited the plan details")
    STEP_ADDED = "step_added", _("Added a step")
    STEP_EDITED = "step_edited", _("Edited a step")
    STEP_DELETED = "step_deleted", _("Deleted a step")
    REORDERED = "reordered", _("Reordered the steps")
    RESTORED = "restored", _("Restored an earlier revision")


class PlanRevision(models.Model):
    plan = models.ForeignKey(
        LessonPlan,
        verbose_name=_("lesson plan"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    number = models.PositiveIntegerField(_("number"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=20, choices=RevisionAction.choices)
    # What changed, one entry per field: {"target": "plan"|"step", "step": id|None,
    # "version": the target's version after the save, "field", "old", "new"}. Conflict
    # messages read it to show what the other person changed.
    changes = models.JSONField(_("changes"), default=list, blank=True)
    # The whole plan after the save (header, then steps in order): what diff and restore use.
    snapshot = models.JSONField(_("snapshot"), default=dict)
    # For "restored": the revision number put back.
    restored_from = models.PositiveIntegerField(_("restored from"), null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        get_latest_by = "number"
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} #{self.number}"
