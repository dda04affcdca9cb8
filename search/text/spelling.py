"""Edit distance and the closest word: the arithmetic behind "did you mean"."""

from collections.abc import Iterable


def allowed_distance(word: str) -> int:
    return 1 if len(word) <= 4 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of two neighbours counts as one edit),
    giving up with `limit + 1` as soon as the distance must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def closest_word(word: str, candidates: Iterable[tuple[str, int]]) -> str | None:
    """The nearest candidate (word, pages using it): fewest edits, then most used."""
    limit = allowed_distance(word)
    best: tuple[int, int, str] | None = None
    for candidate, doc_count in candidates:
        if candidate == word:
            return None
        distance = edit_distance(word, candidate, limit)
        if distance <= limit:
            key = (distance, -doc_count, candidate)
            if best is None or key < best:
                best = key
    return best[2] if best else None
