"""nDCG@k and recall@k over graded judgments, and the judged query file.

Our own few lines rather than a package (pytrec_eval, ir-measures): the two formulas are
short, the packages bring C extensions or a dozen dependencies, and the test checks these
against values worked out by hand.

- Gains are graded 0-3; nDCG uses the exponential gain 2^g - 1 and a log2(rank + 1)
  discount, normalised by the ideal ordering of every judged page (not only those returned).
- Recall@k counts pages judged 1 or more, out of min(k, number of such pages): a perfect
  top k scores 1 even when more than k pages are relevant.
"""

import fnmatch
import json
import math
from dataclasses import dataclass
from pathlib import Path

QUERY_FILE = Path(__file__).resolve().parent / "queries.json"
K = 10


@dataclass(frozen=True)
class JudgedQuery:
    id: str
    kind: str
    query: str
    judgments: dict[str, int]  # slug -> grade 1-3 (anything unjudged is 0)
    note: str = ""

    @property
    def relevant(self) -> set[str]:
        return {slug for slug, grade in self.judgments.items() if grade > 0}


def dcg(gains: list[int]) -> float:
    return sum((2**gain - 1) / math.log2(rank + 2) for rank, gain in enumerate(gains))


def ndcg_at(ranked: list[str], judgments: dict[str, int], k: int = K) -> float:
    ideal = dcg(sorted(judgments.values(), reverse=True)[:k])
    if not ideal:
        return 0.0
    return dcg([judgments.get(slug, 0) for slug in ranked[:k]]) / ideal


def recall_at(ranked: list[str], judgments: dict[str, int], k: int = K) -> float:
    relevant = {slug for slug, grade in judgments.items() if grade > 0}
    if not relevant:
        return 0.0
    return len(relevant & set(ranked[:k])) / min(k, len(relevant))


def expand(patterns: dict[str, int], known_slugs: list[str]) -> dict[str, int]:
    """Judgments by slug from the file's keys: a slug, or a glob over the synthetic slugs
    (`sq-weather-*`). A page named by several keys takes its highest grade."""
    judgments: dict[str, int] = {}
    for key, grade in patterns.items():
        matched = fnmatch.filter(known_slugs, key) if any(c in key for c in "*?[") else [key]
        for slug in matched:
            judgments[slug] = max(grade, judgments.get(slug, 0))
    return judgments


def load_queries(known_slugs: list[str], path: Path = QUERY_FILE) -> list[JudgedQuery]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        JudgedQuery(
            id=item["id"],
            kind=item["kind"],
            query=item["query"],
            judgments=expand(item["judgments"], known_slugs),
            note=item.get("note", ""),
        )
        for item in data["queries"]
    ]
