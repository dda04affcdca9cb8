"""Running a converter on a file someone uploaded: a separate process with a time limit, a
memory limit, no network and (for LibreOffice) no macros.

An uploaded Office file is hostile until proven otherwise: it may loop, swell to gigabytes,
fetch a remote picture or carry a macro. So every converter runs here, in the background
worker (never in a web request), as a child process that

- is killed with its whole process group when it runs past `PREVIEW_TIMEOUT_SECONDS`;
- may map at most `PREVIEW_MEMORY_MB` of address space (RLIMIT_AS), write files of at most
  `MAX_OUTPUT_BYTES` (RLIMIT_FSIZE) and dump no core;
- runs in a network namespace of its own (`unshare -rn`, or `unshare -n` as root), so it
  has no network at all. Where namespaces are not allowed (some containers), it runs
  without that wall and the worker logs so once; the README says how to give the worker a
  host without network instead.

LibreOffice gets a fresh profile per conversion (`-env:UserInstallation`) whose settings
forbid macros outright (`libreoffice_profile`), so nothing one file did survives into the
next and no macro ever runs. (Uploads with VBA projects are refused anyway: uploads.py.)
"""

from __future__ import annotations

import functools
import logging
import os
import resource
import shutil
import signal
import subprocess  # nosec B404 - fixed converters, file names we chose
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

logger = logging.getLogger("kyozai.library.previews")

MAX_OUTPUT_BYTES = 256 * 1024 * 1024


class ConversionFailed(Exception):
    """The converter could not make what was asked (broken file, time or memory limit)."""


@dataclass(frozen=True)
class Limits:
    seconds: int
    memory_bytes: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            seconds=settings.KYOZAI_PREVIEW_TIMEOUT_SECONDS,
            memory_bytes=settings.KYOZAI_PREVIEW_MEMORY_MB * 1024 * 1024,
        )


def _limit_child(memory_bytes: int):
    """Run in the child between fork and exec: the limits it can never lift again."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_OUTPUT_BYTES, MAX_OUTPUT_BYTES))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


@functools.cache
def no_network_prefix() -> tuple[str, ...]:
    """The command prefix that takes the network away, or () where that is not allowed."""
    unshare = shutil.which("unshare")
    candidates = [("-n",), ("-rn",)] if os.geteuid() == 0 else [("-rn",)]
    for options in candidates if unshare else []:
        prefix = (unshare, *options)
        try:
            probe = subprocess.run(  # noqa: S603  # nosec B603 - fixed arguments
                [*prefix, "true"], capture_output=True, timeout=10, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return prefix
    logger.warning(
        "Converters run WITH network access: network namespaces (unshare -n) are not "
        "allowed here. See the README, 'Previews of files'."
    )
    return ()


def run_limited(command: list[str], *, cwd: Path, limits: Limits, env=None) -> bytes:
    """Run `command` within the limits; its standard output, or ConversionFailed."""
    full = [*no_network_prefix(), *command]
    process = subprocess.Popen(  # noqa: S603  # nosec B603 - fixed converters
        full,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limit_child(limits.memory_bytes),
        start_new_session=True,
    )
    try:
        output, errors = process.communicate(timeout=limits.seconds)
    except subprocess.TimeoutExpired as timeout:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ConversionFailed(f"{Path(command[0]).name} ran past {limits.seconds} s") from timeout
    finally:
        _kill_leftovers(process.pid)
    if process.returncode != 0:
        tail = errors.decode("utf-8", "replace")[-300:].strip()
        raise ConversionFailed(f"{Path(command[0]).name} failed ({process.returncode}): {tail}")
    return output


def _kill_leftovers(group: int) -> None:
    """A converter's helpers (LibreOffice's oosplash/soffice.bin pair) die with it."""
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        return


# Macro security "very high" (3) and macros switched off altogether; no remote pictures
# fetched for untrusted documents, no OpenCL, no update checks.
SCRIPTING = "/org.openoffice.Office.Common/Security/Scripting"
PROFILE_SETTINGS = [
    (SCRIPTING, "MacroSecurityLevel", "3"),
    (SCRIPTING, "DisableMacrosExecution", "true"),
    (SCRIPTING, "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Misc", "UseOpenCL", "false"),
    (
        "/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments",
        "AutoCheckEnabled",
        "false",
    ),
]


def _registry() -> str:
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{value}</value></prop></item>\n"
        for path, name, value in PROFILE_SETTINGS
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f"{items}</oor:items>\n"
    )


def libreoffice_profile(folder: Path) -> str:
    """A fresh LibreOffice profile in `folder` that runs no macros; its -env argument."""
    user = folder / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(_registry(), encoding="utf-8")
    return f"-env:UserInstallation={folder.resolve().as_uri()}"
