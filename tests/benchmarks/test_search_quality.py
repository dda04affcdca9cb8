"""The search-quality benchmark's own parts (benchmarks/search_quality.py): its judged query
file is well-formed and names only pages that exist, its synthetic pages are valid import
lines, and its measures give the values worked out by hand. Not a quality threshold: the
figures themselves are the benchmark's to print."""

import fnmatch
import json
from collections import Counter

import pytest

from benchmarks import search_quality
from benchmarks.quality import measures, synthetic
from demo.library import DEMO_FILE

KINDS = {
    "japanese_kanji",
    "japanese_kana_reading",
    "notational_variant",
    "english_spelling_variant",
    "derivational",
    "partial_match",
    "cross_language",
    "textbook_unit",
    "plain_english",
    "typo",
}


def demo_slugs() -> set[str]:
    lines = DEMO_FILE.read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["slug"] for line in lines if line.strip()}


def raw_queries() -> list[dict]:
    return json.loads(measures.QUERY_FILE.read_text(encoding="utf-8"))["queries"]


def test_the_query_file_has_at_least_80_queries_and_8_of_every_kind():
    queries = raw_queries()
    kinds = Counter(query["kind"] for query in queries)

    assert len(queries) >= 80
    assert set(kinds) == KINDS
    assert min(kinds.values()) >= 8, kinds
    assert len({query["id"] for query in queries}) == len(queries)
    assert all(query["query"].strip() for query in queries)


def test_every_judged_key_names_a_demo_page_or_synthetic_pages():
    demo = demo_slugs()
    generated = synthetic.slugs()
    for query in raw_queries():
        assert query["judgments"], query["id"]
        for key, grade in query["judgments"].items():
            assert grade in (1, 2, 3), (query["id"], key, grade)
            if any(char in key for char in "*?["):
                assert fnmatch.filter(generated, key), (query["id"], key)
            else:
                assert key in demo or key in generated, (query["id"], key)


def test_synthetic_pages_are_the_same_every_run_and_their_slugs_are_new():
    pages = synthetic.pages()
    slugs = [page["slug"] for page in pages]

    assert pages == synthetic.pages()
    assert slugs == synthetic.slugs()
    assert len(set(slugs)) == len(slugs) == 320
    assert not set(slugs) & demo_slugs()


def test_no_synthetic_page_spells_a_kana_query_so_readings_are_what_is_measured():
    texts = [json.dumps(page, ensure_ascii=False) for page in synthetic.pages()]
    for query in raw_queries():
        if query["kind"] == "japanese_kana_reading":
            assert not [text for text in texts if query["query"] in text], query["query"]


@pytest.mark.django_db
def test_every_synthetic_page_is_a_valid_import_line(tmp_path):
    from library.importing import import_library

    path = tmp_path / "synthetic.jsonl"
    path.write_text(
        "".join(json.dumps(page, ensure_ascii=False) + "\n" for page in synthetic.pages()),
        encoding="utf-8",
    )

    report = import_library(path, publish=True, dry_run=True)

    assert not report.errors
    assert len(report.outcomes) == 320


def test_ndcg_at_10_matches_values_worked_out_by_hand():
    judged = {"a": 3, "b": 2, "c": 1}

    assert measures.ndcg_at(["a", "b", "c"], judged) == pytest.approx(1.0)
    # (1 + 3/log2(3) + 7/2) / (7 + 3/log2(3) + 1/2)
    assert measures.ndcg_at(["c", "b", "a"], judged) == pytest.approx(0.680606, abs=1e-6)
    # an unjudged page first: (7/log2(3)) / (7 + 3/log2(3))
    assert measures.ndcg_at(["x", "a"], {"a": 3, "b": 2}) == pytest.approx(0.496639, abs=1e-6)
    assert measures.ndcg_at([], judged) == 0.0
    # a relevant page below rank 10 does not count
    assert measures.ndcg_at([f"x{n}" for n in range(10)] + ["a"], judged) == 0.0


def test_recall_at_10_counts_out_of_at_most_10_relevant_pages():
    many = {f"r{n}": 1 for n in range(12)}
    ranked = [f"r{n}" for n in range(5)] + [f"x{n}" for n in range(5)] + ["r5"]

    assert measures.recall_at(ranked, many) == pytest.approx(0.5)
    assert measures.recall_at(["r0", "x"], {"r0": 3, "r1": 1}) == pytest.approx(0.5)
    assert measures.recall_at(["a", "b"], {"a": 2, "b": 1}) == pytest.approx(1.0)
    assert measures.recall_at([], {"a": 2}) == 0.0


def test_a_page_named_by_a_slug_and_a_glob_takes_its_higher_grade():
    known = ["sq-weather-bingo-1", "sq-weather-chant-1", "sq-animals-bingo-1"]

    judgments = measures.expand({"sq-weather-*": 2, "sq-weather-bingo-1": 3}, known)

    assert judgments == {"sq-weather-bingo-1": 3, "sq-weather-chant-1": 2}


def test_the_baseline_splits_english_at_punctuation_and_japanese_into_bigrams():
    assert search_quality.tokens("天気のビンゴ Colour-cards!") == [
        "天気",
        "気の",
        "のビ",
        "ビン",
        "ンゴ",
        "colour",
        "cards",
    ]
    # full-width letters are folded (NFKC) before splitting
    assert search_quality.tokens("色 \uff21\uff22\uff23") == ["色", "abc"]
