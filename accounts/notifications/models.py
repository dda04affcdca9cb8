"""One thing a teacher is told about, privately: only its recipient ever sees it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import kinds

LINK_LENGTH = 500


class NotificationQuerySet(models.QuerySet):
    def for_recipient(self, user):
        """The only way views and the API reach notifications: a teacher's own."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def mark_read(self) -> int:
        return self.unread().update(read_at=timezone.now())


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=40)
    # Names, titles and codes the sentence is made from (kinds.py), as the sender saw them.
    params = models.JSONField(_("details"), default=dict, blank=True)
    # A path on this site, given by the sending app (which knows its own URLs).
    link = models.CharField(_("link"), max_length=LINK_LENGTH, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        app_label = "accounts"
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notification_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    @property
    def text(self) -> str:
        return kinds.sentence(self.kind, self.params or {})

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
