"""A class's calendar: its timetable and ALT visits, where it stopped, its lessons in time
order with "bump", scheduling a unit, and the teacher's notes on the class. Private to
the class's school (404 for anyone else, whatever the id)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lessons.models import ClassNote, UnitPlan
from schools.models import School
from schools.models.timetable import weekly_pattern
from schools.slots import NoTimetable

from ..access import accesses, visible_class
from ..forms import BellTimesForm, BumpForm, NoteForm, ScheduleForm, TimetableForm
from ..schedule import bump, schedule_unit, scheduled_lessons, where_stopped
from ..timetables import bell_initial, save_bell_times, save_timetable, timetable_initial


def _class_url(school_class) -> str:
    return reverse("calendar:class", args=[school_class.pk])


def _page(request, school_class, **forms):
    plans = list(
        scheduled_lessons(school_class)
        .select_related("unit_plan")
        .order_by("taught_on", "period", "id")
    )
    access = accesses(request.user, plans)
    note = ClassNote.objects.filter(school_class=school_class, author=request.user).first()
    today = timezone.localdate()
    context = {
        "school_class": school_class,
        "pattern": sorted(weekly_pattern(school_class).pairs),
        "stop": where_stopped(school_class, today),
        "lessons": [(plan, access[plan.pk] is not None) for plan in plans],
        "today": today,
        "schedule_form": forms.get("schedule_form")
        or ScheduleForm(school_class=school_class, initial={"start": today}),
        "note_form": forms.get("note_form")
        or NoteForm(initial={"text": note.text if note else ""}),
        "unit_plans": UnitPlan.objects.filter(school_class=school_class).order_by("title"),
    }
    return render(request, "lessons/calendar/class.html", context, status=forms.get("status", 200))


@login_required
@require_http_methods(["GET"])
def class_calendar(request, class_id):
    return _page(request, visible_class(request.user, class_id))


@login_required
@require_http_methods(["GET", "POST"])
def edit_timetable(request, class_id):
    school_class = visible_class(request.user, class_id)
    if request.method == "POST":
        form = TimetableForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            save_timetable(
                school_class,
                data["periods"],
                data["pattern"],
                data["first_week"],
                data["chosen_dates"],
            )
            messages.success(request, _("Timetable saved."))
            return redirect(_class_url(school_class))
    else:
        form = TimetableForm(initial=timetable_initial(school_class))
    return render(
        request,
        "lessons/calendar/timetable.html",
        {"school_class": school_class, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def bump_lesson(request, class_id):
    school_class = visible_class(request.user, class_id)
    form = BumpForm(request.POST, school_class=school_class)
    if not form.is_valid():
        messages.error(request, _("Choose a lesson of this class that has a date and a period."))
        return redirect(_class_url(school_class))
    try:
        moved = bump(request.user, form.cleaned_data["plan"])
    except NoTimetable:
        messages.error(
            request, _("Set the class's timetable first: bump moves lessons to its next period.")
        )
    else:
        messages.success(
            request, _("%(count)s lessons moved one period later.") % {"count": len(moved)}
        )
    return redirect(_class_url(school_class))


@login_required
@require_POST
def schedule(request, class_id):
    school_class = visible_class(request.user, class_id)
    form = ScheduleForm(request.POST, school_class=school_class)
    if not form.is_valid():
        return _page(request, school_class, schedule_form=form, status=400)
    try:
        moved = schedule_unit(
            request.user, form.cleaned_data["unit_plan"], form.cleaned_data["start"]
        )
    except NoTimetable:
        form.add_error(None, _("Set the class's timetable first: lessons go on its periods."))
        return _page(request, school_class, schedule_form=form, status=400)
    messages.success(request, _("%(count)s lessons scheduled.") % {"count": len(moved)})
    return redirect(_class_url(school_class))


@login_required
@require_POST
def save_note(request, class_id):
    school_class = visible_class(request.user, class_id)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _page(request, school_class, note_form=form, status=400)
    ClassNote.objects.update_or_create(
        school_class=school_class, author=request.user, defaults={"text": form.cleaned_data["text"]}
    )
    messages.success(request, _("Notes saved."))
    return redirect(_class_url(school_class) + "#notes")


def _visible_school(user, school_id) -> School:
    """The school, if the user is a member (editors: any); else 404."""
    try:
        return School.objects.visible_to(user).get(pk=int(school_id))
    except (School.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404("No such school.") from None


@login_required
@require_http_methods(["GET", "POST"])
def bell_times(request, school_id):
    school = _visible_school(request.user, school_id)
    if request.method == "POST":
        form = BellTimesForm(request.POST)
        if form.is_valid():
            save_bell_times(school, form.times())
            messages.success(request, _("Bell times saved."))
            return redirect(reverse("calendar:bell_times", args=[school.pk]))
    else:
        form = BellTimesForm(initial=bell_initial(school))
    rows = [(form[f"starts_{p}"], form[f"ends_{p}"]) for p in range(1, 8)]
    return render(
        request,
        "lessons/calendar/bell_times.html",
        {"school": school, "form": form, "rows": rows},
        status=400 if form.is_bound else 200,
    )
