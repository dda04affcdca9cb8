"""Co-planners: invite, change role, remove, leave, and hand the plan over."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lessons.forms import VISIBILITY_HELP, InviteForm, MemberRoleForm, TransferForm
from lessons.models import PlanInvitation, PlanMember, Visibility
from lessons.services import colleagues as colleague_search
from lessons.services import invitations
from lessons.services import members as coplanning
from lessons.services.access import Can

from .helpers import is_htmx, plan_view


def _colleague_context(request, plan, query: str = "") -> dict:
    """The colleague picker: teachers of the inviter's schools matching the query."""
    found = colleague_search.search(request.user, query)
    on_plan = set(PlanMember.objects.filter(plan=plan).values_list("user_id", flat=True))
    return {
        "found": found,
        "query": query,
        "searched": bool(query.strip()),
        "on_plan": on_plan | {plan.owner_id},
        "has_schools": request.user.school_memberships.exists(),
    }


@plan_view(Can.INVITE)
@require_GET
def colleagues(request, plan, access):
    """The picker's results (a fragment for htmx, the whole members page without it)."""
    query = request.GET.get("q", "")[:100]
    if not is_htmx(request):
        return _members_page(request, plan, access, query=query)
    return render(
        request,
        "lessons/includes/colleague_results.html",
        {"plan": plan, **_colleague_context(request, plan, query)},
    )


def _members_page(request, plan, access, invite_form=None, status=200, query=""):
    members = list(PlanMember.objects.filter(plan=plan).select_related("user", "invited_by"))
    picker = _colleague_context(request, plan, query) if access.can_manage else {}
    return render(
        request,
        "lessons/members.html",
        {
            **picker,
            "plan": plan,
            "access": access,
            "members": members,
            "invitations": invitations.pending_for(plan) if access.can_manage else [],
            "invite_form": invite_form or (InviteForm() if access.can_manage else None),
            "transfer_form": TransferForm(plan=plan) if access.can_manage and members else None,
            "visibility_choices": Visibility.choices,
            "visibility_help": VISIBILITY_HELP,
        },
        status=status,
    )


@plan_view(Can.SEE_MEMBERS)
@require_http_methods(["GET", "POST"])
def members(request, plan, access):
    """The co-planner list for everyone on the plan; the invite form for the owner."""
    if request.method == "GET":
        return _members_page(request, plan, access)
    if not access.may(Can.INVITE):
        return _members_page(request, plan, access, status=403)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invited = invitations.invite_someone(
                request, plan, request.user, form.cleaned_data["who"], form.cleaned_data["role"]
            )
        except coplanning.MemberError as problem:
            form.add_error("who", str(problem))
        else:
            messages.success(request, _invited_message(invited))
            return redirect("lessons:members", plan.pk)
    return _members_page(request, plan, access, invite_form=form, status=400)


def _invited_message(invited) -> str:
    if isinstance(invited, PlanInvitation):
        # The same words whether or not the address has an account.
        return _(
            "We have e-mailed an invitation to %(address)s. Whoever has confirmed that "
            "address joins as soon as they accept it."
        ) % {"address": invited.masked_address}
    return _("%(name)s can now open this plan as %(role)s.") % {
        "name": invited.user.shown_name,
        "role": invited.role_name.lower(),
    }


@plan_view(Can.INVITE)
@require_POST
def revoke_invitation(request, plan, access, invitation_id):
    """Withdraw a pending invitation: its link stops working at once."""
    if invitations.revoke(plan, invitation_id):
        messages.success(request, _("The invitation is withdrawn; its link no longer works."))
    return redirect("lessons:members", plan.pk)


@plan_view(Can.CHANGE_ROLES)
@require_POST
def update_member(request, plan, access, member_id):
    member = get_object_or_404(PlanMember.objects.select_related("user"), plan=plan, pk=member_id)
    if request.POST.get("action") == "remove":
        coplanning.remove(member)
        messages.success(
            request, _("%(name)s is no longer on this plan.") % {"name": member.user.shown_name}
        )
        return redirect("lessons:members", plan.pk)
    form = MemberRoleForm(request.POST, instance=member)
    if form.is_valid():
        form.save()
        messages.success(
            request,
            _("%(name)s is now %(role)s.")
            % {"name": member.user.shown_name, "role": member.role_name.lower()},
        )
    else:
        messages.error(request, _("Choose editor or viewer."))
    return redirect("lessons:members", plan.pk)


@plan_view(Can.SEE_MEMBERS)
@require_POST
def leave(request, plan, access):
    if access.is_owner:
        messages.error(
            request, _("You own this plan. Hand it to a co-planner first, then you can leave.")
        )
        return redirect("lessons:members", plan.pk)
    coplanning.remove(access.membership)
    messages.success(request, _("You left “%(title)s”.") % {"title": plan.title})
    return redirect(reverse("lessons:my_lessons") + "?tab=shared")


@plan_view(Can.TRANSFER)
@require_POST
def transfer(request, plan, access):
    form = TransferForm(request.POST, plan=plan)
    if not form.is_valid():
        messages.error(request, _("Choose the co-planner who will own the plan."))
        return redirect("lessons:members", plan.pk)
    member = form.cleaned_data["member"]
    try:
        coplanning.transfer_ownership(plan, member)
    except coplanning.MemberError as error:
        messages.error(request, str(error))
        return redirect("lessons:members", plan.pk)
    messages.success(
        request,
        _("%(name)s owns “%(title)s” now. You stay on as an editor.")
        % {"name": member.user.shown_name, "title": plan.title},
    )
    return redirect("lessons:plan", plan.pk)
