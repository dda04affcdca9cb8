"""One normalisation for everything Kyozai indexes and everything a teacher types.

NFKC folds width (full-width letters and digits → ASCII, ｶﾀｶﾅ → カタカナ), lower-casing
folds case, and katakana is folded to hiragana so that ゲーム and げーむ, or a hiragana
spelling of a loanword, meet. The same function runs at index time and at query time, which
is the whole trick: whatever the folding loses, it loses on both sides.
"""

import unicodedata

# Katakana ァ (U+30A1) … ヶ (U+30F6) sit exactly 0x60 above hiragana ぁ … ゖ; the iteration
# marks ヽヾ map to ゝゞ. ヷヸヹヺ have no hiragana twins and stay as they are.
KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
KATAKANA_TO_HIRAGANA.update({0x30FD: 0x309D, 0x30FE: 0x309E})

VOICING_MARKS = {"\u3099", "\u309a"}


def normalise(text: str) -> str:
    """Width, case and kana folded text, for indexing and for matching."""
    return unicodedata.normalize("NFKC", text).lower().translate(KATAKANA_TO_HIRAGANA)


def normalise_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """`normalise`, character by character, remembering where each output character came
    from: (normalised, starts, ends) with the original span [starts[i], ends[i]) of
    normalised[i]. The highlighter uses it to put <mark> around the teacher's own text.

    Per-character NFKC differs from whole-string NFKC only for combining sequences; the
    common one in Japanese (half-width kana + ﾞ/ﾟ) is recomposed here."""
    folded_whole = normalise(text)
    if len(folded_whole) == len(text):
        # Nearly always: folding kept every character a character, so offsets are 1:1.
        return folded_whole, list(range(len(text))), list(range(1, len(text) + 1))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        folded = unicodedata.normalize("NFKC", char).lower().translate(KATAKANA_TO_HIRAGANA)
        if not folded:
            continue
        if out and (folded in VOICING_MARKS or unicodedata.combining(folded[0])):
            composed = unicodedata.normalize("NFC", out[-1] + folded)
            if len(composed) == 1:
                out[-1] = composed.translate(KATAKANA_TO_HIRAGANA)
                ends[-1] = index + 1
                continue
        for piece in folded:
            out.append(piece)
            starts.append(index)
            ends.append(index + 1)
    return "".join(out), starts, ends


def katakana_fold_pairs() -> list[tuple[str, str]]:
    """(katakana, hiragana) pairs, full- and half-width, for Elasticsearch's `mapping` char
    filter: the cluster folds kana exactly as `normalise` does, without the ICU plugin."""
    pairs: list[tuple[str, str]] = []
    for code in [*range(0x30A1, 0x30F7), 0x30FD, 0x30FE]:
        pairs.append((chr(code), normalise(chr(code))))
    # Half-width katakana (U+FF66 … U+FF9D), alone and with the voicing marks ﾞ ﾟ.
    for code in range(0xFF66, 0xFF9E):
        char = chr(code)
        for mark in ("\uff9e", "\uff9f"):
            combined = normalise(char + mark)
            if len(combined) == 1:
                pairs.append((char + mark, combined))
        target = normalise(char)
        if target != char:
            pairs.append((char, target))
    return pairs
