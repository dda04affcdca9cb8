"""Notifications in the JSON API (/api/v1/notifications/): a teacher's own, nobody else's."""

from datetime import datetime

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.security import django_auth

from common import paging
from common.api_errors import refusals

from .models import Notification
from .service import unread_count

router = Router(tags=["notifications"], auth=django_auth)


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    link: str
    created_at: datetime
    read: bool


class NotificationPage(Schema):
    unread: int
    count: int
    results: list[NotificationOut]


def _out(notification: Notification) -> dict:
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "text": notification.text,
        "link": notification.link,
        "created_at": notification.created_at,
        "read": notification.is_read,
    }


@router.get(
    "/",
    response={200: NotificationPage, **refusals(400, 401)},
    summary="Your notifications, newest first (the text in your language)",
)
def list_notifications(
    request: HttpRequest,
    unread: bool = False,
    limit: paging.limit(50) = 50,
    offset: paging.Offset = 0,
):
    mine = Notification.objects.for_recipient(request.user)
    shown = mine.unread() if unread else mine
    return Status(
        200,
        {
            "unread": unread_count(request.user),
            "count": shown.count(),
            "results": [_out(item) for item in shown[offset : offset + limit]],
        },
    )


@router.post(
    "/{int:notification_id}/read/",
    response={200: NotificationOut, **refusals(401, 403, 404)},
    summary="Mark one of your notifications as read",
)
def read_notification(request: HttpRequest, notification_id: int):
    found = Notification.objects.for_recipient(request.user).filter(pk=notification_id).first()
    if found is None:
        raise Http404("No such notification.")
    if found.read_at is None:
        found.read_at = timezone.now()
        found.save(update_fields=["read_at"])
    return Status(200, _out(found))


class MarkedOut(Schema):
    marked: int


@router.post(
    "/read/",
    response={200: MarkedOut, **refusals(401, 403)},
    summary="Mark all your notifications as read",
)
def read_all(request: HttpRequest):
    return Status(200, {"marked": Notification.objects.for_recipient(request.user).mark_read()})
