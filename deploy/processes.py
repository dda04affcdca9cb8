"""The processes the production check starts: each one a Service it can start, crash
(SIGKILL, as the kernel's OOM killer or a dying machine would), stop and start again.

Every service runs in its own process group, so a gunicorn master and its workers, or an
RQ worker and the work-horse it forked for a job, are killed and stopped as one. The check
keeps every service it made in one list and stops them all on the way out, whatever the
way out is.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

HOST = "127.0.0.1"


def free_port() -> int:
    """A loopback port nobody listens on right now (the kernel picks it)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def port_answers(port: int) -> bool:
    """True when something accepts connections on the loopback port."""
    try:
        with socket.create_connection((HOST, port), timeout=1):
            return True
    except OSError:
        return False


class ServiceFailed(RuntimeError):
    """A service exited or did not get ready; the message names its log."""


class Service:
    """One long-running command, with its log in the work directory."""

    def __init__(self, name: str, command: list[str], *, cwd: Path, env: dict, log: Path):
        self.name, self.command, self.cwd, self.env, self.log = name, command, cwd, env, log
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def __repr__(self) -> str:
        return f"<Service {self.name}>"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, ready: Callable[[], bool] | None = None, timeout: float = 90) -> None:
        """Start the command (log appended to); with `ready`, wait until it says so."""
        self.starts += 1
        with self.log.open("a") as log:
            log.write(f"\n--- start {self.starts}: {' '.join(self.command)}\n")
            log.flush()
            self.process = subprocess.Popen(  # noqa: S603 - the check's own commands
                self.command,
                cwd=self.cwd,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: killed and stopped as one
            )
        if ready is not None:
            self.wait_until(ready, timeout)

    def wait_until(self, ready: Callable[[], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running:
                raise ServiceFailed(f"{self.name} exited ({self.exit_code()}); see {self.log}")
            if ready():
                return
            time.sleep(0.25)
        raise ServiceFailed(f"{self.name} not ready within {timeout:.0f} s; see {self.log}")

    def exit_code(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def crash(self) -> None:
        """SIGKILL to the whole group: no clean-up, no finishing the current request."""
        if not self.running:
            return
        group = self.process.pid
        self._signal_group(signal.SIGKILL)
        self.process.wait()
        # The master is gone; its workers may take a moment more, and while one lives the
        # listening socket still accepts connections.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)

    def stop(self, grace: float = 15) -> None:
        """SIGTERM to the group (gunicorn, RQ and nginx then finish what they are doing),
        SIGKILL after `grace` seconds. Safe to call on a service that is not running."""
        if not self.running:
            return
        self._signal_group(signal.SIGTERM)
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.crash()

    def _signal_group(self, sig: signal.Signals) -> None:
        """Only ever the group of a process this service started and has not yet reaped, so
        the number cannot belong to anybody else's process by then."""
        try:
            os.killpg(self.process.pid, sig)
        except ProcessLookupError:
            return
