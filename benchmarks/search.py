"""Search speed: Kyozai's search service and HTTP API next to stock Wagtail search.

    .venv/bin/python benchmarks/search.py                      # SQLite, 10,000 and 50,000
    .venv/bin/python benchmarks/search.py --sizes 10000        # one size
    .venv/bin/python benchmarks/search.py --database-url postgres://postgres@127.0.0.1:5432/kyozai
    .venv/bin/python benchmarks/search.py --stock-repeats 0    # Kyozai only, no stock Wagtail

For each corpus size it builds a fresh database (a temporary SQLite file, or a throwaway
`<name>_bench` database on the given PostgreSQL server, dropped afterwards — the named
database itself is never touched), fills it with a synthetic bilingual library, indexes it
with Kyozai's index (timed: index_per_s) and with Wagtail's own database search backend,
then times a fixed mix of queries — English, Japanese words inside unspaced runs,
two-character Japanese, with and without facets:

- the service call `search.service.search(...)` (p50_ms, p95_ms);
- the HTTP API `GET /api/v1/search/` over a real socket (api_p95_ms);
- stock Wagtail `LibraryPage.objects.live().search(q)` plus `.facet()` on the two
  FilterFields it can facet on (content type, duration) (stock_p95_ms). Stock search cannot
  filter on grades or activity types (many-to-many), so for the faceted queries it only
  searches and facets — it does less work than Kyozai there.

Every answer is computed (remembered answers are off). Each figure is reported as wall
time and as the process's CPU time (cpu_*: what the call itself costs when the machine
is shared), with the load average before and after the timing. One query has no page with
every word ("introducing yourself"): it times the whole no-dead-ends path (all words,
did-you-mean, most words). `--stock-repeats 0` leaves stock Wagtail out (its indexing
takes minutes at 50,000 pages).

It also counts, for the Japanese mid-run queries, how many each side answered with at
least one result. The last line printed is one JSON object with every figure.
Targets (issue #4): SQLite on 2 cores, p95 ≤ 50 ms at 10,000, not slower than stock,
indexing ≥ 500 pages/s; issue #14: API p95 ≤ 60 ms at 10,000 pages.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode, urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 20240401
REPEATS = 20
# Stock search takes seconds on common words at these sizes: fewer runs keep the whole
# benchmark within minutes (its p95 is then over 12 queries x STOCK_REPEATS calls).
STOCK_REPEATS = 5
# A stock call slower than this is measured once, not repeated.
STOCK_SLOW_S = 5.0
# ...and one slower than this is stopped by the database (SQLite interrupt, PostgreSQL
# statement_timeout) and counted at the deadline: at 50,000 pages a single stock SQLite
# query has taken over four minutes, which would stretch the run past an hour.
STOCK_DEADLINE_S = 30.0
# (label, query, filters, Japanese mid-run?)
QUERIES = [
    ("en: word", "bingo", {}, False),
    ("en: two words", "weather game", {}, False),
    ("en: word forms", "introduction", {}, False),
    ("en: plural", "worksheets", {}, False),
    ("ja: mid-run", "授業案", {}, True),
    ("ja: katakana mid-run", "ビンゴ", {}, True),
    ("ja: mid-run 4", "自己紹介", {}, True),
    ("ja: two characters", "天気", {}, True),
    ("ja: two characters", "動物", {}, True),
    ("en + facets", "game", {"grade": ["ES5", "ES6"], "activity_type": ["game"]}, False),
    ("ja + facets", "天気", {"grade": ["ES5"], "duration": ["11-20"]}, True),
    ("facets only", "", {"grade": ["JHS1"], "type": ["material"]}, False),
    # No page has every word: the all-words search, did-you-mean and the most-words answer.
    ("en: most words", "introducing yourself", {}, False),
    # Issue #14: readings, variants, spellings, word families, the other language.
    ("ja: reading", "てんき", {}, False),
    ("ja: variant", "ハロウィーン", {}, False),
    ("en: spelling", "color", {}, False),
    ("en: family", "summarizing", {}, False),
    ("ja → en", "病院", {}, False),
]

TOPICS = [
    ("weather", "天気"),
    ("animals", "動物"),
    ("food", "食べ物"),
    ("sports", "スポーツ"),
    ("colours", "色"),
    ("numbers", "数字"),
    ("family", "家族"),
    ("school life", "学校生活"),
    ("seasons", "季節"),
    ("jobs", "職業"),
    ("hobbies", "趣味"),
    ("travel", "旅行"),
    ("shopping", "買い物"),
    ("directions", "道案内"),
    ("past tense", "過去形"),
    ("self-introduction", "自己紹介"),
    ("photosynthesis", "光合成"),
    ("festivals", "行事"),
    ("music", "音楽"),
    ("the environment", "環境"),
]
KINDS = [
    ("bingo game", "ビンゴゲーム", "game"),
    ("worksheet", "ワークシート", "worksheet"),
    ("flashcards", "フラッシュカード", "flashcards"),
    ("chant", "チャンツ", "song_chant"),
    ("role-play", "ロールプレイ", "role_play"),
    ("lesson plan", "授業案", "review"),
    ("listening quiz", "リスニングクイズ", "listening_task"),
    ("relay race", "リレー", "game"),
    ("interview activity", "インタビュー活動", "spoken_interaction"),
    ("writing task", "ライティング活動", "writing_task"),
]
OPENERS = [
    "Introducing",
    "Practising",
    "Reviewing",
    "Playing with",
    "Talking about",
    "Learning",
]
EN_SENTENCES = [
    "Students work in pairs and ask each other questions.",
    "The ALT models the key sentence and the JTE checks understanding in Japanese.",
    "Play the game until one team shouts bingo.",
    "Use the flashcards to review vocabulary from the last lesson.",
    "Finish with a short reflection in the students' notebooks.",
    "Games like this keep a big class speaking English.",
]
JA_SENTENCES = [
    "ペアで質問し合い、英語で答える活動です。",
    "ALTが表現を示し、JTEが日本語で理解を確認します。",
    "授業の最後に振り返りシートを書きます。",
    "前時の単語をフラッシュカードで復習します。",
    "グループで協力してゲームを進めます。",
]
GRADES = ["ES3", "ES4", "ES5", "ES6", "JHS1", "JHS2", "JHS3", "SHS1", "SHS2", "SHS3"]
SKILLS = ["listening", "reading", "spoken_interaction", "spoken_production", "writing"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument(
        "--database-url",
        default="",
        help="postgres://… to measure PostgreSQL (a throwaway <name>_bench database is "
        "created on that server and dropped). Default: a temporary SQLite file.",
    )
    parser.add_argument("--repeats", type=int, default=REPEATS, help="timed runs per query")
    parser.add_argument(
        "--stock-repeats", type=int, default=STOCK_REPEATS, help="timed stock runs per query"
    )
    parser.add_argument(
        "--stock-deadline",
        type=float,
        default=STOCK_DEADLINE_S,
        help="seconds after which a stock query is stopped and counted at the deadline",
    )
    return parser.parse_args()


# --- Database set-up ----------------------------------------------------------------------


def bench_database_url(url: str, size: int) -> str:
    if not url:
        return f"sqlite:///{tempfile.gettempdir()}/kyozai-bench-{os.getpid()}-{size}.sqlite3"
    parts = urlparse(url)
    name = parts.path.lstrip("/") or "kyozai"
    return urlunparse(parts._replace(path=f"/{name}_bench"))


def recreate_postgres_database(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_postgres_database(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}"')


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ.pop("ELASTICSEARCH_URL", None)
    # Every timed call does the whole search: remembered answers (search/cache.py) would
    # measure the cache, not the search (benchmarks/load.py shows what they add).
    os.environ["SEARCH_CACHE_SECONDS"] = "0"
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


# --- The synthetic library ------------------------------------------------------------------


def make_text(rng: random.Random, index: int) -> dict:
    topic, topic_ja = TOPICS[index % len(TOPICS)]
    kind, kind_ja, activity = KINDS[(index // len(TOPICS)) % len(KINDS)]
    opener = OPENERS[rng.randrange(len(OPENERS))]
    # Japanese titles are unspaced runs: the words searched for sit in the middle.
    title_ja_forms = [
        f"{topic_ja}の{kind_ja}",
        f"{topic_ja}を学ぼう！{kind_ja}",  # noqa: RUF001 - Japanese punctuation
        f"楽しい{topic_ja}{kind_ja}",
    ]
    return {
        "title": f"{opener} {topic}: {kind} {index}",
        "title_ja": title_ja_forms[index % 3],
        "summary": f"A {kind} about {topic} for a team-taught class. " + rng.choice(EN_SENTENCES),
        "summary_ja": f"{topic_ja}についての{kind_ja}です。" + rng.choice(JA_SENTENCES),
        "body": [
            {
                "type": "steps",
                "value": {
                    "heading": "How to run it",
                    "steps": [rng.choice(EN_SENTENCES) for _ in range(3)],
                },
                "id": str(uuid.UUID(int=rng.getrandbits(128))),
            },
            {
                "type": "rich_text",
                "value": "<p>" + "".join(rng.choice(JA_SENTENCES) for _ in range(3)) + "</p>",
                "id": str(uuid.UUID(int=rng.getrandbits(128))),
            },
        ],
        "activity": activity,
    }


def _insert_local(model, objects) -> None:
    """Bulk insert rows of one table of a multi-table-inherited page model (Django's
    bulk_create refuses child models; the corpus needs tens of thousands of pages fast)."""
    fields = model._meta.local_concrete_fields
    for start in range(0, len(objects), 500):
        model._base_manager._insert(objects[start : start + 500], fields=fields)


def build_corpus(size: int) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.models import Locale, Page

    from library.models import (
        ActivityType,
        ClubActivityPage,
        ClubIndexPage,
        Grade,
        LibraryPage,
        MaterialIndexPage,
        MaterialPage,
        Skill,
        SpeechContestGuidePage,
        SpeechContestIndexPage,
    )

    rng = random.Random(SEED)
    locale = Locale.get_default()
    grades = dict(Grade.objects.values_list("code", "pk"))
    skills = dict(Skill.objects.values_list("code", "pk"))
    activities = dict(ActivityType.objects.values_list("code", "pk"))
    kinds = [
        (MaterialPage, MaterialIndexPage.objects.get(), 0.9),
        (SpeechContestGuidePage, SpeechContestIndexPage.objects.get(), 0.05),
        (ClubActivityPage, ClubIndexPage.objects.get(), 0.05),
    ]
    now = datetime.now(UTC)
    with transaction.atomic():
        for model, parent, share in kinds:
            count = int(size * share)
            content_type = ContentType.objects.get_for_model(model)
            pages, texts = [], []
            for n in range(count):
                text = make_text(rng, len(texts) + (0 if model is MaterialPage else n * 7))
                slug = f"{model._meta.model_name}-{n}"
                published = now - timedelta(minutes=rng.randrange(60 * 24 * 700))
                pages.append(
                    Page(
                        title=text["title"],
                        draft_title=text["title"],
                        slug=slug,
                        content_type=content_type,
                        live=True,
                        has_unpublished_changes=False,
                        path=MaterialPage._get_path(parent.path, parent.depth + 1, n + 1),
                        depth=parent.depth + 1,
                        numchild=0,
                        url_path=f"{parent.url_path}{slug}/",
                        first_published_at=published,
                        last_published_at=published,
                        locale=locale,
                        translation_key=uuid.UUID(int=rng.getrandbits(128)),
                    )
                )
                texts.append(text)
            created = Page.objects.bulk_create(pages, batch_size=500)
            library_rows = [
                LibraryPage(
                    page_ptr_id=page.pk,
                    title_ja=text["title_ja"],
                    summary=text["summary"],
                    summary_ja=text["summary_ja"],
                    body=text["body"],
                    duration_minutes=rng.choice([5, 10, 15, 20, 25, 30, 45, 50]),
                    licence="cc-by",
                )
                for page, text in zip(created, texts, strict=True)
            ]
            _insert_local(LibraryPage, library_rows)
            if model is MaterialPage:
                children = [MaterialPage(librarypage_ptr_id=page.pk) for page in created]
            elif model is SpeechContestGuidePage:
                children = [
                    SpeechContestGuidePage(
                        librarypage_ptr_id=page.pk, category="recitation", time_limit_seconds=180
                    )
                    for page in created
                ]
            else:
                children = [
                    ClubActivityPage(librarypage_ptr_id=page.pk, group_size=4, season="any")
                    for page in created
                ]
            _insert_local(model, children)
            LibraryPage.grades.through.objects.bulk_create(
                [
                    LibraryPage.grades.through(librarypage_id=page.pk, grade_id=grades[code])
                    for page in created
                    for code in rng.sample(GRADES, rng.choice([1, 2]))
                ],
                batch_size=2000,
            )
            LibraryPage.skills.through.objects.bulk_create(
                [
                    LibraryPage.skills.through(librarypage_id=page.pk, skill_id=skills[code])
                    for page in created
                    for code in rng.sample(SKILLS, 2)
                ],
                batch_size=2000,
            )
            LibraryPage.activity_types.through.objects.bulk_create(
                [
                    LibraryPage.activity_types.through(
                        librarypage_id=page.pk,
                        activitytype_id=activities.get(text["activity"], activities["game"]),
                    )
                    for page, text in zip(created, texts, strict=True)
                ],
                batch_size=2000,
            )
            Page.objects.filter(pk=parent.pk).update(numchild=count)


# --- Timing ---------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def timed(call, repeats: int, cpu: list[float] | None = None) -> list[float]:
    """Wall-clock times (ms) of `repeats` calls after a warm-up; the process's CPU time of
    each is added to `cpu` — on a machine shared with other work, the CPU time is what
    the call itself costs, the wall time what a visitor waited."""
    call()  # warm-up: caches, query plans
    out = []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        out.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - start_cpu) * 1000)
    return out


def start_server():
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=True)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


def api_call(port: int, query: str, filters: dict) -> None:
    params = [("q", query)] + [(key, value) for key, values in filters.items() for value in values]
    connection = HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/api/v1/search/?" + urlencode(params))
    response = connection.getresponse()
    body = response.read()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"API answered {response.status}: {body[:200]!r}")


def stock_search(query: str) -> int:
    from library.models import LibraryPage

    pages = LibraryPage.objects.live()
    results = pages.search(query) if query else pages
    hits = list(results[:20])
    if query:
        results.facet("content_type_id")
        results.facet("duration_minutes")
    return len(hits)


@contextmanager
def statement_deadline(seconds: float):
    """Let the database stop a query that runs past `seconds` (OperationalError)."""
    from django.db import connection

    connection.ensure_connection()
    if connection.vendor == "sqlite":
        timer = threading.Timer(seconds, connection.connection.interrupt)
        timer.start()
        try:
            yield
        finally:
            timer.cancel()
        return
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = %s", [int(seconds * 1000)])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")


def time_stock(query: str, repeats: int, deadline: float) -> tuple[list[float], int, bool]:
    """Stock search's times (ms), what it showed, and whether it hit the deadline.

    The first call warms caches and is not counted, unless it is already slow: then it is
    the only measurement. A call stopped at the deadline counts as the deadline itself,
    so the reported stock p95 is a lower bound.
    """
    from django.db.utils import OperationalError

    times: list[float] = []
    shown = 0
    for attempt in range(repeats + 1):
        start = time.perf_counter()
        try:
            with statement_deadline(deadline):
                shown = stock_search(query)
        except OperationalError:
            times.append(deadline * 1000)
            return times, 0, True
        elapsed = time.perf_counter() - start
        if attempt or elapsed > STOCK_SLOW_S:
            times.append(elapsed * 1000)
        if elapsed > STOCK_SLOW_S:
            break
    return times, shown, False


def _memory_kb() -> dict[str, int]:
    """This process's resident, proportional (shared pages split between processes) and
    private memory, from /proc/self/smaps_rollup."""
    found = {}
    with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            name, _colon, rest = line.partition(":")
            if name in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
                found[name] = int(rest.split()[0])
    return found


def analyser_memory() -> dict:
    """What the language analysis costs one worker: memory before and after loading the
    Sudachi tokenizer (its dictionary is a memory-mapped file, shared between workers),
    the JMdict vocabulary and the WordNet families, and analysing a sample."""
    from search.text import bilingual, japanese, variants
    from search.text.tokens import parse_query

    before = _memory_kb()
    japanese.words_of("天気の表現を学ぼう ハロウィンパーティーと仮装パレード")
    bilingual.japanese_to_english()
    bilingual.english_to_japanese()
    variants.derivations()
    parse_query("病院 summarizing", expand=False)
    after = _memory_kb()
    private = lambda kb: kb["Private_Clean"] + kb["Private_Dirty"]  # noqa: E731
    return {
        "analyser_rss_mb": round((after["Rss"] - before["Rss"]) / 1024, 1),
        "analyser_private_mb": round((private(after) - private(before)) / 1024, 1),
    }


def measure(size: int, repeats: int, stock_repeats: int, stock_deadline: float) -> dict:
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    from library.models import ClubActivityPage, MaterialPage, SpeechContestGuidePage
    from search import indexing
    from search.service import search

    memory = analyser_memory()
    print(f"  analyser memory per worker: {memory}", flush=True)
    started = time.perf_counter()
    build_corpus(size)
    print(f"  corpus: {size} pages in {time.perf_counter() - started:.1f} s", flush=True)

    started = time.perf_counter()
    indexed = indexing.rebuild_index("database")
    index_seconds = time.perf_counter() - started
    index_per_s = indexed / index_seconds
    print(f"  Kyozai index: {indexed} pages in {index_seconds:.1f} s = {index_per_s:.0f}/s")

    if stock_repeats:
        started = time.perf_counter()
        backend = get_search_backend()
        for model in (MaterialPage, SpeechContestGuidePage, ClubActivityPage):
            pages = list(model.objects.live().iterator(chunk_size=2000))
            for start in range(0, len(pages), 1000):
                backend.add_bulk(model, pages[start : start + 1000])
        print(
            f"  stock Wagtail index ({type(backend).__name__}): "
            f"{time.perf_counter() - started:.1f} s",
            flush=True,
        )
        del pages

    service_ms, api_ms, stock_ms = [], [], []
    service_cpu_ms, api_cpu_ms = [], []
    load_before = os.getloadavg()[0]
    answered = {"kyozai": 0, "stock": 0}
    midrun = 0
    stock_timeouts = 0
    server = start_server()
    port = server.server_address[1]
    try:
        for label, query, filters, japanese in QUERIES:
            ours = timed(lambda q=query, f=filters: search(q, f), repeats, service_cpu_ms)
            over_http = timed(lambda q=query, f=filters: api_call(port, q, f), repeats, api_cpu_ms)
            if stock_repeats:
                stock, stock_found, timed_out = time_stock(query, stock_repeats, stock_deadline)
            else:
                stock, stock_found, timed_out = [0.0], 0, False
            stock_timeouts += timed_out
            service_ms += ours
            api_ms += over_http
            stock_ms += stock
            found = search(query, filters).total
            if japanese and not filters:
                midrun += 1
                answered["kyozai"] += bool(found)
                answered["stock"] += bool(stock_found)
            stock_said = (
                f"stopped at {stock_deadline:.0f} s" if timed_out else f"{stock_found} shown"
            )
            print(
                f"  {label:<22} {query!r:<24} kyozai {statistics.median(ours):6.1f} ms "
                f"({found} found)  api {statistics.median(over_http):6.1f} ms  "
                f"stock {statistics.median(stock):6.1f} ms ({stock_said})",
                flush=True,
            )
    finally:
        server.shutdown()
        server.server_close()
        connection.close()
    return {
        "p50_ms": round(percentile(service_ms, 0.5), 2),
        "p95_ms": round(percentile(service_ms, 0.95), 2),
        "api_p50_ms": round(percentile(api_ms, 0.5), 2),
        "api_p95_ms": round(percentile(api_ms, 0.95), 2),
        "cpu_p50_ms": round(percentile(service_cpu_ms, 0.5), 2),
        "cpu_p95_ms": round(percentile(service_cpu_ms, 0.95), 2),
        "api_cpu_p95_ms": round(percentile(api_cpu_ms, 0.95), 2),
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "stock_p95_ms": round(percentile(stock_ms, 0.95), 2),
        "index_per_s": round(index_per_s),
        "ja_midrun_queries": midrun,
        "ja_midrun_answered": answered["kyozai"],
        "stock_ja_midrun_answered": answered["stock"],
        "stock_queries_stopped_at_deadline": stock_timeouts,
        **memory,
    }


def run_size(size: int, url: str, repeats: int, stock_repeats: int, deadline: float) -> dict:
    """One corpus size in a child process: a fresh Django per database."""
    import subprocess

    database_url = bench_database_url(url, size)
    if url:
        recreate_postgres_database(database_url)
    else:
        Path(urlparse(database_url).path).unlink(missing_ok=True)
    last = ""
    try:
        with subprocess.Popen(  # noqa: S603 - this script, re-run as a child
            [
                sys.executable,
                __file__,
                "--child",
                str(size),
                database_url,
                str(repeats),
                str(stock_repeats),
                str(deadline),
            ],
            stdout=subprocess.PIPE,
            text=True,
        ) as child:
            for line in child.stdout:
                if last:
                    print(last, flush=True)
                last = line.rstrip("\n")
        if child.returncode:
            raise SystemExit(f"the {size}-page run failed (exit {child.returncode})")
    finally:
        if url:
            drop_postgres_database(database_url)
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(urlparse(database_url).path + suffix).unlink(missing_ok=True)
    return json.loads(last)


def child(size: int, database_url: str, repeats: int, stock_repeats: int, deadline: float) -> None:
    setup_django(database_url)
    migrate()
    from django.db import connection

    print(f"== {size} pages on {connection.vendor}", flush=True)
    print(json.dumps(measure(size, repeats, stock_repeats, deadline)))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]))
        return
    args = parse_args()
    figures: dict[str, object] = {
        "database": "postgresql" if args.database_url else "sqlite",
        "cpus": os.cpu_count(),
    }
    for size in args.sizes:
        figures[str(size)] = run_size(
            size, args.database_url, args.repeats, args.stock_repeats, args.stock_deadline
        )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
