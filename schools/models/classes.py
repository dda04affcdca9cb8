"""A class (学級/講座): a school's group of students in one academic year, and the teachers
who teach it (its JTE or HRT and its ALTs)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from library.models import Grade

from .schools import School, SchoolRole, is_school_editor

MAX_STUDENTS = 60


def academic_year_of(day: datetime.date | None = None) -> int:
    """The Japanese school year a day falls in: it starts in April, so March 2027 is 2026."""
    day = day or timezone.localdate()
    return day.year if day.month >= 4 else day.year - 1


def _students_field(label):
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_STUDENTS)],
    )


class SchoolClassQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Classes of the schools the user is a member of (editors and superusers: all). An
        ALT belongs to every school they visit, so sees the classes of all of them."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if is_school_editor(user):
            return self.all()
        return self.filter(school__memberships__user=user)


class SchoolClass(models.Model):
    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.CASCADE, related_name="classes"
    )
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"),
        default=academic_year_of,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The school year starting in April, e.g. 2026 for April 2026 to March 2027."),
    )
    grade = models.ForeignKey(
        Grade, verbose_name=_("grade"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("class"), max_length=40, help_text=_("e.g. “2年3組” or “2-3”."))
    students = models.PositiveSmallIntegerField(
        _("number of students"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_STUDENTS)],
    )
    boys = _students_field(_("boys"))
    girls = _students_field(_("girls"))
    teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teachers"),
        through="ClassTeacher",
        related_name="taught_classes",
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SchoolClassQuerySet.as_manager()

    class Meta:
        ordering = ["-academic_year", "grade__sort_order", "name", "id"]
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year", "name"], name="unique_class_name_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.school}, {self.academic_year})"

    def clean(self):
        super().clean()
        known = (self.boys, self.girls, self.students)
        if None not in known and self.boys + self.girls > self.students:
            raise ValidationError(
                {"students": _("Boys and girls add up to more than the number of students.")}
            )

    @property
    def student_count(self) -> int | None:
        """計 n 名: the number given, else boys + girls when both are known."""
        if self.students is not None:
            return self.students
        if self.boys is not None and self.girls is not None:
            return self.boys + self.girls
        return None


class ClassTeacher(models.Model):
    school_class = models.ForeignKey(
        SchoolClass,
        verbose_name=_("class"),
        on_delete=models.CASCADE,
        related_name="class_teachers",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teacher"),
        on_delete=models.CASCADE,
        related_name="class_assignments",
    )
    role = models.CharField(_("role"), max_length=5, choices=SchoolRole.choices)

    class Meta:
        ordering = ["role", "id"]
        verbose_name = _("class teacher")
        verbose_name_plural = _("class teachers")
        constraints = [
            models.UniqueConstraint(fields=["school_class", "user"], name="unique_class_teacher")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) — {self.school_class.name}"
