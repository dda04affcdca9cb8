"""Saving a class's timetable and ALT visits, and a school's bell times: each replaces
what was there, in one transaction."""

from __future__ import annotations

from django.db import transaction

from schools.models.timetable import (
    AltVisitDate,
    AltVisits,
    BellTime,
    TimetablePeriod,
    VisitPattern,
)


def save_timetable(school_class, pairs, pattern, first_week=None, chosen_dates=()) -> None:
    with transaction.atomic():
        TimetablePeriod.objects.filter(school_class=school_class).delete()
        TimetablePeriod.objects.bulk_create(
            [
                TimetablePeriod(school_class=school_class, weekday=weekday, period=period)
                for weekday, period in sorted(set(pairs))
            ]
        )
        visits, _created = AltVisits.objects.update_or_create(
            school_class=school_class,
            defaults={
                "pattern": pattern,
                "first_week": first_week if pattern == VisitPattern.ALTERNATE_WEEKS else None,
            },
        )
        visits.dates.all().delete()
        if pattern == VisitPattern.CHOSEN_DATES:
            AltVisitDate.objects.bulk_create(
                [AltVisitDate(visits=visits, day=day) for day in chosen_dates]
            )


def save_bell_times(school, times: dict[int, tuple]) -> None:
    with transaction.atomic():
        BellTime.objects.filter(school=school).delete()
        BellTime.objects.bulk_create(
            [
                BellTime(school=school, period=period, starts_at=starts, ends_at=ends)
                for period, (starts, ends) in sorted(times.items())
            ]
        )


def timetable_initial(school_class) -> dict:
    from .forms import slot_value

    visits = AltVisits.objects.filter(school_class=school_class).first()
    return {
        "periods": [
            slot_value(weekday, period)
            for weekday, period in TimetablePeriod.objects.filter(
                school_class=school_class
            ).values_list("weekday", "period")
        ],
        "pattern": visits.pattern if visits else VisitPattern.EVERY_WEEK,
        "first_week": visits.first_week if visits else None,
        "chosen_dates": "\n".join(
            d.isoformat() for d in (visits.dates.values_list("day", flat=True) if visits else [])
        ),
    }


def bell_initial(school) -> dict:
    initial = {}
    for bell in BellTime.objects.filter(school=school):
        initial[f"starts_{bell.period}"] = bell.starts_at
        initial[f"ends_{bell.period}"] = bell.ends_at
    return initial
