"""The rules that decide whether a log-in attempt is checked now or asked to wait.

Three counts, three rules (README, "Log-in limits and proxies"):

1. One account from one address: a few free tries, then a growing wait before each next
   one. This stops a guesser hammering one account, and it never touches the owner at
   another address, whose own (account, address) count is clean.
2. One address, across accounts: only failures against accounts that exist count, so a
   script trying random usernames from a school's shared address slows nobody; failures
   against real accounts beyond the free number make the whole address wait a little,
   capped at a minute: slowed, never locked.
3. One account from many addresses: when failures come from many addresses at once, each
   of those addresses gets one free try instead of several, and addresses with no failures
   wait a few seconds between checks — slowed, never locked, so the owner still gets in.

A wait is never served by sleeping: the attempt is refused at once, without checking the
password, with "try again in N seconds".
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings


@dataclass(frozen=True)
class Delay:
    """A wait that doubles with every failure past the free ones, up to a cap (seconds)."""

    first: int
    cap: int

    def after(self, excess_failures: int) -> int:
        return min(self.first * 2 ** min(excess_failures, 32), self.cap)


# One account from one address: 30 s after the free tries, doubling to an hour — a few dozen
# guesses a day at most.
ACCOUNT_FROM_ADDRESS = Delay(first=30, cap=60 * 60)
# A whole address, and an account under attack from many addresses: short and capped, since
# innocent people share these; enough to turn thousands of guesses an hour into dozens.
SHARED = Delay(first=2, cap=60)


@dataclass(frozen=True)
class Counts:
    """What the failed log-ins on record say about one attempt (records.counts_for)."""

    pair_failures: int = 0
    pair_last: datetime | None = None
    account_addresses: int = 0
    account_last: datetime | None = None
    address_failures: int = 0
    address_last: datetime | None = None


def free_tries_per_account() -> int:
    return settings.KYOZAI_LOGIN_FAILURES_PER_ACCOUNT


def free_failures_per_address() -> int:
    return settings.KYOZAI_LOGIN_FAILURES_PER_ADDRESS


def attack_addresses() -> int:
    return settings.KYOZAI_LOGIN_ATTACK_ADDRESSES


def _remaining(delay: int, last: datetime | None, now: datetime) -> int:
    if last is None:
        return 0
    return max(0, int(delay - (now - last).total_seconds() + 0.999))


def wait_seconds(counts: Counts, now: datetime) -> int:
    """How long this attempt must wait before its password is checked; 0: check it now."""
    under_attack = counts.account_addresses >= attack_addresses()
    free_tries = 1 if under_attack else free_tries_per_account()
    waits = [0]
    if counts.pair_failures >= free_tries:
        delay = ACCOUNT_FROM_ADDRESS.after(counts.pair_failures - free_tries)
        waits.append(_remaining(delay, counts.pair_last, now))
    elif under_attack:
        delay = SHARED.after(counts.account_addresses - attack_addresses())
        waits.append(_remaining(delay, counts.account_last, now))
    if counts.address_failures >= free_failures_per_address():
        delay = SHARED.after(counts.address_failures - free_failures_per_address())
        waits.append(_remaining(delay, counts.address_last, now))
    return max(waits)
