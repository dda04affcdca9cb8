"""A circuit breaker: after a service fails, leave it alone for a cool-down.

Why: a page makes several calls to the cache, and a Redis that accepts connections but never
answers would make each of them wait its full timeout. With the breaker, a dead service
costs one short timeout per cool-down in each process; in between, callers carry on
without it at once (a cache miss, a database search).

After the cool-down, one caller is let through to try again ("half-open"): if it succeeds
the breaker closes, if it fails the breaker stays open for another cool-down. The outage is
logged when the breaker opens — at most once per cool-down, never once per call — and its
end when the service answers again.

Kyozai keeps this small class rather than a library (pybreaker, circuitbreaker): those count
failures towards a threshold and raise their own exception, while every caller here wants
"first failure opens, answer from the fallback at once, log once per outage", and the
cool-down must follow a setting that tests and operators change at run time.
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

Answer = TypeVar("Answer")


@dataclass
class CircuitBreaker:
    """Per process and thread-safe. `name` is how the log names the service; `cooldown` is
    seconds, or a function giving them, read at each failure (so a changed setting applies
    to the next one); without a `logger` the caller logs what a failure means for it."""

    name: str
    cooldown: float | Callable[[], float]
    logger: logging.Logger | None = None
    clock: Callable[[], float] = time.monotonic
    open_until: float = 0.0
    failing: bool = False
    attempts: int = 0  # calls let through to the service
    refused: int = 0  # calls answered without it while the breaker was open
    openings: int = 0
    failures: int = 0  # calls let through that failed
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
                self.open_until = now + self.cooldown_seconds
                self._probing = True
            self.attempts += 1
            return True

    def is_open(self) -> bool:
        return self.clock() < self.open_until

    @property
    def cooldown_seconds(self) -> float:
        return self.cooldown() if callable(self.cooldown) else self.cooldown

    def reset(self) -> None:
        """Closed, with every counter at zero (for tests and after an operator's fix)."""
        with self._lock:
            self.open_until = 0.0
            self.failing = self._probing = False
            self.attempts = self.refused = self.openings = self.failures = 0
            self._refused_since_log = 0

    def failed(self, error: BaseException) -> None:
        """A call let through failed: open (again) for a cool-down."""
        with self._lock:
            self.failures += 1
            newly_open = not self.failing or self._probing
            self.failing = True
            self._probing = False
            self.open_until = self.clock() + self.cooldown_seconds
            if not newly_open:
                return  # another thread's call failed first and said so
            self.openings += 1
            refused, self._refused_since_log = self._refused_since_log, 0
        if self.logger is None:
            return
        self.logger.warning(
            "%s unreachable (%s: %s); carrying on without it for %g s "
            "(%d calls went without it since the last try).",
            self.name,
            type(error).__name__,
            error,
            self.cooldown_seconds,
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
        if self.logger is None:
            return True
        self.logger.warning(
            "%s answers again (%d calls went without it since the last try).", self.name, refused
        )
        return True

    def call(
        self,
        operation: Callable[[], Answer],
        instead: Callable[[], Answer],
        errors: tuple[type[BaseException], ...],
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> Answer:
        """`operation()` if the breaker allows and it answers; else `instead()`. A failure
        among `errors` opens the breaker (and is passed to `on_failure`, for the caller's
        own log line); any other error is a bug and propagates."""
        if not self.allow():
            return instead()
        try:
            answer = operation()
        except errors as error:
            self.failed(error)
            if on_failure is not None:
                on_failure(error)
            return instead()
        self.succeeded()
        return answer
