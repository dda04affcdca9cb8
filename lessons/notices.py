"""What lessons tells teachers through accounts' in-app notifications (and by e-mail).

The sentences are registered here (accounts/notifications/kinds.py makes them when shown,
in the reader's language); the links are lessons' own paths, passed down as strings.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.notifications import kinds
from accounts.notifications.service import notify
from lessons.models.members import ROLE_NAMES

ADDED_TO_PLAN = "lessons.added_to_plan"
INVITED_TO_PLAN = "lessons.invited_to_plan"


def _role(params) -> str:
    return str(ROLE_NAMES.get(params.get("role"), params.get("role", ""))).lower()


def _added(params) -> str:
    return _("%(inviter)s added you to “%(plan)s” as %(role)s.") % {
        "inviter": params["inviter"],
        "plan": params["plan"],
        "role": _role(params),
    }


def _invited(params) -> str:
    return _("%(inviter)s invites you to co-plan “%(plan)s” as %(role)s. Open it to accept.") % {
        "inviter": params["inviter"],
        "plan": params["plan"],
        "role": _role(params),
    }


def register_kinds() -> None:
    kinds.register(ADDED_TO_PLAN, _added)
    kinds.register(INVITED_TO_PLAN, _invited)


def _params(plan, by, role: str) -> dict[str, str]:
    return {"inviter": by.shown_name if by else "?", "plan": plan.title, "role": role}


def tell_new_coplanner(request, member) -> None:
    """A colleague added straight to a plan: a notification in Kyozai and an e-mail (queued,
    config/mail.py) to their confirmed address, in their own language."""
    plan, user, by = member.plan, member.user, member.invited_by
    link = reverse("lessons:plan", args=[plan.pk])
    notify(user, ADDED_TO_PLAN, _params(plan, by, member.role), link)
    if not user.email:
        return  # an unconfirmed address is never written to (accounts/models.py)
    context = {
        "plan": plan,
        "inviter": by,
        "link": request.build_absolute_uri(link) if request else link,
    }
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context["role"] = str(ROLE_NAMES[member.role]).lower()
        subject = render_to_string("lessons/email/added_subject.txt", context)
        body = render_to_string("lessons/email/added.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


def tell_invited_account(owner, invitation, link: str) -> None:
    """An invitation by e-mail whose address an account has confirmed: that teacher also
    finds it in Kyozai. The inviter is told the same either way (services/invitations.py)."""
    notify(
        owner,
        INVITED_TO_PLAN,
        _params(invitation.plan, invitation.invited_by, invitation.role),
        link,
    )
