"""English word forms: games = game, introducing = introduction, colour = color.

British spellings are folded to American ones first (search/text/british.py: the
breame package's list), so colour/color and favourite/favorite meet at index and query
time alike. The Snowball (Porter2) stemmer does most of the rest. Porter2 deliberately
keeps derivations apart (introduce → "introduc", introduction → "introduct"), but a
teacher searching "introducing yourself" wants the "Self-introduction" worksheet, so a few
derivational endings are folded after stemming, and a handful of irregular forms that turn
up in class materials (and the reflexive pronouns, yourself → self) are mapped to their
base word first. Other word families (summarizing → summary) are query alternatives from
WordNet (search/text/variants.py). Elasticsearch gets the same rules as
`stemmer_override` and `pattern_replace` filters (search/backends/elasticsearch/analysis.py).
"""

from functools import lru_cache

import snowballstemmer

from .british import american

# Irregular forms a stemmer cannot know: (form, base word).
IRREGULAR_FORMS = {
    "children": "child",
    "men": "man",
    "women": "woman",
    "people": "person",
    "mice": "mouse",
    "feet": "foot",
    "teeth": "tooth",
    "went": "go",
    "gone": "go",
    "ran": "run",
    "ate": "eat",
    "eaten": "eat",
    "swam": "swim",
    "sang": "sing",
    "sung": "sing",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "taught": "teach",
    "bought": "buy",
    "thought": "think",
    "saw": "see",
    "seen": "see",
    "made": "make",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "came": "come",
    "did": "do",
    "done": "do",
    # Reflexive pronouns meet "self": "introducing yourself" finds "Self-introduction".
    "myself": "self",
    "yourself": "self",
    "himself": "self",
    "herself": "self",
    "itself": "self",
    "ourselves": "self",
    "yourselves": "self",
    "themselves": "self",
}

# Endings folded after stemming, so a noun meets its verb: (stem ending, replacement).
# introduct → introduc (introduce), product → produc, reduct → reduc;
# descript → describ (describe), prescript → prescrib.
DERIVATIONAL_FOLDS = [("script", "scrib"), ("uct", "uc")]

# Dropped from a query when it also has other words ("the weather song" = "weather song").
# Still indexed, so a query made only of these words ("the who") still matches.
STOPWORDS = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "i", "in",
        "is", "it", "its", "of", "on", "or", "the", "this", "to", "with", "what",
    }
)  # fmt: skip

_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The search key of one lower-case English word."""
    word = IRREGULAR_FORMS.get(word) or american(word)
    stemmed = _stemmer.stemWord(word)
    for ending, replacement in DERIVATIONAL_FOLDS:
        if stemmed.endswith(ending) and len(stemmed) - len(ending) >= 2:
            return stemmed[: -len(ending)] + replacement
    return stemmed
