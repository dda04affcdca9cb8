"""How many pages a lesson plan prints in each layout, from its text alone (no rendering).

Two uses, one answer: the print pipeline refuses a plan whose estimate is over the page limit
before queueing any render, and the planner's forms refuse a save that would make the plan
unprintable in any layout (lessons/forms.py), so "fits the editor" means "prints".

The boxes follow the PDF layouts (templates/lessons/pdf/, their styles.css and
printing/static/printing/pdf.css): column widths, type sizes and paddings are the same
numbers. Change a layout's columns or type and change them here; the tests compare the
estimate with real renders at the plan limits (tests/lessons/test_print_limits.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lessons.models import LessonPlan, LessonStep, ShidouanLayout
from lessons.models.fields import free_text
from printing.estimate import PageCounter, Type, page_area_mm
from printing.limits import MAX_PAGES
from printing.papers import Paper

from .layouts import RYAKUAN, SAIAN, TEAM_TEACHING

BODY = Type(10)
FLOW = Type(8.5)
SMALL = Type(7.8)
TINY = Type(7.5)
CELL_PADDING = (2.6, 3.2)  # .flow td: 1.3mm top and bottom, 1.6mm each side (+ borders)
QR_ROW_MM = 19.5  # a materials-list row: a 17 mm QR code with its padding
HEADING_MM = 12.0  # an h2 with its rule and margins


# What a step prints as text (each one a StepText field): its model's text fields.
STEP_TEXT_FIELDS = free_text(LessonStep, LessonStep.CONTENT_FIELDS)


@dataclass
class StepText:
    """What one step prints."""

    title: str = ""
    student_activity: str = ""
    jte_role: str = ""
    alt_role: str = ""
    teacher_notes: str = ""
    evaluation: str = ""
    viewpoint: str = ""
    materials: list[str] = field(default_factory=list)  # linked materials' titles

    @classmethod
    def of(cls, values: Mapping, materials: Iterable[str] = ()) -> StepText:
        return cls(
            **{name: values.get(name) or "" for name in STEP_TEXT_FIELDS},
            viewpoint=values.get("viewpoint") or "",
            materials=list(materials),
        )


@dataclass
class PlanText:
    """What a plan prints: its header fields, its steps, and its materials list (one row
    per material and per file)."""

    header: Mapping[str, str]
    steps: list[StepText]
    material_rows: int = 0
    # The unit plan's texts and lessons' aims, when the plan belongs to one (the 細案 prints
    # them instead of the plan's own unit fields); the layouts that print the unit.
    unit_texts: list[str] = field(default_factory=list)
    unit_lessons: list[str] = field(default_factory=list)
    full_layouts: frozenset[str] = frozenset()

    def text(self, name: str) -> str:
        return self.header.get(name) or ""


def _row(counter: PageCounter, *cells: float) -> None:
    counter.keep(max(cells, default=0) + CELL_PADDING[0])


def _team_teaching(plan: PlanText, counter: PageCounter, width: float) -> None:
    counter.flow(6 + Type(15, 1.25).height_mm(plan.text("title"), width))
    inner = width - 22 - CELL_PADDING[1]
    counter.keep(2 * (Type(9.5).line_mm + CELL_PADDING[0]))  # the short facts, two rows
    for name in ("goal", "can_do"):
        if plan.text(name):
            _row(counter, Type(9.5).height_mm(plan.text(name), inner))
    if not plan.steps:
        return
    counter.flow(HEADING_MM)
    counter.table(2 * FLOW.line_mm + CELL_PADDING[0])
    # The columns of templates/lessons/pdf/team_teaching.html: time 14, phase 24, materials 38.
    text_width = (width - 76) / 3 - CELL_PADDING[1]
    list_width = 38 - CELL_PADDING[1] - 3.5
    for step in plan.steps:
        activity = (
            FLOW.height_mm(step.title, text_width)
            + FLOW.height_mm(step.student_activity, text_width)
            + SMALL.height_mm(_("Notes:") + " " + step.teacher_notes, text_width)
            + SMALL.height_mm(_("Evaluation:") + " " + step.evaluation, text_width)
            + 3
        )
        materials = sum(FLOW.height_mm(title, list_width) for title in step.materials)
        _row(
            counter,
            activity,
            FLOW.height_mm(step.jte_role, text_width),
            FLOW.height_mm(step.alt_role, text_width),
            materials,
            3 * FLOW.line_mm,  # the phase, minutes and clock
        )
    counter.end_table()


def _shidouan_unit(plan: PlanText, counter: PageCounter, width: float) -> None:
    """The 細案's unit sections, before the lesson itself."""
    for name in ("unit_about", "unit_goals"):
        if plan.text(name):
            counter.flow(HEADING_MM + BODY.height_mm(plan.text(name), width - 5))
    criteria = [plan.text(f"criteria_{part}") for part in ("knowledge", "thinking", "attitude")]
    if any(criteria):
        counter.flow(HEADING_MM)
        column = width / 3 - 4
        counter.keep(2 * FLOW.line_mm + CELL_PADDING[0])
        _row(counter, *(FLOW.height_mm(text, column) for text in criteria))
    if plan.text("unit_plan_text"):
        counter.flow(HEADING_MM + BODY.height_mm(plan.text("unit_plan_text"), width - 5))
    for text in plan.unit_texts:  # the unit plan's goal, 単元について and criteria
        counter.flow(HEADING_MM + BODY.height_mm(text, width - 5))
    if plan.unit_lessons:
        counter.flow(HEADING_MM)
        counter.table(FLOW.line_mm + CELL_PADDING[0])
        for aim in plan.unit_lessons:  # 時 | ねらい (about half the width) | 観点
            _row(counter, FLOW.height_mm(aim, 0.55 * width), 2 * FLOW.line_mm)
        counter.end_table()


def _shidouan(plan: PlanText, counter: PageCounter, width: float, *, full: bool) -> None:
    counter.flow(32 + BODY.height_mm(plan.text("title"), width))  # headings, date, class, unit
    if full:
        _shidouan_unit(plan, counter, width)
    goals = BODY.height_mm(plan.text("goal"), width - 5)
    goals += BODY.height_mm("CAN-DO：" + plan.text("can_do"), width - 5)  # noqa: RUF001
    counter.flow(HEADING_MM + goals)
    lesson_criteria = [
        plan.text(f"lesson_criteria_{part}") for part in ("knowledge", "thinking", "attitude")
    ]
    if any(lesson_criteria):
        counter.flow(HEADING_MM)
        for text in lesson_criteria:  # a row per 観点: its name, then the text beside it
            _row(counter, FLOW.height_mm(text, width - 40))
    if plan.text("board_plan"):
        counter.flow(HEADING_MM + BODY.height_mm(plan.text("board_plan"), width - 5))
    if not plan.steps:
        return
    counter.flow(HEADING_MM)
    counter.table(3 * FLOW.line_mm + 2 * CELL_PADDING[0])
    evaluation = any(step.evaluation or step.viewpoint for step in plan.steps)
    activity = 0.29 * width - CELL_PADDING[1]
    marks = 0.19 * width if evaluation else 0
    role = (width - 23 - 0.29 * width - marks) / 2 - CELL_PADDING[1]  # the time column: 23 mm
    for step in plan.steps:
        roles = max(FLOW.height_mm(step.jte_role, role), FLOW.height_mm(step.alt_role, role))
        if step.teacher_notes:
            notes_width = 2 * role + CELL_PADDING[1]
            roles += FLOW.height_mm("◎ " + step.teacher_notes, notes_width) + CELL_PADDING[0]
        _row(
            counter,
            FLOW.height_mm(step.title, activity) + FLOW.height_mm(step.student_activity, activity),
            roles,
            FLOW.height_mm(step.evaluation, marks - CELL_PADDING[1]) + 2 * TINY.line_mm
            if evaluation
            else 0,
            4 * FLOW.line_mm,  # the phase, minutes and clock
        )
    counter.end_table()


def estimate_pages(plan: PlanText, layout: str, paper: Paper) -> int:
    """The pages `plan` prints in `layout` on `paper`: never fewer than it really prints."""
    width, height = page_area_mm(paper)
    counter = PageCounter(height)
    if layout == TEAM_TEACHING:
        _team_teaching(plan, counter, width)
    else:
        # A layout kept in the admin is reckoned as the 細案 when it prints the unit, else
        # as the 略案; each has every section of its kind, so it never prints more.
        _shidouan(plan, counter, width, full=layout == SAIAN or layout in plan.full_layouts)
    if plan.material_rows:
        counter.flow(HEADING_MM + 10)
        for _row_number in range(plan.material_rows):
            counter.keep(QR_ROW_MM)
    return counter.pages


def most_pages(plan: PlanText) -> int:
    """The most pages `plan` prints in any layout on any paper: what a save must keep
    within the page limit."""
    return max(
        estimate_pages(plan, layout, paper)
        for layout in (TEAM_TEACHING, RYAKUAN, SAIAN)
        for paper in Paper
    )


# --- From the database ----------------------------------------------------------------------


# What prints as text: the models' own text fields (lessons/models/fields.py).
HEADER_TEXT_FIELDS = free_text(LessonPlan, LessonPlan.HEADER_FIELDS)


def plan_text(
    plan: LessonPlan,
    *,
    header: Mapping | None = None,
    step_pk: int | None = None,
    step_values: Mapping | None = None,
    step_materials: Iterable[int] = (),
) -> PlanText:
    """The plan as stored — or as it would be after a save: `header` replaces header fields,
    `step_values` (and `step_materials`, page ids) the step `step_pk`, or add a new step
    when `step_pk` is None. A few queries."""
    from lessons.services.materials import linkable_materials
    from lessons.services.reading import load_steps
    from library.models import LibraryAttachment

    header = {name: (header or {}).get(name, getattr(plan, name)) for name in HEADER_TEXT_FIELDS}
    edited = {} if step_values is None else {step_pk: step_values}
    new_pages = {page.pk: page.title for page in linkable_materials().filter(pk__in=step_materials)}
    steps, linked = [], set()
    for step in load_steps(plan):
        if step.pk in edited:
            steps.append(StepText.of(edited.pop(step.pk), new_pages.values()))
            linked.update(new_pages)
            continue
        pages = list(step.materials.all())
        steps.append(StepText.of(vars(step), (page.title for page in pages)))
        linked.update(page.pk for page in pages)
    if edited:  # a step being added
        steps.append(StepText.of(step_values, new_pages.values()))
        linked.update(new_pages)
    files = LibraryAttachment.objects.filter(page_id__in=linked).count() if linked else 0
    return PlanText(
        header=header,
        steps=steps,
        material_rows=len(linked) + files,
        **_unit_text(plan),
        full_layouts=frozenset(
            layout.key for layout in ShidouanLayout.objects.all() if layout.full_form
        ),
    )


def _unit_text(plan: LessonPlan) -> dict:
    unit = plan.unit_plan if plan.unit_plan_id else None
    if unit is None:
        return {}
    texts = [
        unit.goal,
        unit.about_material,
        unit.about_students,
        unit.about_teaching,
        unit.criteria_knowledge,
        unit.criteria_thinking,
        unit.criteria_attitude,
    ]
    return {
        "unit_texts": [text for text in texts if text],
        "unit_lessons": [lesson.aim for lesson in unit.lessons.all()],
    }


def estimate_plan_pages(plan: LessonPlan, layout: str, paper: Paper) -> int:
    return estimate_pages(plan_text(plan), layout, paper)


def shorten_hint() -> str:
    return _(
        "Shorten the longest steps (student activity, the teachers' roles, notes) or the "
        "unit sections, or split the lesson into two plans."
    )


def check_plan_prints(plan: LessonPlan, **changes) -> None:
    """ValidationError when the plan, with `changes` (as for plan_text), would print more
    pages than the page limit in some layout: the planner's forms refuse such a save. A
    plan already over the limit (written before it, or in the admin) may still be saved as
    long as the save makes it no longer: that is how it gets shortened."""
    pages = most_pages(plan_text(plan, **changes))
    if pages > MAX_PAGES and pages > most_pages(plan_text(plan)):
        raise ValidationError(
            _(
                "With this change the plan would print about %(pages)s pages, and at most "
                "%(limit)s can be printed. %(hint)s Nothing you typed is lost: shorten it "
                "here and save again."
            )
            % {"pages": pages, "limit": MAX_PAGES, "hint": shorten_hint()},
            code="too_long_to_print",
        )
