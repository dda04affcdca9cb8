"""Slow down password guessing: failed log-ins are counted per account and per address.

Counts live in the cache (Redis in production, shared by every worker), expire on their
own, and a successful log-in clears the account's count. The limits are generous for a
teacher who mistypes and tight for a script.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 15 * 60


def _limits() -> tuple[int, int]:
    return (
        getattr(settings, "KYOZAI_LOGIN_FAILURES_PER_ACCOUNT", 5),
        getattr(settings, "KYOZAI_LOGIN_FAILURES_PER_ADDRESS", 20),
    )


def client_address(request) -> str:
    """The visitor's address. Behind a proxy (KYOZAI_TRUSTED_PROXIES > 0) the address the
    nearest trusted proxy saw is taken from X-Forwarded-For; otherwise REMOTE_ADDR, which a
    client cannot forge."""
    proxies = getattr(settings, "KYOZAI_TRUSTED_PROXIES", 0)
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"login-failures:{kind}:{digest}"


def _keys(request, username: str) -> tuple[str, str]:
    return _key("account", username or ""), _key("address", client_address(request))


def is_locked_out(request, username: str) -> bool:
    per_account, per_address = _limits()
    account_key, address_key = _keys(request, username)
    counts = cache.get_many([account_key, address_key])
    return counts.get(account_key, 0) >= per_account or counts.get(address_key, 0) >= per_address


def record_failure(request, username: str) -> None:
    for key in _keys(request, username):
        # add() sets the expiry only when the key is new, so the window is fixed, not sliding.
        cache.add(key, 0, WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr(): start again
            cache.set(key, 1, WINDOW_SECONDS)


def clear_failures(request, username: str) -> None:
    cache.delete(_keys(request, username)[0])
