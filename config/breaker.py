"""A circuit breaker: after a service fails, leave it alone for a cool-down.

Why: a page makes several calls to the cache, and a Redis that accepts connections but never
answers would make each of them wait its full timeout. With the breaker, a dead service
costs one short timeout per cool-down in each process; in between, callers carry on
without it at once (a cache miss, a database search).

After the cool-down, one caller is let through to try again ("half-open"): if it succeeds
the breaker closes, if it fails the breaker stays open for another cool-down. The outage is
logged when the breaker opens — at most once per cool-down, never once per call — and its
end when the service answers again.
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class CircuitBreaker:
    """Per process and thread-safe. `name` is how the log names the service."""

    name: str
    cooldown: float
    logger: logging.Logger
    clock: Callable[[], float] = time.monotonic
    open_until: float = 0.0
    failing: bool = False
    attempts: int = 0  # calls let through to the service
    refused: int = 0  # calls answered without it while the breaker was open
    openings: int = 0
    _probing: bool = False
    _refused_since_log: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def allow(self) -> bool:
        """Whether this call may use the service."""
        with self._lock:
            now = self.clock()
            if now < self.open_until:
                self.refused += 1
                self._refused_since_log += 1
                return False
            if self.failing:
                # Half-open: this caller tries; the others wait for its answer.
                self.open_until = now + self.cooldown
                self._probing = True
            self.attempts += 1
            return True

    def is_open(self) -> bool:
        return self.clock() < self.open_until

    def failed(self, error: BaseException) -> None:
        """A call let through failed: open (again) for a cool-down."""
        with self._lock:
            newly_open = not self.failing or self._probing
            self.failing = True
            self._probing = False
            self.open_until = self.clock() + self.cooldown
            if not newly_open:
                return  # another thread's call failed first and said so
            self.openings += 1
            refused, self._refused_since_log = self._refused_since_log, 0
        self.logger.warning(
            "%s unreachable (%s: %s); carrying on without it for %g s "
            "(%d calls went without it since the last try).",
            self.name,
            type(error).__name__,
            error,
            self.cooldown,
            refused,
        )

    def succeeded(self) -> bool:
        """A call let through succeeded. True when this ends an outage."""
        if not self.failing:  # the common case, without taking the lock
            return False
        with self._lock:
            if not self.failing:
                return False
            self.failing = False
            self._probing = False
            self.open_until = 0.0
            refused, self._refused_since_log = self._refused_since_log, 0
        self.logger.warning(
            "%s answers again (%d calls went without it since the last try).", self.name, refused
        )
        return True
