"""The bell in the header, the list of notifications, and marking them read.

Every view looks notifications up through `for_recipient`: someone else's id is a 404,
exactly like an id that does not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from common.paging import page_of

from .models import Notification
from .service import unread_count

PER_PAGE = 30


@never_cache
@require_GET
def bell(request):
    """The header's bell, loaded after the page (htmx), so the page's own HTML is the same
    for every teacher and may be cached; a visitor who is not signed in gets nothing."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)
    return render(
        request, "accounts/notifications/bell.html", {"unread": unread_count(request.user)}
    )


@login_required
@require_GET
def notification_list(request):
    mine = Notification.objects.for_recipient(request.user)
    page = page_of(Paginator(mine, PER_PAGE), request.GET.get("page"))
    return render(
        request,
        "accounts/notifications/list.html",
        {"notifications": page, "unread": mine.unread().count()},
    )


def _own(request, notification_id: int) -> Notification:
    found = Notification.objects.for_recipient(request.user).filter(pk=notification_id).first()
    if found is None:
        raise Http404
    return found


@login_required
@require_POST
def open_notification(request, notification_id: int):
    """Mark it read and go where it points (a path on this site, checked when stored)."""
    notification = _own(request, notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(notification.link or "accounts:notifications")


@login_required
@require_POST
def mark_all_read(request):
    count = Notification.objects.for_recipient(request.user).mark_read()
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("accounts:notifications")
