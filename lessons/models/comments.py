"""Comments co-planners leave on a plan ("Can you bring the weather flashcards?")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lessons import limits

from .plans import LessonPlan


class PlanComment(models.Model):
    plan = models.ForeignKey(
        LessonPlan, verbose_name=_("lesson plan"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("comment"), max_length=limits.COMMENT)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:50]
