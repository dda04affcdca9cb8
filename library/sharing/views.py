"""Share a material, see "My submissions", fix one an editor sent back.

Only signed-in members of Teachers (perm accounts.share_materials) share; each teacher
sees and edits only their own submissions (anyone else's is a 404, never a hint that it
exists). Editors review in the Wagtail admin, not here.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from library.models import MaterialPage

from .forms import ShareMaterialForm
from .status import Status, submission_of, submissions_of
from .submissions import (
    NoLibrarySection,
    attachments_of,
    initial_from_page,
    resubmit_material,
    submit_new_material,
)

SHARE_PERMISSION = "accounts.share_materials"


def teachers_only(view):
    """Log-in first; then a page that says who may share, rather than a bare 403."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(SHARE_PERMISSION):
            return render(request, "library/sharing/not_allowed.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _own_submission(request: HttpRequest, page_id: int) -> MaterialPage:
    return get_object_or_404(MaterialPage, pk=page_id, owner=request.user)


@teachers_only
@require_http_methods(["GET", "POST"])
def share_material(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ShareMaterialForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                page = submit_new_material(form.cleaned_data, request.user)
            except NoLibrarySection:
                form.add_error(None, _("The library is not set up yet. Please tell an editor."))
            else:
                messages.success(
                    request,
                    _("Thank you! “%(title)s” is with the editors, who will review it soon.")
                    % {"title": page.title},
                )
                return redirect("sharing:mine")
    else:
        form = ShareMaterialForm(user=request.user)
    return render(request, "library/sharing/share_form.html", {"form": form, "editing": None})


@teachers_only
@require_http_methods(["GET", "POST"])
def edit_submission(request: HttpRequest, page_id: int) -> HttpResponse:
    page = _own_submission(request, page_id)
    submission = submission_of(page)
    if not submission.can_edit:
        if submission.status == Status.IN_MODERATION:
            message = _(
                "“%(title)s” is with the editors now; you can edit it if they ask for changes."
            )
        else:
            message = _("“%(title)s” is published; please ask an editor to change it.")
        messages.info(request, message % {"title": submission.title})
        return redirect("sharing:mine")
    attachments = attachments_of(page)
    if request.method == "POST":
        form = ShareMaterialForm(
            request.POST, request.FILES, user=request.user, attachments=attachments
        )
        if form.is_valid():
            resubmit_material(page, form.cleaned_data, request.user)
            messages.success(
                request,
                _("“%(title)s” is back with the editors.") % {"title": form.cleaned_data["title"]},
            )
            return redirect("sharing:mine")
    else:
        form = ShareMaterialForm(
            initial=initial_from_page(page), user=request.user, attachments=attachments
        )
    return render(request, "library/sharing/share_form.html", {"form": form, "editing": submission})


@teachers_only
@require_http_methods(["GET"])
def my_submissions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "library/sharing/my_submissions.html",
        {"submissions": submissions_of(request.user)},
    )


@teachers_only
@require_http_methods(["GET"])
def preview_submission(request: HttpRequest, page_id: int) -> HttpResponse:
    """The submission as it will look once published (its latest revision)."""
    page = _own_submission(request, page_id)
    draft = page.get_latest_revision_as_object()
    return draft.make_preview_request(request, draft.default_preview_mode)
