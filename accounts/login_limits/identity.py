"""Who is trying to log in, as the limits see it: a normalised username and an address."""

import ipaddress
import unicodedata

from django.conf import settings
from django.utils.crypto import salted_hmac

UNKNOWN_ADDRESS = "unknown"


def normalise_username(username: object) -> str:
    """The username as every variant of it that reaches the same account: NFKC (Django's
    log-in form folds a full-width "name" to plain ASCII before it looks the user up) and case
    (lookups are exact today, but counting SAM with sam can only count more, never give a
    guesser fresh tries)."""
    if not isinstance(username, str):
        return ""
    return unicodedata.normalize("NFKC", username).strip().casefold()


def account_key(username: object) -> str:
    """A keyed hash of the normalised username: what failed log-ins are stored under, so a
    password typed into the username box is never kept readable."""
    return salted_hmac(
        "kyozai.login-limits.account", normalise_username(username), algorithm="sha256"
    ).hexdigest()


def username_from(request, credentials: dict | None = None) -> str:
    """AXES_USERNAME_CALLABLE: the username an attempt names, normalised."""
    if credentials:
        return normalise_username(credentials.get("username"))
    data = getattr(request, "POST", None) or {}
    return normalise_username(data.get("username"))


def _forwarded_address(request, proxies: int) -> str | None:
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    # Each trusted proxy appends the address it was reached from, so the client is the
    # entry `proxies` from the end; anything further left the client may have written.
    return forwarded[-proxies] if len(forwarded) >= proxies else None


def client_address(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: the visitor's address.

    Behind reverse proxies (KYOZAI_TRUSTED_PROXIES > 0) it is the address the outermost
    trusted proxy saw, read from X-Forwarded-For; otherwise REMOTE_ADDR, which a client
    cannot forge. An IPv6 address counts as its /64 network: one home or phone is given a
    whole /64 and could otherwise start afresh with every request.
    """
    if request is None:
        return UNKNOWN_ADDRESS
    proxies = getattr(settings, "KYOZAI_TRUSTED_PROXIES", 0)
    raw = (_forwarded_address(request, proxies) if proxies else None) or request.META.get(
        "REMOTE_ADDR", ""
    )
    return normalise_address(raw)


def normalise_address(raw: str) -> str:
    """An address as the limits count it: IPv4 as it is, IPv6 as its /64 network."""
    try:
        address = ipaddress.ip_address(raw.strip())
    except ValueError:
        return UNKNOWN_ADDRESS
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
