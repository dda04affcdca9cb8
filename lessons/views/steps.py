"""Steps of 本時の展開: add, edit, delete, reorder, and the inline library search."""

import copy

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lessons import limits
from lessons.forms import StepForm
from lessons.models import LessonStep
from lessons.presenting import describe_conflict
from lessons.services.access import Can
from lessons.services.conflicts import StaleEdit
from lessons.services.editing import (
    OrderMismatch,
    PlanFull,
    StepMissing,
    add_step,
    delete_step,
    move_step,
    reorder_steps,
    update_step,
)
from lessons.services.materials import (
    SCOPE_ALL,
    SCOPE_GRADE,
    SCOPE_UNIT,
    BadSearch,
    default_scope,
    search_materials,
)

from .helpers import (
    back_to_editor,
    chosen_data,
    is_htmx,
    load_steps,
    minutes_summary,
    new_step_form,
    plan_view,
    wants_json,
)

MAX_QUERY = 200


def _step_or_404(plan, step_id) -> LessonStep:
    step = LessonStep.objects.filter(plan=plan, pk=step_id).first()
    if step is None:
        raise Http404
    step.plan = plan
    return step


def _form_for(plan, step=None, data=None) -> StepForm:
    prefix_id = f"step{step.pk}_%s" if step else "new_%s"
    return StepForm(data, instance=step, plan=plan, auto_id=prefix_id)


def _render_form(request, plan, access, form, step=None, status=200, **extra):
    context = {"plan": plan, "access": access, "form": form, "step": step, **extra}
    template = "lessons/includes/step_form.html" if is_htmx(request) else "lessons/step_edit.html"
    return render(request, template, context, status=status)


def _saved_response(request, plan, access, step, *, added=False):
    """After a save: the step card, plus the minutes bar and "last edited" line out of
    band, so the rest of the page (and any form still open) is left alone."""
    if not is_htmx(request):
        messages.success(request, _("The step is saved."))
        return back_to_editor(plan, f"step-{step.pk}")
    steps = load_steps(plan)
    shown = next((s for s in steps if s.pk == step.pk), step)
    context = {
        "plan": plan,
        "access": access,
        "step": shown,
        "number": steps.index(shown) + 1 if shown in steps else None,
        "count": len(steps),
        "minutes": minutes_summary(plan, steps),
        "added": added,
        "form": new_step_form(plan, steps) if added else None,
    }
    return render(request, "lessons/includes/step_saved.html", context)


@plan_view(Can.EDIT)
@require_POST
def add(request, plan, access):
    # `replaces`: the text of a step someone deleted while it was being edited, saved
    # again as a new step in the same place on the page.
    replaces = request.POST.get("replaces", "")
    replaces = replaces if replaces.isdigit() else ""
    form = _form_for(plan, data=request.POST)
    if form.is_valid():
        try:
            step = add_step(
                plan.pk, request.user, form.step_values(), form.cleaned_data["materials"]
            )
        except PlanFull:
            form.add_error(
                None,
                _("A plan can have at most %(count)d steps. Merge some steps first.")
                % {"count": limits.MAX_STEPS},
            )
        else:
            return _saved_response(request, plan, access, step, added=not replaces)
    response = _render_form(request, plan, access, form, status=400, adding=True, replaces=replaces)
    if is_htmx(request) and not replaces:
        response["HX-Retarget"] = "#add-step-form"
        response["HX-Reswap"] = "outerHTML"
    return response


@plan_view()
@require_GET
def show(request, plan, access, step_id):
    """One step as read: the Cancel button of its form."""
    step = _step_or_404(plan, step_id)
    if not is_htmx(request):
        return back_to_editor(plan, f"step-{step.pk}")
    return _step_as_read(request, plan, access, step.pk)


def _step_as_read(request, plan, access, step_pk: int, notice: str = "", status: int = 200):
    """The step fragment, numbered among the plan's steps as they are now."""
    steps = load_steps(plan)
    step = next(s for s in steps if s.pk == step_pk)
    context = {
        "plan": plan,
        "access": access,
        "step": step,
        "number": steps.index(step) + 1,
        "count": len(steps),
        "notice": notice,
    }
    return render(request, "lessons/includes/step.html", context, status=status)


def _conflict_form(plan, conflict) -> StepForm:
    data = QueryDict(mutable=True)
    for name, value in conflict.merged.items():
        if name == "materials":
            data.setlist("materials", [str(pk) for pk in value or []])
        else:
            data[name] = "" if value is None else str(value)
    data["version"] = str(conflict.current_version or "")
    # A copy: validating a ModelForm writes the values into its instance, and the original
    # must keep showing what the other person saved.
    form = _form_for(plan, copy.copy(conflict.current), data=data)
    form.is_valid()
    return form


@plan_view(Can.EDIT)
@require_http_methods(["GET", "POST"])
def edit(request, plan, access, step_id):
    if request.method == "GET":
        step = _step_or_404(plan, step_id)
        return _render_form(request, plan, access, _form_for(plan, step), step)
    # A deleted step is still answered (with a conflict) so the editor keeps their text.
    step = LessonStep.objects.filter(plan=plan, pk=step_id).first()
    data = request.POST
    if step is not None:  # after a conflict: keep mine, use theirs, or both, per field
        data = chosen_data(data, _form_for(plan, step), "step")
    form = _form_for(plan, step, data=data)
    if not form.is_valid():
        return _render_form(request, plan, access, form, step, status=400)
    try:
        step = update_step(
            plan.pk,
            int(step_id),
            request.user,
            form.step_values(),
            form.cleaned_data["materials"],
            form.cleaned_data["version"] or 0,
        )
    except StepMissing:
        raise Http404 from None
    except StaleEdit as stale:
        conflict = stale.conflict
        if conflict.current is None:
            # Deleted meanwhile: offer to save the text as a new step instead.
            form = _form_for(plan, data=request.POST)
            form.is_valid()
            return _render_form(
                request,
                plan,
                access,
                form,
                None,
                status=409,
                conflict=conflict,
                adding=True,
                replaces=step_id,
            )
        conflict.current.plan = plan
        return _render_form(
            request,
            plan,
            access,
            _conflict_form(plan, conflict),
            conflict.current,
            status=409,
            conflict=conflict,
            their_changes=describe_conflict(conflict, plan),
            their_values=conflict.current,
        )
    return _saved_response(request, plan, access, step)


@plan_view(Can.EDIT)
@require_POST
def delete(request, plan, access, step_id):
    try:
        version = int(request.POST["version"]) if request.POST.get("version") else None
    except ValueError:
        version = None
    try:
        delete_step(plan.pk, int(step_id), request.user, version)
    except StepMissing:
        raise Http404 from None
    except StaleEdit as stale:
        conflict = stale.conflict
        if conflict.current is None:  # someone else deleted it first: nothing to do
            return _after_delete(request, plan, step_id)
        message = _(
            "%(names)s changed this step after you opened the page, so it was not deleted. "
            "Look at their changes, then delete it again if you still want to."
        ) % {"names": ", ".join(conflict.authors) or _("Someone")}
        if is_htmx(request):
            return _step_as_read(
                request, plan, access, conflict.current.pk, notice=message, status=409
            )
        messages.error(request, message)
        return back_to_editor(plan, f"step-{step_id}")
    return _after_delete(request, plan, step_id)


def _after_delete(request, plan, step_id):
    if not is_htmx(request):
        messages.success(request, _("The step is deleted."))
        return back_to_editor(plan, "steps")
    steps = load_steps(plan)
    return render(
        request,
        "lessons/includes/step_deleted.html",
        {"plan": plan, "minutes": minutes_summary(plan, steps), "count": len(steps)},
    )


def _order_response(request, plan, order, moved=None, status=200):
    if wants_json(request):
        return JsonResponse({"order": order, "moved": moved}, status=status)
    if status == 409:
        messages.error(
            request,
            _("Someone added or deleted a step meanwhile. Here is the plan as it is now."),
        )
    return back_to_editor(plan, f"step-{moved}" if moved else "steps")


@plan_view(Can.EDIT)
@require_POST
def move(request, plan, access, step_id):
    """Up/down buttons: the keyboard's way to reorder (and the no-JavaScript way)."""
    direction = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if direction is None:
        return HttpResponse(_("Move up or down."), status=400)
    try:
        order = move_step(plan.pk, int(step_id), request.user, direction)
    except StepMissing:
        raise Http404 from None
    return _order_response(request, plan, order, int(step_id))


@plan_view(Can.EDIT)
@require_POST
def reorder(request, plan, access):
    """Drag and drop: the whole new order, as a comma-separated list of step ids."""
    try:
        order = [int(pk) for pk in request.POST.get("order", "").split(",") if pk.strip()]
    except ValueError:
        return HttpResponse(_("The order must list step numbers."), status=400)
    try:
        order = reorder_steps(plan.pk, request.user, order)
    except OrderMismatch as mismatch:
        return _order_response(request, plan, mismatch.current, status=409)
    return _order_response(request, plan, order)


@plan_view(Can.EDIT)
@require_GET
def material_search(request, plan, access):
    """Library search inside a step form. Narrowed to the plan's grade and unit unless the
    teacher widens it; answers through the search service like the search page does."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    scope = request.GET.get("scope") or default_scope(plan)
    if scope not in (SCOPE_UNIT, SCOPE_GRADE, SCOPE_ALL):
        scope = SCOPE_ALL
    target = request.GET.get("target", "")
    results, error = None, ""
    try:
        results = search_materials(plan, query, scope)
    except BadSearch as problem:
        error = str(problem)
    return render(
        request,
        "lessons/includes/material_results.html",
        {
            "plan": plan,
            "results": results,
            "error": error,
            "query": query,
            "scope": scope,
            "target": target if target.replace("_", "").replace("-", "").isalnum() else "",
        },
    )
