"""Which fonts printouts use, and whether this machine has them.

Decision: the Japanese fonts come from Debian's `fonts-ipaexfont` package (installed by
`make install`, listed in the Makefile's SYSTEM_PACKAGES) and are named by family in the
PDF stylesheet; WeasyPrint finds them through fontconfig. No font file is shipped under
static/fonts/: the IPAex fonts' licence (IPA Font License v1.0) would allow it, but the two
faces weigh about 8 MB, which would triple the size of the repository for a file every
Linux distribution packages. The system checks below say plainly when the font is missing,
instead of letting a JTE discover tofu (□□□) on a printed plan.

These checks use fontconfig through ctypes rather than WeasyPrint, because importing
WeasyPrint takes about a second and `manage.py` runs the checks on every command.
"""

import ctypes
import ctypes.util
from functools import lru_cache

# Families as fontconfig knows them (`fc-list : family`).
JAPANESE_GOTHIC = "IPAexGothic"
JAPANESE_MINCHO = "IPAexMincho"
# What the stylesheet asks for, in order. A Latin face first for English printouts; the
# Japanese face covers kana and kanji, and serves alone for Japanese printouts so that
# digits and Latin letters inside Japanese sentences match the kanji around them.
LATIN_STACK = ("DejaVu Sans", JAPANESE_GOTHIC, "sans-serif")
JAPANESE_STACK = (JAPANESE_GOTHIC, "sans-serif")

_FONTCONFIG_NAMES = ("fontconfig", "libfontconfig.so.1", "libfontconfig-1.dll")
_HARFBUZZ_SUBSET_NAMES = (
    "libharfbuzz-subset.so.0",
    "libharfbuzz-subset.0.dylib",
    "libharfbuzz-subset-0.dll",
)


def _load(names: tuple[str, ...]) -> ctypes.CDLL | None:
    for name in names:
        path = ctypes.util.find_library(name) or name
        try:
            return ctypes.CDLL(path)
        except OSError:
            continue
    return None


@lru_cache(maxsize=8)
def font_family_installed(family: str) -> bool:
    """True when fontconfig's best match for `family` is that family itself (fontconfig
    always answers with *some* font, so "found a match" is not enough)."""
    lib = _load(_FONTCONFIG_NAMES)
    if lib is None:
        return False
    lib.FcInitLoadConfigAndFonts.restype = ctypes.c_void_p
    lib.FcNameParse.restype = ctypes.c_void_p
    lib.FcNameParse.argtypes = [ctypes.c_char_p]
    lib.FcConfigSubstitute.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int]
    lib.FcDefaultSubstitute.argtypes = [ctypes.c_void_p]
    lib.FcFontMatch.restype = ctypes.c_void_p
    lib.FcFontMatch.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
    lib.FcPatternGetString.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_char_p),
    ]
    lib.FcPatternDestroy.argtypes = [ctypes.c_void_p]
    lib.FcConfigDestroy.argtypes = [ctypes.c_void_p]

    config = lib.FcInitLoadConfigAndFonts()
    pattern = lib.FcNameParse(family.encode())
    match = None
    try:
        lib.FcConfigSubstitute(config, pattern, 0)  # FcMatchPattern
        lib.FcDefaultSubstitute(pattern)
        result = ctypes.c_int()
        match = lib.FcFontMatch(config, pattern, ctypes.byref(result))
        if not match:
            return False
        value = ctypes.c_char_p()
        index = 0
        while lib.FcPatternGetString(match, b"family", index, ctypes.byref(value)) == 0:
            if value.value and value.value.decode("utf-8", "replace") == family:
                return True
            index += 1
        return False
    finally:
        if match:
            lib.FcPatternDestroy(match)
        lib.FcPatternDestroy(pattern)
        lib.FcConfigDestroy(config)


@lru_cache(maxsize=1)
def harfbuzz_subset_installed() -> bool:
    """WeasyPrint subsets fonts with HarfBuzz when this library is present and falls back
    to fontTools otherwise, which takes seconds for a CJK font instead of milliseconds."""
    return _load(_HARFBUZZ_SUBSET_NAMES) is not None


def css_family_list(families: tuple[str, ...]) -> str:
    generic = {"serif", "sans-serif", "monospace"}
    return ", ".join(name if name in generic else f'"{name}"' for name in families)
