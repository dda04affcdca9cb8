"""nginx for the production check: the site file from deploy/nginx.conf (the README's
reverse-proxy example, filled in) inside a small main configuration of the check's own.

The main configuration keeps nginx off the machine's own setup: it runs in the foreground
(`daemon off`, so the check owns the process), and its pid file, logs and temporary
directories are in the check's work directory. No system nginx service and no file under
/etc is used, apart from Debian's mime.types.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf")
PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")
MIME_TYPES = Path("/etc/nginx/mime.types")

# Each access-log line says which gunicorn(s) answered (`upstream=a, b` when nginx retried
# on the other one) and what the visitor got (`status=`): the check reads it afterwards.
LOG_FORMAT = (
    '$remote_addr "$request" status=$status upstream=$upstream_addr '
    "upstream_status=$upstream_status time=$request_time"
)


class MissingValue(KeyError):
    """The template names a value the caller did not give."""


def render_site(values: dict[str, str], template: Path = TEMPLATE) -> str:
    """deploy/nginx.conf with every {{ name }} replaced; a name left without a value is an
    error, never an empty string in a config file."""
    text = template.read_text()
    missing = sorted(set(PLACEHOLDER.findall(text)) - set(values))
    if missing:
        raise MissingValue(f"deploy/nginx.conf needs a value for {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), text)


def main_config(workdir: Path, site_file: Path) -> str:
    """The nginx.conf nginx is started with: everything it writes stays in `workdir`."""
    temp = workdir / "nginx-temp"
    # As root, nginx's workers would switch to `nobody`, who may not read the work
    # directory; the check's nginx listens on loopback only, so they keep the check's user.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}daemon off;\n"
        "worker_processes 1;\n"
        f"pid {workdir / 'nginx.pid'};\n"
        f"error_log {workdir / 'nginx-error.log'} warn;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        f"    include {MIME_TYPES};\n"
        "    default_type application/octet-stream;\n"
        f"    log_format kyozai '{LOG_FORMAT}';\n"
        f"    access_log {workdir / 'nginx-access.log'} kyozai;\n"
        f"    client_body_temp_path {temp / 'body'};\n"
        f"    proxy_temp_path {temp / 'proxy'};\n"
        f"    fastcgi_temp_path {temp / 'fastcgi'};\n"
        f"    uwsgi_temp_path {temp / 'uwsgi'};\n"
        f"    scgi_temp_path {temp / 'scgi'};\n"
        f"    include {site_file};\n"
        "}\n"
    )


def write_config(workdir: Path, values: dict[str, str]) -> Path:
    """Write the site file and the main configuration into `workdir`; returns the latter."""
    (workdir / "nginx-temp").mkdir(parents=True, exist_ok=True)
    site_file = workdir / "kyozai-site.conf"
    site_file.write_text(render_site(values))
    config = workdir / "nginx.conf"
    config.write_text(main_config(workdir, site_file))
    return config


def binary() -> str:
    """Debian's nginx (in /usr/sbin, which a non-root PATH may lack)."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if not found:
        raise SystemExit("nginx is not installed: `make prod-check` installs Debian's nginx.")
    return found


def command(config: Path) -> list[str]:
    """nginx in the foreground with its own prefix (relative paths resolve in the work
    directory, not /usr/share/nginx) and its own error log from the first moment (before
    the configuration names one, nginx would open /var/log/nginx/error.log)."""
    errors = config.parent / "nginx-error.log"
    return [binary(), "-p", str(config.parent), "-e", str(errors), "-c", str(config)]


def test_command(config: Path) -> list[str]:
    """`nginx -t`: checks the configuration and exits."""
    return [*command(config), "-t", "-q"]
