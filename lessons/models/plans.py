"""A lesson plan: the 学習指導案 header, the 細案's unit-level fields, who owns it and who may
see it. Steps, co-planners, revisions and comments hang on it (sibling modules)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lessons import limits
from library.models import Grade, Stage, TextbookUnit
from library.school_facts import LESSON_MINUTES

from .phases import PhaseStyle, phase_label


class Visibility(models.TextChoices):
    """Who besides the owner may open the plan.

    Co-planners are remembered while a plan is private, but only see it once it is shared
    again: an owner can take a plan back for a while without re-inviting everyone."""

    PRIVATE = "private", _("Private: only me")
    SHARED = "shared", _("Shared with my co-planners")
    TEMPLATE = "template", _("Published as a template for every teacher")


class PlanLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    JAPANESE = "ja", _("Japanese")


def default_lesson_minutes(grade: Grade | None) -> int:
    """One 単位時間 at the grade's stage: 45 minutes at elementary, 50 at junior and senior
    high. Schools differ, so this is only the starting value of a per-plan field."""
    if grade is None:
        return LESSON_MINUTES[Stage.JUNIOR_HIGH]
    return LESSON_MINUTES.get(grade.stage, LESSON_MINUTES[Stage.JUNIOR_HIGH])


class LessonPlanQuerySet(models.QuerySet):
    def builtin(self):
        return self.exclude(builtin_key="")

    def templates(self):
        """Built-in templates and plans teachers published as templates."""
        return self.filter(models.Q(visibility=Visibility.TEMPLATE) | ~models.Q(builtin_key=""))

    def for_header(self):
        """Everything the plan header shows, in the same query."""
        return self.select_related(
            "owner",
            "grade",
            "textbook_unit__series",
            "textbook_unit__grade",
            "last_edited_by",
            "unit_plan",
            "school_class",
        )


class LessonPlan(models.Model):
    # Built-in templates have no owner: nobody edits them, everybody copies them.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="lesson_plans",
        null=True,
        blank=True,
    )
    builtin_key = models.SlugField(
        _("built-in template key"),
        max_length=50,
        blank=True,
        help_text=_("Set only on the templates that ship with Kyozai."),
    )
    title = models.CharField(_("title"), max_length=limits.TITLE)
    grade = models.ForeignKey(
        Grade,
        verbose_name=_("grade"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    class_name = models.CharField(
        _("class"),
        max_length=limits.CLASS_NAME,
        blank=True,
        help_text=_("学年・組, e.g. “2-3” or “6年1組”."),
    )
    textbook_unit = models.ForeignKey(
        TextbookUnit,
        verbose_name=_("textbook unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    taught_on = models.DateField(_("date"), null=True, blank=True)
    period = models.PositiveSmallIntegerField(
        _("period"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(limits.MAX_PERIOD)],
        help_text=_("校時: 1 for first period."),
    )
    length_minutes = models.PositiveSmallIntegerField(
        _("lesson length (minutes)"),
        validators=[
            MinValueValidator(limits.MIN_MINUTES),
            MaxValueValidator(limits.MAX_LESSON_MINUTES),
        ],
        help_text=_("45 at elementary school, 50 at junior and senior high, unless yours differs."),
    )
    goal = models.TextField(_("lesson goal (本時の目標)"), max_length=limits.GOAL, blank=True)
    can_do = models.TextField(
        _("CAN-DO statement"),
        max_length=limits.CAN_DO,
        blank=True,
        help_text=_(
            "What students can do by the end, e.g. “好きな季節とその理由を伝えることができる”."
        ),
    )
    # 本時の評価規準: what this lesson evaluates, per 観点 (a 指導案 prints them beside the goal).
    lesson_criteria_knowledge = models.TextField(
        _("lesson criteria: knowledge and skills"), max_length=limits.CRITERIA, blank=True
    )
    lesson_criteria_thinking = models.TextField(
        _("lesson criteria: thinking, judgement and expression"),
        max_length=limits.CRITERIA,
        blank=True,
    )
    lesson_criteria_attitude = models.TextField(
        _("lesson criteria: proactive attitude to learning"),
        max_length=limits.CRITERIA,
        blank=True,
    )
    board_plan = models.TextField(
        _("board plan (板書計画)"),
        max_length=limits.UNIT_TEXT,
        blank=True,
        help_text=_("What the blackboard shows at the end of the lesson, left to right."),
    )
    # The 細案 (full form) adds the unit-level sections before the lesson itself.
    unit_about = models.TextField(
        _("about the unit (単元について)"), max_length=limits.UNIT_TEXT, blank=True
    )
    unit_goals = models.TextField(
        _("unit goals (単元の目標)"), max_length=limits.UNIT_TEXT, blank=True
    )
    criteria_knowledge = models.TextField(
        _("criteria: knowledge and skills"), max_length=limits.CRITERIA, blank=True
    )
    criteria_thinking = models.TextField(
        _("criteria: thinking, judgement and expression"), max_length=limits.CRITERIA, blank=True
    )
    criteria_attitude = models.TextField(
        _("criteria: proactive attitude to learning"), max_length=limits.CRITERIA, blank=True
    )
    # The plan's own 単元指導計画 as free text, from before unit plans existed (renamed from
    # `unit_plan` when that name went to the link below). Kept, so nothing written is lost;
    # a plan in a unit plan prints the unit plan's table instead (docs/architecture.md).
    unit_plan_text = models.TextField(
        _("unit teaching plan (単元指導計画)"), max_length=limits.UNIT_TEXT, blank=True
    )
    # Where the lesson sits in the school year (issue #15): its class, its unit plan and
    # which lesson of the unit it is (本時: lesson n of N, N = unit_plan.lesson_count). The
    # class never widens who sees the plan (lessons/services/access.py).
    school_class = models.ForeignKey(
        "schools.SchoolClass",
        verbose_name=_("class"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lesson_plans",
    )
    unit_plan = models.ForeignKey(
        "lessons.UnitPlan",
        verbose_name=_("unit plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lesson_plans",
    )
    lesson_number = models.PositiveSmallIntegerField(
        _("lesson number in the unit"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
    )
    language = models.CharField(
        _("language of the plan"),
        max_length=2,
        choices=PlanLanguage.choices,
        default=PlanLanguage.ENGLISH,
        help_text=_("The language the plan is written and printed in."),
    )
    phase_style = models.CharField(
        _("names of the phases"),
        max_length=10,
        choices=PhaseStyle.choices,
        default=PhaseStyle.AUTO,
        blank=True,
        help_text=_("How the editor and the printouts name each step's phase."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Optimistic concurrency: the header's version. Every header save must name the version
    # it was loaded from; steps carry their own, so two people can edit different steps.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = LessonPlanQuerySet.as_manager()

    # The plan's fields, defined once: the builder's forms, the API's schemas and answers,
    # copying, revisions, conflicts, the history's wording and the print-size estimate all
    # read these lists (and each field's own definition above: its limits, choices, label).
    # What identifies the lesson: a plan list shows these, a new plan asks for them.
    BASIC_FIELDS = (
        "title",
        "grade",
        "class_name",
        "textbook_unit",
        "taught_on",
        "period",
        "length_minutes",
        "language",
        "phase_style",
    )
    # The written sections of the 学習指導案 (the 細案's unit-level ones among them).
    SECTION_FIELDS = (
        "goal",
        "can_do",
        "lesson_criteria_knowledge",
        "lesson_criteria_thinking",
        "lesson_criteria_attitude",
        "board_plan",
        "unit_about",
        "unit_goals",
        "criteria_knowledge",
        "criteria_thinking",
        "criteria_attitude",
        "unit_plan_text",
    )
    # Every field a teacher edits: a revision records these and a restore puts them back.
    HEADER_FIELDS = BASIC_FIELDS + SECTION_FIELDS

    class Meta:
        ordering = ["-last_edited_at", "-id"]
        verbose_name = _("lesson plan")
        verbose_name_plural = _("lesson plans")
        constraints = [
            models.UniqueConstraint(
                fields=["builtin_key"],
                condition=~models.Q(builtin_key=""),
                name="unique_builtin_template_key",
            ),
            models.CheckConstraint(
                condition=models.Q(owner__isnull=False) | ~models.Q(builtin_key=""),
                name="plan_has_an_owner_unless_built_in",
            ),
        ]
        indexes = [models.Index(fields=["visibility"], name="lessons_plan_visibility")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.length_minutes:
            self.length_minutes = default_lesson_minutes(self.grade)
        super().save(*args, **kwargs)

    @property
    def is_builtin(self) -> bool:
        return bool(self.builtin_key)

    @property
    def is_template(self) -> bool:
        return self.is_builtin or self.visibility == Visibility.TEMPLATE

    @property
    def is_elementary(self) -> bool:
        return self.grade is not None and self.grade.stage == Stage.ELEMENTARY

    @property
    def uses_japanese_phases(self) -> bool:
        """導入・展開・まとめ when chosen, or by default for a plan written in Japanese."""
        if self.phase_style:
            return self.phase_style == PhaseStyle.JAPANESE
        return self.language == PlanLanguage.JAPANESE

    def phase_name(self, phase: str, fine_name: str, language: str = "") -> str:
        """A step's phase as this plan names it (lessons/models/phases.py)."""
        return phase_label(phase, fine_name, language or self.language, self.uses_japanese_phases)

    @property
    def teacher_label(self) -> str:
        """Elementary classes are team-taught by the homeroom teacher (HRT), junior and
        senior high classes by the JTE: the plan's teacher column says which."""
        return "HRT" if self.is_elementary else "JTE"
