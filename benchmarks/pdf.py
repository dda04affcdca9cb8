"""How fast Kyozai prints (issue #6): `python benchmarks/pdf.py` or `make bench`.

Renders the REAL lesson plan layouts (lessons/printing: the team-teaching plan and the
学習指導案 略案/細案, templates/lessons/pdf/) through the real renderer (printing.render_pdf,
templates/printing/base_pdf.html, the print fetcher, fonts, cache) for a realistic ten-step
JHS2 plan (tests/factories/sample_plan.py) created in a throwaway test database, which is
destroyed at the end: the benchmark never touches the development database.

Measures, on a warm process: the two-page plan with Japanese+English text and the same plan
in Latin-only text, both in the team-teaching layout (p50/p95 over many runs, interleaved),
the 略案 and 細案 of the Japanese plan, the PDF's size, the process's peak memory, a cached
re-download through the real print URL (login, plan lookup, cache hit, response), and a
twenty-page plan. Wall-clock times depend on what else the machine is doing, so CPU times
and the load average are printed beside them (extra keys in the JSON line).
Targets: ja ≤ 1.3x latin, ja p50 ≤ 400 ms, cached ≤ 20 ms, PDF ≤ 200 KB, peak ≤ 250 MB,
20 pages ≤ 3 s. The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django

django.setup()

from django.db import connection  # noqa: E402

from lessons.printing.layouts import plan_print  # noqa: E402
from printing.inspect import embedded_fonts, page_sizes  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "30"))
PLANS: dict[str, object] = {}


def _make_plans() -> None:
    """The sample plans, built through the planner's services in the throwaway database."""
    from lessons.models import LessonPlan, LessonStep
    from tests.factories.accounts import TeacherFactory
    from tests.factories.sample_plan import build_sample_plan

    owner = TeacherFactory(username="bench", display_name="田中 花子")
    PLANS["owner"] = owner
    PLANS["ja"] = build_sample_plan(owner)
    PLANS["latin"] = build_sample_plan(owner, latin=True)
    # The long plan: forty steps (the planner's limit) with long step texts, filled in
    # directly so the text can grow until the 略案 reaches twenty pages.
    long_plan = build_sample_plan(owner, steps=40)
    PLANS["long"] = LessonPlan.objects.for_header().get(pk=long_plan.pk)
    PLANS["long_steps"] = list(LessonStep.objects.filter(plan=long_plan).order_by("position"))


def _set_long_text(repeat: int) -> None:
    """Each step's activity and JTE/HRT text written `repeat` times (within the limits)."""
    from lessons.models import LessonStep

    originals = PLANS.setdefault(
        "long_text", [(step.student_activity, step.jte_role) for step in PLANS["long_steps"]]
    )
    for step, (activity, jte) in zip(PLANS["long_steps"], originals, strict=True):
        step.student_activity = "\n".join([activity] * repeat)[:1500]
        step.jte_role = "\n".join([jte] * repeat)[:1500]
    LessonStep.objects.bulk_update(PLANS["long_steps"], ["student_activity", "jte_role"])


def render_plan(japanese: bool, layout: str = "team_teaching", which: str = "") -> bytes:
    """One real render of a plan (no cache): the view's own path minus the HTTP part."""
    plan = PLANS[which or ("ja" if japanese else "latin")]
    printout = plan_print(plan, layout, "ja" if japanese else "en")
    return printout.render("A4")


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _rss_mb() -> float:
    """Resident memory now (Linux), in MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(function, *args) -> tuple[bytes, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _cached_view_ms() -> float:
    """A re-download of a finished print through the real print URL: session, plan lookup
    and access check, content version, the job found by its key, the file streamed."""
    from django.test import Client
    from django.urls import reverse

    from tests.printing.worker import run_queued_jobs

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(PLANS["owner"])
    url = reverse("lesson_printing:pdf", args=[PLANS["ja"].pk]) + "?language=ja"
    assert client.get(url).status_code == 303  # queued for the background worker
    run_queued_jobs()
    assert client.get(url).status_code == 200
    times = []
    for _ in range(50):
        started = time.perf_counter()
        response = client.get(url)
        b"".join(response.streaming_content)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    baseline_mb = _rss_mb()
    # Warm up: WeasyPrint import, fontconfig, HarfBuzz, template loading.
    for _ in range(3):
        render_plan(True)
        render_plan(False)

    ja_ms, latin_ms, ja_cpu, latin_cpu = [], [], [], []
    for _ in range(RUNS):
        ja_pdf, wall, cpu = _timed(render_plan, True)
        ja_ms.append(wall)
        ja_cpu.append(cpu)
        latin_pdf, wall, cpu = _timed(render_plan, False)
        latin_ms.append(wall)
        latin_cpu.append(cpu)
    # The 学習指導案 of the Japanese plan, short and full form.
    shidouan_ms: dict[str, list[float]] = {"ryakuan": [], "saian": []}
    for _ in range(max(5, RUNS // 3)):
        for layout, times in shidouan_ms.items():
            shidouan_pdf, wall, _cpu = _timed(render_plan, True, layout)
            times.append(wall)
    # Peak memory of the process after many two-page renders (before the 20-page one).
    peak_rss_mb = _peak_rss_mb()

    ja_pages, latin_pages = len(page_sizes(ja_pdf)), len(page_sizes(latin_pdf))
    print(
        f"Japanese plan: {ja_pages} pages, {len(ja_pdf):,} bytes, fonts: "
        + ", ".join(
            f"{f.name} ({f.file_bytes:,} B{' subset' if f.is_subset else ''})"
            for f in embedded_fonts(ja_pdf)
        )
    )
    print(f"Latin plan:    {latin_pages} pages, {len(latin_pdf):,} bytes")
    print(
        f"細案 (full form): {len(page_sizes(shidouan_pdf))} pages, {len(shidouan_pdf):,} bytes; "
        f"略案 p50 {statistics.median(shidouan_ms['ryakuan']):.1f} ms, "
        f"細案 p50 {statistics.median(shidouan_ms['saian']):.1f} ms"
    )
    print(
        f"ja    p50 {statistics.median(ja_ms):7.1f} ms  p95 {_percentile(ja_ms, 0.95):7.1f} ms"
        f"  (CPU p50 {statistics.median(ja_cpu):.1f} ms; {RUNS} runs)"
    )
    print(
        f"latin p50 {statistics.median(latin_ms):7.1f} ms  "
        f"p95 {_percentile(latin_ms, 0.95):7.1f} ms  "
        f"(CPU p50 {statistics.median(latin_cpu):.1f} ms)"
    )

    view_ms = _cached_view_ms()
    cached_ms = [view_ms]
    print(f"cached re-download through the whole view p50 {view_ms:.2f} ms")

    # Twenty pages: the forty-step plan's 略案 with longer and longer step texts.
    repeat = 1
    _set_long_text(repeat)
    while len(page_sizes(render_plan(True, "ryakuan", "long"))) < 20 and repeat < 12:
        repeat += 1
        _set_long_text(repeat)
    twenty, twenty_cpu = [], []
    for _ in range(3):
        pdf, wall, cpu = _timed(render_plan, True, "ryakuan", "long")
        twenty.append(wall / 1000)
        twenty_cpu.append(cpu / 1000)
    print(
        f"long plan (40 steps, texts x{repeat}, {len(page_sizes(pdf))} pages, "
        f"{len(pdf):,} bytes): "
        f"{statistics.median(twenty):.2f} s (CPU {statistics.median(twenty_cpu):.2f} s)"
    )

    print(
        f"peak RSS {peak_rss_mb:.0f} MB after the two-page renders (Django + WeasyPrint; "
        f"{baseline_mb:.0f} MB before the first render), {_peak_rss_mb():.0f} MB after 20 pages"
    )
    print(
        f"ja/latin ratio {statistics.median(ja_ms) / statistics.median(latin_ms):.2f} wall, "
        f"{statistics.median(ja_cpu) / statistics.median(latin_cpu):.2f} CPU; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(
        json.dumps(
            {
                "ja_p50_ms": round(statistics.median(ja_ms), 1),
                "ja_p95_ms": round(_percentile(ja_ms, 0.95), 1),
                "latin_p50_ms": round(statistics.median(latin_ms), 1),
                "cached_ms": round(statistics.median(cached_ms), 2),
                "pdf_bytes": len(ja_pdf),
                "peak_rss_mb": round(peak_rss_mb, 1),
                "twenty_page_s": round(statistics.median(twenty), 2),
                "ja_p50_cpu_ms": round(statistics.median(ja_cpu), 1),
                "latin_p50_cpu_ms": round(statistics.median(latin_cpu), 1),
                "twenty_page_cpu_s": round(statistics.median(twenty_cpu), 2),
                "ryakuan_p50_ms": round(statistics.median(shidouan_ms["ryakuan"]), 1),
                "saian_p50_ms": round(statistics.median(shidouan_ms["saian"]), 1),
                "twenty_page_peak_rss_mb": round(_peak_rss_mb(), 1),
                "load_avg_1m": round(os.getloadavg()[0], 1),
            }
        )
    )


def run() -> None:
    """main() inside a throwaway test database (created, migrated, destroyed)."""
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        _make_plans()
        main()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    run()
