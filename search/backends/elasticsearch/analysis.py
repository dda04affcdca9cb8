"""Elasticsearch analyzers that fold text the way search/text/ does for the database.

- kyozai_english: width and case folding (cjk_width, lowercase), possessives, the irregular
  forms and derivational folds of search/text/english.py, Porter2 stemming.
- kyozai_cjk: the built-in way to find Japanese words inside unspaced runs without a
  plugin — kana folded by a `mapping` char filter generated from search/text/normalise.py,
  then standard tokenizer + cjk_width + lowercase + cjk_bigram. Indexed with unigrams too
  (one-character queries), searched with bigrams only (phrases of bigrams).
- kyozai_kuromoji: morphological analysis, when the cluster has the analysis-kuromoji
  plugin and KYOZAI_SEARCH_ES_KUROMOJI is on; the bigram field stays alongside it, so a
  word kuromoji splits differently is still found.
- kyozai_suggest: the whole title as one folded token, for the completion suggester.
- kyozai_terms: terms made by Kyozai's own analysis (Japanese word forms and readings,
  search/text/japanese.py), split on spaces and taken as they are.

British spellings are folded to American ones by the same stemmer_override as the irregular
forms (the breame list of search/text/variants.py), so colour and color meet here too.
"""

from elasticsearch.dsl import analyzer, char_filter, token_filter, tokenizer

from search.text.british import british_forms
from search.text.english import DERIVATIONAL_FOLDS, IRREGULAR_FORMS, stem
from search.text.normalise import katakana_fold_pairs

kana_fold = char_filter(
    "kyozai_kana_fold",
    type="mapping",
    mappings=[f"{katakana} => {hiragana}" for katakana, hiragana in katakana_fold_pairs()],
)
english_possessive = token_filter(
    "kyozai_english_possessive", type="stemmer", language="possessive_english"
)
# The override marks its output as a keyword the stemmer leaves alone, so it maps straight
# to the stem search/text/english.py would produce (mice → mous, as "mouse" stems).
english_irregular = token_filter(
    "kyozai_english_irregular",
    type="stemmer_override",
    rules=[f"{form} => {stem(form)}" for form in sorted({*IRREGULAR_FORMS, *british_forms()})],
)
english_stemmer = token_filter("kyozai_english_stemmer", type="stemmer", language="english")
derivation_folds = [
    token_filter(
        f"kyozai_fold_{ending}",
        type="pattern_replace",
        pattern=f"^(.{{2,}}){ending}$",
        replacement=f"$1{replacement}",
    )
    for ending, replacement in DERIVATIONAL_FOLDS
]
cjk_bigram_with_unigrams = token_filter(
    "kyozai_cjk_bigram_unigrams", type="cjk_bigram", output_unigrams=True
)

english = analyzer(
    "kyozai_english",
    tokenizer="standard",
    filter=[
        "cjk_width",
        "lowercase",
        english_possessive,
        english_irregular,
        english_stemmer,
        *derivation_folds,
    ],
)
cjk_index = analyzer(
    "kyozai_cjk_index",
    tokenizer="standard",
    char_filter=[kana_fold],
    filter=["cjk_width", "lowercase", cjk_bigram_with_unigrams],
)
cjk_search = analyzer(
    "kyozai_cjk",
    tokenizer="standard",
    char_filter=[kana_fold],
    filter=["cjk_width", "lowercase", "cjk_bigram"],
)
kuromoji = analyzer(
    "kyozai_kuromoji",
    tokenizer=tokenizer("kyozai_kuromoji_tokenizer", type="kuromoji_tokenizer", mode="search"),
    filter=["kuromoji_baseform", "kuromoji_part_of_speech", "cjk_width", "lowercase"],
)
suggest = analyzer(
    "kyozai_suggest",
    tokenizer="keyword",
    char_filter=[kana_fold],
    filter=["cjk_width", "lowercase"],
)
terms = analyzer("kyozai_terms", tokenizer="whitespace")
