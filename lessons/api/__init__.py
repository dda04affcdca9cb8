"""Lesson-plan endpoints of the JSON API (/api/v1/lessons/).

Session authentication: a signed-in teacher's browser session, with Django's CSRF token
(header X-CSRFToken) on every request that changes data. The same rules as the builder:
strangers get 404 for a plan and everything in it, members whose role does not allow an
action get 403, a stale version gets 409, bad input gets 400 naming the field.
"""

from ninja import Router
from ninja.security import django_auth

from . import invitations, members, plans, steps, unitplans

router = Router(tags=["lessons"], auth=django_auth)
router.add_router("", plans.router)
router.add_router("", steps.router)
router.add_router("", members.router)
router.add_router("", invitations.router)
router.add_router("", unitplans.router)
