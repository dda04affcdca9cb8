"""The secret part of a calendar feed's address: a token signed with the site's secret key
naming the teacher and their feed's generation (lessons/models/feeds.py).

Signed rather than random-and-hashed so the current address can be shown again on the
subscribe page; revocable because a new generation makes every older token fail. Django's
signing (HMAC-SHA256) does the cryptography: we only choose what is signed.
"""

from __future__ import annotations

from django.core import signing
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lessons.models import CalendarFeed

SALT = "kyozai.calendar-feed"


def feed_for(user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def make_token(feed: CalendarFeed) -> str:
    return signing.dumps([feed.user_id, feed.generation], salt=SALT, compress=False)


def renew(user) -> CalendarFeed:
    """A new address; the old one answers 404 from now on."""
    with transaction.atomic():
        feed = feed_for(user)
        CalendarFeed.objects.filter(pk=feed.pk).update(
            generation=F("generation") + 1, renewed_at=timezone.now()
        )
        feed.refresh_from_db()
    return feed


def user_for_token(token: str):
    """The teacher whose current feed `token` opens, or None (forged, revoked, unknown)."""
    try:
        user_id, generation = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not isinstance(generation, int):
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(user_id=user_id, generation=generation, user__is_active=True)
        .first()
    )
    return feed.user if feed is not None else None
