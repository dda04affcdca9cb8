"""The parts `make prod-check` (deploy/prodcheck.py) is built from. The check itself is the
test of the production shape (CI runs it); these keep its pieces honest between runs: the
nginx configuration the README shows is the one the check runs, it is valid nginx, and a
crashed service leaves no process behind."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from deploy import nginx
from deploy.processes import Service
from deploy.prodcheck import log_entries

ROOT = Path(__file__).resolve().parents[2]
VALUES = {
    "listen": "127.0.0.1:8080",
    "server_name": "127.0.0.1",
    "gunicorn_1": "127.0.0.1:8001",
    "gunicorn_2": "127.0.0.1:8002",
    "static_root": str(ROOT / "staticfiles"),
}


def test_readme_shows_the_nginx_configuration_the_check_runs():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```nginx\n(.*?)```", readme, re.S)
    assert nginx.TEMPLATE.read_text() in blocks


def test_a_placeholder_without_a_value_is_refused_not_left_empty():
    values = dict(VALUES)
    del values["gunicorn_2"]
    with pytest.raises(nginx.MissingValue, match="gunicorn_2"):
        nginx.render_site(values)


def test_the_filled_in_configuration_passes_nginx_own_check(tmp_path):
    if not (shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")):
        pytest.skip("Debian's nginx is installed by `make prod-check`")
    config = nginx.write_config(tmp_path, VALUES)
    result = subprocess.run(nginx.test_command(config), capture_output=True, text=True)  # noqa: S603
    assert result.returncode == 0, result.stderr
    site = (tmp_path / "kyozai-site.conf").read_text()
    assert not nginx.PLACEHOLDER.search(site)
    assert "proxy_next_upstream error timeout;" in site


def test_a_retry_on_the_other_gunicorn_is_read_from_the_access_log(tmp_path):
    log = tmp_path / "access.log"
    log.write_text(
        '127.0.0.1 "POST /lessons/6/steps/3/edit/ HTTP/1.1" status=200 '
        "upstream=127.0.0.1:8001, 127.0.0.1:8002 upstream_status=502, 200 time=0.040\n"
        '127.0.0.1 "GET /static/css/site.css HTTP/1.1" status=200 upstream=- '
        "upstream_status=- time=0.000\n"
    )
    retry, static = log_entries(log)
    assert (retry["method"], retry["upstream"]) == ("POST", "127.0.0.1:8001, 127.0.0.1:8002")
    assert (static["path"], static["upstream"]) == ("/static/css/site.css", "-")


def test_a_crashed_service_leaves_none_of_its_processes_behind(tmp_path):
    # A parent with a child, as gunicorn's master and its workers.
    script = "import subprocess, time; subprocess.Popen(['sleep', '60']); time.sleep(60)"
    service = Service(
        "parent",
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=dict(os.environ),
        log=tmp_path / "parent.log",
    )
    service.start()
    group = service.process.pid
    service.crash()
    assert not service.running
    with pytest.raises(ProcessLookupError):
        os.killpg(group, 0)
