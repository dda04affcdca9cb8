"""The yearly plan (年間指導計画): for a class (or a whole grade of a school), which textbook
units are taught in which month, on which pages, in how many hours, with their grammar and
the Course of Study skill areas. Rows are what a publisher's yearly plan CSV holds."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from library.models import Grade, Skill, TextbookUnit
from schools.models import School, SchoolClass, academic_year_of, is_school_editor

# The school year starts in April: months in teaching order.
SCHOOL_MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
MAX_ROWS = 200
MAX_HOURS = 200


class YearlyPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Private to the school's members (editors: all)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if is_school_editor(user):
            return self.all()
        return self.filter(school__memberships__user=user)


class YearlyPlan(models.Model):
    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.CASCADE, related_name="yearly_plans"
    )
    school_class = models.ForeignKey(
        SchoolClass,
        verbose_name=_("class"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="yearly_plans",
        help_text=_("Leave empty for a plan of the whole grade."),
    )
    grade = models.ForeignKey(
        Grade, verbose_name=_("grade"), on_delete=models.PROTECT, related_name="+"
    )
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"),
        default=academic_year_of,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)

    objects = YearlyPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-academic_year", "grade__sort_order", "id"]
        verbose_name = _("yearly plan")
        verbose_name_plural = _("yearly plans")

    def __str__(self) -> str:
        return self.title or f"{self.school} {self.grade} {self.academic_year}"

    def clean(self):
        super().clean()
        if (
            self.school_class_id
            and self.school_id
            and self.school_class.school_id != self.school_id
        ):
            raise ValidationError({"school_class": _("The class is not of this school.")})


def month_order(month: int) -> int:
    """April first: the position of a month in the school year (April → 0, March → 11)."""
    return SCHOOL_MONTHS.index(month)


class YearlyPlanRow(models.Model):
    yearly_plan = models.ForeignKey(
        YearlyPlan, verbose_name=_("yearly plan"), on_delete=models.CASCADE, related_name="rows"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    textbook_unit = models.ForeignKey(
        TextbookUnit,
        verbose_name=_("textbook unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    unit_title = models.CharField(
        _("unit"),
        max_length=200,
        blank=True,
        help_text=_("Free text when the unit is not in the library (e.g. a school event)."),
    )
    pages = models.CharField(_("pages"), max_length=40, blank=True)
    planned_hours = models.PositiveSmallIntegerField(
        _("planned hours"), validators=[MinValueValidator(0), MaxValueValidator(MAX_HOURS)]
    )
    grammar = models.CharField(_("grammar"), max_length=300, blank=True)
    skills = models.ManyToManyField(
        Skill, verbose_name=_("skill areas"), blank=True, related_name="+"
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("yearly plan row")
        verbose_name_plural = _("yearly plan rows")

    def __str__(self) -> str:
        return f"{self.month}: {self.unit_label}"

    @property
    def unit_label(self) -> str:
        if self.unit_title:
            return self.unit_title
        return str(self.textbook_unit) if self.textbook_unit_id else ""
