"""学習指導案 layouts as data: which sections a 指導案 has, in which order, under which
headings.

Prefectures and schools hand in different forms (the Kyoto prefectural handbook's 基本型, a
one-page 略案 for everyday lessons …), so the form is not code: an editor copies a layout in
the admin and changes its sections. Each section is a block that prints itself
(templates/lessons/pdf/sections/<section>.html) and leaves itself out when the plan has
nothing for it, so the numbers close up. The StreamField offers only the known sections and
`block_counts` refuses a section twice; `clean()` checks the same for every other way a
layout is saved.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.fields import StreamField

# (section, its usual heading, what it is, for the editor). The order is a 細案's.
SECTIONS = [
    ("teachers", "指導者", _("Teachers: T1 (JTE/HRT) and T2 (ALT)")),
    ("date", "日時", _("Date and period")),
    ("class", "学年・組", _("Class, with the number of students")),
    ("unit", "単元名", _("Unit title")),
    ("unit_about", "単元について", _("About the unit: 教材観・生徒観・指導観")),
    ("unit_goals", "単元の目標", _("Unit goals")),
    ("unit_criteria", "単元の評価規準", _("Unit evaluation criteria per 観点")),
    ("unit_plan", "単元指導計画", _("Unit teaching plan, with this lesson marked 本時")),
    ("lesson_goal", "本時の目標", _("Lesson goal and CAN-DO")),
    ("lesson_criteria", "本時の評価規準", _("Lesson evaluation criteria per 観点")),
    ("flow", "本時の展開", _("The lesson, step by step (JTE/HRT and ALT)")),
    ("board_plan", "板書計画", _("Board plan")),
    ("materials", "教材", _("Materials, with links and QR codes")),
]
SECTION_KEYS = [key for key, _heading, _label in SECTIONS]
# Sections about the unit: a layout with any of them is a 細案 (full form) to the print-size
# estimate and the file name.
UNIT_SECTIONS = {"unit_about", "unit_goals", "unit_criteria", "unit_plan"}
MAX_HEADING = 40


class SectionBlock(blocks.StructBlock):
    """One section of a 指導案: its heading as the form prints it. It prints itself with
    its own template, which leaves the section out when the plan has nothing for it."""

    def __init__(self, key: str, heading: str, label, **kwargs):
        self.key, self.usual_heading = key, heading
        super().__init__(
            [
                (
                    "heading",
                    blocks.CharBlock(label=_("Heading"), max_length=MAX_HEADING, default=heading),
                )
            ],
            label=label,
            template=f"lessons/pdf/sections/{key}.html",
            **kwargs,
        )

    def deconstruct(self):
        return (
            "lessons.models.shidouan.SectionBlock",
            (self.key, self.meta.default, self.label),
            {},
        )

    class Meta:
        icon = "list-ol"
        form_classname = "shidouan-section"


class SectionsBlock(blocks.StreamBlock):
    def __init__(self, **kwargs):
        super().__init__(
            [(key, SectionBlock(key, heading, label)) for key, heading, label in SECTIONS],
            block_counts={key: {"max_num": 1} for key in SECTION_KEYS},
            **kwargs,
        )

    def deconstruct(self):
        return ("lessons.models.shidouan.SectionsBlock", (), {})


class ShidouanLayout(models.Model):
    key = models.SlugField(
        _("key"),
        max_length=40,
        unique=True,
        help_text=_(
            "Names the layout in print addresses, e.g. “ryakuan”. Letters, digits, - and _."
        ),
    )
    name = models.CharField(_("name"), max_length=80, help_text=_("e.g. “学習指導案 略案”."))
    description = models.CharField(_("description"), max_length=200, blank=True)
    compact = models.BooleanField(
        _("one page"),
        default=False,
        help_text=_("Smaller type and margins, to keep an everyday plan on one A4 page."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order in the print dialog"), default=0)
    sections = StreamField(SectionsBlock(), verbose_name=_("sections"), use_json_field=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("学習指導案 layout")
        verbose_name_plural = _("学習指導案 layouts")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        seen: set[str] = set()
        for section in self.sections.raw_data:
            kind = section.get("type")
            if kind not in SECTION_KEYS:
                raise ValidationError(
                    {
                        "sections": _("“%(section)s” is not a section Kyozai knows.")
                        % {"section": kind}
                    }
                )
            if kind in seen:
                raise ValidationError(
                    {"sections": _("The section “%(section)s” appears twice.") % {"section": kind}}
                )
            seen.add(kind)
        if not seen:
            raise ValidationError({"sections": _("A layout needs at least one section.")})

    @property
    def section_keys(self) -> list[str]:
        return [section.block_type for section in self.sections]

    @property
    def full_form(self) -> bool:
        """A 細案: it prints the unit before the lesson."""
        return bool(UNIT_SECTIONS.intersection(self.section_keys))

    @property
    def version(self) -> str:
        """Part of every print's key: an edited layout prints anew."""
        return self.updated_at.strftime("%Y%m%d%H%M%S%f") if self.updated_at else "0"
