"""A material page's server time and queries, rendered afresh (no full-page cache).

    .venv/bin/python benchmarks/material_page.py
    .venv/bin/python benchmarks/material_page.py --database-url postgres://postgres@127.0.0.1:5432/kyozai

Builds a throwaway site with production settings (DEBUG off, the page cache off, a
temporary SQLite file or a `<name>_bench` database on the given PostgreSQL server, dropped
afterwards), loads the demo library (which stores every page's related materials), then
asks for every demo material page through django.test.Client in this process, as an
anonymous visitor: one warm-up round, then REPEATS timed rounds. It prints p50/p95 server
time and the median query count per page, then one JSON line.

Issue #13's figure to beat (before stored related materials): about 58 ms and 29 queries.
Issue #18's target: p50 ≤ 15 ms and ≤ 10 queries.
"""

import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REPEATS = 10


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bench_database(url: str | None, workdir: Path) -> tuple[str, callable]:
    """The database URL to build the site in, and how to drop it afterwards."""
    if not url:
        return f"sqlite:///{workdir / 'bench.sqlite3'}", lambda: None
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/") + "_bench"
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunparse(parts._replace(path=f"/{name}")), drop


def configure(database_url: str, workdir: Path) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(workdir / "media"),
        ALLOWED_HOSTS="testserver,127.0.0.1",
        SITE_URL="http://testserver",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        PAGE_CACHE_SECONDS="0",
        SEARCH_CACHE_SECONDS="0",
    )
    for key in ("ELASTICSEARCH_URL", "SEARCH_BACKEND", "REDIS_URL"):
        os.environ.pop(key, None)


def build() -> list[str]:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings

    # No collectstatic here: plain static storage instead of the manifest.
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()

    from library.models import MaterialPage

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"  site built in {time.perf_counter() - started:.0f} s", flush=True)
    return [page.url for page in MaterialPage.objects.live().order_by("pk")]


def measure(urls: list[str], repeats: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    times: list[float] = []
    queries: list[int] = []
    for url in urls:  # warm-up: templates, doc values, connection
        assert client.get(url).status_code == 200, url
    for _ in range(repeats):
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, url
            queries.append(len(captured.captured_queries))
    return {
        "pages": len(urls),
        "requests": len(times),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "queries_median": statistics.median(queries),
        "queries_max": max(queries),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="a PostgreSQL server URL (default: SQLite)")
    parser.add_argument("--repeats", type=int, default=REPEATS)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="kyozai-material-page-"))
    database_url, drop = bench_database(args.database_url, workdir)
    configure(database_url, workdir)
    try:
        urls = build()
        figures = measure(urls, args.repeats)
    finally:
        drop()
    figures["database"] = "postgresql" if args.database_url else "sqlite"
    print(
        f"material page ({figures['database']}, {figures['pages']} pages x {args.repeats}): "
        f"p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, "
        f"{figures['queries_median']} queries (max {figures['queries_max']})"
    )
    print(json.dumps({"benchmark": "material_page", **figures}))


if __name__ == "__main__":
    main()
