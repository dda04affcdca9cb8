"""Telling a teacher something: the one function other apps call, and the reading side."""

from __future__ import annotations

from django.utils.http import url_has_allowed_host_and_scheme

from .models import LINK_LENGTH, Notification

# How many notifications a teacher keeps: the oldest read ones go when a new one comes.
KEEP = 200


def safe_link(link: str) -> str:
    """Only a path on this site: a notification must never send anyone elsewhere."""
    link = (link or "").strip()
    if len(link) > LINK_LENGTH or not link.startswith("/") or link.startswith("//"):
        return ""
    return link if url_has_allowed_host_and_scheme(link, allowed_hosts=None) else ""


def notify(recipient, kind: str, params: dict[str, str] | None = None, link: str = ""):
    """Store one notification for `recipient`. `params` are the names and titles the kind's
    sentence needs (kinds.py), kept as plain strings; `link` is a path on this site."""
    if recipient is None or not recipient.is_active:
        return None
    clean = {str(key): str(value)[:300] for key, value in (params or {}).items()}
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, params=clean, link=safe_link(link)
    )
    _forget_old(recipient)
    return notification


def _forget_old(recipient) -> None:
    keep = (
        Notification.objects.filter(recipient=recipient)
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)[KEEP : KEEP + 1]
    )
    oldest_kept = list(keep)
    if oldest_kept:
        Notification.objects.filter(
            recipient=recipient, read_at__isnull=False, pk__lte=oldest_kept[0]
        ).delete()


def unread_count(user) -> int:
    return Notification.objects.for_recipient(user).unread().count()
