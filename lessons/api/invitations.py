"""Pending invitations by e-mail of a plan: listed and withdrawn by its owner only."""

from django.http import Http404, HttpRequest
from ninja import Router, Status

from common.api_errors import refusals
from lessons.models import PlanInvitation
from lessons.services import invitations
from lessons.services.access import Can

from .loading import load_plan
from .schemas import InvitationOut

router = Router()


def invitation_out(invitation: PlanInvitation) -> dict:
    return {
        "id": invitation.pk,
        "address": invitation.masked_address,
        "role": invitation.role,
        "expires_at": invitation.expires_at,
    }


def _managed_plan(request, plan_id):
    """The plan, if the visitor is the one who invites (its owner): lessons.services.access
    decides, as for every other plan operation."""
    plan, _access = load_plan(request, plan_id, Can.INVITE)
    return plan


@router.get(
    "/plans/{int:plan_id}/invitations/",
    response={200: list[InvitationOut], **refusals(401, 403, 404)},
    summary="List a plan's pending invitations by e-mail (addresses masked)",
)
def list_invitations(request: HttpRequest, plan_id: int):
    plan = _managed_plan(request, plan_id)
    return Status(200, [invitation_out(found) for found in invitations.pending_for(plan)])


@router.delete(
    "/plans/{int:plan_id}/invitations/{int:invitation_id}/",
    response={204: None, **refusals(401, 403, 404)},
    summary="Withdraw a pending invitation (its link stops working)",
)
def revoke_invitation(request: HttpRequest, plan_id: int, invitation_id: int):
    plan = _managed_plan(request, plan_id)
    if not invitations.revoke(plan, invitation_id):
        raise Http404("No such invitation on this plan.")
    return Status(204, None)
