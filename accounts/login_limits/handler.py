"""Kyozai's log-in policy as a django-axes handler (AXES_HANDLER).

Axes calls `is_allowed` from its authentication backend before any password is checked,
and `user_login_failed` / `user_logged_in` from Django's auth signals, for every log-in
path. Axes' own handlers count failures per key and lock a key out at a limit; this one
asks the policy for a wait instead (policy.py).
"""

import logging

from axes.handlers.base import AbstractAxesHandler, AxesBaseHandler
from axes.helpers import get_client_username
from django.utils import timezone

from . import records
from .identity import UNKNOWN_ADDRESS
from .policy import wait_seconds

log = logging.getLogger("kyozai.accounts.login_limits")

# Set on the request when an attempt is refused: the seconds to wait (refusal.py reads it).
RETRY_AFTER = "kyozai_login_retry_after"


def _address(request) -> str:
    return getattr(request, "axes_ip_address", None) or UNKNOWN_ADDRESS


class LoginLimitsHandler(AbstractAxesHandler, AxesBaseHandler):
    def is_locked(self, request, credentials: dict | None = None) -> bool:
        now = timezone.now()
        username = get_client_username(request, credentials)
        counts = records.counts_for(username, _address(request), now)
        wait = wait_seconds(counts, now)
        if not wait:
            return False
        # Flags for axes' middleware (answer 429) and for user_login_failed below (a refused
        # attempt checked no password, so it is not a failure).
        request.axes_locked_out = True
        setattr(request, RETRY_AFTER, wait)
        log.warning("Log-in refused for %ss from %s (%s)", wait, _address(request), request.path)
        return True

    def get_failures(self, request, credentials: dict | None = None) -> int:
        username = get_client_username(request, credentials)
        return records.counts_for(username, _address(request), timezone.now()).pair_failures

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs) -> None:
        if request is None or getattr(request, "axes_locked_out", False):
            return
        records.record_failure(
            get_client_username(request, credentials), _address(request), timezone.now()
        )

    def user_logged_in(self, sender, request, user, **kwargs) -> None:
        if request is not None:
            records.forget_account_from_address(user.get_username(), _address(request))

    def user_logged_out(self, sender, request, user, **kwargs) -> None:
        """Nothing to do: logging out says nothing about guessing."""

    def reset_attempts(
        self,
        *,
        ip_address: str | None = None,
        username: str | None = None,
        ip_or_username: bool = False,
    ) -> int:
        if not ip_or_username:
            return records.forget(username=username, address=ip_address)
        forgotten = 0
        if username is not None:
            forgotten += records.forget(username=username)
        if ip_address is not None:
            forgotten += records.forget(address=ip_address)
        return forgotten
