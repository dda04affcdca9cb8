"""Unit plans (単元指導計画) in the planner: a class's overview, a new unit plan, its page
with the table of lessons, editing, lesson plan n, copying to another class, publishing.
Every decision is the unit-plan service's (lessons/services/unitplans.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lessons.models import LessonPlan, UnitPlan, Visibility, YearlyPlan
from lessons.services import unitplans as units
from lessons.services.access import NotAllowed
from lessons.services.unitplans import UnitCan
from lessons.unit_forms import CopyUnitPlanForm, UnitLessonForm, UnitPlanForm
from schools.models import SchoolClass
from schools.services.access import get_class

from .helpers import editor_url


@login_required
@require_safe
def class_page(request, class_id):
    """A class: its unit plans and yearly plan, and the lesson plans of it the user owns."""
    school_class = get_class(request.user, class_id)
    unit_plans = school_class.unit_plans.select_related("textbook_unit__series", "owner").annotate(
        plan_count=Count("lesson_plans")
    )
    yearly = YearlyPlan.objects.filter(school_class=school_class).order_by("-id")
    context = {
        "school_class": school_class,
        "unit_plans": unit_plans.order_by("-created_at"),
        "yearly_plans": yearly,
    }
    return render(request, "lessons/units/class_page.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def new_unit_plan(request, class_id):
    school_class = get_class(request.user, class_id)
    form = UnitPlanForm(request.POST or None, school_class=school_class)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        unit = units.create_unit_plan(request.user, {**values, "school_class": school_class})
        return redirect("lessons:unit_plan", unit.pk)
    return render(
        request, "lessons/units/unit_form.html", {"form": form, "school_class": school_class}
    )


def _table(unit: UnitPlan, user) -> list[dict]:
    """The rows of the 単元指導計画 with, for each, the user's lesson plan of it (if any)."""
    mine = {
        plan.lesson_number: plan
        for plan in LessonPlan.objects.filter(unit_plan=unit, owner=user).order_by("-id")
    }
    return [{"lesson": row, "plan": mine.get(row.number)} for row in unit.lessons.all()]


@login_required
@require_safe
def unit_plan(request, unit_id):
    unit = units.get_unit_plan(request.user, unit_id)
    context = {
        "unit": unit,
        "rows": _table(unit, request.user),
        "may_edit": units.may_edit(request.user, unit),
        "is_owner": unit.owner_id == request.user.pk,
        "shows_class": units.may_see_class(request.user, unit),
        "Visibility": Visibility,
    }
    return render(request, "lessons/units/unit_plan.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit_unit_plan(request, unit_id):
    unit = units.get_unit_plan(request.user, unit_id, UnitCan.EDIT)
    data = request.POST or None
    form = UnitPlanForm(data, instance=unit, school_class=unit.school_class)
    rows = list(unit.lessons.all())
    row_forms = [
        UnitLessonForm(
            data, prefix=f"lesson-{row.number}", initial={"aim": row.aim, "focus": row.focus}
        )
        for row in rows
    ]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in row_forms):
        unit = form.save(commit=False)
        lessons = [
            {"number": row.number, **f.cleaned_data} for row, f in zip(rows, row_forms, strict=True)
        ]
        units.save_unit_plan(unit, lessons)
        messages.success(request, _("Unit plan saved."))
        return redirect("lessons:unit_plan", unit.pk)
    context = {"form": form, "unit": unit, "rows": list(zip(rows, row_forms, strict=True))}
    return render(request, "lessons/units/unit_form.html", context)


@login_required
@require_POST
def lesson_plan(request, unit_id, number):
    """ "Add lesson plan n": the user's plan for lesson n of the unit, made if need be."""
    unit = units.get_unit_plan(request.user, unit_id, UnitCan.EDIT)
    plan = units.lesson_plan_for(request.user, unit, number)
    return redirect(editor_url(plan))


@login_required
@require_http_methods(["GET", "POST"])
def copy_unit_plan(request, unit_id):
    unit = units.get_unit_plan(request.user, unit_id)
    classes = (
        SchoolClass.objects.visible_to(request.user)
        .filter(school__memberships__user=request.user)
        .select_related("school")
        .distinct()
    )
    form = CopyUnitPlanForm(request.POST or None, classes=classes)
    if request.method == "POST" and form.is_valid():
        copy = units.copy_unit_plan(request.user, unit, form.cleaned_data["school_class"])
        messages.success(request, _("Unit plan copied, with your lesson plans of it."))
        return redirect("lessons:unit_plan", copy.pk)
    return render(request, "lessons/units/copy.html", {"form": form, "unit": unit})


@login_required
@require_POST
def unit_visibility(request, unit_id):
    unit = units.get_unit_plan(request.user, unit_id, UnitCan.MANAGE)
    visibility = request.POST.get("visibility", "")
    if visibility not in Visibility.values:
        raise NotAllowed(_("Unknown visibility."))
    units.set_visibility(unit, visibility)
    messages.success(request, _("Visibility changed."))
    return redirect("lessons:unit_plan", unit.pk)
