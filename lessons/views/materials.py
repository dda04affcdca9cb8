""" "Add to a lesson plan" from a library page: a new plan built around the material, or a
new step in a plan the teacher already has, before its closing reflection."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lessons import limits
from lessons.forms import AddMaterialForm
from lessons.models import LessonStep, default_lesson_minutes
from lessons.services import access as rights
from lessons.services.copying import step_for_material
from lessons.services.editing import PlanFull, add_step, create_plan
from lessons.services.materials import linkable_materials
from library.models import LibraryPage

from .helpers import editor_url


def _material_or_404(page_id) -> LibraryPage:
    page = (
        linkable_materials().filter(pk=page_id).prefetch_related("grades", "activity_types").first()
    )
    if page is None:
        raise Http404
    return page


def _warn_if_too_long(request, plan) -> None:
    """The steps now take longer than the lesson: say so at once, with the figures."""
    planned = LessonStep.objects.filter(plan=plan).aggregate(total=Sum("minutes"))["total"] or 0
    if planned > plan.length_minutes:
        messages.warning(
            request,
            _(
                "The steps now take %(planned)d minutes, %(over)d more than the "
                "%(length)d-minute lesson. Shorten or remove a step."
            )
            % {
                "planned": planned,
                "over": planned - plan.length_minutes,
                "length": plan.length_minutes,
            },
        )


@login_required
@require_http_methods(["GET", "POST"])
def add_material(request, page_id: int):
    rights.require_planner(request.user)
    page = _material_or_404(page_id)
    plans = rights.editable_plans(request.user).order_by("-last_edited_at", "-id")
    grades = list(page.grades.all())
    initial = {
        "title": _("Lesson with %(material)s") % {"material": page.title},
        "grade": grades[0].code if len(grades) == 1 else None,
        "plan": request.GET.get("plan"),
        "target": AddMaterialForm.EXISTING if request.GET.get("plan") else AddMaterialForm.NEW,
    }
    form = AddMaterialForm(request.POST or None, initial=initial, plans=plans)
    if request.method == "POST" and form.is_valid():
        step = step_for_material(page)
        if form.cleaned_data["target"] == AddMaterialForm.NEW:
            grade = form.cleaned_data["grade"]
            plan = create_plan(
                request.user,
                {
                    "title": form.cleaned_data["title"],
                    "grade": grade,
                    "length_minutes": default_lesson_minutes(grade),
                    "language": request.user.preferred_language or "en",
                },
            )
        else:
            plan = form.cleaned_data["plan"]
        try:
            added = add_step(plan.pk, request.user, step, [page.pk], where_it_fits=True)
        except PlanFull:
            form.add_error(
                "plan",
                _("That plan already has %(count)d steps, the most a plan can have.")
                % {"count": limits.MAX_STEPS},
            )
        else:
            messages.success(
                request,
                _("“%(material)s” is a new step in “%(plan)s”. Write who does what.")
                % {"material": page.title, "plan": plan.title},
            )
            _warn_if_too_long(request, plan)
            return redirect(editor_url(plan, f"step-{added.pk}"))
    return render(
        request,
        "lessons/add_material.html",
        {"page": page, "form": form, "has_plans": plans.exists()},
        status=400 if form.errors else 200,
    )
