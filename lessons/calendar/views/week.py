"""A teacher's week across schools, as a phone-friendly page (its printout is
lessons/calendar/printouts.py)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from lessons.models import Handover

from ..printouts import parse_monday
from ..week import build_week


def _week_page(request, monday):
    week = build_week(request.user, monday)
    return render(
        request,
        "lessons/calendar/week.html",
        {
            "week": week,
            "this_week": parse_monday(timezone.localdate().isoformat()),
            "today": timezone.localdate(),
            "handovers": list(Handover.objects.filter(successor=request.user)[:3]),
        },
    )


@login_required
@require_GET
def this_week(request):
    return _week_page(request, parse_monday(timezone.localdate().isoformat()))


@login_required
@require_GET
def week(request, monday):
    return _week_page(request, parse_monday(monday))
