"""Printing must not take the site down (issue 11): a visitor's material page while prints
render in the background.

    .venv/bin/python benchmarks/print_load.py                      # SQLite + Redis db 2
    .venv/bin/python benchmarks/print_load.py --database-url postgres://postgres@127.0.0.1:5432/kyozai_print

It builds a throwaway site (migrated, the demo loaded; PostgreSQL's `<name>_load` database
is created and dropped), then makes print work: 4 plans at the edit limits (built through
the planner's own forms until the page limit refuses a step, as in
tests/lessons/test_print_limits.py) and 16 ordinary ten-step plans, each different, owned by
five teachers (the per-person limit is 4 prints in flight). It serves the site with
gunicorn (2 workers) under the production settings, the page cache off (every visitor page
is rendered: the stricter figure), Redis for the cache when one answers, one default task
worker and one print worker (`nice -n 10 manage.py db_worker`), then:

1. idle: one visitor reads material pages back to back for --seconds → p50/p95;
2. loaded: the teachers ask for the 20 PDFs (the limit plans as 細案, the rest as
   team-teaching plans) and the visitor reads pages again until every print is done →
   p50/p95, the prints' own answers, how long the queue took, the pages printed.

Target: loaded p95 within 2x idle p95, and no error anywhere (no visitor page other than
200, every print asked answered 303, every job done). Everything it starts it stops.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load import (  # noqa: E402
    PYTHON,
    fetch,
    manage,
    percentile,
    redis_answers,
    site_environment,
    start_gunicorn,
    stop,
)

TEACHERS = 5
LIMIT_PLANS = 4
ORDINARY_PLANS = 16


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=30, help="length of the idle phase")
    parser.add_argument("--database-url", default="", help="PostgreSQL server to use")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/2")
    parser.add_argument("--timeout", type=int, default=900, help="most seconds to wait for prints")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    return parser.parse_args()


# --- The site, built in a child process with the site's settings --------------------------


def build_child() -> None:
    """Demo, teachers with sessions, the 20 plans; writes what the load needs."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from lessons.services.editing import update_header
    from library.models import MaterialPage
    from tests.factories.accounts import TeacherFactory
    from tests.factories.sample_plan import build_sample_plan
    from tests.lessons.test_print_limits import build_through_the_editor

    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    teachers, sessions = [], []
    for number in range(TEACHERS):
        teacher = TeacherFactory(username=f"printer{number}")
        session = SessionStore()
        session[SESSION_KEY] = str(teacher.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = teacher.get_session_auth_hash()
        session.create()
        teachers.append(teacher)
        sessions.append(session.session_key)
    prints = []
    for _number in range(LIMIT_PLANS):
        plan, _refused = build_through_the_editor(teachers[0])
        prints.append({"teacher": 0, "plan": plan.pk, "layout": "saian", "limit": True})
    for number in range(ORDINARY_PLANS):
        owner = teachers[1 + number % (TEACHERS - 1)]
        plan = build_sample_plan(owner)
        update_header(plan.pk, owner, {"title": f"{plan.title} ({number})"}, plan.version)
        prints.append({"teacher": 1 + number % (TEACHERS - 1), "plan": plan.pk})
    pages = [page.url for page in MaterialPage.objects.live().order_by("pk")[:40]]
    facts = {"sessions": sessions, "prints": prints, "material_urls": pages}
    Path(os.environ["MEDIA_ROOT"]).parent.joinpath("site.json").write_text(json.dumps(facts))


def build_site(workdir: Path, env: dict[str, str]) -> dict:
    started = time.perf_counter()
    manage(env, "migrate", "--noinput")
    subprocess.run([PYTHON, __file__, "--build"], cwd=ROOT, env=env, check=True)  # noqa: S603
    manage(env, "collectstatic", "--noinput")
    print(f"  site built in {time.perf_counter() - started:.0f} s", flush=True)
    return json.loads((workdir / "site.json").read_text())


# --- Processes ------------------------------------------------------------------------------


def start_workers(env: dict[str, str], log: Path) -> list[subprocess.Popen]:
    """One worker for other jobs, one print worker at a lower CPU priority (as `make run`)."""
    commands = [
        ["db_worker", "--backend", "default", "--queue-name", "default", "--no-reload"],
        ["db_worker", "--backend", "printing", "--queue-name", "printing", "--no-reload"],
    ]
    workers = []
    for number, command in enumerate(commands):
        prefix = ["nice", "-n", "10"] if "printing" in command else []
        workers.append(
            subprocess.Popen(  # noqa: S603 - our own manage.py
                [*prefix, PYTHON, "manage.py", *command],
                cwd=ROOT,
                env=env,
                stdout=log.with_suffix(f".{number}.log").open("w"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    return workers


# --- The visitor and the teachers -------------------------------------------------------------


def visit(port: int, urls: list[str], until, errors: list[str]) -> list[float]:
    """Material pages back to back, as one visitor clicking through; ms per page."""
    times, turn = [], 0
    while not until():
        path = urls[turn % len(urls)]
        started = time.perf_counter()
        status, _headers, _body = fetch(port, path)
        times.append((time.perf_counter() - started) * 1000)
        if status != 200:
            errors.append(f"visitor {path}: HTTP {status}")
        turn += 1
    return times


def ask_for_prints(port: int, facts: dict, errors: list[str]) -> tuple[list[str], list[float]]:
    """Each teacher asks for their PDFs; returns the jobs' JSON addresses and answer times."""
    jobs, times = [], []
    for item in facts["prints"]:
        cookie = {"Cookie": f"sessionid={facts['sessions'][item['teacher']]}"}
        layout = item.get("layout", "team_teaching")
        path = f"/lessons/{item['plan']}/print/pdf/?layout={layout}"
        started = time.perf_counter()
        status, headers, _body = fetch(port, path, headers=cookie)
        times.append((time.perf_counter() - started) * 1000)
        location = dict(headers).get("Location", "")
        if status != 303 or "/print/jobs/" not in location:
            errors.append(f"print {path}: HTTP {status}")
            continue
        jobs.append((location.split("?")[0] + "?format=json", cookie))
    return jobs, times


def poll_jobs(port: int, jobs, state: dict, errors: list[str], timeout: float) -> None:
    """Until every job is done (or the time is up): their JSON every second."""
    deadline = time.monotonic() + timeout
    waiting = list(jobs)
    while waiting and time.monotonic() < deadline:
        still = []
        for path, cookie in waiting:
            status, _headers, body = fetch(port, path, headers=cookie)
            answer = json.loads(body or b"{}")
            if status == 202:
                still.append((path, cookie))
            elif status == 200:
                state["pages"].append(answer.get("pages") or 0)
            else:
                errors.append(f"job {path}: HTTP {status} {answer.get('message', '')}")
        waiting = still
        time.sleep(1)
    if waiting:
        errors.append(f"{len(waiting)} prints not done after {timeout:.0f} s")
    state["done"] = True


def summary(times: list[float]) -> dict:
    return {
        "requests": len(times),
        "p50_ms": round(percentile(times, 0.50), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1),
    }


def measure(port: int, facts: dict, args) -> dict:
    import threading

    errors: list[str] = []
    urls = facts["material_urls"]
    for path in urls:  # warm each worker's templates and queries
        fetch(port, path)
    idle_until = time.monotonic() + args.seconds
    idle = visit(port, urls, lambda: time.monotonic() > idle_until, errors)
    print(f"  idle: {summary(idle)}", flush=True)

    state = {"done": False, "pages": []}
    started = time.perf_counter()
    jobs, asked = ask_for_prints(port, facts, errors)
    poller = threading.Thread(
        target=poll_jobs, args=(port, jobs, state, errors, args.timeout), daemon=True
    )
    poller.start()
    loaded = visit(port, urls, lambda: state["done"], errors)
    poller.join()
    drained = time.perf_counter() - started
    return {
        "idle": summary(idle),
        "loaded": summary(loaded),
        "print_requests": summary(asked),
        "prints_done": len(state["pages"]),
        "pages_printed": sum(state["pages"]),
        "largest_print_pages": max(state["pages"], default=0),
        "queue_seconds": round(drained, 1),
        "errors": errors,
    }


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--build":
        build_child()
        return
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="kyozai-print-load-"))
    database_url = f"sqlite:///{workdir / 'db.sqlite3'}"
    if args.database_url:
        from benchmarks.search import recreate_postgres_database

        parts = urlparse(args.database_url)
        name = parts.path.lstrip("/") or "kyozai"
        database_url = urlunparse(parts._replace(path=f"/{name}_load"))
        recreate_postgres_database(database_url)
    redis_url = args.redis_url if redis_answers() else ""
    env = site_environment(workdir, database_url, redis_url)
    env.update(
        PAGE_CACHE_SECONDS="0",
        TASK_BACKEND="database",
        PRINT_RESULTS_ROOT=str(workdir / "prints"),
    )
    print(
        f"== Kyozai print load: {LIMIT_PLANS} limit plans + {ORDINARY_PLANS} plans, "
        f"gunicorn 2 workers + 1 print worker, {os.cpu_count()} cores, "
        f"{'PostgreSQL' if args.database_url else 'SQLite'}, cache {redis_url or 'in memory'}",
        flush=True,
    )
    processes: list[subprocess.Popen] = []
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        facts = build_site(workdir, env)
        port = 8121  # this worktree's range (8120-8129)
        gunicorn = argparse.Namespace(workers=2, worker_class="gthread", threads=4)
        processes.append(start_gunicorn(env, port, gunicorn, workdir / "gunicorn.log"))
        processes.extend(start_workers(env, workdir / "worker"))
        figures = measure(port, facts, args)
    finally:
        for process in processes:
            stop(process)
        if redis_url:
            from benchmarks.load import clear_redis

            clear_redis(redis_url)
        if args.database_url:
            from benchmarks.search import drop_postgres_database

            drop_postgres_database(database_url)
        if args.keep:
            print(f"  kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    ratio = figures["loaded"]["p95_ms"] / max(figures["idle"]["p95_ms"], 0.1)
    print(
        f"\nmaterial page p95: idle {figures['idle']['p95_ms']} ms, with prints in flight "
        f"{figures['loaded']['p95_ms']} ms ({ratio:.2f}x; target ≤ 2x) · "
        f"{figures['prints_done']} prints done ({figures['pages_printed']} pages, the largest "
        f"{figures['largest_print_pages']}) in {figures['queue_seconds']} s · "
        f"print requests p95 {figures['print_requests']['p95_ms']} ms · "
        f"errors {len(figures['errors'])}"
    )
    for error in figures["errors"][:20]:
        print(f"  error: {error}")
    print(json.dumps({**figures, "p95_ratio": round(ratio, 2)}))


if __name__ == "__main__":
    main()
