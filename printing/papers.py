"""The paper a printout is laid out for, and the language its labels are printed in.

Japanese school copiers hold A4 and B4, so those two come first; US Letter is for ALTs
printing at home. B4 here is JIS B4 (257 x 364 mm), the size Japanese copiers call B4,
not ISO B4 (250 x 353 mm), which is what the CSS keyword `B4` would give.

B4 is printed as a copier enlarges A4 to B4 (122 %): laid out on an A4-wide page and scaled
up as a whole (`scale`, WeasyPrint's `zoom`), so type, margins and columns are sized for the
larger sheet instead of an A4 layout sitting in a wide margin (issue 16.5). The two sheets
have nearly the same proportions (1 : 1.414 and 1 : 1.416), so nothing is distorted.
"""

from dataclasses import dataclass
from enum import Enum

from django.utils.translation import gettext_lazy as _

MM_TO_PT = 72 / 25.4


@dataclass(frozen=True)
class PaperSize:
    code: str
    label: str
    width_mm: float
    height_mm: float
    # The printed sheet is the layout scaled by this (1: laid out at its own size).
    scale: float = 1.0

    @property
    def layout_width_mm(self) -> float:
        """The width the layout is set at, before the whole page is scaled to the sheet."""
        return self.width_mm / self.scale

    @property
    def layout_height_mm(self) -> float:
        return self.height_mm / self.scale

    def css_size(self, *, landscape: bool = False) -> str:
        """The `@page { size }` value in millimetres, the layout's size (CSS does not allow
        an orientation keyword after explicit lengths, so landscape swaps the two)."""
        width, height = round(self.layout_width_mm, 2), round(self.layout_height_mm, 2)
        if landscape:
            width, height = height, width
        return f"{width:g}mm {height:g}mm"

    def points(self, *, landscape: bool = False) -> tuple[float, float]:
        """Width and height in PDF points, as a PDF's MediaBox gives them."""
        width, height = self.width_mm * MM_TO_PT, self.height_mm * MM_TO_PT
        return (height, width) if landscape else (width, height)


class Paper(Enum):
    A4 = PaperSize("A4", _("A4"), 210, 297)
    # A4's layout enlarged to B4, as a copier's 122 % does.
    B4 = PaperSize("B4", _("B4 (JIS)"), 257, 364, scale=257 / 210)
    LETTER = PaperSize("LETTER", _("US Letter"), 215.9, 279.4)

    @property
    def size(self) -> PaperSize:
        return self.value

    @property
    def code(self) -> str:
        return self.value.code

    @property
    def label(self) -> str:
        return str(self.value.label)


DEFAULT_PAPER = Paper.A4
PRINT_LANGUAGES = ("en", "ja")


class UnknownPaper(ValueError):
    """A paper size nobody's copier has; views answer 400 with this message."""


class UnknownLanguage(ValueError):
    """A print language other than English or Japanese."""


def paper_choices() -> list[tuple[str, str]]:
    return [(paper.code, paper.label) for paper in Paper]


def parse_paper(value: str | None) -> Paper:
    """`?paper=` as typed in a URL: empty means A4; case does not matter."""
    if not value:
        return DEFAULT_PAPER
    try:
        return Paper[value.strip().upper()]
    except KeyError:
        raise UnknownPaper(
            _("Unknown paper size “%(value)s”. Choose A4, B4 or LETTER.") % {"value": value[:20]}
        ) from None


def parse_language(value: str | None, default: str = "en") -> str:
    if not value:
        return default if default in PRINT_LANGUAGES else "en"
    language = value.strip().lower()
    if language not in PRINT_LANGUAGES:
        raise UnknownLanguage(
            _("Unknown print language “%(value)s”. Choose en or ja.") % {"value": value[:20]}
        )
    return language
