"""What an import found and did, in the words the command prints.

Errors carry the line number and the field, so an editor fixing a 300-line file can jump
straight to `line 212: rubric: …` instead of guessing which entry was wrong.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LineError:
    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.reason}"


# What happened to one entry (or would happen, on a dry run).
CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
SKIPPED = "skipped"


@dataclass(frozen=True)
class EntryOutcome:
    line: int
    kind: str
    slug: str
    result: str  # CREATED, UPDATED or UNCHANGED

    def __str__(self) -> str:
        return f"line {self.line}: {self.kind} {self.slug}: {self.result}"


@dataclass
class ImportReport:
    """Errors from validation, then one outcome per imported entry."""

    errors: list[LineError] = field(default_factory=list)
    outcomes: list[EntryOutcome] = field(default_factory=list)
    skipped_lines: list[int] = field(default_factory=list)
    new_series: list[str] = field(default_factory=list)
    new_units: list[str] = field(default_factory=list)
    dry_run: bool = False
    published: bool = False

    @property
    def error_lines(self) -> list[int]:
        return sorted({error.line for error in self.errors})

    def count(self, result: str) -> int:
        if result == SKIPPED:
            return len(self.skipped_lines)
        return sum(1 for outcome in self.outcomes if outcome.result == result)

    @property
    def counts(self) -> dict[str, int]:
        return {name: self.count(name) for name in (CREATED, UPDATED, UNCHANGED, SKIPPED)}

    def summary(self) -> str:
        counts = self.counts
        text = ", ".join(f"{counts[name]} {name}" for name in counts)
        return f"{'Dry run, nothing written: would be ' if self.dry_run else ''}{text}"


class ImportRefused(Exception):
    """The file has bad lines and the editor did not ask to skip them: nothing was written."""

    def __init__(self, report: ImportReport):
        self.report = report
        lines = len(report.error_lines)
        super().__init__(
            f"{lines} line{'s' if lines != 1 else ''} with errors; nothing was imported. "
            "Fix them, or use --skip-invalid to import the other lines."
        )
