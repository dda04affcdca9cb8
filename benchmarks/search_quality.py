"""Search quality: Kyozai's search next to a BM25 baseline on judged queries (issue #14).

    .venv/bin/python benchmarks/search_quality.py                  # SQLite
    .venv/bin/python benchmarks/search_quality.py --per-query      # and every query's figures
    .venv/bin/python benchmarks/search_quality.py --database-url postgres://postgres@127.0.0.1:5432/kyozai

It builds a fresh database the way benchmarks/search.py does (a temporary SQLite file, or a
throwaway `<name>_bench` database on the given PostgreSQL server, dropped afterwards), imports
the demo library (demo/content/demo_library.jsonl, 88 pages) and 320 synthetic pages
(benchmarks/quality/synthetic.py: seeded, the same every run) through the import command's
own code, publishes them and builds Kyozai's database index.

Every query in benchmarks/quality/queries.json (judged 0-3 by page slug, from the pages'
content, before the search was tuned) is then answered by:

- Kyozai: `search.service.search(query, page_size=10)`, the service the page and the API
  use, with remembered answers off (SEARCH_CACHE_SECONDS=0), on the database backend;
- BM25: `rank_bm25.BM25Okapi` (k1=1.5, b=0.75) over the same live public pages' English and
  Japanese title, summary and body text (not tags, taxonomy or textbook units, which
  Kyozai also indexes). Tokens: text lowercased (NFKC); runs of Latin letters and digits are
  words split at whitespace and punctuation, no stemming; runs of Japanese (kanji, kana) become
  overlapping character bigrams (a run of one character stays one token). Queries are
  tokenised the same way; pages scoring 0 are not returned.

It prints, per kind of query and overall (the mean over queries), nDCG@10 and recall@10 for
both (benchmarks/quality/measures.py says how they are computed) and the dead ends: judged
queries with relevant pages that got no result at all. The last line is one JSON object with
the same figures.
"""

import argparse
import json
import re
import statistics
import sys
import tempfile
import unicodedata
from collections import defaultdict
from importlib import util
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.quality import measures, synthetic  # noqa: E402

BM25_K1 = 1.5
BM25_B = 0.75
# Latin words, or runs of Japanese script (CJK ideographs, the iteration mark, kana, the
# prolonged sound mark).
TOKEN = re.compile(r"[0-9a-z]+|[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]+")


def _search_benchmark():
    """benchmarks/search.py's database set-up, loaded by path: as a module named `search`
    it would shadow Kyozai's search app."""
    spec = util.spec_from_file_location("search_speed_benchmark", ROOT / "benchmarks" / "search.py")
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default="",
        help="postgres://… to run on PostgreSQL (a throwaway <name>_bench database is "
        "created on that server and dropped). Default: a temporary SQLite file.",
    )
    parser.add_argument(
        "--per-query", action="store_true", help="also print each query's figures and top 3"
    )
    return parser.parse_args()


# --- The library ------------------------------------------------------------------------------


def load_library() -> int:
    """The demo and the synthetic pages, imported and published, and Kyozai's index built."""
    from demo.library import load_demo_library
    from library.importing import import_library
    from search import indexing

    load_demo_library()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.jsonl"
        path.write_text(
            "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in synthetic.pages()),
            encoding="utf-8",
        )
        import_library(path, publish=True)
    return indexing.rebuild_index("database")


def page_texts() -> dict[str, str]:
    """Slug -> the text BM25 reads, for the pages anyone may see."""
    from django.utils.html import strip_tags

    from library.models import LibraryPage

    texts = {}
    for page in LibraryPage.objects.visible_to(None).order_by("pk"):
        body = page.body.stream_block.get_searchable_content(page.body)
        texts[page.slug] = "\n".join(
            [page.title, page.title_ja, page.summary, page.summary_ja]
            + [strip_tags(str(piece)) for piece in body if piece]
        )
    return texts


# --- The two searches ------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    out: list[str] = []
    for run in TOKEN.findall(unicodedata.normalize("NFKC", text).lower()):
        if run[0].isascii() or len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


class BM25Baseline:
    def __init__(self, texts: dict[str, str]) -> None:
        from rank_bm25 import BM25Okapi

        self.slugs = list(texts)
        self.index = BM25Okapi([tokens(texts[slug]) for slug in self.slugs], k1=BM25_K1, b=BM25_B)

    def search(self, query: str, k: int = measures.K) -> list[str]:
        query_tokens = tokens(query)
        if not query_tokens:
            return []
        scores = self.index.get_scores(query_tokens)
        ranked = sorted(
            (index for index, score in enumerate(scores) if score > 0),
            key=lambda index: -scores[index],
        )
        return [self.slugs[index] for index in ranked[:k]]


def kyozai_search(query: str, k: int = measures.K) -> list[str]:
    from search.service import InvalidSearch, search

    try:
        results = search(query, page_size=k)
    except InvalidSearch as refused:
        print(f"  Kyozai refused {query!r}: {refused}", flush=True)
        return []
    return [hit.slug for hit in results.hits]


# --- Figures ---------------------------------------------------------------------------------


def evaluate(queries, systems: dict, per_query: bool) -> dict:
    """{system: {kind: {"ndcg": [...], "recall": [...], "dead_ends": n}}}"""
    figures: dict = {
        name: defaultdict(lambda: {"ndcg": [], "recall": [], "dead_ends": 0}) for name in systems
    }
    for query in queries:
        line = [f"{query.id:<28} {query.query!r:<40}"]
        for name, run in systems.items():
            ranked = run(query.query)
            row = figures[name][query.kind]
            row["ndcg"].append(measures.ndcg_at(ranked, query.judgments))
            row["recall"].append(measures.recall_at(ranked, query.judgments))
            row["dead_ends"] += bool(query.relevant) and not ranked
            line.append(f"{name} {row['ndcg'][-1]:.2f}/{row['recall'][-1]:.2f} ({len(ranked)})")
            if per_query:
                line.append("[" + " ".join(ranked[:3]) + "]")
        if per_query:
            print("  " + "  ".join(line), flush=True)
    return figures


def summarise(figures: dict, kinds: list[str]) -> dict:
    summary: dict = {}
    for name, by_kind in figures.items():
        summary[name] = {}
        everything = {"ndcg": [], "recall": [], "dead_ends": 0}
        for kind in kinds:
            row = by_kind[kind]
            summary[name][kind] = {
                "queries": len(row["ndcg"]),
                "ndcg@10": round(statistics.fmean(row["ndcg"]), 3),
                "recall@10": round(statistics.fmean(row["recall"]), 3),
                "dead_ends": row["dead_ends"],
            }
            everything["ndcg"] += row["ndcg"]
            everything["recall"] += row["recall"]
            everything["dead_ends"] += row["dead_ends"]
        summary[name]["overall"] = {
            "queries": len(everything["ndcg"]),
            "ndcg@10": round(statistics.fmean(everything["ndcg"]), 3),
            "recall@10": round(statistics.fmean(everything["recall"]), 3),
            "dead_ends": everything["dead_ends"],
        }
    return summary


def print_table(summary: dict, kinds: list[str]) -> None:
    header = (
        f"{'kind':<26} {'n':>3}  {'nDCG@10 kyozai':>14} {'bm25':>6}  "
        f"{'R@10 kyozai':>11} {'bm25':>6}  {'dead ends kyozai':>16} {'bm25':>5}"
    )
    print(header)
    print("-" * len(header))
    for kind in [*kinds, "overall"]:
        ours, base = summary["kyozai"][kind], summary["bm25"][kind]
        print(
            f"{kind:<26} {ours['queries']:>3}  {ours['ndcg@10']:>14.3f} {base['ndcg@10']:>6.3f}  "
            f"{ours['recall@10']:>11.3f} {base['recall@10']:>6.3f}  "
            f"{ours['dead_ends']:>16} {base['dead_ends']:>5}"
        )


def run(per_query: bool) -> dict:
    from django.db import connection

    indexed = load_library()
    texts = page_texts()
    print(f"== {len(texts)} pages ({indexed} indexed by Kyozai) on {connection.vendor}", flush=True)
    queries = measures.load_queries(list(texts))
    kinds = list(dict.fromkeys(query.kind for query in queries))
    baseline = BM25Baseline(texts)
    figures = evaluate(queries, {"kyozai": kyozai_search, "bm25": baseline.search}, per_query)
    summary = summarise(figures, kinds)
    print_table(summary, kinds)
    return {"database": connection.vendor, "pages": len(texts), **summary}


def main() -> None:
    args = parse_args()
    speed = _search_benchmark()
    database_url = speed.bench_database_url(args.database_url, "quality")
    if args.database_url:
        speed.recreate_postgres_database(database_url)
    try:
        speed.setup_django(database_url)
        speed.migrate()
        figures = run(args.per_query)
        from django.db import connection

        connection.close()
    finally:
        if args.database_url:
            speed.drop_postgres_database(database_url)
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(urlparse(database_url).path + suffix).unlink(missing_ok=True)
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
