"""A teacher's private calendar feed (iCalendar) address, and how it is taken back.

The address carries a signed token naming the teacher and this record's `generation`
(lessons/calendar/feed_tokens.py). "Make a new address" adds one to the generation, so
every address given out before stops working at once, while the current one can always be
shown again (a token stored only as a hash could not be). Nothing secret is stored here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarFeed(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teacher"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    generation = models.PositiveIntegerField(_("address generation"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    renewed_at = models.DateTimeField(_("last new address"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user} #{self.generation}"
