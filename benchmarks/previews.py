"""How fast file previews are made (issue #13.3): `python benchmarks/previews.py` or `make bench`.

Converts real files the way the previews worker does (library/previews/convert.py: the
sandboxed LibreOffice → PDF, pdftoppm → page pictures, pdftotext → words), a few times
each: a six-page PDF worksheet (WeasyPrint), a six-page Word file (python-docx) and a
six-slide PowerPoint file (python-pptx). Prints pages per second for each (the median run;
at most six pages are drawn per file, so a file's pages are its previewed pages) and the
peak memory: of the worker process itself and of the largest converter it started (which
is what PREVIEW_MEMORY_MB must allow). Wall-clock figures depend on what else the machine
is doing; the load average is printed beside them. The last line is one JSON object.
"""

from __future__ import annotations

import io
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

from library.previews.convert import convert_document  # noqa: E402
from library.previews.sandbox import Limits  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
PAGES = 6


def pdf_file() -> bytes:
    from weasyprint import HTML

    pages = "".join(
        f"<section style='page-break-after:always'><h1>Worksheet page {n}</h1>"
        + "<p>Ask your partner: What do you like? I like soccer. Me too!</p>" * 12
        + "</section>"
        for n in range(1, PAGES + 1)
    )
    return HTML(string=f"<html><body>{pages}</body></html>").write_pdf()


def docx_file() -> bytes:
    import docx

    document = docx.Document()
    for n in range(1, PAGES + 1):
        document.add_heading(f"Worksheet page {n}", 0)
        for _ in range(8):
            document.add_paragraph("Ask your partner: What do you like? I like soccer. " * 3)
        document.add_page_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pptx_file() -> bytes:
    import pptx

    presentation = pptx.Presentation()
    for n in range(1, PAGES + 1):
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = f"Slide {n}: What do you like?"
        slide.placeholders[1].text = "I like soccer.\nMe too!\nWho likes baseball?"
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def measure(kind: str, data: bytes, limits: Limits) -> dict:
    times, pages = [], 0
    for _ in range(RUNS):
        started = time.perf_counter()
        converted = convert_document(data, kind, limits)
        times.append(time.perf_counter() - started)
        pages = len(converted.pages)
    median = statistics.median(times)
    return {
        "pages": pages,
        "seconds_median": round(median, 2),
        "seconds_max": round(max(times), 2),
        "pages_per_second": round(pages / median, 2),
    }


def main() -> dict:
    limits = Limits.from_settings()
    files = {"pdf": pdf_file(), "docx": docx_file(), "pptx": pptx_file()}
    figures: dict = {"runs": RUNS, "load_average": os.getloadavg()[0]}
    for kind, data in files.items():
        figures[kind] = measure(kind, data, limits)
        print(f"{kind:5} {figures[kind]}")
    figures["worker_peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    figures["converter_peak_mb"] = round(
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    )
    figures["memory_limit_mb"] = limits.memory_bytes // (1024 * 1024)
    print(
        f"peak memory: worker {figures['worker_peak_mb']} MB, largest converter "
        f"{figures['converter_peak_mb']} MB (limit {figures['memory_limit_mb']} MB); "
        f"load average {figures['load_average']:.1f}"
    )
    print(json.dumps(figures))
    return figures


if __name__ == "__main__":
    main()
