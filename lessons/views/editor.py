"""The plan editor page and its header: title, class, unit, goals, the 細案 sections."""

import copy

from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lessons.forms import PlanHeaderForm, VisibilityForm
from lessons.models import LessonPlan, Visibility
from lessons.presenting import describe_conflict
from lessons.services.access import Can
from lessons.services.conflicts import StaleEdit
from lessons.services.editing import update_header

from .helpers import (
    back_to_editor,
    chosen_data,
    editor_context,
    is_htmx,
    load_steps,
    minutes_summary,
    new_step_form,
    plan_view,
)


@plan_view()
@require_GET
def plan_editor(request, plan, access):
    context = editor_context(request, plan, access)
    if access.can_edit:
        context["add_form"] = new_step_form(plan, context["steps"])
    return render(request, "lessons/plan_editor.html", context)


def _form_data(values: dict, version: int) -> QueryDict:
    """Conflict values (snapshot vocabulary) as posted form data, so the form shows them."""
    data = QueryDict(mutable=True)
    for name, value in values.items():
        data[name] = "" if value is None else str(value)
    data["version"] = str(version)
    return data


def _header_response(request, plan, context, status=200):
    template = (
        "lessons/includes/header_form.html" if is_htmx(request) else "lessons/header_edit.html"
    )
    return render(request, template, {"plan": plan, **context}, status=status)


@plan_view(Can.EDIT)
@require_http_methods(["GET", "POST"])
def edit_header(request, plan, access):
    if request.method == "GET":
        form = PlanHeaderForm(instance=plan, initial={"version": plan.version})
        return _header_response(request, plan, {"form": form})
    before_label = plan.teacher_label
    # After a conflict the teacher chose per field: keep mine, use theirs, or both.
    data = chosen_data(request.POST, PlanHeaderForm(instance=plan), "plan")
    form = PlanHeaderForm(data, instance=LessonPlan.objects.get(pk=plan.pk))
    if not form.is_valid():
        return _header_response(request, plan, {"form": form}, status=400)
    try:
        plan = update_header(
            plan.pk, request.user, form.header_values(), form.cleaned_data["version"]
        )
    except StaleEdit as stale:
        conflict = stale.conflict
        plan = conflict.current
        # A copy: validating writes the form's values into its instance, and `plan` must
        # keep showing what the other person saved.
        fresh = PlanHeaderForm(
            _form_data(conflict.merged, conflict.current_version), instance=copy.copy(plan)
        )
        fresh.is_valid()  # shows the merged values; they were valid a moment ago
        return _header_response(
            request,
            plan,
            {
                "form": fresh,
                "conflict": conflict,
                "their_changes": describe_conflict(conflict, plan),
            },
            status=409,
        )
    if is_htmx(request):
        saved = LessonPlan.objects.for_header().get(pk=plan.pk)
        response = render(
            request,
            "lessons/includes/header_saved.html",
            {
                "plan": saved,
                "access": access,
                "minutes": minutes_summary(saved, load_steps(saved)),
            },
        )
        if saved.teacher_label != before_label:
            response["HX-Refresh"] = "true"  # every step's JTE/HRT heading changes
        return response
    messages.success(request, _("The plan details are saved."))
    return back_to_editor(plan)


@plan_view()
@require_GET
def show_header(request, plan, access):
    """The header as read (the Cancel button of the header form)."""
    if not is_htmx(request):
        return back_to_editor(plan)
    return render(request, "lessons/includes/header.html", {"plan": plan, "access": access})


@plan_view(Can.CHANGE_VISIBILITY)
@require_POST
def change_visibility(request, plan, access):
    form = VisibilityForm(request.POST, instance=plan)
    if form.is_valid():
        form.save()
        if plan.visibility == Visibility.TEMPLATE:
            messages.success(request, _("Published as a template: every teacher can copy it now."))
        elif plan.visibility == Visibility.PRIVATE:
            messages.success(request, _("The plan is private now."))
        else:
            messages.success(request, _("The plan is shared with your co-planners."))
    else:
        messages.error(request, _("Choose who may see the plan."))
    return redirect(reverse("lessons:members", args=[plan.pk]) + "#sharing")


@plan_view(Can.DELETE)
@require_http_methods(["GET", "POST"])
def delete_plan(request, plan, access):
    if request.method == "POST":
        title = plan.title
        plan.delete()
        messages.success(request, _("“%(title)s” is deleted.") % {"title": title})
        return redirect(reverse("lessons:my_lessons"))
    return render(request, "lessons/delete_plan.html", {"plan": plan, "access": access})
