"""One row of 本時の展開: a stage of the lesson, minute by minute, with what students do and
what each teacher does. Writing the ALT's role down is the point of the planner."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lessons import limits
from library.models import LibraryPage, Viewpoint

from .plans import LessonPlan


class Phase(models.TextChoices):
    WARM_UP = "warm_up", _("Warm-up")
    REVIEW = "review", _("Review")
    INTRODUCTION = "introduction", _("Introduction")
    PRACTICE = "practice", _("Practice")
    PRODUCTION = "production", _("Production")
    REFLECTION = "reflection", _("Reflection")


class LessonStep(models.Model):
    plan = models.ForeignKey(
        LessonPlan, verbose_name=_("lesson plan"), on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    minutes = models.PositiveSmallIntegerField(
        _("minutes"),
        validators=[MinValueValidator(limits.MIN_MINUTES), MaxValueValidator(limits.MAX_MINUTES)],
    )
    title = models.CharField(
        _("activity"),
        max_length=limits.STEP_TITLE,
        blank=True,
        help_text=_("A short name, e.g. “Small talk” or “Bingo”."),
    )
    student_activity = models.TextField(
        _("student activity (学習活動)"), max_length=limits.STEP_TEXT, blank=True
    )
    jte_role = models.TextField(_("JTE/HRT role"), max_length=limits.STEP_TEXT, blank=True)
    alt_role = models.TextField(_("ALT role"), max_length=limits.STEP_TEXT, blank=True)
    teacher_notes = models.TextField(
        _("teacher notes (指導上の留意点)"), max_length=limits.STEP_TEXT, blank=True
    )
    evaluation = models.TextField(_("evaluation (評価)"), max_length=limits.EVALUATION, blank=True)
    viewpoint = models.CharField(
        _("viewpoint (観点)"), max_length=12, choices=Viewpoint.choices, blank=True
    )
    materials = models.ManyToManyField(
        LibraryPage, verbose_name=_("library materials"), blank=True, related_name="+"
    )
    # Each step has its own version, so two teachers editing different steps never collide.
    version = models.PositiveIntegerField(_("version"), default=1)

    # Fields a revision records and a restore puts back (materials are kept as ids).
    CONTENT_FIELDS = (
        "phase",
        "minutes",
        "title",
        "student_activity",
        "jte_role",
        "alt_role",
        "teacher_notes",
        "evaluation",
        "viewpoint",
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("lesson step")
        verbose_name_plural = _("lesson steps")

    def __str__(self) -> str:
        return self.title or self.get_phase_display()
