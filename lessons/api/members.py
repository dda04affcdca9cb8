"""Co-planners of a plan: list, invite, change role, remove (or leave), transfer."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from common.api_errors import bad_input_body, refusals
from lessons.models import PlanInvitation, PlanMember
from lessons.services import colleagues, invitations
from lessons.services import members as coplanning
from lessons.services.access import Can

from . import serialize
from .invitations import invitation_out
from .loading import load_full, load_plan
from .schemas import (
    ColleagueOut,
    InvitationOut,
    MemberIn,
    MemberOut,
    MemberPatch,
    PlanOut,
    TransferIn,
)

router = Router()


def _member_out(member: PlanMember) -> dict:
    return {
        "id": member.pk,
        "user": serialize.person(member.user),
        "role": member.role,
        "added_at": member.added_at,
    }


def _member_plan(request, plan_id, action: Can = Can.SEE_MEMBERS):
    return load_plan(request, plan_id, action)


@router.get(
    "/plans/{int:plan_id}/members/",
    response={200: list[MemberOut], **refusals(401, 403, 404)},
    summary="List a plan's co-planners",
)
def list_members(request: HttpRequest, plan_id: int):
    plan, _access = _member_plan(request, plan_id)
    members = PlanMember.objects.filter(plan=plan).select_related("user")
    return Status(200, [_member_out(member) for member in members])


@router.get(
    "/plans/{int:plan_id}/colleagues/",
    response={200: list[ColleagueOut], **refusals(400, 401, 403, 404)},
    summary="Find teachers of your schools to invite (name, display name or e-mail)",
)
def find_colleagues(request: HttpRequest, plan_id: int, q: str = ""):
    """Only teachers who share a school with you: never a search over every account."""
    plan, _access = _member_plan(request, plan_id, Can.INVITE)
    on_plan = set(PlanMember.objects.filter(plan=plan).values_list("user_id", flat=True))
    on_plan.add(plan.owner_id)
    found = colleagues.search(request.user, q[:100])
    return Status(
        200,
        [
            {
                "user": serialize.person(c.user),
                "schools": list(c.schools),
                "on_plan": c.user.pk in on_plan,
            }
            for c in found
        ],
    )


@router.post(
    "/plans/{int:plan_id}/members/",
    response={201: MemberOut, 202: InvitationOut, **refusals(400, 401, 403, 404)},
    summary="Invite a co-planner by username or e-mail",
)
def invite(request: HttpRequest, plan_id: int, payload: MemberIn):
    plan, _access = _member_plan(request, plan_id, Can.INVITE)
    try:
        invited = invitations.invite_someone(
            request, plan, request.user, payload.user, payload.role
        )
    except coplanning.MemberError as problem:
        return Status(400, bad_input_body([{"field": "user", "message": str(problem)}]))
    if isinstance(invited, PlanInvitation):
        return Status(202, invitation_out(invited))
    return Status(201, _member_out(invited))


@router.patch(
    "/plans/{int:plan_id}/members/{int:member_id}/",
    response={200: MemberOut, **refusals(400, 401, 403, 404)},
    summary="Change a co-planner's role",
)
def change_role(request: HttpRequest, plan_id: int, member_id: int, payload: MemberPatch):
    plan, _access = _member_plan(request, plan_id, Can.CHANGE_ROLES)
    member = get_object_or_404(PlanMember.objects.select_related("user"), plan=plan, pk=member_id)
    coplanning.change_role(member, payload.role)
    return Status(200, _member_out(member))


@router.delete(
    "/plans/{int:plan_id}/members/{int:member_id}/",
    response={204: None, **refusals(401, 403, 404)},
    summary="Remove a co-planner (or leave, with your own membership)",
)
def remove(request: HttpRequest, plan_id: int, member_id: int):
    plan, access = _member_plan(request, plan_id)
    member = get_object_or_404(PlanMember, plan=plan, pk=member_id)
    access.require_removal(member)
    coplanning.remove(member)
    return Status(204, None)


@router.post(
    "/plans/{int:plan_id}/transfer/",
    response={200: PlanOut, **refusals(400, 401, 403, 404)},
    summary="Make a co-planner the owner (you stay on as an editor)",
)
def transfer(request: HttpRequest, plan_id: int, payload: TransferIn):
    plan, access = _member_plan(request, plan_id, Can.TRANSFER)
    member = PlanMember.objects.filter(plan=plan, pk=payload.member).select_related("user").first()
    if member is None:
        return Status(
            400,
            bad_input_body(
                [{"field": "member", "message": "Choose one of this plan's co-planners."}]
            ),
        )
    try:
        coplanning.transfer_ownership(plan, member)
    except coplanning.MemberError as error:
        return Status(400, bad_input_body([{"field": "member", "message": str(error)}]))
    plan, access = load_plan(request, plan_id)
    return Status(200, load_full(request, plan, access))
