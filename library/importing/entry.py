"""One checked line of an import file, in the shape the page writer needs."""

from dataclasses import dataclass, field
from typing import Any

from library.models import ClubActivityPage, LibraryPage, MaterialPage, SpeechContestGuidePage

from .files import CheckedFile
from .markdown_blocks import BodyBlock

PAGE_MODELS = {
    model.kind: model for model in (MaterialPage, SpeechContestGuidePage, ClubActivityPage)
}


@dataclass(frozen=True)
class UnitRef:
    series: str
    grade: str
    unit: str
    title: str = ""
    title_ja: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.series.casefold(), self.grade, self.unit)

    def __str__(self) -> str:
        return f"{self.series}, {self.grade}, {self.unit}"


@dataclass(frozen=True)
class AttachmentRef:
    file: CheckedFile
    title: str  # link text teachers see; "" means the file's own title


@dataclass(frozen=True)
class RubricRow:
    criterion: str
    criterion_ja: str
    points: int


@dataclass
class ImportEntry:
    """One valid line, in the shape the page writer needs."""

    line: int
    kind: str
    slug: str
    fields: dict[str, Any]  # model field name → value, for the page's own columns
    body: list[BodyBlock]  # media values are CheckedFile
    grades: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    activity_types: list[str] = field(default_factory=list)
    units: list[UnitRef] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    files: list[AttachmentRef] = field(default_factory=list)
    rubric: list[RubricRow] = field(default_factory=list)

    @property
    def model(self) -> type[LibraryPage]:
        return PAGE_MODELS[self.kind]
