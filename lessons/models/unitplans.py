"""A unit plan (単元指導計画): a textbook unit taught to one class as a sequence of lessons,
with the unit's goal, evaluation criteria and 単元について written once per unit, not once per
lesson. Lesson plans hang on it as "lesson n of N" (本時)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lessons import limits
from library.models import TextbookUnit
from schools.models import SchoolClass, is_school_editor

from .plans import Visibility
from .steps import Viewpoint

MAX_UNIT_LESSONS = 40


class UnitPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Its class's school members and its owner see a unit plan; templates are for
        everybody. Editors see every class's plans (as they see every school)."""
        templates = models.Q(visibility=Visibility.TEMPLATE)
        if not getattr(user, "is_authenticated", False):
            return self.filter(templates)
        if is_school_editor(user):
            in_a_class = models.Q(school_class__isnull=False)
            return self.filter(templates | models.Q(owner=user) | in_a_class)
        members = models.Q(school_class__school__memberships__user=user)
        return self.filter(templates | models.Q(owner=user) | members).distinct()

    def templates(self):
        return self.filter(visibility=Visibility.TEMPLATE)


class UnitPlan(models.Model):
    school_class = models.ForeignKey(
        SchoolClass,
        verbose_name=_("class"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="unit_plans",
        help_text=_("A template has no class."),
    )
    textbook_unit = models.ForeignKey(
        TextbookUnit,
        verbose_name=_("textbook unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("unit title (単元名)"), max_length=limits.TITLE)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="unit_plans",
    )
    lesson_count = models.PositiveSmallIntegerField(
        _("number of lessons"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_UNIT_LESSONS)],
    )
    goal = models.TextField(_("unit goal (単元の目標)"), max_length=limits.UNIT_TEXT, blank=True)
    criteria_knowledge = models.TextField(
        _("criteria: knowledge and skills"), max_length=limits.CRITERIA, blank=True
    )
    criteria_thinking = models.TextField(
        _("criteria: thinking, judgement and expression"), max_length=limits.CRITERIA, blank=True
    )
    criteria_attitude = models.TextField(
        _("criteria: proactive attitude to learning"), max_length=limits.CRITERIA, blank=True
    )
    about_material = models.TextField(
        _("about the material (教材観)"), max_length=limits.UNIT_TEXT, blank=True
    )
    about_students = models.TextField(
        _("about the students (生徒観)"), max_length=limits.UNIT_TEXT, blank=True
    )
    about_teaching = models.TextField(
        _("about the teaching (指導観)"), max_length=limits.UNIT_TEXT, blank=True
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
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)

    objects = UnitPlanQuerySet.as_manager()

    # What a teacher writes; copying and the API read this list.
    TEXT_FIELDS = (
        "title",
        "goal",
        "criteria_knowledge",
        "criteria_thinking",
        "criteria_attitude",
        "about_material",
        "about_students",
        "about_teaching",
    )

    class Meta:
        ordering = ["-last_edited_at", "-id"]
        verbose_name = _("unit plan")
        verbose_name_plural = _("unit plans")

    def __str__(self) -> str:
        return self.title

    @property
    def is_template(self) -> bool:
        return self.visibility == Visibility.TEMPLATE


def focus_codes(text: str) -> list[str]:
    """The 観点 codes in a stored comma list, known ones only, in the 観点's own order."""
    given = {part.strip() for part in (text or "").split(",")}
    return [code for code in Viewpoint.values if code in given]


class UnitLesson(models.Model):
    """One row of the 単元指導計画 table: lesson n, its aim, which 観点 it evaluates."""

    unit_plan = models.ForeignKey(
        UnitPlan, verbose_name=_("unit plan"), on_delete=models.CASCADE, related_name="lessons"
    )
    number = models.PositiveSmallIntegerField(
        _("lesson"), validators=[MinValueValidator(1), MaxValueValidator(MAX_UNIT_LESSONS)]
    )
    aim = models.TextField(_("aim (本時のねらい)"), max_length=limits.GOAL, blank=True)
    # A comma list of 観点 codes ("knowledge,attitude"): small, readable, and the API
    # hands it out as a list (UnitLesson.focus).
    evaluation_focus = models.CharField(_("evaluation focus (観点)"), max_length=40, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("unit lesson")
        verbose_name_plural = _("unit lessons")
        constraints = [
            models.UniqueConstraint(fields=["unit_plan", "number"], name="unique_unit_lesson")
        ]

    def __str__(self) -> str:
        return f"{self.unit_plan} — {self.number}"

    @property
    def focus(self) -> list[str]:
        return focus_codes(self.evaluation_focus)

    @focus.setter
    def focus(self, codes) -> None:
        self.evaluation_focus = ",".join(focus_codes(",".join(codes)))
