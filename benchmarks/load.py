"""Kyozai under load (issue #7): gunicorn on 127.0.0.1, the demo plus 10,000 synthetic
materials, driven by wrk.

    make load                                   # installs wrk (Debian) and runs this
    .venv/bin/python benchmarks/load.py --seconds 20 --mix-seconds 30 --workers 5
    .venv/bin/python benchmarks/load.py --workdir /tmp/kyozai-load   # build once, reuse after

It builds a throwaway site in a work directory (a temporary one unless --workdir): a SQLite
database (or --database-url postgres://…, whose `<name>_load` database is created and
dropped), migrated, with 10,000 synthetic library pages (benchmarks/search.py's corpus),
the demo (`manage.py load_demo`: accounts, 88 materials, the demo lesson plan) and a
rebuilt search index. Then it starts gunicorn on 127.0.0.1 (2 x cores + 1 gthread workers,
keep-alive) with the production settings (DEBUG off, WhiteNoise for static files, the
full-page cache in Redis when one answers on 127.0.0.1:6379, else in each worker's memory),
warms the cache and runs three phases, each bounded by its own time limit:

1. cached material pages only (wrk, 32 connections) → requests/s;
2. the search API (wrk, 16 connections, a fixed mix of English/Japanese/faceted queries)
   → p50/p95/p99;
3. a mix, all at once: material pages (8 connections), the search page (4), the search API
   (4), and a signed-in teacher (the demo ALT) editing the demo plan — open the editor,
   open a step's form, save it with the CSRF token — in a Python thread.

It prints a table (requests/s, p50/p95/p99, 5xx, other errors per endpoint), the resident
memory of each gunicorn worker after the run (VmRSS from /proc), and, last, one JSON line.
Targets (2 cores): zero 5xx; cached material page ≥ 1,000 requests/s; search API p95 ≤
100 ms at 16 connections. Gunicorn and wrk are stopped on exit, error or Ctrl-C.

Why wrk: the load generator shares the two cores with the server. wrk is a small C program
(Debian's `wrk`) that sends thousands of requests per second for a few percent of one core;
a Python load tool would take a core of its own and measure itself. Its Lua hooks count
5xx and cache hits per endpoint (benchmarks/load.lua).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode, urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LUA = Path(__file__).with_suffix(".lua")
PYTHON = sys.executable
HOST = "127.0.0.1"
TEACHER = ("alt", "kyozai-alt")  # the demo ALT: an editor of the demo plan
TARGET_PAGE_RPS = 1000
TARGET_API_P95_MS = 100


def parse_args() -> argparse.Namespace:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="synthetic library pages")
    parser.add_argument("--seconds", type=int, default=20, help="length of phases 1 and 2")
    parser.add_argument("--mix-seconds", type=int, default=30, help="length of phase 3")
    parser.add_argument("--workers", type=int, default=2 * cores + 1, help="gunicorn workers")
    parser.add_argument(
        "--worker-class",
        default="gthread",
        choices=["gthread", "sync"],
        help="gthread keeps connections alive (sync closes each one: about half the rate)",
    )
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument("--pages", type=int, default=60, help="distinct material pages hit")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--workdir", default="", help="reuse/keep the site built here")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument(
        "--database-url", default="", help="postgres://… (a <name>_load database is made)"
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL", ""),
        help="cache for gunicorn (default: $REDIS_URL, else redis://127.0.0.1:6379/15 if "
        "it answers, else each worker's own memory)",
    )
    return parser.parse_args()


# --- The throwaway site ---------------------------------------------------------------------


def redis_answers(host: str = HOST, port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def site_environment(workdir: Path, database_url: str, redis_url: str) -> dict[str, str]:
    """Production settings on plain HTTP at 127.0.0.1, everything in the work directory."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"ELASTICSEARCH_URL", "SEARCH_BACKEND", "REDIS_URL", "EMAIL_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(workdir / "media"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL="http://127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        PYTHONUNBUFFERED="1",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def build_site(workdir: Path, env: dict[str, str], size: int, pages: int) -> dict:
    """Migrate, corpus, demo, index; returns what the load needs (URLs, the plan)."""
    ready = workdir / "ready.json"
    if ready.exists():
        print(f"  reusing the site in {workdir}", flush=True)
        return json.loads(ready.read_text())
    started = time.perf_counter()
    manage(env, "migrate", "--noinput")
    # The corpus first: it numbers its pages from the start of each (empty) section.
    subprocess.run(  # noqa: S603 - this script, re-run as a child
        [PYTHON, __file__, "--corpus", str(size), str(pages)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    facts = json.loads((workdir / "site.json").read_text())
    print(f"  site built in {time.perf_counter() - started:.0f} s", flush=True)
    ready.write_text(json.dumps(facts))
    return facts


def corpus_child(size: int, pages: int) -> None:
    """In a child process with the site's environment: corpus, demo, index, facts."""
    import django

    django.setup()
    from django.core.management import call_command

    from benchmarks.search import build_corpus
    from demo.lesson_plan import DEMO_TITLE
    from lessons.models import LessonPlan, LessonStep
    from library.models import MaterialPage
    from search import indexing

    started = time.perf_counter()
    build_corpus(size)
    print(f"  corpus: {size} pages in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"  demo loaded in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    indexed = indexing.rebuild_index("database")
    print(f"  index: {indexed} pages in {time.perf_counter() - started:.0f} s", flush=True)
    live = list(MaterialPage.objects.live().order_by("pk").values_list("pk", flat=True))
    chosen = live[:: max(1, len(live) // pages)][:pages]
    plan = LessonPlan.objects.get(title=DEMO_TITLE)
    facts = {
        "material_urls": [page.url for page in MaterialPage.objects.filter(pk__in=chosen)],
        "plan_id": plan.pk,
        "step_ids": list(
            LessonStep.objects.filter(plan=plan).order_by("position").values_list("pk", flat=True)
        ),
    }
    workdir = Path(os.environ["MEDIA_ROOT"]).parent
    (workdir / "site.json").write_text(json.dumps(facts))


# --- Gunicorn -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict[str, str], port: int, args: argparse.Namespace, log: Path):
    command = [
        str(Path(PYTHON).with_name("gunicorn")),
        "config.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--backlog",
        "2048",
        "--timeout",
        "60",
    ]
    if args.worker_class == "gthread":
        command += ["--threads", str(args.threads)]
    server = subprocess.Popen(  # noqa: S603 - the venv's gunicorn
        command,
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped as one
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited ({server.returncode}); see {log}")
        try:
            if fetch(port, "/")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer within 90 s; see {log}")


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def worker_memory_mb(master_pid: int) -> list[float]:
    """Resident memory of each worker (children of the gunicorn master), from /proc."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        ppid = re.search(r"^PPid:\s+(\d+)", text, re.M)
        rss = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
        if ppid and rss and int(ppid.group(1)) == master_pid:
            sizes.append(round(int(rss.group(1)) / 1024, 1))
    return sorted(sizes)


# --- HTTP from Python (warm-up, the teacher) ------------------------------------------------


def fetch(port: int, path: str, method: str = "GET", body: str = "", headers=None):
    connection = HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


class FormFields(HTMLParser):
    """What a browser would send for the first POST form whose action contains `action`."""

    def __init__(self, action: str):
        super().__init__()
        self.action, self.inside, self.done = action, False, False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and self._is_the_form(attrs):
            self.inside = True
        if not self.inside or (not attrs.get("name") and tag != "option"):
            return
        if tag == "input":
            self._input(attrs)
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields.append((attrs["name"], ""))
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value") or ""))

    def _is_the_form(self, attrs: dict) -> bool:
        return (attrs.get("method") or "").lower() == "post" and self.action in (
            attrs.get("action") or ""
        )

    def _input(self, attrs: dict) -> None:
        if attrs.get("type") not in ("submit", "button", "checkbox"):
            self.fields.append((attrs["name"], attrs.get("value") or ""))
        elif "checked" in attrs:
            self.fields.append((attrs["name"], attrs.get("value") or "on"))

    def handle_data(self, data):
        if self._textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_fields(html: bytes, action: str) -> list[tuple[str, str]]:
    parser = FormFields(action)
    parser.feed(html.decode())
    return parser.fields


class Teacher:
    """A signed-in teacher working on the demo plan, one request at a time, as a browser
    would: session and CSRF cookies, the CSRF token in forms and the htmx header."""

    def __init__(self, port: int, plan_id: int, step_ids: list[int]):
        self.port, self.plan_id, self.step_ids = port, plan_id, step_ids
        self.cookies: dict[str, str] = {}
        self.timings: dict[str, list[float]] = {}
        self.statuses: dict[str, list[int]] = {}

    def request(self, label: str, path: str, data=None, htmx: bool = False):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = ""
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        if htmx:
            headers["HX-Request"] = "true"
        started = time.perf_counter()
        status, response_headers, content = fetch(
            self.port, path, "POST" if data is not None else "GET", body, headers
        )
        if label:
            self.timings.setdefault(label, []).append((time.perf_counter() - started) * 1000)
            self.statuses.setdefault(label, []).append(status)
        for name, value in response_headers:
            if name.lower() == "set-cookie":
                cookie = value.split(";", 1)[0]
                key, _, val = cookie.partition("=")
                self.cookies[key.strip()] = val.strip().strip('"')
        return status, content

    def log_in(self) -> None:
        status, page = self.request("", "/accounts/log-in/")
        token = dict(form_fields(page, ""))["csrfmiddlewaretoken"]
        user, password = TEACHER
        status, _ = self.request(
            "",
            "/accounts/log-in/",
            {"csrfmiddlewaretoken": token, "username": user, "password": password},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"the teacher could not log in (HTTP {status})")

    def edit_once(self, turn: int) -> None:
        plan = f"/lessons/{self.plan_id}/"
        step = self.step_ids[turn % len(self.step_ids)]
        self.request("teacher: open plan", plan)
        status, form = self.request("teacher: open step", f"{plan}steps/{step}/edit/", htmx=True)
        if status != 200:
            return
        fields = [(k, v) for k, v in form_fields(form, "/edit/") if k != "alt_role"]
        fields.append(("alt_role", f"Models the dialogue (load test, turn {turn})."))
        self.request("teacher: save step", f"{plan}steps/{step}/edit/", fields, htmx=True)

    def run(self, until: float, errors: list[str]) -> None:
        try:
            turn = 0
            while time.monotonic() < until:
                self.edit_once(turn)
                turn += 1
        except OSError as error:
            errors.append(f"teacher: {error}")


# --- wrk ------------------------------------------------------------------------------------


def run_wrk(
    port: int, paths: list[str], workdir: Path, label: str, connections: int, seconds: int
) -> subprocess.Popen:
    paths_file = workdir / f"paths-{re.sub(r'[^a-z]+', '-', label)}.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    return subprocess.Popen(  # noqa: S603 - Debian's wrk
        [
            shutil.which("wrk") or "wrk",
            "--threads",
            str(min(2, connections)),
            "--connections",
            str(connections),
            "--duration",
            f"{seconds}s",
            "--timeout",
            "10s",
            "--script",
            str(LUA),
            f"http://{HOST}:{port}",
            "--",
            str(paths_file),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def wrk_result(process: subprocess.Popen, label: str) -> dict:
    output, _ = process.communicate(timeout=120)
    line = next((x for x in output.splitlines() if x.startswith("KYOZAI ")), None)
    if line is None:
        raise SystemExit(f"wrk ({label}) printed no result:\n{output}")
    raw = json.loads(line[len("KYOZAI ") :])
    seconds = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "5xx": raw["status_5xx"],
        "errors": raw["status_4xx"]
        + raw["errors_connect"]
        + raw["errors_read"]
        + raw["errors_write"]
        + raw["errors_timeout"],
        "cache_hits": raw["cache_hits"],
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def teacher_results(teacher: Teacher, seconds: float) -> dict[str, dict]:
    out = {}
    for label, timings in teacher.timings.items():
        statuses = teacher.statuses[label]
        out[label] = {
            "requests": len(timings),
            "rps": round(len(timings) / seconds, 1),
            "p50_ms": round(percentile(timings, 0.50), 1),
            "p95_ms": round(percentile(timings, 0.95), 1),
            "p99_ms": round(percentile(timings, 0.99), 1),
            "5xx": sum(status >= 500 for status in statuses),
            "errors": sum(400 <= status < 500 for status in statuses),
            "cache_hits": 0,
        }
    return out


# --- The run --------------------------------------------------------------------------------


def search_paths() -> tuple[list[str], list[str]]:
    from benchmarks.search import QUERIES

    api, page = [], []
    for _label, query, filters, _ja in QUERIES:
        params = [("q", query)] + [(key, v) for key, values in filters.items() for v in values]
        api.append("/api/v1/search/?" + urlencode(params))
        # The search page names its type filter "type" and grades "grade", as the API does.
        page.append("/search/?" + urlencode(params))
    return api, page


def warm(port: int, paths: list[str], rounds: int) -> None:
    for _ in range(rounds):
        for path in paths:
            status = fetch(port, path)[0]
            if status >= 500:
                raise SystemExit(f"{path} answered {status} while warming up")


def print_table(title: str, rows: dict[str, dict]) -> None:
    print(f"\n{title}")
    print(
        f"  {'endpoint':<22}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'5xx':>6}{'errors':>8}{'hits':>9}"
    )
    for name, row in rows.items():
        print(
            f"  {name:<22}{row['rps']:>9.1f}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}"
            f"{row['p99_ms']:>9.1f}{row['5xx']:>6}{row['errors']:>8}{row['cache_hits']:>9}"
        )
    sys.stdout.flush()


def load_phases(port: int, facts: dict, workdir: Path, args, processes: list) -> dict:
    materials = facts["material_urls"]
    api, page = search_paths()
    figures: dict[str, object] = {}

    print(f"\n== phase 1: cached material pages, 32 connections, {args.seconds} s", flush=True)
    wrk = run_wrk(port, materials, workdir, "material pages", 32, args.seconds)
    processes.append(wrk)
    phase1 = {"material page": wrk_result(wrk, "material pages")}
    print_table("phase 1", phase1)
    figures["phase1"] = phase1

    print(f"\n== phase 2: search API, 16 connections, {args.seconds} s", flush=True)
    wrk = run_wrk(port, api, workdir, "search api", 16, args.seconds)
    processes.append(wrk)
    phase2 = {"search API": wrk_result(wrk, "search API")}
    print_table("phase 2", phase2)
    figures["phase2"] = phase2

    print(f"\n== phase 3: the mix, {args.mix_seconds} s", flush=True)
    teacher = Teacher(port, facts["plan_id"], facts["step_ids"])
    teacher.log_in()
    mix = {
        "material page": run_wrk(port, materials, workdir, "mix pages", 8, args.mix_seconds),
        "search page": run_wrk(port, page, workdir, "mix search page", 4, args.mix_seconds),
        "search API": run_wrk(port, api, workdir, "mix search api", 4, args.mix_seconds),
    }
    processes.extend(mix.values())
    teacher_errors: list[str] = []
    started = time.monotonic()
    thread = threading.Thread(
        target=teacher.run, args=(started + args.mix_seconds, teacher_errors), daemon=True
    )
    thread.start()
    phase3 = {name: wrk_result(process, name) for name, process in mix.items()}
    thread.join(timeout=60)
    phase3.update(teacher_results(teacher, time.monotonic() - started))
    print_table("phase 3 (mix)", phase3)
    if teacher_errors:
        print("  teacher errors:", teacher_errors)
    figures["phase3"] = phase3
    figures["teacher_errors"] = len(teacher_errors)
    return figures


@dataclass
class Site:
    """Where this run's site lives: its folder, database, cache and environment."""

    workdir: Path
    database_url: str
    redis_url: str
    chosen_redis: str  # a Redis database this run picked for itself (and empties after)
    env: dict


def prepare_site(args) -> Site:
    chosen_redis = ""
    redis_url = args.redis_url
    if not redis_url and redis_answers():
        redis_url = chosen_redis = f"redis://{HOST}:6379/15"
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="kyozai-load-"))
    workdir.mkdir(parents=True, exist_ok=True)
    database_url = f"sqlite:///{workdir / 'db.sqlite3'}"
    if args.database_url:
        from benchmarks.search import recreate_postgres_database

        parts = urlparse(args.database_url)
        name = parts.path.lstrip("/") or "kyozai"
        database_url = urlunparse(parts._replace(path=f"/{name}_load"))
        if not (workdir / "ready.json").exists():
            recreate_postgres_database(database_url)
    env = site_environment(workdir, database_url, redis_url)
    return Site(workdir, database_url, redis_url, chosen_redis, env)


def clean_up(site: Site, args, server_started: bool) -> None:
    """Leave nothing behind that this run made, unless asked to keep the site."""
    if site.chosen_redis:
        clear_redis(site.chosen_redis)
    if args.database_url and not args.keep and not args.workdir:
        from benchmarks.search import drop_postgres_database

        drop_postgres_database(site.database_url)
    if not args.keep and not args.workdir:
        shutil.rmtree(site.workdir, ignore_errors=True)
    elif server_started:
        print(f"  site kept in {site.workdir} (reuse with --workdir {site.workdir})")


def run_load(site: Site, args) -> tuple[dict, object]:
    """Build the site, serve it with gunicorn, run the three phases; figures and memory."""
    facts = build_site(site.workdir, site.env, args.size, args.pages)
    manage(site.env, "collectstatic", "--noinput")
    processes: list[subprocess.Popen] = []
    server = None
    try:
        port = args.port or free_port()
        server = start_gunicorn(site.env, port, args, site.workdir / "gunicorn.log")
        api, page = search_paths()
        started = time.perf_counter()
        warm(port, facts["material_urls"] + page, 1 if site.redis_url else args.workers * 2)
        warm(port, api, 1)
        print(f"  warmed up in {time.perf_counter() - started:.0f} s", flush=True)
        figures = load_phases(port, facts, site.workdir, args, processes)
        memory = worker_memory_mb(server.pid)
        print(f"\nmemory per worker (VmRSS, MB): {memory}")
    finally:
        for process in processes:
            stop(process)
        stop(server)
        clean_up(site, args, server_started=server is not None)
    return figures, memory


def report(figures: dict, memory, site: Site, args) -> None:
    all_rows = [row for phase in ("phase1", "phase2", "phase3") for row in figures[phase].values()]
    server_errors = sum(row["5xx"] for row in all_rows)
    page_rps = figures["phase1"]["material page"]["rps"]
    api_p95 = figures["phase2"]["search API"]["p95_ms"]
    print(
        f"\ntargets: 5xx {server_errors} (0) · cached page {page_rps:.0f} req/s "
        f"(≥ {TARGET_PAGE_RPS}) · search API p95 {api_p95:.1f} ms (≤ {TARGET_API_P95_MS}) · "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(
        json.dumps(
            {
                "cpus": os.cpu_count(),
                "workers": args.workers,
                "worker_class": args.worker_class,
                "cache": "redis" if site.redis_url else "locmem",
                "database": "postgresql" if args.database_url else "sqlite",
                "pages": args.size,
                "5xx": server_errors,
                "page_rps": page_rps,
                "api_p95_ms": api_p95,
                "worker_rss_mb": memory,
                **figures,
            }
        )
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--corpus":
        corpus_child(int(sys.argv[2]), int(sys.argv[3]))
        return
    args = parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: `make load` installs it (Debian's wrk).")
    site = prepare_site(args)
    print(
        f"== Kyozai load: {args.size} pages, {args.workers} {args.worker_class} workers, "
        f"cache {site.redis_url or 'in each worker (no Redis)'}, {os.cpu_count()} cores",
        flush=True,
    )
    # Ctrl-C or a TERM: unwind through `finally`, which stops gunicorn and wrk.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started in background
    figures, memory = run_load(site, args)
    report(figures, memory, site, args)


def clear_redis(url: str) -> None:
    """The keys this run left in the Redis database it picked for itself."""
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match="kyozai:*", count=1000))
    if keys:
        client.delete(*keys)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("interrupted: gunicorn and wrk are stopped")
