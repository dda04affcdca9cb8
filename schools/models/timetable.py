"""When a class has English, and when the ALT comes: the class's timetable.

- `TimetablePeriod`: a weekday and period (校時) the class has English, e.g. Tuesday 3rd.
- `BellTime`: when a school's period starts and ends (a school's 日課表), so a calendar
  feed can give lessons a time; without it lessons are all-day events naming the period.
- `AltVisits` (+ `AltVisitDate`): which weeks the ALT comes to the class — every week,
  every other week from a first week, or on chosen dates. No row means every week.

Behaviour lives here (`weekly_pattern`, `AltVisits.comes_on`); the slot arithmetic is
schools/slots.py, and what is done with it (schedule, bump, the week view) lessons/calendar/.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from schools.slots import WeeklyPattern

# 校時: schools have at most seven periods a day (six is usual; some SHS have a 7th).
MAX_PERIOD = 7


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")


def _period_field():
    return models.PositiveSmallIntegerField(
        _("period"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PERIOD)]
    )


class TimetablePeriodQuerySet(models.QuerySet):
    def patterns(self) -> dict[int, WeeklyPattern]:
        """class id → its weekly pattern, in one query for any number of classes."""
        pairs: dict[int, list[tuple[int, int]]] = {}
        for class_id, weekday, period in self.values_list("school_class_id", "weekday", "period"):
            pairs.setdefault(class_id, []).append((weekday, period))
        return {class_id: WeeklyPattern.of(found) for class_id, found in pairs.items()}


class TimetablePeriod(models.Model):
    school_class = models.ForeignKey(
        "schools.SchoolClass",
        verbose_name=_("class"),
        on_delete=models.CASCADE,
        related_name="timetable",
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    period = _period_field()

    objects = TimetablePeriodQuerySet.as_manager()

    class Meta:
        ordering = ["weekday", "period"]
        verbose_name = _("timetable period")
        verbose_name_plural = _("timetable periods")
        constraints = [
            models.UniqueConstraint(
                fields=["school_class", "weekday", "period"], name="one_lesson_per_class_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.period}"


def weekly_pattern(school_class) -> WeeklyPattern:
    return WeeklyPattern.of(
        TimetablePeriod.objects.filter(school_class=school_class).values_list("weekday", "period")
    )


class BellTime(models.Model):
    school = models.ForeignKey(
        "schools.School",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        related_name="bell_times",
    )
    period = _period_field()
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))

    class Meta:
        ordering = ["period"]
        verbose_name = _("bell time")
        verbose_name_plural = _("bell times")
        constraints = [
            models.UniqueConstraint(fields=["school", "period"], name="one_bell_time_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A period ends after it starts.")})


class VisitPattern(models.TextChoices):
    EVERY_WEEK = "every_week", _("Every week")
    ALTERNATE_WEEKS = "alternate_weeks", _("Every other week")
    CHOSEN_DATES = "chosen_dates", _("On chosen dates")


class AltVisits(models.Model):
    school_class = models.OneToOneField(
        "schools.SchoolClass",
        verbose_name=_("class"),
        on_delete=models.CASCADE,
        related_name="alt_visits",
    )
    pattern = models.CharField(
        _("the ALT comes"),
        max_length=20,
        choices=VisitPattern.choices,
        default=VisitPattern.EVERY_WEEK,
    )
    first_week = models.DateField(
        _("first week the ALT comes"),
        null=True,
        blank=True,
        help_text=_("For every other week: any day of a week the ALT comes."),
    )

    class Meta:
        verbose_name = _("ALT visits")
        verbose_name_plural = _("ALT visits")

    def __str__(self) -> str:
        return f"{self.school_class}: {self.get_pattern_display()}"

    def clean(self):
        if self.pattern == VisitPattern.ALTERNATE_WEEKS and self.first_week is None:
            raise ValidationError(
                {"first_week": _("Every other week needs a week the ALT comes to count from.")}
            )

    def comes_on(self, day: date, chosen: set[date] | None = None) -> bool:
        """Is the ALT at this class's lessons on `day`? `chosen`: the chosen dates, when
        already loaded (the week view loads them for every class at once)."""
        if self.pattern == VisitPattern.ALTERNATE_WEEKS and self.first_week is not None:
            weeks = (_monday(day) - _monday(self.first_week)).days // 7
            return weeks % 2 == 0
        if self.pattern == VisitPattern.CHOSEN_DATES:
            if chosen is None:
                chosen = set(self.dates.values_list("day", flat=True))
            return day in chosen
        return True


def _monday(day: date) -> date:
    return date.fromordinal(day.toordinal() - day.weekday())


class AltVisitDate(models.Model):
    visits = models.ForeignKey(
        AltVisits, verbose_name=_("ALT visits"), on_delete=models.CASCADE, related_name="dates"
    )
    day = models.DateField(_("date"))

    class Meta:
        ordering = ["day"]
        verbose_name = _("ALT visit date")
        verbose_name_plural = _("ALT visit dates")
        constraints = [
            models.UniqueConstraint(fields=["visits", "day"], name="one_alt_visit_per_date")
        ]

    def __str__(self) -> str:
        return self.day.isoformat()
