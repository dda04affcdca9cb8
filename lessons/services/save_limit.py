"""How often one person may save lesson plans: PLAN_SAVES_PER_MINUTE (60) saves a minute.

Why: one client saving a full plan after every keystroke wrote gigabytes of history an hour
(issue #11.6). A teacher typing and pressing Save never comes near the limit; a script does.
Every save path (the editor, the JSON API, restoring a revision, creating or copying a plan)
counts here, in the editing services, so no view can forget it.

A counter per person and minute (from their first save) in the cache (Redis when
REDIS_URL is set, so every worker counts together), the way Kyozai keeps other short-lived
counts; a refused save is answered 429 with Retry-After (lessons/middleware.py for pages,
config/api.py for the API). Without Redis each process counts alone; while Redis is down
(config/cache.py) nothing is counted and saves go through: the limit protects storage, and
an outage must not stop teachers.
django-ratelimit was not taken: it limits views by request, and this limit sits below the
views, where only the user is known.
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext, ngettext

WINDOW_SECONDS = 60
DEFAULT_SAVES_PER_MINUTE = 60


class SavingTooFast(Exception):
    """The person has used this minute's saves; `retry_after` seconds until the next."""

    def __init__(self, retry_after: int):
        super().__init__(f"too many saves, retry after {retry_after} s")
        self.retry_after = retry_after

    @property
    def message(self) -> str:
        seconds = self.retry_after
        wait = ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
        return gettext(
            "You are saving faster than Kyozai allows. Please wait %(wait)s and save again: "
            "what you typed is still in the form."
        ) % {"wait": wait}


def saves_per_minute() -> int:
    return getattr(settings, "KYOZAI_PLAN_SAVES_PER_MINUTE", DEFAULT_SAVES_PER_MINUTE)


def count_save(user) -> None:
    """Count one save by `user`; raise SavingTooFast when it is one too many.

    The window opens with a person's first save and lasts WINDOW_SECONDS (two cache keys
    with that lifetime: when it opened, and the count). A limit of 0 turns the limit off."""
    limit = saves_per_minute()
    if not limit or user is None or user.pk is None:
        return
    now = time.time()
    key = f"kyozai:plan-saves:{user.pk}"
    cache.add(f"{key}:opened", now, timeout=WINDOW_SECONDS)
    if cache.add(f"{key}:count", 1, timeout=WINDOW_SECONDS):
        count = 1
    else:
        try:
            count = cache.incr(f"{key}:count")
        except ValueError:  # expired between add and incr: this save opens a new window
            cache.add(f"{key}:count", 1, timeout=WINDOW_SECONDS)
            count = 1
    if count > limit:
        opened = cache.get(f"{key}:opened", now)
        raise SavingTooFast(max(1, math.ceil(WINDOW_SECONDS - (now - opened))))
