"""The yearly plan (年間指導計画): reading and writing it as a publisher's CSV, and the year
view's planned against taught hours.

CSV columns, by header (English or Japanese, any order): month (月), unit (単元), pages
(ページ), hours (時数), grammar (文法), skill areas (領域). An import checks every line first
and either replaces all the plan's rows or changes nothing, reporting each bad line. Excel in
Japan saves CSV as Shift_JIS (CP932), elsewhere as UTF-8, often with a BOM: both are read.
The standard csv module is enough for this (no library adds encoding detection we trust
more than trying UTF-8, then CP932, which between them cover what Excel writes here).
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from lessons.models import LessonPlan, YearlyPlan, YearlyPlanRow, month_order
from lessons.models.yearly import MAX_HOURS, MAX_ROWS
from library.models import Skill, TextbookUnit

MAX_BYTES = 512 * 1024
COLUMNS = ("month", "unit", "pages", "hours", "grammar", "skill areas")
HEADERS = {
    "month": "month",
    "月": "month",
    "unit": "unit",
    "単元": "unit",
    "単元名": "unit",
    "pages": "pages",
    "page": "pages",
    "ページ": "pages",
    "頁": "pages",
    "hours": "hours",
    "時数": "hours",
    "配当時数": "hours",
    "時間": "hours",
    "grammar": "grammar",
    "文法": "grammar",
    "文法事項": "grammar",
    "skill areas": "skill areas",
    "skills": "skill areas",
    "領域": "skill areas",
    "技能": "skill areas",
}
REQUIRED = ("month", "unit", "hours")
MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
# ; / | 、 , and their full-width forms, as Japanese input writes them.
SKILL_SEPARATORS = re.compile("[;\uff1b/\uff0f|\u3001,\uff0c]+")


class ImportRefused(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class ParsedRow:
    month: int
    unit: TextbookUnit | None
    unit_title: str
    pages: str
    hours: int
    grammar: str
    skills: list = field(default_factory=list)


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ImportRefused([_("The file is larger than 512 KB: is it really a yearly plan?")])
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRefused([_("The file is neither UTF-8 nor Shift_JIS text. Save it as CSV.")])


def _month(text: str) -> int | None:
    text = text.strip().lower().rstrip("月").strip(".")
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return MONTH_NAMES.get(text)


def _hours(text: str) -> int | None:
    text = text.strip()
    if text.isdigit() and int(text) <= MAX_HOURS:
        return int(text)
    return None


class Lookup:
    """The grade's textbook units and the five skill areas, loaded once per import."""

    def __init__(self, grade):
        self.units: dict[str, TextbookUnit] = {}
        for unit in TextbookUnit.objects.filter(grade=grade).select_related("series", "grade"):
            for key in (unit.label, unit.title, unit.title_ja, unit.display_name(), str(unit)):
                if key:
                    self.units.setdefault(key.strip().lower(), unit)
        self.skills: dict[str, Skill] = {}
        for skill in Skill.objects.all():
            for key in (skill.code, skill.name, skill.name_ja):
                if key:
                    self.skills[key.strip().lower()] = skill

    def unit(self, text: str) -> TextbookUnit | None:
        return self.units.get(text.strip().lower())

    def skill_list(self, text: str) -> tuple[list, list[str]]:
        found, unknown = [], []
        for part in SKILL_SEPARATORS.split(text):
            part = part.strip()
            if not part:
                continue
            skill = self.skills.get(part.lower())
            (found.append(skill) if skill else unknown.append(part))
        return found, unknown


def _columns(header: list[str]) -> tuple[dict[str, int], list[str]]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = HEADERS.get(name.strip().lower())
        if key and key not in columns:
            columns[key] = index
    missing = [name for name in REQUIRED if name not in columns]
    errors = []
    if missing:
        errors.append(
            _("Line 1: the header lacks the column(s) %(names)s.") % {"names": ", ".join(missing)}
        )
    return columns, errors


def _parse_line(number: int, cells: list[str], columns: dict, lookup: Lookup):
    def cell(name):
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    errors = []
    month = _month(cell("month"))
    if month is None:
        errors.append(
            _("Line %(n)d: “%(v)s” is not a month (1 to 12).") % {"n": number, "v": cell("month")}
        )
    hours = _hours(cell("hours"))
    if hours is None:
        errors.append(
            _("Line %(n)d: “%(v)s” is not a number of hours (0 to 200).")
            % {"n": number, "v": cell("hours")}
        )
    unit_text = cell("unit")
    if not unit_text:
        errors.append(_("Line %(n)d: the unit is empty.") % {"n": number})
    skills, unknown = lookup.skill_list(cell("skill areas"))
    if unknown:
        errors.append(
            _("Line %(n)d: unknown skill area(s) %(v)s.") % {"n": number, "v": ", ".join(unknown)}
        )
    too_long = [
        name
        for name, limit in (("unit", 200), ("pages", 40), ("grammar", 300))
        if len(cell(name)) > limit
    ]
    if too_long:
        errors.append(_("Line %(n)d: too long: %(v)s.") % {"n": number, "v": ", ".join(too_long)})
    if errors:
        return None, errors
    unit = lookup.unit(unit_text)
    return (
        ParsedRow(
            month=month,
            unit=unit,
            unit_title="" if unit else unit_text,
            pages=cell("pages"),
            hours=hours,
            grammar=cell("grammar"),
            skills=skills,
        ),
        [],
    )


def parse_csv(data: bytes, grade) -> list[ParsedRow]:
    """Every line checked; ImportRefused with one message per bad line, else the rows."""
    text = decode(data)
    try:
        lines = [
            row for row in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in row)
        ]
    except csv.Error as problem:
        raise ImportRefused(
            [_("The file is not readable as CSV: %(p)s") % {"p": problem}]
        ) from None
    if not lines:
        raise ImportRefused([_("The file is empty.")])
    columns, errors = _columns(lines[0])
    if errors:
        raise ImportRefused(errors)
    if len(lines) - 1 > MAX_ROWS:
        raise ImportRefused([_("More than %(n)d rows: a year has fewer units.") % {"n": MAX_ROWS}])
    lookup = Lookup(grade)
    rows: list[ParsedRow] = []
    for number, cells in enumerate(lines[1:], start=2):
        row, problems = _parse_line(number, cells, columns, lookup)
        errors += problems
        if row is not None:
            rows.append(row)
    if errors:
        raise ImportRefused(errors)
    return rows


def replace_rows(plan: YearlyPlan, rows: list[ParsedRow]) -> None:
    """All or nothing: the plan's rows become these, in school-year order (April first)."""
    ordered = sorted(enumerate(rows), key=lambda pair: (month_order(pair[1].month), pair[0]))
    with transaction.atomic():
        plan.rows.all().delete()
        made = YearlyPlanRow.objects.bulk_create(
            [
                YearlyPlanRow(
                    yearly_plan=plan,
                    position=position,
                    month=row.month,
                    textbook_unit=row.unit,
                    unit_title=row.unit_title,
                    pages=row.pages,
                    planned_hours=row.hours,
                    grammar=row.grammar,
                )
                for position, (_index, row) in enumerate(ordered)
            ]
        )
        links = YearlyPlanRow.skills.through
        links.objects.bulk_create(
            [
                links(yearlyplanrow_id=saved.pk, skill_id=skill.pk)
                for saved, (_index, row) in zip(made, ordered, strict=True)
                for skill in row.skills
            ]
        )
        YearlyPlan.objects.filter(pk=plan.pk).update(last_edited_at=timezone.now())


def rows_for_view(plan: YearlyPlan) -> list[YearlyPlanRow]:
    rows = plan.rows.select_related("textbook_unit__series", "textbook_unit__grade")
    return sorted(rows.prefetch_related("skills"), key=lambda r: (month_order(r.month), r.position))


def export_csv(plan: YearlyPlan, japanese: bool = False) -> str:
    """The plan as CSV text (the view adds a BOM so Excel reads it as UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows_for_view(plan):
        skills = [(s.name_ja or s.name) if japanese else s.name for s in row.skills.all()]
        writer.writerow(
            [
                row.month,
                row.unit_label,
                row.pages,
                row.planned_hours,
                row.grammar,
                "; ".join(skills),
            ]
        )
    return out.getvalue()


def taught_hours(plan: YearlyPlan) -> dict[int, int]:
    """{textbook unit id: lessons taught}: the lesson plans of the plan's class (or of every
    class of its grade at its school that year) for that unit, dated before today. One
    query whatever the number of rows or lessons."""
    classes = (
        Q(school_class=plan.school_class_id)
        if plan.school_class_id
        else Q(
            school_class__school=plan.school_id,
            school_class__grade=plan.grade_id,
            school_class__academic_year=plan.academic_year,
        )
    )
    counted = (
        LessonPlan.objects.filter(classes, taught_on__lt=timezone.localdate())
        .exclude(textbook_unit=None)
        .order_by()
        .values("textbook_unit")
        .annotate(n=Count("pk"))
    )
    return {entry["textbook_unit"]: entry["n"] for entry in counted}


def year_view(plan: YearlyPlan) -> list[dict]:
    taught = taught_hours(plan)
    return [
        {
            "row": row,
            "taught": taught.get(row.textbook_unit_id, 0) if row.textbook_unit_id else None,
        }
        for row in rows_for_view(plan)
    ]


def get_yearly_plan(user, plan_id) -> YearlyPlan:
    """The yearly plan, if the user is a member of its school (or an editor); else 404."""
    try:
        pk = int(plan_id)
    except (TypeError, ValueError, OverflowError):
        raise Http404 from None
    found = YearlyPlan.objects.visible_to(user).select_related("school", "school_class", "grade")
    plan = found.filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan
