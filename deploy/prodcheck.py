"""`make prod-check`: Kyozai in its production shape on this machine's loopback, a person's
journey through it while parts of it crash, and what that person saw.

    make prod-check
    .venv/bin/python deploy/prodcheck.py --task-backend database --keep

What runs (every port a free loopback port picked at start; everything else in a temporary
work directory):

- nginx (Debian's), in the foreground with its own prefix, pid file, logs and temporary
  directories, configured from deploy/nginx.conf — the README's reverse-proxy example —
  serving /static/ from collectstatic's output and proxying everything else to
- two gunicorn instances (production settings, 2 gthread workers each),
- the background workers as `make run` starts them (one for other jobs, one for file
  previews, one for prints at a lower CPU priority), on RQ (`--task-backend rq`, the
  default; `database` for db_worker),
- a fresh PostgreSQL database (created, migrated, the demo loaded; dropped at the end) and
  one Redis database (cache and RQ queues; Kyozai's and RQ's keys deleted at the end).

The journey, one person at a time through nginx, while a visitor browses public pages
in the background all along: open the home page and a static file; search; open a material,
its preview pictures and its document; sign in as the demo ALT; edit and save steps of the
demo plan — gunicorn 1 crashes (SIGKILL, whole process group) before the second round of
saves and is started again, then gunicorn 2; ask for the plan's PDF with the workers crashed
(it waits in the queue), start them again, wait for the print and download it.

It passes when nobody saw a failure (no 5xx, no dropped connection: nginx sent each request
that met a dead gunicorn to the other one), nothing was lost (every saved edit is in the plan
page and in the printed PDF; the print finished after the workers came back), nginx served
the static files itself, and nginx's log shows retries for each crashed gunicorn (so the
crashes were really in the way). Everything it starts, it stops — on success, on failure and
on Ctrl-C.

Previews: until media are served by Django views under production settings (issue 11,
point 9), a preview answers 404 there; the check reports preview answers and fails on them
only with --require-previews.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.search import drop_postgres_database, recreate_postgres_database  # noqa: E402
from deploy import nginx  # noqa: E402
from deploy.browser import Browser, JourneyFailed, form_fields, links  # noqa: E402
from deploy.processes import HOST, Service, ServiceFailed, free_port, port_answers  # noqa: E402

PYTHON = sys.executable
TEACHER = ("alt", "kyozai-alt")  # the demo ALT, an editor of the demo plan
SEARCH = "bingo"  # finds demo materials with a document and previews
GUNICORN_WORKERS = 2
PRINT_TIMEOUT = 120  # seconds a print may take once the workers are back
EDITED_FIELDS = ("alt_role", "jte_role")  # both print in the team-teaching layout


# --- The site's settings and data ------------------------------------------------------------


@dataclass
class Site:
    """Everything one run made: where it lives, how its processes are configured."""

    workdir: Path
    database_url: str
    redis_url: str
    task_backend: str
    nginx_port: int = field(default_factory=free_port)
    gunicorn_ports: tuple[int, int] = field(default_factory=lambda: (free_port(), free_port()))
    services: dict[str, Service] = field(default_factory=dict)
    figures: dict[str, object] = field(default_factory=dict)
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50), repr=False)

    @property
    def env(self) -> dict[str, str]:
        """Production settings as a deployment behind one nginx would set them, on plain
        HTTP at 127.0.0.1 (so no HTTPS redirect or HSTS), every file in the work
        directory."""
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"ELASTICSEARCH_URL", "SEARCH_BACKEND", "EMAIL_URL", "TASK_REDIS_URL"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            SECRET_KEY=self.secret_key,
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            TASK_BACKEND=self.task_backend,
            ALLOWED_HOSTS=HOST,
            SITE_URL=f"http://{HOST}:{self.nginx_port}",
            TRUSTED_PROXIES="1",
            SECURE_SSL_REDIRECT="false",
            SECURE_HSTS_SECONDS="0",
            MEDIA_ROOT=str(self.workdir / "media"),
            PRINT_RESULTS_ROOT=str(self.workdir / "prints"),
            PYTHONUNBUFFERED="1",
        )
        return env

    def manage(self, *args: str) -> subprocess.Popen:
        """`manage.py args` in the site's environment, its output in the work directory."""
        with (self.workdir / f"manage-{args[0]}.log").open("w") as log:
            return subprocess.Popen(  # noqa: S603 - our own manage.py
                [PYTHON, "manage.py", *args],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )


def say(message: str) -> None:
    """Progress, printed at once (make shows it while the check runs)."""
    print(f"  {message}", flush=True)


def prepare_database(url: str) -> None:
    """A fresh, empty database. The check drops it afterwards, so it refuses any database
    whose name does not say it belongs to the check."""
    name = urlparse(url).path.lstrip("/")
    if urlparse(url).scheme not in ("postgres", "postgresql") or "prodcheck" not in name:
        raise SystemExit(f"--database-url must be a PostgreSQL database named *prodcheck*: {url}")
    recreate_postgres_database(url)


def clear_redis(url: str) -> int:
    """Delete Kyozai's cache keys and RQ's queues in the check's Redis database (the keys
    this check makes; nothing else in it is touched). Returns how many."""
    import redis

    client = redis.Redis.from_url(url)
    removed = 0
    for pattern in ("kyozai:*", "rq:*"):
        keys = list(client.scan_iter(match=pattern, count=1000))
        if keys:
            removed += client.delete(*keys)
    return removed


def build_site(site: Site) -> None:
    """Migrate and load the demo while collectstatic runs beside them (they share nothing,
    and two cores do both at once)."""
    started = time.monotonic()
    collect = StaticFiles(site)
    collect.start()
    for args in (("migrate", "--noinput"), ("load_demo",)):
        if site.manage(*args).wait() != 0:
            collect.stop()
            raise SystemExit(f"manage.py {args[0]} failed; see {site.workdir}/manage-*.log")
    collect.finish()
    site.figures["build_seconds"] = round(time.monotonic() - started, 1)


class StaticFiles:
    """collectstatic, skipped when STATIC_ROOT already holds the output for the static
    files as they are now: compressing them all (gzip and Brotli) costs most of a minute of
    CPU, and a fresh checkout (CI) always collects."""

    def __init__(self, site: Site):
        self.site = site
        self.stamp = ROOT / "staticfiles" / ".prodcheck-sources"
        self.process: subprocess.Popen | None = None
        self.fingerprint = ""

    def start(self) -> None:
        self.fingerprint = subprocess.run(  # noqa: S603 - this script, as a child
            [PYTHON, __file__, "--static-fingerprint"],
            cwd=ROOT,
            env=self.site.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        if self.stamp.exists() and self.stamp.read_text() == self.fingerprint:
            self.site.figures["collectstatic"] = "up to date"
            return
        self.stamp.unlink(missing_ok=True)
        self.process = self.site.manage("collectstatic", "--noinput")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait()

    def finish(self) -> None:
        if self.process is None:
            return
        if self.process.wait() != 0:
            raise SystemExit(f"collectstatic failed; see {self.site.workdir}/manage-*.log")
        self.stamp.write_text(self.fingerprint)
        self.site.figures["collectstatic"] = "collected"


def static_fingerprint() -> str:
    """A digest of every file collectstatic would collect (path, size, time) and of the
    storage that post-processes them: equal digests, equal output."""
    import hashlib

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256(repr(settings.STORAGES["staticfiles"]).encode())
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


# --- The processes ---------------------------------------------------------------------------


def answers_http(port: int, path: str = "/") -> bool:
    """True when the server on `port` answers `path` with anything but a server error."""
    from http.client import HTTPConnection, HTTPException

    connection = HTTPConnection(HOST, port, timeout=5)
    try:
        connection.request("GET", path, headers={"Host": HOST})
        return connection.getresponse().status < 500
    except (OSError, HTTPException):
        return False
    finally:
        connection.close()


def gunicorn_service(site: Site, number: int) -> Service:
    port = site.gunicorn_ports[number - 1]
    command = [
        str(Path(PYTHON).with_name("gunicorn")),
        "config.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--workers={GUNICORN_WORKERS}",
        "--worker-class=gthread",
        "--threads=2",
        "--timeout=30",
        "--graceful-timeout=10",
        # Django is imported once, then the workers fork: half the CPU to (re)start.
        "--preload",
    ]
    log = site.workdir / f"gunicorn-{number}.log"
    return Service(f"gunicorn {number}", command, cwd=ROOT, env=site.env, log=log)


def _worker_command(site: Site, queue: str) -> list[str]:
    if site.task_backend == "rq":
        return ["rqworker", "--job-class", "django_tasks_rq.Job", queue]
    return ["db_worker", "--backend", queue, "--queue-name", queue, "--no-reload"]


def worker_services(site: Site) -> list[Service]:
    """The workers `make run` starts (Makefile: JOB_WORKER, PRINT_WORKER, PREVIEW_WORKER)."""
    return [
        Service(
            name,
            [*nice, PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=site.env,
            log=site.workdir / f"{name.replace(' ', '-')}.log",
        )
        for name, nice, args in (
            ("job worker", [], _worker_command(site, "default")),
            ("print worker", ["nice", "-n", "10"], _worker_command(site, "printing")),
            ("previews worker", ["nice", "-n", "15"], _worker_command(site, "previews")),
        )
    ]


def start_gunicorn(site: Site, number: int) -> None:
    service = site.services[f"gunicorn {number}"]
    port = site.gunicorn_ports[number - 1]
    service.start(ready=lambda: answers_http(port), timeout=120)


def start_everything(site: Site) -> None:
    """Both gunicorns and the workers at once (they start in parallel), then nginx."""
    started = time.monotonic()
    for number in (1, 2):
        site.services[f"gunicorn {number}"] = gunicorn_service(site, number)
    for worker in worker_services(site):
        site.services[worker.name] = worker
        worker.start()
    for number in (1, 2):
        site.services[f"gunicorn {number}"].start()
    for number in (1, 2):
        port = site.gunicorn_ports[number - 1]
        site.services[f"gunicorn {number}"].wait_until(lambda p=port: answers_http(p), 120)
    values = {
        "listen": f"{HOST}:{site.nginx_port}",
        "server_name": HOST,
        "gunicorn_1": f"{HOST}:{site.gunicorn_ports[0]}",
        "gunicorn_2": f"{HOST}:{site.gunicorn_ports[1]}",
        "static_root": str(ROOT / "staticfiles"),
    }
    config = nginx.write_config(site.workdir, values)
    subprocess.run(nginx.test_command(config), check=True)  # noqa: S603 - Debian's nginx
    proxy = Service(
        "nginx",
        nginx.command(config),
        cwd=site.workdir,
        env=site.env,
        log=site.workdir / "nginx.out",
    )
    site.services["nginx"] = proxy
    proxy.start(ready=lambda: port_answers(site.nginx_port), timeout=20)
    site.figures["start_seconds"] = round(time.monotonic() - started, 1)


def restart_workers(site: Site) -> None:
    for name in ("job worker", "print worker"):
        site.services[name].start()


def stop_everything(site: Site) -> None:
    """nginx first (no new requests), then gunicorn and the workers."""
    order = ["nginx", "gunicorn 1", "gunicorn 2", "job worker", "print worker", "previews worker"]
    for name in order:
        service = site.services.get(name)
        if service is not None:
            service.stop()


# --- The people --------------------------------------------------------------------------------


class Visitor(threading.Thread):
    """Someone reading public pages the whole time, so crashes meet requests in flight."""

    def __init__(self, port: int, paths: list[str]):
        super().__init__(name="visitor", daemon=True)
        self.browser = Browser(port, "visitor")
        self.paths = paths
        self.done = threading.Event()
        self.turn = threading.Lock()  # held for each request; paused() holds it instead

    def run(self) -> None:
        turn = 0
        while not self.done.is_set():
            with self.turn:
                # A failure is recorded in browser.failures; the visitor reads on.
                self.browser.visit("GET", self.paths[turn % len(self.paths)])
            turn += 1
            self.done.wait(0.2)

    @contextmanager
    def paused(self):
        """No visitor request in flight or sent while the block runs."""
        with self.turn:
            yield

    def stop(self) -> None:
        self.done.set()
        self.join(timeout=30)


@dataclass
class Journey:
    """The teacher's journey and what it left behind to check."""

    site: Site
    teacher: Browser
    visitor: Visitor
    run_id: str = field(default_factory=lambda: secrets.token_hex(3))
    material: str = ""
    plan: str = ""
    steps: list[str] = field(default_factory=list)
    saved: dict[tuple[str, str], str] = field(default_factory=dict)
    saves: int = 0
    require_previews: bool = False
    notes: list[str] = field(default_factory=list)


def open_home(teacher: Browser) -> list[str]:
    """The home page and its style sheet (nginx's /static/); returns public paths for the
    visitor."""
    home = teacher.get("/")
    sheets = links(home.text, r"/static/[^\"]+\.css")
    if not sheets:
        raise JourneyFailed("the home page links no style sheet under /static/")
    sheet = teacher.get(sheets[0])
    if "text/css" not in sheet.headers.get("content-type", ""):
        raise JourneyFailed(f"{sheets[0]} is not served as CSS")
    return ["/", sheets[0], "/library/"]


def search_and_open_material(journey: Journey) -> None:
    """Search, then open results until one has a document: its page, document, previews."""
    results = journey.teacher.get(f"/search/?q={SEARCH}")
    for path in links(results.text, r"/library/[a-z0-9-]+/")[:10]:
        page = journey.teacher.get(path)
        documents = links(page.text, r"/documents/\d+/[^\"]+")
        if documents:
            journey.material = path
            break
    else:
        raise JourneyFailed(f"no material found for {SEARCH!r} has a document")
    document = journey.teacher.get(documents[0])
    if not document.body.startswith(b"%PDF"):
        raise JourneyFailed(f"{documents[0]} is not a PDF")
    open_previews(journey, page.text)


def open_previews(journey: Journey, html: str) -> None:
    """Each page picture the material page links (library.previews: /previews/<file>/…, and
    any image under /media/), served through the privacy check. Pictures still being made
    by the previews worker are not linked yet; one that is linked and not served is a
    failure with --require-previews, a note without."""
    previews = links(html, r"/(?:previews|media)/[^\"]+\.(?:png|jpg|jpeg|webp)")
    answers = [journey.teacher.get(path, expect=None).status for path in previews]
    journey.site.figures["previews"] = dict(zip(previews, answers, strict=True))
    missing = [path for path, status in zip(previews, answers, strict=True) if status != 200]
    if missing:
        journey.notes.append(f"{len(missing)} of {len(previews)} previews not served: {missing}")
        if journey.require_previews:
            raise JourneyFailed(f"previews not served: {missing}")


def sign_in(journey: Journey) -> None:
    page = journey.teacher.get("/accounts/log-in/")
    token = dict(form_fields(page.body, ""))["csrfmiddlewaretoken"]
    username, password = TEACHER
    fields = [("csrfmiddlewaretoken", token), ("username", username), ("password", password)]
    journey.teacher.post("/accounts/log-in/", fields, expect=302)
    if "sessionid" not in journey.teacher.cookies:
        raise JourneyFailed("signed in, but no session cookie came back")


def find_plan(journey: Journey) -> None:
    """The demo plan from "My lessons", and its steps from the plan's page."""
    plans = []
    for tab in ("mine", "shared"):
        plans = plans or links(journey.teacher.get(f"/lessons/?tab={tab}").text, r"/lessons/\d+/")
    if not plans:
        raise JourneyFailed("the demo ALT has no plan under /lessons/")
    journey.plan = plans[0]
    editor = journey.teacher.get(journey.plan)
    pattern = re.escape(journey.plan) + r"steps/(\d+)/edit/"
    journey.steps = list(dict.fromkeys(re.findall(pattern, editor.text)))
    if not journey.steps:
        raise JourneyFailed(f"{journey.plan} shows no step to edit")


@dataclass
class Save:
    """One save prepared in the step's form: where it goes and what it sends."""

    step: str
    name: str
    path: str
    fields: list[tuple[str, str]]
    marker: str


def open_step_form(journey: Journey) -> Save:
    """Open the next step's form (as the editor's htmx does) and change one field to a text
    never used before. Steps and fields take turns."""
    journey.saves += 1
    step = journey.steps[journey.saves % len(journey.steps)]
    name = EDITED_FIELDS[(journey.saves // len(journey.steps)) % len(EDITED_FIELDS)]
    path = f"{journey.plan}steps/{step}/edit/"
    form = journey.teacher.get(path, htmx=True)
    marker = f"pc{journey.run_id}x{journey.saves}"
    fields = [(key, value) for key, value in form_fields(form.body, "/edit/") if key != name]
    fields.append((name, f"Saved by the production check: {marker}"))
    return Save(step, name, path, fields, marker)


def send_save(journey: Journey, save: Save) -> None:
    answer = journey.teacher.post(save.path, save.fields, htmx=True)
    if save.marker not in answer.text:
        raise JourneyFailed(f"saving {save.path} did not show the saved text")
    journey.saved[(save.step, save.name)] = save.marker


def save_steps(journey: Journey, count: int) -> None:
    for _ in range(count):
        send_save(journey, open_step_form(journey))


def crash_and_restart_gunicorn(journey: Journey, number: int, saves: int) -> None:
    """The teacher has two step forms open; gunicorn `number` dies (SIGKILL to master and
    workers); the two saves go out back to back — nginx takes turns, so one of them meets
    the dead gunicorn (refused: nginx passes the POST to the other one). The teacher saves
    on while the visitor reads on; gunicorn `number` starts again, and the check waits
    until nginx sends it requests again (it leaves a failed server alone for its
    fail_timeout)."""
    site = journey.site
    log = site.workdir / "nginx-access.log"
    ready = [open_step_form(journey), open_step_form(journey)]
    crashed_at = log.stat().st_size
    with journey.visitor.paused():
        site.services[f"gunicorn {number}"].crash()
        for save in ready:
            send_save(journey, save)
    save_steps(journey, saves)
    started = time.monotonic()
    start_gunicorn(site, number)
    site.figures[f"gunicorn_{number}_restart_seconds"] = round(time.monotonic() - started, 1)
    port = site.gunicorn_ports[number - 1]
    back_at = log.stat().st_size
    if not wait_for_upstream(log, back_at, port, timeout=30):
        raise JourneyFailed(f"nginx did not use gunicorn {number} again within 30 s")
    site.figures.setdefault("crash_log_offsets", {})[number] = (crashed_at, back_at)


def print_plan(journey: Journey) -> None:
    """The workers crash; the teacher asks for the plan's PDF (it waits in the queue, with
    no worker to take it); the workers start again; the print finishes and downloads, and
    holds every saved edit."""
    site, teacher = journey.site, journey.teacher
    for name in ("job worker", "print worker"):
        site.services[name].crash()
    asked = teacher.get(f"{journey.plan}print/pdf/?layout=team_teaching", expect=303)
    job = asked.location.split("?")[0] + "?format=json"
    for _ in range(2):  # two looks, a second apart: still waiting, nobody rendering it
        state = json.loads(teacher.get(job, expect=202).body)
        if state["status"] != "queued":
            raise JourneyFailed(f"with no worker running, the print is {state['status']}")
        time.sleep(1)
    restart_workers(site)
    started = time.monotonic()
    state = wait_for_print(teacher, job, PRINT_TIMEOUT)
    site.figures["print_seconds_after_restart"] = round(time.monotonic() - started, 1)
    pdf = teacher.get(state["pdf"] + "?download=1")
    if not pdf.body.startswith(b"%PDF"):
        raise JourneyFailed("the printed file is not a PDF")
    text = re.sub(r"\s+", "", pdf_text(pdf.body))
    missing = [marker for marker in journey.saved.values() if marker not in text]
    if missing:
        raise JourneyFailed(f"the printed plan lacks saved edits: {missing}")
    site.figures["print_pages"] = state.get("pages")


def wait_for_print(teacher: Browser, job: str, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = teacher.get(job, expect=None)
        state = json.loads(answer.body)
        if answer.status == 200:
            return state
        if answer.status != 202:
            raise JourneyFailed(f"the print ended as {state['status']}: {state['message']}")
        time.sleep(0.5)
    raise JourneyFailed(f"the print was not ready {timeout:.0f} s after the workers restarted")


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def check_saved(journey: Journey) -> None:
    """The plan's page, fetched afresh, shows the last text saved into every field."""
    page = journey.teacher.get(journey.plan).text
    missing = [marker for marker in journey.saved.values() if marker not in page]
    if missing:
        raise JourneyFailed(f"saved edits missing from {journey.plan}: {missing}")
    journey.site.figures["saves"] = journey.saves


# --- nginx's log ----------------------------------------------------------------------------

LOG_LINE = re.compile(
    r'"(?P<method>\S+) (?P<path>\S+) [^"]*" status=(?P<status>\d+) '
    r"upstream=(?P<upstream>.*?) upstream_status=(?P<upstream_status>.*?) time="
)


def log_entries(log: Path, start: int = 0, end: int | None = None) -> list[dict[str, str]]:
    with log.open("rb") as handle:
        handle.seek(start)
        data = handle.read() if end is None else handle.read(end - start)
    lines = data.decode("utf-8", errors="replace").splitlines()
    return [match.groupdict() for line in lines if (match := LOG_LINE.search(line))]


def wait_for_upstream(log: Path, offset: int, port: int, timeout: float) -> bool:
    """True once nginx's log, after `offset`, shows a request that gunicorn on `port`
    answered (the visitor's requests keep coming, so one soon goes there)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for entry in log_entries(log, offset):
            last = entry["upstream"].split(", ")[-1]
            if last == f"{HOST}:{port}" and entry["upstream_status"].split(", ")[-1] == "200":
                return True
        time.sleep(0.5)
    return False


def check_nginx_log(site: Site) -> list[str]:
    """What nginx saw: no 5xx to anybody, static files from disk (no upstream), and, for
    each crash, requests that met the dead gunicorn and were answered by the other — a
    save among them (else the crash was never in the way of one)."""
    log = site.workdir / "nginx-access.log"
    entries = log_entries(log)
    problems = [
        f"nginx answered {e['status']} to {e['method']} {e['path']}"
        for e in entries
        if int(e["status"]) >= 500
    ]
    static = [e for e in entries if e["path"].startswith("/static/")]
    if not static or any(e["upstream"] != "-" for e in static):
        problems.append("static files were not all served by nginx itself")
    retried = crash_retries(site, log)
    problems.extend(
        f"no save met the crashed gunicorn {number}: nothing was tested"
        for number, counts in retried.items()
        if not counts["saves"]
    )
    site.figures.update(requests=len(entries), static_requests=len(static), retried=retried)
    return problems


def crash_retries(site: Site, log: Path) -> dict[int, dict[str, int]]:
    """For each crash, the requests nginx sent to the dead gunicorn and then passed on to
    the other one (its log names both upstreams), and how many of them were saves."""
    retried = {}
    for number, (start, end) in site.figures.get("crash_log_offsets", {}).items():
        dead = f"{HOST}:{site.gunicorn_ports[number - 1]}"
        passed_on = [
            e
            for e in log_entries(log, start, end)
            if e["upstream"].startswith(dead) and ", " in e["upstream"]
        ]
        posts = sum(1 for e in passed_on if e["method"] == "POST")
        retried[number] = {"requests": len(passed_on), "saves": posts}
    return retried


# --- The run ----------------------------------------------------------------------------------


def run_journey(site: Site, require_previews: bool) -> tuple[Journey, list[str]]:
    """The journey with the crashes in it; returns it and every problem found."""
    teacher = Browser(site.nginx_port, "teacher")
    visitor = Visitor(site.nginx_port, open_home(teacher))
    journey = Journey(site, teacher, visitor, require_previews=require_previews)
    visitor.start()
    problems: list[str] = []
    steps = [
        ("search, open a material, its previews and document", search_and_open_material),
        ("sign in as the demo ALT", sign_in),
        ("open the demo plan", find_plan),
        ("save two steps", lambda journey: save_steps(journey, 2)),
        ("crash gunicorn 1, save on, restart it", lambda j: crash_and_restart_gunicorn(j, 1, 3)),
        ("crash gunicorn 2, save on, restart it", lambda j: crash_and_restart_gunicorn(j, 2, 3)),
        ("crash the workers, print, restart them, download", print_plan),
        ("every saved edit is on the plan's page", check_saved),
    ]
    try:
        for name, step in steps:
            say(name)
            step(journey)
    except JourneyFailed as failure:
        problems.append(str(failure))
    finally:
        visitor.stop()
    site.figures["visitor_requests"] = len(visitor.browser.seen)
    site.figures["teacher_requests"] = len(journey.teacher.seen)
    problems += journey.teacher.failures + visitor.browser.failures
    problems += check_nginx_log(site)
    return journey, list(dict.fromkeys(problems))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/kyozai_prodcheck",
        help="a PostgreSQL database named *prodcheck*: created afresh, dropped at the end",
    )
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/6",
        help="the Redis database for the cache and the RQ queues",
    )
    parser.add_argument("--task-backend", choices=["rq", "database"], default="rq")
    parser.add_argument("--require-previews", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the work directory and logs")
    return parser.parse_args()


def report(site: Site, journey: Journey | None, problems: list[str], seconds: float) -> None:
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = {
        **site.figures,
        "seconds": round(seconds, 1),
        # CPU time of everything it ran (a figure that does not depend on other load).
        "cpu_seconds": round(children.ru_utime + children.ru_stime, 1),
        "problems": problems,
    }
    figures.pop("crash_log_offsets", None)
    print(f"\n== prod-check ({site.task_backend} queue): {seconds:.0f} s")
    for name, value in figures.items():
        if name != "problems":
            print(f"  {name}: {value}")
    for note in journey.notes if journey else []:
        print(f"  note: {note}")
    for problem in problems:
        print(f"  FAILED: {problem}")
    print("PASSED" if not problems else f"FAILED ({len(problems)} problems)")
    print(json.dumps(figures))


def main() -> int:
    if sys.argv[1:] == ["--static-fingerprint"]:
        print(static_fingerprint())
        return 0
    args = parse_args()
    started = time.monotonic()
    print(
        f"== prod-check: the production shape on loopback ({args.task_backend} queue)", flush=True
    )
    prepare_database(args.database_url)  # refuses a database that is not the check's
    workdir = Path(tempfile.mkdtemp(prefix="kyozai-prodcheck-"))
    site = Site(workdir, args.database_url, args.redis_url, args.task_backend)
    # Ctrl-C or TERM unwind through `finally`, which stops everything started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    journey, problems = None, []
    try:
        clear_redis(args.redis_url)
        say(f"building the site in {workdir} (migrate, load_demo, collectstatic)")
        build_site(site)
        say("starting two gunicorns, the workers and nginx")
        start_everything(site)
        journey, problems = run_journey(site, args.require_previews)
    except (ServiceFailed, JourneyFailed, subprocess.CalledProcessError) as error:
        problems.append(str(error))
    finally:
        say("stopping everything it started")
        stop_everything(site)
        clear_redis(args.redis_url)
        drop_postgres_database(args.database_url)
        if args.keep or problems:
            print(f"  logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    report(site, journey, problems, time.monotonic() - started)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
