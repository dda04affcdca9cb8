"""A teacher's lessons as an iCalendar feed for Google Calendar, Outlook or a phone.

Built with the `icalendar` library, which writes the format (line folding, escaping of
commas, semicolons and new lines in what teachers typed, time zones); we only choose what
goes in. A lesson whose school has bell times (schools' `BellTime`) is a timed event in
the site's time zone; otherwise an all-day event whose summary names the period.

Which lessons: the plans the teacher may read (their own and those shared with them)
that have a date, from FEED_PAST_DAYS ago to FEED_FUTURE_DAYS ahead, at most FEED_LIMIT —
a calendar app downloads the whole feed every few hours.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from lessons.models import LessonPlan
from lessons.services.access import shared_plans
from schools.models.timetable import BellTime

FEED_PAST_DAYS = 60
FEED_FUTURE_DAYS = 400
FEED_LIMIT = 1000


def feed_plans(user) -> list[LessonPlan]:
    today = timezone.localdate()
    shared = shared_plans(user).values("pk")
    return list(
        LessonPlan.objects.filter(Q(owner=user) | Q(pk__in=shared))
        .filter(
            taught_on__gte=today - timedelta(days=FEED_PAST_DAYS),
            taught_on__lte=today + timedelta(days=FEED_FUTURE_DAYS),
        )
        .select_related("school_class__school", "unit_plan")
        .order_by("taught_on", "period", "id")[:FEED_LIMIT]
    )


def _summary(plan: LessonPlan, timed: bool) -> str:
    parts = [plan.title]
    if plan.school_class is not None:
        parts.append(plan.school_class.name)
    if plan.period and not timed:
        parts.append(_("period %(period)s") % {"period": plan.period})
    return " · ".join(parts)


def _description(plan: LessonPlan, site: str) -> str:
    lines = []
    unit = plan.unit_plan
    if unit is not None and plan.lesson_number:
        lines.append(
            _("%(unit)s: lesson %(number)s of %(count)s")
            % {"unit": unit.title, "number": plan.lesson_number, "count": unit.lesson_count}
        )
    if plan.goal:
        lines.append(plan.goal)
    lines.append(site + reverse("lessons:plan", args=[plan.pk]))
    return "\n".join(lines)


def _event(plan: LessonPlan, bells: dict, zone: ZoneInfo, site: str, stamp) -> Event:
    event = Event()
    event.add("uid", f"lesson-plan-{plan.pk}@kyozai")
    event.add("dtstamp", stamp)
    school = plan.school_class.school if plan.school_class else None
    bell = bells.get((school.pk, plan.period)) if school and plan.period else None
    if bell is not None:
        event.add("dtstart", datetime.combine(plan.taught_on, bell.starts_at, tzinfo=zone))
        event.add("dtend", datetime.combine(plan.taught_on, bell.ends_at, tzinfo=zone))
    else:
        event.add("dtstart", plan.taught_on)
        event.add("dtend", plan.taught_on + timedelta(days=1))
    event.add("summary", _summary(plan, bell is not None))
    if school is not None:
        event.add("location", school.name)
    event.add("description", _description(plan, site))
    event.add("url", site + reverse("lessons:plan", args=[plan.pk]))
    return event


def build_feed(user, site: str) -> bytes:
    """The teacher's lessons as iCalendar bytes, in their preferred language; links to
    plans start with `site` (the address the feed was asked for on)."""
    plans = feed_plans(user)
    school_ids = {p.school_class.school_id for p in plans if p.school_class_id}
    bells = {(b.school_id, b.period): b for b in BellTime.objects.filter(school_id__in=school_ids)}
    zone = ZoneInfo(settings.TIME_ZONE)
    site = site.rstrip("/")
    stamp = timezone.now()
    language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    calendar = Calendar()
    calendar.add("prodid", "-//Kyozai//Lesson calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    with translation.override(language):
        calendar.add("x-wr-calname", _("Kyozai lessons"))
        for plan in plans:
            calendar.add_component(_event(plan, bells, zone, site, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
