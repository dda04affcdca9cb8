"""The import format, one JSON object per line, and the checks every line must pass.

Each check names the field and says what is wrong in an editor's words; all problems of
a line are reported together, so a file is fixed in one pass rather than one error per run.
Codes are checked against the database (editors can add activity types or textbook series
in the admin), not against a copy in this module.
"""

import difflib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug, validate_unicode_slug

from library.models import Licence, Season, SpeechCategory
from library.models.pages import MAX_DURATION_MINUTES
from library.rubrics import check_rubric_points

from .entry import PAGE_MODELS, AttachmentRef, ImportEntry, RubricRow, UnitRef
from .files import FileChecker, FileProblem, kind_of
from .markdown_blocks import BodyBlock, BodyError, markdown_to_blocks, resolve_media
from .report import LineError
from .vocabulary import Vocabulary

KIND_NAMES = {
    "material": "a material",
    "speech_contest_guide": "a speech-contest guide",
    "club_activity": "a club activity",
}

COMMON_FIELDS = (
    "type",
    "slug",
    "title",
    "title_ja",
    "summary",
    "summary_ja",
    "body",
    "grades",
    "skills",
    "textbook_units",
    "activity_types",
    "duration_minutes",
    "tags",
    "license",
    "author",
    "files",
)
TYPE_FIELDS = {
    "material": (),
    "speech_contest_guide": ("category", "time_limit_seconds", "rubric"),
    "club_activity": ("group_size", "season"),
}
ALL_FIELDS = COMMON_FIELDS + tuple(name for names in TYPE_FIELDS.values() for name in names)
UNIT_FIELDS = ("series", "grade", "unit", "title", "title_ja")
RUBRIC_FIELDS = ("criterion", "criterion_ja", "points")
FILE_FIELDS = ("path", "title")


def _stage(grade_code: str) -> str:
    return grade_code.rstrip("0123456789")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _LineChecker:
    """Checks one decoded line, collecting every problem instead of stopping at the first."""

    def __init__(self, record: dict, line: int, vocabulary: Vocabulary, files: FileChecker):
        self.record = record
        self.line = line
        self.vocabulary = vocabulary
        self.files = files
        self.errors: list[LineError] = []

    def error(self, name: str, reason: str) -> None:
        self.errors.append(LineError(self.line, name, reason))

    # -- scalar fields -----------------------------------------------------------------
    def text(self, name: str, max_length: int, *, required: bool = False, value: Any = None) -> str:
        value = self.record.get(name) if value is None else value
        if value is None:
            if required:
                self.error(name, "is required")
            return ""
        if not isinstance(value, str):
            self.error(name, "must be text (a JSON string)")
            return ""
        value = value.strip()
        if required and not value:
            self.error(name, "must not be empty")
        if len(value) > max_length:
            self.error(name, f"is {len(value)} characters long; the most is {max_length}")
        return value

    def number(self, name: str, low: int, high: int, what: str) -> int | None:
        value = self.record.get(name)
        if value is None:
            return None
        if not _is_int(value) or not low <= value <= high:
            self.error(name, f"must be a whole number of {what} from {low} to {high}")
            return None
        return value

    def choice(self, name: str, choices: list[str], default: str) -> str:
        value = self.record.get(name)
        if value is None:
            return default
        if value not in choices:
            self.error(name, f"{value!r} is not one of: {', '.join(choices)}")
            return default
        return value

    def text_list(self, name: str) -> list[Any]:
        value = self.record.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(name, "must be a list (a JSON array)")
            return []
        return value

    def codes(self, name: str, known: list[str], what: str) -> list[str]:
        codes: list[str] = []
        for index, code in enumerate(self.text_list(name)):
            if not isinstance(code, str) or code not in known:
                self.error(
                    f"{name}[{index}]",
                    f"{code!r} is not {what}; use one of: {', '.join(known)}",
                )
            elif code not in codes:
                codes.append(code)
        return codes

    # -- the fields ----------------------------------------------------------------------
    def slug(self) -> str:
        slug = self.text("slug", 255, required=True)
        if not slug:
            return ""
        validate = (
            validate_unicode_slug
            if getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
            else validate_slug
        )
        try:
            validate(slug)
        except ValidationError:
            self.error("slug", f"{slug!r} may hold only letters, digits, hyphens and underscores")
        return slug

    def unknown_keys(self, kind: str | None) -> None:
        allowed = COMMON_FIELDS + TYPE_FIELDS.get(kind or "", ())
        for key in self.record:
            if key in allowed:
                continue
            if kind and key in ALL_FIELDS:
                owners = [k for k, names in TYPE_FIELDS.items() if key in names]
                self.error(key, f"only {KIND_NAMES[owners[0]]} has this field")
                continue
            hint = difflib.get_close_matches(str(key), ALL_FIELDS, n=1)
            self.error(
                str(key), "unknown field" + (f" (did you mean {hint[0]!r}?)" if hint else "")
            )

    def units(self) -> list[UnitRef]:
        units: list[UnitRef] = []
        for index, raw in enumerate(self.text_list("textbook_units")):
            where = f"textbook_units[{index}]"
            if not isinstance(raw, dict):
                self.error(where, "must be an object with series, grade and unit")
                continue
            for key in raw:
                if key not in UNIT_FIELDS:
                    self.error(f"{where}.{key}", "unknown field")
            series = self.text(f"{where}.series", 100, required=True, value=raw.get("series", ""))
            grade = raw.get("grade")
            if grade not in self.vocabulary.grades:
                self.error(
                    f"{where}.grade",
                    f"{grade!r} is not a grade code; use one of: "
                    f"{', '.join(self.vocabulary.grades)}",
                )
                continue
            known = self.vocabulary.series_grades.get(series.casefold())
            if known and known[1] and _stage(grade) not in {_stage(code) for code in known[1]}:
                # Guards against "NEW HORIZON" for an elementary unit (that book is
                # "NEW HORIZON Elementary"); another grade of the same stage is fine.
                self.error(
                    f"{where}.grade",
                    f"{known[0]} is a textbook for {', '.join(sorted(known[1]))}, not {grade}",
                )
            label = self.text(f"{where}.unit", 40, required=True, value=raw.get("unit", ""))
            title = self.text(f"{where}.title", 150, value=raw.get("title", ""))
            title_ja = self.text(f"{where}.title_ja", 150, value=raw.get("title_ja", ""))
            if series and label:
                name = known[0] if known else series
                ref = UnitRef(name, grade, label, title, title_ja)
                if all(ref.key != other.key for other in units):
                    units.append(ref)
        return units

    def tags(self) -> list[str]:
        tags: list[str] = []
        for index, tag in enumerate(self.text_list("tags")):
            if not isinstance(tag, str) or not tag.strip():
                self.error(f"tags[{index}]", "must be non-empty text")
                continue
            tag = " ".join(tag.split())
            if len(tag) > 100:
                self.error(f"tags[{index}]", "is longer than 100 characters")
            elif tag.casefold() not in {known.casefold() for known in tags}:
                tags.append(tag)
        return tags

    def files_listed(self) -> list[AttachmentRef]:
        attachments: list[AttachmentRef] = []
        seen: set[str] = set()
        for index, raw in enumerate(self.text_list("files")):
            where = f"files[{index}]"
            title = ""
            if isinstance(raw, dict):
                for key in raw:
                    if key not in FILE_FIELDS:
                        self.error(f"{where}.{key}", "unknown field")
                title = self.text(f"{where}.title", 150, value=raw.get("title", ""))
                raw = raw.get("path")
            if not isinstance(raw, str):
                self.error(where, 'must be a path, or an object {"path": …, "title": …}')
                continue
            if raw in seen:
                self.error(where, f"{raw} is listed twice")
                continue
            seen.add(raw)
            try:
                attachments.append(AttachmentRef(self.files.check(raw), title))
            except FileProblem as problem:
                self.error(where, str(problem))
        return attachments

    def body(self) -> list[BodyBlock]:
        text = self.record.get("body")
        if text is None:
            return []
        if not isinstance(text, str):
            self.error("body", "must be Markdown text (a JSON string)")
            return []
        try:
            blocks = markdown_to_blocks(text, kind_of)
        except BodyError as error:
            self.error("body", str(error))
            return []

        def resolve(link):
            try:
                return self.files.check(link.path, (link.kind,))
            except FileProblem as problem:
                self.error("body", str(problem))
                return None

        return resolve_media(blocks, resolve)

    def rubric(self) -> list[RubricRow]:
        rows: list[RubricRow] = []
        for index, raw in enumerate(self.text_list("rubric")):
            where = f"rubric[{index}]"
            if not isinstance(raw, dict):
                self.error(where, "must be an object with criterion, criterion_ja and points")
                continue
            for key in raw:
                if key not in RUBRIC_FIELDS:
                    self.error(f"{where}.{key}", "unknown field")
            criterion = self.text(
                f"{where}.criterion", 100, required=True, value=raw.get("criterion")
            )
            criterion_ja = self.text(
                f"{where}.criterion_ja", 100, value=raw.get("criterion_ja", "")
            )
            points = raw.get("points")
            if not _is_int(points) or not 1 <= points <= 100:
                self.error(f"{where}.points", "must be a whole number from 1 to 100")
                continue
            rows.append(RubricRow(criterion, criterion_ja, points))
        if rows and len(rows) == len(self.text_list("rubric")):
            try:
                check_rubric_points(row.points for row in rows)
            except ValidationError as error:
                self.error("rubric", " ".join(error.messages))
        return rows

    def slug_clash(self, kind: str, slug: str) -> None:
        kinds = self.vocabulary.slug_kinds.get(slug, [])
        others = [other for other in kinds if other != kind]
        if others:
            self.error(
                "slug",
                f"{slug!r} is already used by {KIND_NAMES.get(others[0], 'another page')}; "
                "choose another slug",
            )
        elif len(kinds) > 1:
            self.error("slug", f"{len(kinds)} pages already use {slug!r}; rename one first")

    def check(self) -> ImportEntry | None:
        kind = self.record.get("type")
        if kind not in PAGE_MODELS:
            self.error(
                "type",
                "is required"
                if kind is None
                else f"{kind!r} is not one of: " + ", ".join(PAGE_MODELS),
            )
            kind = None
        self.unknown_keys(kind)
        slug = self.slug()
        fields = {
            "title": self.text("title", 255, required=True),
            "title_ja": self.text("title_ja", 255),
            "summary": self.text("summary", 600),
            "summary_ja": self.text("summary_ja", 600),
            "duration_minutes": self.number("duration_minutes", 1, MAX_DURATION_MINUTES, "minutes"),
            "licence": self.choice("license", list(Licence.values), Licence.CC_BY),
            "author_credit": self.text("author", 150),
        }
        entry = ImportEntry(
            line=self.line,
            kind=kind or "",
            slug=slug,
            fields=fields,
            body=self.body(),
            grades=self.codes("grades", self.vocabulary.grades, "a grade code"),
            skills=self.codes("skills", self.vocabulary.skills, "a skill code"),
            activity_types=self.codes(
                "activity_types", self.vocabulary.activity_types, "an activity type code"
            ),
            units=self.units(),
            tags=self.tags(),
            files=self.files_listed(),
        )
        if kind == "speech_contest_guide":
            fields["category"] = self.choice(
                "category", list(SpeechCategory.values), SpeechCategory.RECITATION
            )
            fields["time_limit_seconds"] = self.number("time_limit_seconds", 30, 1800, "seconds")
            entry.rubric = self.rubric()
        elif kind == "club_activity":
            fields["group_size"] = self.number("group_size", 1, 200, "students")
            fields["season"] = self.choice("season", list(Season.values), Season.ANY)
        if kind and slug:
            self.slug_clash(kind, slug)
        return None if self.errors or kind is None else entry


def check_record(
    record: Any, line: int, vocabulary: Vocabulary, files: FileChecker
) -> tuple[ImportEntry | None, list[LineError]]:
    """A valid entry, or the reasons this line cannot be imported."""
    if not isinstance(record, dict):
        return None, [LineError(line, "json", "each line must be one JSON object {…}")]
    checker = _LineChecker(record, line, vocabulary, files)
    entry = checker.check()
    return entry, checker.errors
