"""ALT turnover: a teacher's notes on a class, and the record of a hand-over.

`ClassNote`: what one teacher wants the next to know about a class ("2-3 loves Kahoot;
Ken needs large print"). Kept per class and author rather than on the teacher's
ClassTeacher row, so it survives the row moving to the successor and is still the
leaver's words in the hand-over pack.

`Handover`: who handed what to whom and when (lessons/services/handover.py does it in one
transaction); the successor prints its hand-over pack from it (lessons/calendar/).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lessons import limits


class ClassNote(models.Model):
    school_class = models.ForeignKey(
        "schools.SchoolClass",
        verbose_name=_("class"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="class_notes",
    )
    text = models.TextField(_("notes"), max_length=limits.UNIT_TEXT, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("class notes")
        verbose_name_plural = _("class notes")
        constraints = [
            models.UniqueConstraint(fields=["school_class", "author"], name="one_note_per_author")
        ]

    def __str__(self) -> str:
        return f"{self.school_class} ({self.author})"


class Handover(models.Model):
    leaver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handed over by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    successor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handed over to"),
        on_delete=models.CASCADE,
        related_name="handovers_received",
    )
    leaver_name = models.CharField(_("handed over by (name)"), max_length=150)
    message = models.TextField(
        _("a word for your successor"), max_length=limits.UNIT_TEXT, blank=True
    )
    classes = models.ManyToManyField(
        "schools.SchoolClass", verbose_name=_("classes"), blank=True, related_name="+"
    )
    unit_plan_count = models.PositiveIntegerField(_("unit plans"), default=0)
    lesson_plan_count = models.PositiveIntegerField(_("lesson plans"), default=0)
    created_at = models.DateTimeField(_("handed over"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("hand-over")
        verbose_name_plural = _("hand-overs")

    def __str__(self) -> str:
        return f"{self.leaver_name} → {self.successor}"
