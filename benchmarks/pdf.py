"""How fast Kyozai prints (issue #6): `python benchmarks/pdf.py` or `make bench`.

STAND-IN LAYOUT: until the lesson planner's real PDF layouts exist (lessons/pdf/…), this
renders a stand-in lesson plan defined below — the same shape as the real one (header with
class, date, unit, goal and CAN-DO; a ten-row 本時の展開 table Time | Phase | Student
activity | JTE | ALT | Materials; notes; a materials list with QR codes) through the real
renderer (printing.render_pdf, templates/printing/base_pdf.html, the print fetcher, fonts,
cache). Switch PLAN_TEMPLATE to the real plan template when it lands.

Measures, on a warm process: the two-page plan in Japanese+English and the same plan in
Latin-only text (p50/p95 over many runs, interleaved), the PDF's size, the process's peak
memory, a cached re-download (cache hit + HTTP response), and a twenty-page plan.
Wall-clock times depend on what else the machine is doing, so CPU times and the load
average are printed beside them (extra keys in the JSON line).
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

from django.template import engines  # noqa: E402

from printing.cache import PdfKey, cached_pdf  # noqa: E402
from printing.inspect import embedded_fonts, page_sizes  # noqa: E402
from printing.render import render_pdf  # noqa: E402
from printing.responses import pdf_response  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "30"))

# The stand-in plan layout (see the module docstring).
PLAN_TEMPLATE = engines["django"].from_string(
    """{% extends "printing/base_pdf.html" %}{% load printing_tags %}
{% block pdf_styles %}<style>
  .plan-head { width: 100%; margin-bottom: 3mm; }
  .plan-head th { width: 16%; }
  .flow th, .flow td { font-size: 8.5pt; padding: 1.2mm 1.5mm; }
  .flow .time { width: 8%; text-align: center; }
  .flow .phase { width: 10%; }
  .materials td { vertical-align: middle; }
  .materials .qr { width: 15mm; height: 15mm; }
</style>{% endblock %}
{% block content %}{% with labels=plan.labels %}
<h1>{{ plan.title }}</h1>
<table class="plan-head">
  <tr>
    <th>{{ labels.class }}</th><td>{{ plan.class_name }}</td>
    <th>{{ labels.date }}</th><td>{{ plan.date }}</td>
  </tr>
  <tr><th>{{ labels.unit }}</th><td colspan="3">{{ plan.unit }}</td></tr>
  <tr><th>{{ labels.goal }}</th><td colspan="3">{{ plan.goal }}</td></tr>
  <tr><th>CAN-DO</th><td colspan="3">{{ plan.can_do }}</td></tr>
</table>
<h2>{{ labels.flow }}</h2>
<table class="flow">
  <thead><tr>
    <th class="time">{{ labels.time }}</th><th class="phase">{{ labels.phase }}</th>
    <th>{{ labels.activity }}</th><th>JTE</th><th>ALT</th><th>{{ labels.materials }}</th>
  </tr></thead>
  <tbody>{% for step in plan.steps %}<tr>
    <td class="time">{{ step.minutes }}</td><td class="phase">{{ step.phase }}</td>
    <td>{{ step.activity }}</td><td>{{ step.jte }}</td><td>{{ step.alt }}</td>
    <td>{{ step.material }}</td>
  </tr>{% endfor %}</tbody>
</table>
<h2>{{ labels.notes }}</h2><p>{{ plan.notes }}</p>
<h2>{{ labels.materials }}</h2>
<table class="materials"><tbody>{% for link in plan.links %}
  <tr>
    <td>{{ link.title }}<br><span class="url">{{ link.url }}</span></td>
    <td style="width: 19mm">{% qr_code link.url %}</td>
  </tr>
{% endfor %}</tbody></table>
{% endwith %}{% endblock %}"""
)

# Step and plan text, as teachers write it (the Japanese plan mixes in English).
JAPANESE = {
    "labels": {
        "class": "学年・組",
        "date": "日時",
        "unit": "単元名",
        "goal": "本時の目標",
        "flow": "本時の展開",
        "time": "時間",
        "phase": "段階",
        "activity": "学習活動",
        "materials": "教材",
        "notes": "留意点",
    },
    "step": {
        "phase": "導入",
        "activity": "Small Talk: 週末の出来事についてペアで話す。Did you enjoy your weekend?",
        "jte": "生徒の発話を支援し、つまずいている生徒に表現のヒントを与える。",
        "alt": "Models the conversation with the JTE and gives feedback on pronunciation.",
        "material": "ワークシート①",
    },
    "plan": {
        "title": "第2学年 英語科学習指導案 Unit 3 My Summer Vacation",
        "class_name": "中学2年3組 (32名)",
        "date": "令和7年6月12日 (木) 第3校時",
        "unit": "NEW HORIZON 2 Unit 3 「My Summer Vacation」 "
        "過去形を使って夏休みの思い出を伝えよう",
        "goal": "夏休みの出来事について、過去形を用いて友達に伝えることができる。",
        "can_do": "自分の経験について、簡単な語句や文を用いて即興で伝え合うことができる。",
        "notes": "ペア活動では、相手の発話に対してリアクションをするよう指導する。"
        "評価は【思考・判断・表現】の観点で行う。",
    },
}
LATIN = {
    "labels": {
        "class": "Class",
        "date": "Date",
        "unit": "Unit",
        "goal": "Goal",
        "flow": "Lesson flow",
        "time": "Min",
        "phase": "Phase",
        "activity": "Student activity",
        "materials": "Materials",
        "notes": "Notes",
    },
    "step": {
        "phase": "Warm-up",
        "activity": "Small Talk: students talk in pairs about their weekend. Did you enjoy it?",
        "jte": "Supports students' speaking and gives hints to those who get stuck.",
        "alt": "Models the conversation with the JTE and gives feedback on pronunciation.",
        "material": "Worksheet 1",
    },
    "plan": {
        "title": "Grade 2 English lesson plan, Unit 3 My Summer Vacation",
        "class_name": "JHS 2, class 3 (32 students)",
        "date": "Thursday 12 June 2025, period 3",
        "unit": "NEW HORIZON 2 Unit 3 My Summer Vacation: "
        "telling friends about the holidays in the past tense",
        "goal": "Students can tell a friend about their summer holidays using the past tense.",
        "can_do": "I can talk about my experiences on the spot using simple words and sentences.",
        "notes": "In pair work, remind students to react to their partner. "
        "Evaluate thinking, judgement and expression.",
    },
}


def _plan(japanese: bool, steps: int = 10) -> dict:
    """A realistic plan: ten five-minute steps of a 50-minute JHS2 lesson."""
    text = JAPANESE if japanese else LATIN
    step = text["step"]
    return {
        **text["plan"],
        "labels": text["labels"],
        "steps": [{**step, "minutes": 5} for _ in range(steps)],
        "links": [
            {
                "title": f"{step['material']} {n}",
                "url": f"https://kyozai.example.org/library/material-{n}/",
            }
            for n in range(1, 4)
        ],
    }


def render_plan(japanese: bool, steps: int = 10) -> bytes:
    plan = _plan(japanese, steps)
    return render_pdf(
        PLAN_TEMPLATE,
        {"plan": plan},
        paper="A4",
        title=plan["title"],
        language="ja" if japanese else "en",
        footer_note="https://kyozai.example.org/lessons/1/",
    )


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


def _cached_view_ms() -> float | None:
    """A cached re-download through the real URL, middleware and page lookup, when the
    configured database has a live library page (after `make demo`); None otherwise."""
    from django.db import DatabaseError
    from django.test import Client
    from django.urls import reverse

    try:
        from library.models import LibraryPage

        page = LibraryPage.objects.live().public().first()
    except DatabaseError:
        return None
    if page is None:
        return None
    client = Client(HTTP_HOST="127.0.0.1")
    url = reverse("printables:material_pdf", kwargs={"page_id": page.pk})
    if client.get(url).status_code != 200:
        return None
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
        f"ja    p50 {statistics.median(ja_ms):7.1f} ms  p95 {_percentile(ja_ms, 0.95):7.1f} ms"
        f"  (CPU p50 {statistics.median(ja_cpu):.1f} ms; {RUNS} runs)"
    )
    print(
        f"latin p50 {statistics.median(latin_ms):7.1f} ms  "
        f"p95 {_percentile(latin_ms, 0.95):7.1f} ms  "
        f"(CPU p50 {statistics.median(latin_cpu):.1f} ms)"
    )

    # A cached re-download: cache hit (Django's configured cache) + the HTTP response.
    key = PdfKey("benchmark_plan", 1, "v1", "stand_in", "A4", "ja")
    cached_pdf(key, lambda: ja_pdf)
    cached_ms = []
    for _ in range(200):
        started = time.perf_counter()
        body = b"".join(
            pdf_response(cached_pdf(key, lambda: render_plan(True)), "plan").streaming_content
        )
        cached_ms.append((time.perf_counter() - started) * 1000)
    assert body == ja_pdf
    print(f"cached re-download p50 {statistics.median(cached_ms):.2f} ms (cache hit + response)")
    view_ms = _cached_view_ms()
    if view_ms is not None:
        cached_ms = [view_ms]
        print(f"cached re-download through the whole view p50 {view_ms:.2f} ms")

    # Twenty pages: enough steps to fill them.
    steps = 10
    while len(page_sizes(render_plan(True, steps))) < 20:
        steps += 10
    while len(page_sizes(render_plan(True, steps - 1))) >= 20:
        steps -= 1
    twenty, twenty_cpu = [], []
    for _ in range(3):
        pdf, wall, cpu = _timed(render_plan, True, steps)
        twenty.append(wall / 1000)
        twenty_cpu.append(cpu / 1000)
    print(
        f"20-page plan ({steps} steps, {len(page_sizes(pdf))} pages, {len(pdf):,} bytes): "
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
                "twenty_page_peak_rss_mb": round(_peak_rss_mb(), 1),
                "load_avg_1m": round(os.getloadavg()[0], 1),
            }
        )
    )


if __name__ == "__main__":
    main()
