"""What a lesson plan prints, layout by layout: the template context, the title, and the
content version the render cache keys on.

Built in Python rather than in the templates so the templates stay layouts, the running
clock (0-5, 5-15 …) is worked out once, and empty sections are dropped before the template
sees them (a 学習指導案 with a blank 単元について looks unfinished; one without it does not).
Everything here is plain data: the templates autoescape every value a teacher typed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

from lessons.models import LessonPlan, LessonStep, PlanRevision, ShidouanLayout, Viewpoint
from lessons.models.phases import phase_label
from lessons.services.materials import linkable_materials
from lessons.services.reading import load_steps
from library.models import LibraryAttachment, LibraryPage
from library.models.viewpoints import VIEWPOINT_JA
from printing.links import absolute_url
from printing.render import render_pdf

from .teachers import plan_teachers, students_text
from .unit_section import unit_section

TEAM_TEACHING = "team_teaching"
# The 学習指導案 layouts are data (lessons/models/shidouan.py); these two ship with Kyozai
# under the keys print addresses always had, and the print-size estimate reckons with them.
RYAKUAN = "ryakuan"
SAIAN = "saian"


def layout_choices() -> list[tuple[str, str]]:
    """The print dialog's layouts: the English team-teaching plan, then every 学習指導案
    layout editors keep in the admin."""
    shidouan = ShidouanLayout.objects.order_by("sort_order", "name").values_list("key", "name")
    return [(TEAM_TEACHING, str(_("Team-teaching plan (English)"))), *shidouan]


def shidouan_layout(key: str) -> ShidouanLayout:
    """The 学習指導案 layout `key` (the print form has checked that it exists)."""
    return ShidouanLayout.objects.get(key=key)


def is_shidouan(layout: str) -> bool:
    """The 学習指導案 is a Japanese document: its labels are always Japanese."""
    return layout != TEAM_TEACHING


# The 学習指導案's typeface: Gothic throughout, or the Mincho a school document is usually
# set in, with Gothic headings (templates/lessons/pdf/styles.css). Both IPAex faces come
# from Debian's fonts-ipaexfont. The team-teaching plan is always Gothic.
GOTHIC = "gothic"
MINCHO = "mincho"
TYPEFACE_CHOICES = [
    (GOTHIC, _("Gothic (ゴシック体)")),
    (MINCHO, _("Mincho (明朝体), headings in Gothic")),
]

VIEWPOINT_EN = {
    Viewpoint.KNOWLEDGE: _("Knowledge and skills"),
    Viewpoint.THINKING: _("Thinking, judgement and expression"),
    Viewpoint.ATTITUDE: _("Proactive attitude"),
}
PHASE_JA = {
    "warm_up": "ウォームアップ",
    "review": "復習",
    "introduction": "導入",
    "practice": "練習",
    "production": "活用",
    "reflection": "振り返り",
}
WEEKDAYS_JA = "月火水木金土日"


def print_language(layout: str, chosen: str) -> str:
    return "ja" if is_shidouan(layout) else chosen


def print_typeface(layout: str, chosen: str) -> str:
    return chosen if is_shidouan(layout) and chosen == MINCHO else GOTHIC


# --- The content version (the cache key) ----------------------------------------------


def content_version(plan: LessonPlan) -> str:
    """A string that changes on any save to the header or any step, and when a linked
    material is republished, renamed, withdrawn or made private (or public again).

    The latest revision number changes on every save made through the planner; the header
    version and each step's id, position and version are added so that a change made any
    other way (the admin, a data migration) still gives a new key. Three small queries."""
    revision = PlanRevision.objects.filter(plan=plan).aggregate(n=Max("number"))["n"] or 0
    digest = hashlib.sha256(f"{plan.version}|{plan.language}|{plan.grade_id}".encode())
    # The 細案 prints the unit plan (lessons/printing/unit_section.py): its edits count too.
    unit = plan.unit_plan if plan.unit_plan_id else None
    digest.update(f"|{plan.unit_plan_id}|{plan.lesson_number}|{unit and unit.version}".encode())
    steps = LessonStep.objects.filter(plan=plan).order_by("position", "id")
    for row in steps.values_list("pk", "position", "version"):
        digest.update(repr(row).encode())
    links = LessonStep.materials.through.objects.filter(lessonstep__plan=plan)
    page_ids = sorted(set(links.values_list("librarypage_id", flat=True)))
    if page_ids:
        pages = LibraryPage.objects.filter(pk__in=page_ids).order_by("pk")
        shown = set(linkable_materials().filter(pk__in=page_ids).values_list("pk", flat=True))
        for row in pages.values_list("pk", "live", "live_revision_id", "last_published_at"):
            digest.update(repr((*row, row[0] in shown)).encode())
    return f"r{revision}-{digest.hexdigest()[:16]}"


# --- Steps with the running clock --------------------------------------------------------


@dataclass
class PrintedStep:
    number: int
    step: LessonStep
    start: int
    end: int
    phase: str
    viewpoint: str
    materials: list[LibraryPage]

    @property
    def clock(self) -> str:
        return f"{self.start}\u2013{self.end}"  # an en dash, as in print


def _phase(step: LessonStep, language: str, japanese_parts: bool) -> str:
    """The phase as printed: the fine phase, or (導入・展開・まとめ chosen for the plan)
    its part with the fine phase inside."""
    fine = PHASE_JA.get(step.phase) if language == "ja" else None
    return phase_label(step.phase, fine or str(step.get_phase_display()), language, japanese_parts)


def printed_steps(
    steps: list[LessonStep], language: str, japanese_parts: bool = False
) -> list[PrintedStep]:
    """Steps with their start and end minute: a JTE reads 本時の展開 by the clock."""
    rows, clock = [], 0
    with translation.override(language):
        for number, step in enumerate(steps, start=1):
            phase = _phase(step, language, japanese_parts)
            if language == "ja":
                viewpoint = VIEWPOINT_JA.get(step.viewpoint, "")
            else:
                viewpoint = str(VIEWPOINT_EN.get(step.viewpoint, ""))
            rows.append(
                PrintedStep(
                    number=number,
                    step=step,
                    start=clock,
                    end=clock + step.minutes,
                    phase=phase,
                    viewpoint=viewpoint,
                    materials=list(step.materials.all()),
                )
            )
            clock += step.minutes
    return rows


# --- Materials with QR codes -------------------------------------------------------------


@dataclass
class PrintedFile:
    title: str
    extension: str
    url: str
    is_pdf: bool
    attachment: LibraryAttachment | None = None
    # Set by the print pack: the PDF is inside the pack, or why it could not go in.
    in_pack: bool = False
    problem: str = ""


@dataclass
class PrintedMaterial:
    page: LibraryPage
    title: str
    url: str
    steps: list[int]
    files: list[PrintedFile] = field(default_factory=list)

    @property
    def listed_files(self) -> list[PrintedFile]:
        """Files printed in the list (a pack leaves out the PDFs it carries)."""
        return [file for file in self.files if not file.in_pack]


def _file(attachment: LibraryAttachment) -> PrintedFile:
    extension = (attachment.file_extension or "").lower().lstrip(".")
    return PrintedFile(
        title=attachment.shown_title,
        extension=extension,
        url=absolute_url(attachment.download_url) if attachment.download_url else "",
        is_pdf=attachment.document_id is not None and extension == "pdf",
        attachment=attachment,
    )


def printed_materials(rows: list[PrintedStep]) -> list[PrintedMaterial]:
    """Every live linked material once, in the order the steps use them, with its files."""
    materials: dict[int, PrintedMaterial] = {}
    for row in rows:
        for page in row.materials:
            if page.pk in materials:
                materials[page.pk].steps.append(row.number)
                continue
            materials[page.pk] = PrintedMaterial(
                page=page, title=page.title, url=absolute_url(page.url or "/"), steps=[row.number]
            )
    if materials:
        attachments = (
            LibraryAttachment.objects.filter(page_id__in=materials)
            .select_related("document", "image")
            .order_by("page_id", "sort_order", "pk")
        )
        for attachment in attachments:
            materials[attachment.page_id].files.append(_file(attachment))
    return list(materials.values())


# --- The header ---------------------------------------------------------------------------


def _date(plan: LessonPlan, language: str) -> str:
    if not plan.taught_on:
        return ""
    day = plan.taught_on
    if language == "ja":
        weekday = WEEKDAYS_JA[day.weekday()]
        return f"{day.year}年{day.month}月{day.day}日（{weekday}）"  # noqa: RUF001
    with translation.override("en"):
        return formats.date_format(day, "l j F Y")


def _period(plan: LessonPlan, language: str) -> str:
    if not plan.period:
        return ""
    if language == "ja":
        return f"第{plan.period}校時"
    with translation.override(language):
        return str(_("Period %(number)s") % {"number": plan.period})


def _class(plan: LessonPlan, language: str) -> str:
    """学年・組: the grade and the class — the plan's class (2年3組) when it has one, else
    the class name typed on the plan."""
    with translation.override(language):
        grade = plan.grade.shown_name if plan.grade_id else ""
    name = plan.school_class.name if plan.school_class_id else plan.class_name
    parts = [part for part in (grade, name) if part]
    return ("\u3000" if language == "ja" else " · ").join(parts)


def criteria_rows(plan) -> list[tuple[str, str]]:
    """単元の評価規準 by 観点, leaving out the ones not written (of a plan or a unit plan)."""
    return by_viewpoint(plan.criteria_knowledge, plan.criteria_thinking, plan.criteria_attitude)


def lesson_criteria_rows(plan: LessonPlan) -> list[tuple[str, str]]:
    """本時の評価規準 by 観点, leaving out the ones not written."""
    return by_viewpoint(
        plan.lesson_criteria_knowledge, plan.lesson_criteria_thinking, plan.lesson_criteria_attitude
    )


def by_viewpoint(knowledge: str, thinking: str, attitude: str) -> list[tuple[str, str]]:
    """Texts per 観点 as a 指導案 prints them, named in Japanese, the empty ones left out."""
    rows = [
        (VIEWPOINT_JA[Viewpoint.KNOWLEDGE], knowledge),
        (VIEWPOINT_JA[Viewpoint.THINKING], thinking),
        (VIEWPOINT_JA[Viewpoint.ATTITUDE], attitude),
    ]
    return [(label, text) for label, text in rows if text.strip()]


def unit_title(plan: LessonPlan) -> dict[str, str]:
    """単元名 as a 指導案 writes it: the unit and its title ("Unit 5　Universal Design"; the
    Japanese title when the book has one, as the document is Japanese), then the book in
    brackets ("NEW HORIZON 2") — not the catalogue's "NEW HORIZON, JHS2, Unit 5"."""
    unit = plan.textbook_unit if plan.textbook_unit_id else None
    if unit is None:
        return {"unit_title": "", "unit_book": ""}
    title = unit.shown_title("ja")
    return {
        "unit_title": f"{unit.label}\u3000{title}" if title else unit.label,
        "unit_book": unit.series.book_name(unit.grade),
    }


@dataclass
class PlanPrint:
    """Everything a layout template needs, and what the view needs around it."""

    plan: LessonPlan
    layout: str
    language: str
    steps: list[PrintedStep]
    materials: list[PrintedMaterial]
    plan_url: str
    in_pack: bool = False
    typeface: str = GOTHIC
    shidouan: ShidouanLayout | None = None  # the 学習指導案 layout, None for team teaching

    @property
    def template_name(self) -> str:
        return "lessons/pdf/shidouan.html" if self.shidouan else "lessons/pdf/team_teaching.html"

    @property
    def full_form(self) -> bool:
        return bool(self.shidouan and self.shidouan.full_form)

    @property
    def title(self) -> str:
        if self.layout == TEAM_TEACHING:
            return self.plan.title
        return f"学習指導案 {self.plan.title}"

    @property
    def total_minutes(self) -> int:
        return self.steps[-1].end if self.steps else 0

    def facts(self) -> list[tuple[str, str]]:
        """The team-teaching header's short facts, the empty ones left out."""
        plan, language = self.plan, self.language
        when = ", ".join(p for p in (_date(plan, language), _period(plan, language)) if p)
        teachers = " · ".join(
            f"{t.mark} {t.name} ({t.role})" if t.role else f"{t.mark} {t.name}"
            for t in plan_teachers(plan)
        )
        with translation.override(language):
            length = _("%(minutes)s minutes") % {"minutes": plan.length_minutes}
            if self.steps and self.total_minutes != plan.length_minutes:
                length += (
                    " (" + _("steps add up to %(minutes)s") % {"minutes": self.total_minutes} + ")"
                )
            rows = [
                (_("Teachers"), teachers),
                (_("Class"), _class(plan, language)),
                (_("Date"), when),
                (_("Unit"), plan.textbook_unit.display_name() if plan.textbook_unit_id else ""),
                (_("Length"), length),
            ]
            return [(str(label), value) for label, value in rows if value]

    def render(self, paper) -> bytes:
        """The plan on its own, through the one renderer."""
        return render_pdf(
            self.template_name,
            self.context(),
            paper=paper,
            title=self.title,
            language=self.language,
            footer_note=self.plan_url,
        )

    def context(self) -> dict[str, Any]:
        plan, language = self.plan, self.language
        unit = plan.textbook_unit.display_name(language) if plan.textbook_unit_id else ""
        return {
            "plan": plan,
            "layout": self.layout,
            "shidouan_layout": self.shidouan,
            "typeface": self.typeface,
            "full_form": self.full_form,
            "teachers": plan_teachers(plan) if self.shidouan else [],
            "students_text": students_text(plan),
            **unit_title(plan),
            "lesson_criteria": lesson_criteria_rows(plan),
            "teacher": plan.teacher_label,
            "class_text": _class(plan, language),
            "grade_text": plan.grade.name_ja if plan.grade_id and language == "ja" else "",
            "date_text": _date(plan, language),
            "period_text": _period(plan, language),
            "unit_text": unit,
            "facts": self.facts(),
            "steps": self.steps,
            "total_minutes": self.total_minutes,
            "materials": self.materials,
            "criteria": criteria_rows(plan),
            **unit_section(plan, self.full_form, VIEWPOINT_JA),
            "plan_url": self.plan_url,
            "in_pack": self.in_pack,
            "has_evaluation": any(row.step.evaluation or row.viewpoint for row in self.steps),
            "has_notes": any(row.step.teacher_notes for row in self.steps),
        }


def plan_print(plan: LessonPlan, layout: str, language: str, typeface: str = GOTHIC) -> PlanPrint:
    """Load the plan's steps and materials (a fixed handful of queries) for `layout`."""
    language = print_language(layout, language)
    rows = printed_steps(load_steps(plan), language, plan.uses_japanese_phases)
    return PlanPrint(
        plan=plan,
        layout=layout,
        shidouan=shidouan_layout(layout) if is_shidouan(layout) else None,
        language=language,
        steps=rows,
        materials=printed_materials(rows),
        plan_url=absolute_url(reverse("lessons:plan", args=[plan.pk])),
        typeface=print_typeface(layout, typeface),
    )
