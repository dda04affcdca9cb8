"""Who may do what, for every URL pattern of the site outside /admin/.

One entry per discovered URL pattern (tests/security/routes.py); a pattern missing here
fails test_every_route_has_an_entry, so a new view cannot ship before someone writes down
who may use it. Each entry is a list of checks: a method, a real URL built from the world
(tests/security/world.py), and the outcome for each of the six actors.

Plan-scoped checks (`plan=True`) run twice: against Sam's shared plan, with the outcomes
written here, and against Sam's private plan, where everyone but Sam gets 404 (a private
plan does not exist for anyone else, even co-planners parked on it, whatever id they try).

Outcomes: OK is a 2xx or a redirect that is not to a log-in page; LOGIN is a redirect to
the log-in page; numbers are that status code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from accounts.email_confirmation import make_token

from .world import (
    AJET,
    ANONYMOUS,
    COEDITOR,
    GUEST_ADDRESS,
    OTHER,
    OWNER,
    VIEWER,
    World,
    share_form_data,
)

OK = "ok"
LOGIN = "login"
UNAUTHENTICATED = 401
DENIED = 403
BAD_INPUT = 400
HIDDEN = 404
NOT_ALLOWED = 405


def who(anonymous, owner, other, viewer, coeditor, ajet) -> dict[str, object]:
    return {
        ANONYMOUS: anonymous,
        OWNER: owner,
        OTHER: other,
        VIEWER: viewer,
        COEDITOR: coeditor,
        AJET: ajet,
    }


def everyone(outcome) -> dict[str, object]:
    return who(*[outcome] * 6)


def refused(expected: dict) -> dict:
    """The same view asked with a method it does not take: whoever gets past the log-in and
    permission checks is told 405."""
    return {actor: NOT_ALLOWED if outcome == OK else outcome for actor, outcome in expected.items()}


PUBLIC = everyone(OK)
SIGNED_IN = who(LOGIN, OK, OK, OK, OK, OK)
# Sam's shared plan in the builder: members read, editors edit, the owner manages.
PLAN_READERS = who(LOGIN, OK, HIDDEN, OK, OK, HIDDEN)
PLAN_EDITORS = who(LOGIN, OK, HIDDEN, DENIED, OK, HIDDEN)
PLAN_OWNER = who(LOGIN, OK, HIDDEN, DENIED, DENIED, HIDDEN)
# Printing a plan: even a visitor who is not signed in is told "not found".
PLAN_PRINTERS = who(HIDDEN, OK, HIDDEN, OK, OK, HIDDEN)
# The JSON API: 401 without a session.
API_SIGNED_IN = who(UNAUTHENTICATED, OK, OK, OK, OK, OK)
API_READERS = who(UNAUTHENTICATED, OK, HIDDEN, OK, OK, HIDDEN)
API_EDITORS = who(UNAUTHENTICATED, OK, HIDDEN, DENIED, OK, HIDDEN)
API_OWNER = who(UNAUTHENTICATED, OK, HIDDEN, DENIED, DENIED, HIDDEN)
# Sam's draft submission: only Sam, in the share pages (editors review it in the admin).
SUBMITTER = who(LOGIN, OK, HIDDEN, HIDDEN, HIDDEN, HIDDEN)
# Files of a draft nobody has published: the uploader and editors.
UNPUBLISHED_FILE = who(HIDDEN, OK, HIDDEN, HIDDEN, HIDDEN, OK)


@dataclass(frozen=True)
class Target:
    """The objects a plan-scoped URL is filled with: the shared or the private plan's."""

    plan: object
    step: object
    comment: object
    member: object  # a co-planner record on this plan (the co-planner editor's)

    @classmethod
    def shared(cls, world: World) -> Target:
        return cls(
            world.shared_plan,
            world.shared_steps[0],
            world.shared_comment,
            world.coeditor_member,
        )

    @classmethod
    def private(cls, world: World) -> Target:
        return cls(
            world.private_plan, world.private_step, world.private_comment, world.private_member
        )


Builder = Callable[[World, Target], object]


@dataclass(frozen=True)
class Check:
    method: str
    url: Builder
    expected: dict
    data: Builder = field(default=lambda world, target: {})
    plan: bool = False  # also run against the private plan
    json: bool = False  # send `data` as a JSON body (the API)
    label: str = ""
    private_owner: object = None  # the owner's outcome on the private plan, when it differs

    def expected_on_private_plan(self) -> dict:
        """Everyone but the owner is told 404; the owner and a visitor get what they get
        on the shared plan (a visitor is asked to log in before any plan is looked up).
        A check a stranger already fails before any plan is looked up (a method the view
        never takes) fails the same way for every id: nothing about the plan shows."""
        if self.private_owner is not None:
            return {**self._private(), OWNER: self.private_owner}
        return self._private()

    def _private(self) -> dict:
        if self.expected[OTHER] != HIDDEN:
            return dict(self.expected)
        return {
            actor: outcome if actor in (OWNER, ANONYMOUS) else HIDDEN
            for actor, outcome in self.expected.items()
        }


def url(name: str, *args: Builder, query: str = "") -> Builder:
    return lambda world, target: reverse(name, args=[a(world, target) for a in args]) + query


def plan_id(world, target):
    return target.plan.pk


def step_id(world, target):
    return target.step.pk


def comment_id(world, target):
    return target.comment.pk


def member_id(world, target):
    return target.member.pk


def invitation_id(world, target):
    """The pending invitation by e-mail on the plan (tests/security/world.py)."""
    from lessons.models import PlanInvitation

    return PlanInvitation.objects.get(plan=target.plan, address=GUEST_ADDRESS).pk


def invitation_token(world, target):
    from lessons.models import PlanInvitation
    from lessons.services.invitations import make_token as invitation_link_token

    return invitation_link_token(PlanInvitation.objects.get(pk=invitation_id(world, target)))


def owner_notification_id(world, target):
    """Sam's notification (tests/security/world.py): only Sam may open or mark it."""
    from accounts.notifications.models import Notification

    return Notification.objects.get(recipient=world.people[OWNER], kind="matrix").pk


def draft_id(world, target):
    return world.draft.pk


def published_id(world, target):
    return world.published.pk


def draft_file_id(world, target):
    return world.draft.attachments.get().pk


def published_file_id(world, target):
    return world.published.attachments.get().pk


def page_one(world, target):
    return 1


def guide_id(world, target):
    return world.guide.pk


def _print_job(printout: str, object_id, variant: str = ""):
    """A waiting print job for the object: its pages answer whoever may read the object."""
    from printing.models import PrintJob

    job, _created = PrintJob.objects.get_or_create(
        key=f"matrix:{printout}:{object_id}:{variant}",
        defaults={
            "printout": printout,
            "object_id": str(object_id),
            "variant": variant,
            "requester": "matrix",
            "filename": "matrix",
        },
    )
    return job.pk


def plan_job_id(world, target):
    return _print_job("lesson_plan", target.plan.pk)


def page_job_id(world, target):
    return _print_job("library_page", world.published.pk)


def draft_job_id(world, target):
    return _print_job("library_page", world.draft.pk, "draft")


def print_job_checks(name: str) -> list[Check]:
    """A print job's pages: the plan's for who may print the plan, a published page's for
    everyone, a draft's for the editor proofing it; GET only."""
    return [
        Check("get", url(name, plan_job_id), PLAN_PRINTERS, plan=True),
        Check("get", url(name, page_job_id), PUBLIC, label="published page"),
        Check("get", url(name, draft_job_id), who(*[HIDDEN] * 5, OK), label="draft"),
        Check("post", url(name, page_job_id), everyone(NOT_ALLOWED)),
    ]


def plan_url(name: str, *extra: Builder, query: str = "") -> Builder:
    return url(name, plan_id, *extra, query=query)


def get_and_post(
    address: Builder,
    get: dict,
    post: dict,
    data: Builder = lambda world, target: {},
    *,
    plan: bool = False,
) -> list[Check]:
    return [
        Check("get", address, get, plan=plan),
        Check("post", address, post, data, plan=plan),
    ]


def read_only(address: Builder, readers: dict, *, plan: bool = False) -> list[Check]:
    """A page that only shows: GET for `readers`; POST refused once they are let in."""
    return get_and_post(address, readers, refused(readers), plan=plan)


def post_only(
    address: Builder, doers: dict, data: Builder = lambda world, target: {}, *, plan=False
) -> list[Check]:
    """An action: POST for `doers`; GET refused once they are let in."""
    return get_and_post(address, refused(doers), doers, data, plan=plan)


def api_path(suffix: Callable[[World, Target], str]) -> Builder:
    return lambda world, target: "/api/v1/lessons/" + suffix(world, target)


def header_data(world, target):
    return {
        "title": "New title",
        "length_minutes": 50,
        "language": "en",
        "version": target.plan.version,
    }


def step_data(world, target):
    return {"phase": "warm_up", "minutes": 3, "version": target.step.version}


def plan_steps_order(world, target):
    steps = list(target.plan.steps.order_by("position").values_list("pk", flat=True))
    return {"order": ",".join(str(pk) for pk in reversed(steps))}


API_PLAN = api_path(lambda w, t: f"plans/{t.plan.pk}/")
API_STEP = api_path(lambda w, t: f"plans/{t.plan.pk}/steps/{t.step.pk}/")
API_MEMBER = api_path(lambda w, t: f"plans/{t.plan.pk}/members/{t.member.pk}/")

MATRIX: dict[str, list[Check]] = {
    # --- accounts ------------------------------------------------------------------------
    "accounts/sign-up/": get_and_post(
        url("accounts:sign_up"),
        PUBLIC,  # a signed-in teacher is sent home, not shown the form
        PUBLIC,
        lambda world, target: {
            "username": "newcomer",
            "display_name": "New ALT",
            "email": "newcomer@example.jp",
            "role": "ALT",
            "password1": "a-long-enough-passphrase-1",
            "password2": "a-long-enough-passphrase-1",
            "preferred_language": "en",
        },
    ),
    "accounts/profile/": get_and_post(
        url("accounts:profile"),
        SIGNED_IN,
        SIGNED_IN,
        lambda world, target: {
            "display_name": "Renamed",
            "email": "renamed@example.jp",
            "role": "ALT",
            "preferred_language": "en",
        },
    ),
    "accounts/profile/send-confirmation/": post_only(url("accounts:send_confirmation"), SIGNED_IN),
    # Sam's link: only Sam may use it; anyone else signed in is told it is another
    # account's link (403), a visitor is asked to log in first.
    "accounts/confirm-email/<str:token>/": get_and_post(
        lambda world, target: reverse(
            "accounts:confirm_email",
            args=[make_token(world.people[OWNER], "sam.new@example.jp")],
        ),
        who(LOGIN, OK, DENIED, DENIED, DENIED, DENIED),
        who(LOGIN, OK, DENIED, DENIED, DENIED, DENIED),
    ),
    # Notifications: one's own only; someone else's id is "not found".
    "accounts/notifications/": read_only(url("accounts:notifications"), SIGNED_IN),
    # The bell is a fragment every page loads: a visitor gets an empty answer (204).
    "accounts/notifications/bell/": read_only(url("accounts:notification_bell"), PUBLIC),
    "accounts/notifications/read/": post_only(url("accounts:notifications_read"), SIGNED_IN),
    # GET is refused before any notification is looked up: the same 405 for every id.
    "accounts/notifications/<int:notification_id>/open/": [
        Check(
            "get",
            url("accounts:open_notification", owner_notification_id),
            refused(SIGNED_IN),
        ),
        Check(
            "post",
            url("accounts:open_notification", owner_notification_id),
            who(LOGIN, OK, HIDDEN, HIDDEN, HIDDEN, HIDDEN),
        ),
    ],
    "accounts/log-in/": get_and_post(
        url("accounts:login"),
        PUBLIC,
        PUBLIC,
        lambda world, target: {"username": "sam", "password": "wrong"},
    ),
    "accounts/log-out/": post_only(url("accounts:logout"), PUBLIC),
    "accounts/password-reset/": get_and_post(
        url("accounts:password_reset"),
        PUBLIC,
        PUBLIC,
        lambda world, target: {"email": "sam@example.jp"},
    ),
    "accounts/password-reset/sent/": read_only(url("accounts:password_reset_done"), PUBLIC),
    "accounts/password-reset/<uidb64>/<token>/": get_and_post(
        lambda world, target: reverse(
            "accounts:password_reset_confirm", args=[world.reset_uid, world.reset_token]
        ),
        PUBLIC,
        PUBLIC,
    ),
    "accounts/password-reset/done/": read_only(url("accounts:password_reset_complete"), PUBLIC),
    # --- lesson printing -----------------------------------------------------------------
    "lessons/<int:plan_id>/print/": [
        Check("get", plan_url("lesson_printing:dialog"), PLAN_PRINTERS, plan=True),
        Check("post", plan_url("lesson_printing:dialog"), everyone(NOT_ALLOWED), plan=True),
    ],
    "lessons/<int:plan_id>/print/pdf/": [
        Check("get", plan_url("lesson_printing:pdf"), PLAN_PRINTERS, plan=True),
        Check("post", plan_url("lesson_printing:pdf"), everyone(NOT_ALLOWED), plan=True),
    ],
    "lessons/<int:plan_id>/print/preview.png": [
        Check("get", plan_url("lesson_printing:preview"), PLAN_PRINTERS, plan=True),
        Check("post", plan_url("lesson_printing:preview"), everyone(NOT_ALLOWED), plan=True),
    ],
    "lessons/<int:plan_id>/print/pack/": [
        Check("get", plan_url("lesson_printing:pack"), PLAN_PRINTERS, plan=True),
        Check("post", plan_url("lesson_printing:pack"), everyone(NOT_ALLOWED), plan=True),
    ],
    # --- the lesson builder --------------------------------------------------------------
    # My lessons answers POST like GET (it changes nothing).
    "lessons/": get_and_post(url("lessons:my_lessons"), SIGNED_IN, SIGNED_IN),
    "lessons/new/": get_and_post(
        url("lessons:new"),
        SIGNED_IN,
        SIGNED_IN,
        lambda world, target: {"title": "Fresh plan", "length_minutes": 50, "language": "en"},
    ),
    "lessons/add-material/<int:page_id>/": get_and_post(
        url("lessons:add_material", published_id),
        SIGNED_IN,
        SIGNED_IN,
        lambda world, target: {"target": "new", "title": "With bingo", "grade": "ES5"},
    ),
    "lessons/<int:plan_id>/": read_only(plan_url("lessons:plan"), PLAN_READERS, plan=True),
    "lessons/<int:plan_id>/details/": read_only(
        plan_url("lessons:header"), PLAN_READERS, plan=True
    ),
    "lessons/<int:plan_id>/details/edit/": get_and_post(
        plan_url("lessons:edit_header"), PLAN_EDITORS, PLAN_EDITORS, header_data, plan=True
    ),
    "lessons/<int:plan_id>/visibility/": post_only(
        plan_url("lessons:visibility"),
        PLAN_OWNER,
        lambda world, target: {"visibility": "shared"},
        plan=True,
    ),
    "lessons/<int:plan_id>/delete/": get_and_post(
        plan_url("lessons:delete"), PLAN_OWNER, PLAN_OWNER, plan=True
    ),
    "lessons/<int:plan_id>/duplicate/": post_only(
        plan_url("lessons:duplicate"), PLAN_READERS, plan=True
    ),
    "lessons/<int:plan_id>/steps/add/": post_only(
        plan_url("lessons:add_step"),
        PLAN_EDITORS,
        lambda world, target: {"phase": "review", "minutes": 5},
        plan=True,
    ),
    "lessons/<int:plan_id>/steps/reorder/": post_only(
        plan_url("lessons:reorder_steps"), PLAN_EDITORS, plan_steps_order, plan=True
    ),
    "lessons/<int:plan_id>/steps/materials/": read_only(
        plan_url("lessons:material_search"), PLAN_EDITORS, plan=True
    ),
    "lessons/<int:plan_id>/steps/<int:step_id>/": read_only(
        plan_url("lessons:step", step_id), PLAN_READERS, plan=True
    ),
    "lessons/<int:plan_id>/steps/<int:step_id>/edit/": get_and_post(
        plan_url("lessons:edit_step", step_id), PLAN_EDITORS, PLAN_EDITORS, step_data, plan=True
    ),
    "lessons/<int:plan_id>/steps/<int:step_id>/delete/": post_only(
        plan_url("lessons:delete_step", step_id), PLAN_EDITORS, plan=True
    ),
    "lessons/<int:plan_id>/steps/<int:step_id>/move/": post_only(
        plan_url("lessons:move_step", step_id),
        PLAN_EDITORS,
        lambda world, target: {"direction": "down"},
        plan=True,
    ),
    "lessons/<int:plan_id>/co-planners/": [
        Check("get", plan_url("lessons:members"), PLAN_READERS, plan=True),
        Check(
            "post",
            plan_url("lessons:members"),
            PLAN_OWNER,  # only the owner invites
            lambda world, target: {"who": "hanako", "role": "viewer"},
            plan=True,
        ),
    ],
    # The colleague picker: only the one who invites (the owner) searches their schools.
    "lessons/<int:plan_id>/co-planners/colleagues/": read_only(
        plan_url("lessons:colleagues"), PLAN_OWNER, plan=True
    ),
    "lessons/<int:plan_id>/co-planners/<int:member_id>/": post_only(
        plan_url("lessons:update_member", member_id),
        PLAN_OWNER,
        lambda world, target: {"role": "viewer"},
        plan=True,
    ),
    "lessons/<int:plan_id>/invitations/<int:invitation_id>/revoke/": post_only(
        plan_url("lessons:revoke_invitation", invitation_id), PLAN_OWNER, plan=True
    ),
    # An invitation link: anyone holding it sees the invitation; only the account that has
    # the invited address joins (none of the actors has it: 403), a visitor logs in first.
    "lessons/invitations/<str:token>/": get_and_post(
        url("lessons:invitation", invitation_token),
        PUBLIC,
        who(LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED),
    ),
    "lessons/<int:plan_id>/leave/": post_only(plan_url("lessons:leave"), PLAN_READERS, plan=True),
    "lessons/<int:plan_id>/transfer/": post_only(
        plan_url("lessons:transfer"),
        PLAN_OWNER,
        lambda world, target: {"member": target.member.pk},
        plan=True,
    ),
    "lessons/<int:plan_id>/history/": read_only(
        plan_url("lessons:history"), PLAN_READERS, plan=True
    ),
    "lessons/<int:plan_id>/history/compare/": read_only(
        plan_url("lessons:compare", query="?a=1&b=2"), PLAN_READERS, plan=True
    ),
    "lessons/<int:plan_id>/history/<int:number>/": read_only(
        plan_url("lessons:revision", lambda world, target: 1), PLAN_READERS, plan=True
    ),
    "lessons/<int:plan_id>/history/<int:number>/restore/": post_only(
        plan_url("lessons:restore", lambda world, target: 1), PLAN_EDITORS, plan=True
    ),
    "lessons/<int:plan_id>/history/<int:number>/name/": post_only(
        plan_url("lessons:name_revision", lambda world, target: 1),
        PLAN_EDITORS,
        lambda world, target: {"name": "Before the demo lesson"},
        plan=True,
    ),
    "lessons/<int:plan_id>/comments/": post_only(
        plan_url("lessons:add_comment"),
        PLAN_READERS,
        lambda world, target: {"body": "Looks good"},
        plan=True,
    ),
    # The comment was written by the viewer: the viewer and the owner may delete it.
    "lessons/<int:plan_id>/comments/<int:comment_id>/delete/": [
        Check(
            "get",
            plan_url("lessons:delete_comment", comment_id),
            refused(PLAN_READERS),  # POST-only is checked before who wrote the comment
            plan=True,
        ),
        Check(
            "post",
            plan_url("lessons:delete_comment", comment_id),
            who(LOGIN, OK, HIDDEN, OK, DENIED, HIDDEN),
            plan=True,
        ),
    ],
    # --- search --------------------------------------------------------------------------
    "search/": read_only(url("search:page", query="?q=bingo"), PUBLIC),
    "search/suggest/": read_only(url("search:suggest", query="?q=bin"), PUBLIC),
    # --- unit pages (the catalogue ships NEW HORIZON 2, Unit 3) --------------------------
    "units/<slug:series>/<str:grade>/<int:number>/": read_only(
        url("units:unit", lambda w, t: "new-horizon", lambda w, t: "JHS2", lambda w, t: 3),
        PUBLIC,
    ),
    # --- sharing -------------------------------------------------------------------------
    "share/": get_and_post(
        url("sharing:new"),
        SIGNED_IN,
        SIGNED_IN,
        lambda world, target: share_form_data(title="Another bingo"),
    ),
    "share/mine/": read_only(url("sharing:mine"), SIGNED_IN),
    "share/<int:page_id>/edit/": get_and_post(
        url("sharing:edit", draft_id),
        SUBMITTER,
        SUBMITTER,
        lambda world, target: share_form_data(title="Weather bingo, improved"),
    ),
    "share/<int:page_id>/preview/": [
        Check("get", url("sharing:preview", draft_id), SUBMITTER),
        # GET-only is checked before whose page it is: the same 405 for every page id.
        Check("post", url("sharing:preview", draft_id), refused(SIGNED_IN)),
    ],
    # --- the shelf -----------------------------------------------------------------------
    "shelf/saved/": read_only(url("shelf:saved"), SIGNED_IN),
    "shelf/<int:page_id>/buttons/": read_only(url("shelf:buttons", published_id), PUBLIC),
    # POST-only comes first, so GET is 405 even for a visitor.
    "shelf/<int:page_id>/save/": [
        Check("get", url("shelf:save", published_id), everyone(NOT_ALLOWED)),
        Check("post", url("shelf:save", published_id), SIGNED_IN),
    ],
    "shelf/<int:page_id>/used/": [
        Check("get", url("shelf:used", published_id), everyone(NOT_ALLOWED)),
        Check("post", url("shelf:used", published_id), SIGNED_IN),
    ],
    # --- library printouts ---------------------------------------------------------------
    # A draft prints only for an editor proofing it; for everyone else it does not exist.
    # --- pictures of files' pages: only while the page may be seen -------------------------
    # A draft's: its owner (My submissions) and editors previewing it; nobody else.
    "previews/<int:attachment_id>/": [
        Check("get", url("library_previews:pages", draft_file_id), UNPUBLISHED_FILE),
        Check("get", url("library_previews:pages", published_file_id), PUBLIC, label="published"),
        Check("post", url("library_previews:pages", published_file_id), everyone(NOT_ALLOWED)),
    ],
    "previews/<int:attachment_id>/<int:number>.png": [
        Check("get", url("library_previews:picture", draft_file_id, page_one), UNPUBLISHED_FILE),
        Check(
            "get",
            url("library_previews:picture", published_file_id, page_one),
            PUBLIC,
            label="published",
        ),
        Check(
            "post",
            url("library_previews:picture", published_file_id, page_one),
            everyone(NOT_ALLOWED),
        ),
    ],
    "previews/<int:attachment_id>/<int:number>-large.png": [
        Check("get", url("library_previews:large", draft_file_id, page_one), UNPUBLISHED_FILE),
        Check(
            "get",
            url("library_previews:large", published_file_id, page_one),
            PUBLIC,
            label="published",
        ),
        Check(
            "post",
            url("library_previews:large", published_file_id, page_one),
            everyone(NOT_ALLOWED),
        ),
    ],
    "print/library/<int:page_id>/pdf/": [
        Check("get", url("library_printing:material_pdf", draft_id), who(*[HIDDEN] * 5, OK)),
        Check("get", url("library_printing:material_pdf", published_id), PUBLIC, label="published"),
        Check("post", url("library_printing:material_pdf", published_id), everyone(NOT_ALLOWED)),
    ],
    "print/library/<int:page_id>/judging-sheet/": [
        Check("get", url("library_printing:judging_sheet", guide_id), PUBLIC),
        Check("post", url("library_printing:judging_sheet", guide_id), everyone(NOT_ALLOWED)),
    ],
    "print/library/<int:page_id>/judging-sheet/print/": [
        Check("get", url("library_printing:judging_sheet_dialog", guide_id), PUBLIC),
        Check(
            "post", url("library_printing:judging_sheet_dialog", guide_id), everyone(NOT_ALLOWED)
        ),
    ],
    "print/library/<int:page_id>/judging-sheet/preview.png": [
        Check("get", url("library_printing:judging_sheet_preview", guide_id), PUBLIC),
        Check(
            "post", url("library_printing:judging_sheet_preview", guide_id), everyone(NOT_ALLOWED)
        ),
    ],
    "print/library/<int:page_id>/feedback-sheet/": [
        Check("get", url("library_printing:feedback_sheet", guide_id), PUBLIC),
        Check("post", url("library_printing:feedback_sheet", guide_id), everyone(NOT_ALLOWED)),
    ],
    # --- print jobs (the same read check as the printed thing, on every request) ---------
    "print/jobs/<uuid:job_id>/": print_job_checks("printing:job"),
    "print/jobs/<uuid:job_id>/pdf/": print_job_checks("printing:job_pdf"),
    "print/jobs/<uuid:job_id>/preview.png": print_job_checks("printing:job_preview"),
    # --- the JSON API --------------------------------------------------------------------
    # ninja's schema and docs pages answer any method alike; they change nothing.
    "api/v1/openapi.json": get_and_post(url("api:openapi-json"), PUBLIC, PUBLIC),
    "api/v1/docs": get_and_post(url("api:openapi-view"), PUBLIC, PUBLIC),
    # ninja's root only names the API's base path; it is "not found" for every method.
    "api/v1/": get_and_post(url("api:api-root"), everyone(HIDDEN), everyone(HIDDEN)),
    # Any other /api/ address: a JSON "not found", whatever the method.
    "^api/(?P<rest>[\\s\\S]*/)\\Z": get_and_post(
        lambda world, target: "/api/v2/plans/", everyone(HIDDEN), everyone(HIDDEN)
    ),
    "api/v1/search/": [Check("get", url("api:search", query="?q=bingo"), PUBLIC)],
    "api/v1/search/suggest/": [Check("get", url("api:search_suggest", query="?q=bin"), PUBLIC)],
    "api/v1/lessons/plans/": [
        Check("get", api_path(lambda w, t: "plans/"), API_SIGNED_IN, json=True),
        Check(
            "post",
            api_path(lambda w, t: "plans/"),
            API_SIGNED_IN,
            lambda world, target: {"title": "From the API"},
            json=True,
        ),
    ],
    "api/v1/lessons/plans/<int:plan_id>/": [
        Check("get", API_PLAN, API_READERS, plan=True, json=True),
        Check(
            "patch",
            API_PLAN,
            API_EDITORS,
            lambda world, target: {"version": target.plan.version, "title": "Renamed"},
            plan=True,
            json=True,
        ),
        Check("delete", API_PLAN, API_OWNER, plan=True, json=True),
    ],
    "api/v1/lessons/plans/<int:plan_id>/duplicate/": [
        Check(
            "post",
            api_path(lambda w, t: f"plans/{t.plan.pk}/duplicate/"),
            API_READERS,
            plan=True,
            json=True,
        ),
    ],
    "api/v1/lessons/plans/<int:plan_id>/steps/": [
        Check(
            "get",
            api_path(lambda w, t: f"plans/{t.plan.pk}/steps/"),
            API_READERS,
            plan=True,
            json=True,
        ),
        Check(
            "post",
            api_path(lambda w, t: f"plans/{t.plan.pk}/steps/"),
            API_EDITORS,
            lambda world, target: {"phase": "review", "minutes": 5},
            plan=True,
            json=True,
        ),
    ],
    "api/v1/lessons/plans/<int:plan_id>/steps/<int:step_id>/": [
        Check("get", API_STEP, API_READERS, plan=True, json=True),
        Check(
            "patch",
            API_STEP,
            API_EDITORS,
            lambda world, target: {"version": target.step.version, "minutes": 7},
            plan=True,
            json=True,
        ),
        Check("delete", API_STEP, API_EDITORS, plan=True, json=True),
    ],
    "api/v1/lessons/plans/<int:plan_id>/steps/reorder/": [
        Check(
            "post",
            api_path(lambda w, t: f"plans/{t.plan.pk}/steps/reorder/"),
            API_EDITORS,
            lambda world, target: {
                "order": list(target.plan.steps.order_by("-position").values_list("pk", flat=True))
            },
            plan=True,
            json=True,
        ),
    ],
    "api/v1/lessons/plans/<int:plan_id>/members/": [
        Check(
            "get",
            api_path(lambda w, t: f"plans/{t.plan.pk}/members/"),
            API_READERS,
            plan=True,
            json=True,
        ),
        Check(
            "post",
            api_path(lambda w, t: f"plans/{t.plan.pk}/members/"),
            API_OWNER,
            lambda world, target: {"user": "hanako", "role": "viewer"},
            plan=True,
            json=True,
        ),
    ],
    # The record is the co-planner editor's own: they may remove it (leave), the viewer not.
    "api/v1/lessons/plans/<int:plan_id>/members/<int:member_id>/": [
        Check(
            "patch",
            API_MEMBER,
            API_OWNER,
            lambda world, target: {"role": "viewer"},
            plan=True,
            json=True,
        ),
        Check("delete", API_MEMBER, API_EDITORS, plan=True, json=True),
    ],
    "api/v1/lessons/plans/<int:plan_id>/colleagues/": [
        Check(
            "get",
            api_path(lambda w, t: f"plans/{t.plan.pk}/colleagues/?q=a"),
            API_OWNER,
            plan=True,
            json=True,
        ),
    ],
    "api/v1/lessons/plans/<int:plan_id>/invitations/": [
        Check(
            "get",
            api_path(lambda w, t: f"plans/{t.plan.pk}/invitations/"),
            API_OWNER,
            plan=True,
            json=True,
        ),
    ],
    "api/v1/lessons/plans/<int:plan_id>/invitations/<int:invitation_id>/": [
        Check(
            "delete",
            api_path(lambda w, t: f"plans/{t.plan.pk}/invitations/{invitation_id(w, t)}/"),
            API_OWNER,
            plan=True,
            json=True,
        ),
    ],
    "api/v1/lessons/plans/<int:plan_id>/transfer/": [
        Check(
            "post",
            api_path(lambda w, t: f"plans/{t.plan.pk}/transfer/"),
            API_OWNER,
            lambda world, target: {"member": target.member.pk},
            plan=True,
            json=True,
            # A private plan must be shared before it is handed over (else the old owner
            # would lose it): the owner is refused with 400 naming the co-planner field.
            private_owner=BAD_INPUT,
        ),
    ],
    # --- notifications in the API: one's own only -----------------------------------------
    "api/v1/notifications/": [
        Check("get", lambda w, t: "/api/v1/notifications/", API_SIGNED_IN, json=True)
    ],
    "api/v1/notifications/read/": [
        Check("post", lambda w, t: "/api/v1/notifications/read/", API_SIGNED_IN, json=True)
    ],
    "api/v1/notifications/<int:notification_id>/read/": [
        Check(
            "post",
            lambda w, t: f"/api/v1/notifications/{owner_notification_id(w, t)}/read/",
            who(UNAUTHENTICATED, OK, HIDDEN, HIDDEN, HIDDEN, HIDDEN),
            json=True,
        )
    ],
    # --- site-wide -----------------------------------------------------------------------
    "language/<str:language>/": read_only(url("switch_language", lambda w, t: "ja"), PUBLIC),
    # --- Wagtail: documents, page passwords, page serving --------------------------------
    "documents/^(\\d+)/(.*)$": [
        Check("get", lambda world, target: world.draft_document.url, UNPUBLISHED_FILE),
        Check("post", lambda world, target: world.draft_document.url, UNPUBLISHED_FILE),
    ],
    # Uploaded pictures, each as the pages showing it allow (library/serving/); a document
    # by its stored name is never here (only /documents/<id>/<name>, checked above).
    "^media/(?P<path>[\\s\\S]+)\\Z": [
        Check(
            "get",
            lambda world, target: f"/media/{world.draft_document.file.name}",
            everyone(HIDDEN),
        ),
        Check(
            "post",
            lambda world, target: f"/media/{world.draft_document.file.name}",
            everyone(NOT_ALLOWED),
        ),
    ],
    "documents/authenticate_with_password/<int:restriction_id>/": get_and_post(
        lambda world, target: reverse(
            "wagtaildocs_authenticate_with_password", args=[world.collection_restriction.pk]
        ),
        PUBLIC,
        PUBLIC,
        lambda world, target: {"password": "wrong", "return_url": "/"},
    ),
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": (
        get_and_post(
            lambda world, target: reverse(
                "wagtailcore_authenticate_with_password",
                args=[world.page_restriction.pk, world.restricted_page.pk],
            ),
            PUBLIC,
            PUBLIC,
            lambda world, target: {"password": "wrong", "return_url": "/"},
        )
    ),
    "_util/login/": get_and_post(
        url("wagtailcore_login"),
        PUBLIC,
        PUBLIC,
        lambda world, target: {"username": "sam", "password": "wrong"},
    ),
    "^((?:[\\w\\-]+/)*)$": [
        Check("get", lambda world, target: "/", PUBLIC, label="home"),
        Check("get", lambda world, target: world.published.url, PUBLIC, label="published"),
        # A draft is not served to anyone, its author included (they use the preview).
        Check("get", lambda world, target: world.draft.url, everyone(HIDDEN), label="draft"),
        # A password-protected page shows the password form, never the page.
        Check("get", lambda world, target: world.restricted_page.url, PUBLIC, label="password"),
        Check("post", lambda world, target: world.published.url, PUBLIC, label="published"),
    ],
}


# The calendar's addresses (issue 15.4, 15.6), kept beside their own world's objects.
from .matrix_calendar import CALENDAR_MATRIX, JOB_CHECKS  # noqa: E402

MATRIX.update(CALENDAR_MATRIX)
for _pattern, _checks in JOB_CHECKS.items():
    MATRIX[_pattern] = MATRIX[_pattern] + _checks

# Schools, classes, unit and yearly plans (issue #15), kept in their own module.
from .matrix_schools import SCHOOL_CHECKS  # noqa: E402

MATRIX.update(SCHOOL_CHECKS)
