"""The converters' walls, tested on real processes: killed past the time limit, refused
memory past the memory limit, no network, and a LibreOffice profile that runs no macros."""

import socket
import sys
from pathlib import Path

import pytest

from library.previews.sandbox import (
    ConversionFailed,
    Limits,
    libreoffice_profile,
    no_network_prefix,
    run_limited,
)

MB = 1024 * 1024


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_a_converter_that_runs_too_long_is_killed(tmp_path):
    with pytest.raises(ConversionFailed, match="ran past 1 s"):
        run_limited(python("import time; time.sleep(60)"), cwd=tmp_path, limits=Limits(1, 512 * MB))


def test_a_converter_that_swells_runs_out_of_memory(tmp_path):
    with pytest.raises(ConversionFailed, match="failed"):
        run_limited(
            python("x = bytearray(900 * 1024 * 1024)"), cwd=tmp_path, limits=Limits(30, 300 * MB)
        )
    output = run_limited(python("print('ok')"), cwd=tmp_path, limits=Limits(30, 300 * MB))
    assert output.strip() == b"ok"


def test_a_converter_has_no_network(tmp_path):
    if not no_network_prefix():
        pytest.skip("network namespaces are not allowed on this machine (README explains)")
    # A listening socket in this process, reachable from anything on the host's network.
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    try:
        code = f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=3)"
        with pytest.raises(ConversionFailed, match="failed"):
            run_limited(python(code), cwd=tmp_path, limits=Limits(30, 512 * MB))
    finally:
        server.close()


def test_libreoffice_gets_a_fresh_profile_that_runs_no_macros(tmp_path):
    argument = libreoffice_profile(tmp_path / "profile")
    assert argument == f"-env:UserInstallation={(tmp_path / 'profile').resolve().as_uri()}"
    settings = Path(tmp_path / "profile" / "user" / "registrymodifications.xcu").read_text()
    assert '<prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value>' in settings
    assert '<prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value>' in settings
