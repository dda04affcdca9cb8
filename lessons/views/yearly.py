"""The yearly plan (年間指導計画) of a class or grade: the year view (planned against taught
hours per unit), a row added by hand, CSV import and export (lessons/services/yearly.py).
Private to the school's members, like the class."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lessons.models import YearlyPlan
from lessons.services import yearly
from lessons.services.yearly import get_yearly_plan
from lessons.unit_forms import YearlyImportForm, YearlyRowForm
from schools.services.access import get_class


@login_required
@require_POST
def new_yearly_plan(request, class_id):
    """The class's yearly plan: opened if it has one this year, else started empty."""
    school_class = get_class(request.user, class_id)
    plan, _created = YearlyPlan.objects.get_or_create(
        school_class=school_class,
        academic_year=school_class.academic_year,
        defaults={
            "school": school_class.school,
            "grade": school_class.grade,
            "owner": request.user,
        },
    )
    return redirect("lessons:yearly_plan", plan.pk)


@login_required
@require_safe
def yearly_plan(request, plan_id):
    plan = get_yearly_plan(request.user, plan_id)
    lines = yearly.year_view(plan)
    context = {
        "plan": plan,
        "lines": lines,
        "planned_total": sum(line["row"].planned_hours for line in lines),
        "taught_total": sum(line["taught"] or 0 for line in lines),
        "row_form": YearlyRowForm(grade=plan.grade),
        "import_form": YearlyImportForm(),
    }
    return render(request, "lessons/units/yearly_plan.html", context)


@login_required
@require_POST
def add_row(request, plan_id):
    plan = get_yearly_plan(request.user, plan_id)
    form = YearlyRowForm(request.POST, grade=plan.grade)
    if form.is_valid():
        row = form.save(commit=False)
        row.yearly_plan = plan
        row.position = plan.rows.count()
        row.save()
        form.save_m2m()
        messages.success(request, _("Row added."))
        return redirect("lessons:yearly_plan", plan.pk)
    lines = yearly.year_view(plan)
    context = {"plan": plan, "lines": lines, "row_form": form, "import_form": YearlyImportForm()}
    return render(request, "lessons/units/yearly_plan.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def import_csv(request, plan_id):
    plan = get_yearly_plan(request.user, plan_id)
    form = YearlyImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = yearly.parse_csv(
                form.cleaned_data["file"].read(yearly.MAX_BYTES + 1), plan.grade
            )
        except yearly.ImportRefused as refusal:
            errors = refusal.errors
        else:
            yearly.replace_rows(plan, rows)
            messages.success(request, _("%(n)d rows imported.") % {"n": len(rows)})
            return redirect("lessons:yearly_plan", plan.pk)
    status = 400 if request.method == "POST" else 200
    context = {"plan": plan, "form": form, "errors": errors}
    return render(request, "lessons/units/yearly_import.html", context, status=status)


@login_required
@require_safe
def export_csv(request, plan_id):
    plan = get_yearly_plan(request.user, plan_id)
    text = yearly.export_csv(plan, japanese=(get_language() or "").startswith("ja"))
    response = HttpResponse(
        "\ufeff" + text, content_type="text/csv; charset=utf-8"
    )  # the BOM: Excel then reads the file as UTF-8
    response["Content-Disposition"] = f'attachment; filename="yearly-plan-{plan.pk}.csv"'
    return response
