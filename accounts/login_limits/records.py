"""Failed log-ins on record: counting them for one attempt, adding one, forgetting some."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Q

from accounts.models import FailedLogIn

from .identity import account_key, normalise_address, normalise_username
from .policy import Counts


def _window() -> timedelta:
    """How far back failures count for the address and many-addresses rules."""
    return timedelta(seconds=settings.KYOZAI_LOGIN_WINDOW_SECONDS)


def _memory() -> timedelta:
    """How long failures are kept, and count for the one-account-one-address rule."""
    return timedelta(seconds=settings.KYOZAI_LOGIN_MEMORY_SECONDS)


def counts_for(username: str, address: str, now: datetime) -> Counts:
    """Everything the policy needs about one attempt, in one query."""
    key = account_key(username)
    recent = now - _window()
    pair = Q(account_key=key, address=address)
    account = Q(account_key=key, at__gte=recent)
    address_rule = Q(address=address, account_exists=True, at__gte=recent)
    rows = FailedLogIn.objects.filter(
        Q(account_key=key, at__gte=now - _memory()) | Q(address=address, at__gte=recent)
    )
    found = rows.aggregate(
        pair_failures=Count("pk", filter=pair),
        pair_last=Max("at", filter=pair),
        account_addresses=Count("address", filter=account, distinct=True),
        account_last=Max("at", filter=account),
        address_failures=Count("pk", filter=address_rule),
        address_last=Max("at", filter=address_rule),
    )
    return Counts(**found)


def _names_an_account(username: str) -> bool:
    """Whether a guesser could be aiming at a real account with this username."""
    if not username:
        return False
    return get_user_model()._default_manager.filter(username__iexact=username).exists()


def record_failure(username: str, address: str, now: datetime) -> None:
    FailedLogIn.objects.create(
        account_key=account_key(username),
        address=address,
        account_exists=_names_an_account(normalise_username(username)),
        at=now,
    )
    # Forget what no rule looks at any more; the index on `at` keeps this cheap.
    FailedLogIn.objects.filter(at__lt=now - _memory()).delete()


def forget_account_from_address(username: str, address: str) -> int:
    """After a successful log-in: this address knows the password, its tries start afresh.
    Failures from other addresses, and this address's count across accounts, stay."""
    deleted, _ = FailedLogIn.objects.filter(
        account_key=account_key(username), address=address
    ).delete()
    return deleted


def forget(*, username: str | None = None, address: str | None = None) -> int:
    """For an administrator (`manage.py axes_reset_username` / `axes_reset_ip`)."""
    rows = FailedLogIn.objects.all()
    if username is not None:
        rows = rows.filter(account_key=account_key(username))
    if address is not None:
        rows = rows.filter(address=normalise_address(address))
    deleted, _ = rows.delete()
    return deleted
