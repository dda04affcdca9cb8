"""A plan's history: every revision, the changes in one, the difference between any two,
and restoring one (which is itself a new revision, so nothing is ever lost)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.paging import page_of
from lessons.models import PlanRevision
from lessons.presenting import describe, summarise
from lessons.services.access import Can
from lessons.services.revisions import compare, restore_revision

from .helpers import plan_view

REVISIONS_PER_PAGE = 50
NAME_LENGTH = PlanRevision._meta.get_field("name").max_length


def _revision_or_404(plan, number) -> PlanRevision:
    try:
        return PlanRevision.objects.select_related("author").get(plan=plan, number=int(number))
    except (PlanRevision.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None


@plan_view(Can.SEE_HISTORY)
@require_GET
def history(request, plan, access):
    revisions = PlanRevision.objects.filter(plan=plan).select_related("author").without_content()
    page = page_of(Paginator(revisions, REVISIONS_PER_PAGE), request.GET.get("page"))
    for revision in page:
        revision.summary = summarise(revision.changes, plan)
    return render(
        request,
        "lessons/history.html",
        {"plan": plan, "access": access, "revisions": page},
    )


@plan_view(Can.SEE_HISTORY)
@require_GET
def revision(request, plan, access, number):
    """What one save changed."""
    shown = _revision_or_404(plan, number)
    return render(
        request,
        "lessons/revision.html",
        {
            "plan": plan,
            "access": access,
            "revision": shown,
            "sections": describe(shown.changes, plan),
            "latest": PlanRevision.objects.filter(plan=plan).order_by("-number").first(),
        },
    )


@plan_view(Can.SEE_HISTORY)
@require_GET
def compare_revisions(request, plan, access):
    """The difference between any two revisions (older first, whichever way they come)."""
    first = _revision_or_404(plan, request.GET.get("a"))
    second = _revision_or_404(plan, request.GET.get("b"))
    if first.number > second.number:
        first, second = second, first
    return render(
        request,
        "lessons/compare.html",
        {
            "plan": plan,
            "access": access,
            "first": first,
            "second": second,
            "sections": describe(compare(first.snapshot, second.snapshot), plan),
        },
    )


@plan_view(Can.RESTORE)
@require_POST
def restore(request, plan, access, number):
    shown = _revision_or_404(plan, number)
    restore_revision(plan.pk, shown.number, request.user)
    messages.success(
        request,
        _("Revision %(number)d is restored. The plan as it was before is kept in the history too.")
        % {"number": shown.number},
    )
    return redirect("lessons:plan", plan.pk)


@plan_view(Can.EDIT)
@require_POST
def name_revision(request, plan, access, number):
    """Give a revision a name ("before the demo lesson"), or take it away with an empty
    one. A named revision is never pruned and never has later saves coalesced into it."""
    shown = _revision_or_404(plan, number)
    name = " ".join(request.POST.get("name", "").split())[:NAME_LENGTH]
    PlanRevision.objects.filter(pk=shown.pk).update(name=name)
    if name:
        messages.success(
            request,
            _("Revision %(number)d is named “%(name)s”. It is kept for good.")
            % {"number": shown.number, "name": name},
        )
    else:
        messages.success(
            request, _("Revision %(number)d has no name now.") % {"number": shown.number}
        )
    return redirect("lessons:revision", plan.pk, shown.number)
