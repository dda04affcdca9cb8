"""Hand-over (ALT turnover): the form a leaving teacher fills in, and the page the
successor opens to print their hand-over pack."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from lessons.models import Handover
from lessons.services.access import require_planner
from lessons.services.handover import HandoverError, hand_over, possible_successors
from schools.models import ClassTeacher

from ..forms import HandoverForm
from ..handover_pack import build_pack


@login_required
@require_http_methods(["GET", "POST"])
def start(request):
    require_planner(request.user)
    successors = possible_successors(request.user)
    form = HandoverForm(request.POST or None, successors=successors)
    if request.method == "POST" and form.is_valid():
        try:
            handover = hand_over(
                request.user, form.cleaned_data["successor"], form.cleaned_data["message"]
            )
        except HandoverError as problem:
            form.add_error("successor", problem.message)
        else:
            return render(request, "lessons/calendar/handover_done.html", {"handover": handover})
    context = {
        "form": form,
        "classes": ClassTeacher.objects.filter(user=request.user)
        .select_related("school_class__school")
        .order_by("school_class__school__name", "school_class__name"),
        "has_successors": successors.exists(),
    }
    return render(
        request, "lessons/calendar/handover.html", context, status=400 if form.is_bound else 200
    )


@login_required
@require_GET
def received(request, handover_id):
    """The successor's page: what came, and the pack to print."""
    handover = Handover.objects.filter(pk=handover_id, successor=request.user).first()
    if handover is None:
        raise Http404("No such hand-over.")
    return render(
        request, "lessons/calendar/handover_received.html", {"pack": build_pack(handover)}
    )
