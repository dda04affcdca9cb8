"""British and American spellings (colour/color, favourite/favorite, centre/center,
practise/practice, organise/organize): the `breame` package's list of ~1,700 pairs, a
maintained list rather than one typed by hand. Every British form is folded to its American
twin before stemming (search/text/english.py), at index and at query time, so the two meet
without any query expansion; Elasticsearch gets the same pairs as stemmer_override rules."""

from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS


def american(word: str) -> str:
    """The American spelling of a lower-case word (the word itself when it has none)."""
    return BRITISH_ENGLISH_SPELLINGS.get(word, word)


def british_forms() -> dict[str, str]:
    """British form → American form, for Elasticsearch's stemmer_override rules."""
    return dict(BRITISH_ENGLISH_SPELLINGS)
