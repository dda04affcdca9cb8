"""Comments co-planners leave on a plan, each with its author and time."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lessons.forms import CommentForm
from lessons.models import PlanComment
from lessons.services.access import Can

from .helpers import back_to_editor, is_htmx, plan_view


def _comments(request, plan, access, form=None, status=200):
    comments = PlanComment.objects.filter(plan=plan).select_related("author")
    return render(
        request,
        "lessons/includes/comments.html",
        {"plan": plan, "access": access, "comments": comments, "comment_form": form},
        status=status,
    )


@plan_view(Can.COMMENT)
@require_POST
def add_comment(request, plan, access):
    form = CommentForm(request.POST)
    if not form.is_valid():
        if is_htmx(request):
            return _comments(request, plan, access, form, status=400)
        messages.error(request, _("Write a comment of at most 2000 characters."))
        return back_to_editor(plan, "comments")
    PlanComment.objects.create(plan=plan, author=request.user, body=form.cleaned_data["body"])
    if is_htmx(request):
        return _comments(request, plan, access)
    return back_to_editor(plan, "comments")


@plan_view(Can.COMMENT)
@require_POST
def delete_comment(request, plan, access, comment_id):
    """Authors may take back their own comments; the owner may tidy any."""
    comment = get_object_or_404(PlanComment, plan=plan, pk=comment_id)
    access.require_comment_deletion(comment)
    comment.delete()
    if is_htmx(request):
        return _comments(request, plan, access)
    messages.success(request, _("The comment is deleted."))
    return back_to_editor(plan, "comments")
