"""Confirming e-mail addresses: only an address its owner has confirmed is used to find a
user (password resets, co-planning invitations).

Django's own signing machinery (the same that signs password-reset links and sessions)
rather than django-allauth: allauth's address confirmation comes with its whole sign-up,
log-in and account stack and templates, which would replace Django's and Wagtail's log-in
views that the log-in limits and the rest of Kyozai are built on. What is needed here is a
signed, expiring link and a few rules, which `django.core.signing` gives directly.

The rules:
- A new or changed address waits in `unconfirmed_email`; the confirmed one (`email`) keeps
  working until the link is used.
- The link is signed, names the account and the address, expires after
  KYOZAI_EMAIL_CONFIRMATION_DAYS, stops working once the address changes again, and works
  only for the signed-in owner of the account: opening it proves both the mailbox and the
  account, so a stranger who typed someone else's address cannot get it confirmed by a
  victim who clicks a link they did not ask for.
- Whoever types an address another account has confirmed is told exactly what anyone else
  is told ("we sent a link"); the address's owner is mailed that someone tried instead.
"""

import enum
import hashlib
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

log = logging.getLogger("kyozai.accounts.email")

SALT = "kyozai.accounts.confirm-email"
# At most one mail to one address per this many seconds: typing a stranger's address again
# and again must not flood their mailbox.
MAIL_INTERVAL_SECONDS = 60


class Outcome(enum.Enum):
    CONFIRMED = "confirmed"
    STALE = "stale"  # the account waits for another address now, or for none
    TAKEN = "taken"  # another account confirmed the address first


def make_token(user, address: str) -> str:
    return signing.dumps({"user": user.pk, "email": address}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, str] | None:
    """(user id, address) from a link that is genuine and not expired; else None."""
    try:
        data = signing.loads(
            token, salt=SALT, max_age=settings.KYOZAI_EMAIL_CONFIRMATION_DAYS * 24 * 60 * 60
        )
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(data, dict):
        return None
    user_id, address = data.get("user"), data.get("email")
    if not isinstance(user_id, int) or not isinstance(address, str):
        return None
    return user_id, address


def confirmed_owner(address: str, *, other_than=None):
    """The account that has confirmed this address, if any (case-insensitive)."""
    owners = get_user_model()._default_manager.filter(email__iexact=address.strip())
    if other_than is not None:
        owners = owners.exclude(pk=other_than.pk)
    return owners.first()


def _may_mail(address: str) -> bool:
    digest = hashlib.sha256(address.strip().casefold().encode()).hexdigest()[:32]
    return cache.add(f"kyozai:mail-interval:{digest}", 1, MAIL_INTERVAL_SECONDS)


def _mail(template: str, address: str, context: dict, language: str) -> None:
    with translation.override(language):
        subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
        body = render_to_string(f"accounts/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, [address])


def ask_to_confirm(request, user, address: str) -> None:
    """After `address` was typed as `user`'s: mail it a link, or, if another account has
    confirmed it, tell that account's owner. The caller answers the same either way."""
    if not _may_mail(address):
        log.info("Not mailing %s again so soon", user.pk)
        return
    owner = confirmed_owner(address, other_than=user)
    if owner is not None:
        _mail(
            "address_in_use",
            owner.email,
            {"user": owner, "site_url": request.build_absolute_uri("/")},
            owner.preferred_language,
        )
        return
    link = request.build_absolute_uri(
        reverse("accounts:confirm_email", args=[make_token(user, address)])
    )
    _mail(
        "confirm_address",
        address,
        {
            "user": user,
            "link": link,
            "days": settings.KYOZAI_EMAIL_CONFIRMATION_DAYS,
        },
        translation.get_language() or user.preferred_language,
    )


def confirm(user, address: str) -> Outcome:
    """Make `address` the confirmed address of `user`, if it is still the one they wait for
    and nobody confirmed it first. The old confirmed address is told of the change."""
    User = get_user_model()
    with transaction.atomic():
        locked = User._default_manager.select_for_update().get(pk=user.pk)
        if locked.unconfirmed_email.strip().casefold() != address.strip().casefold():
            return Outcome.STALE
        if confirmed_owner(address, other_than=locked) is not None:
            return Outcome.TAKEN
        previous = locked.email
        locked.email, locked.unconfirmed_email = locked.unconfirmed_email, ""
        try:
            with transaction.atomic():
                locked.save(update_fields=["email", "unconfirmed_email"])
        except IntegrityError:  # confirmed elsewhere in the same instant
            return Outcome.TAKEN
    user.email, user.unconfirmed_email = locked.email, ""
    if previous and previous.casefold() != locked.email.casefold():
        _mail(
            "address_changed",
            previous,
            {"user": locked, "new_address": locked.email},
            locked.preferred_language,
        )
    return Outcome.CONFIRMED
