"""Finding a colleague to add to a school: by username, display name or e-mail of an
existing account. Only a school's members search (the view checks), results are few, and
an e-mail must match whole, so the box cannot be used to list who is on Kyozai."""

from django.contrib.auth import get_user_model
from django.db.models import Q

MAX_RESULTS = 10
MIN_QUERY = 2


def find_colleagues(query: str, exclude_school=None) -> list:
    query = (query or "").strip()
    if len(query) < MIN_QUERY:
        return []
    people = get_user_model().objects.filter(is_active=True)
    match = Q(username__iexact=query) | Q(display_name__icontains=query)
    if "@" in query:
        match |= Q(email__iexact=query)
    else:
        match |= Q(username__istartswith=query)
    found = people.filter(match)
    if exclude_school is not None:
        found = found.exclude(school_memberships__school=exclude_school)
    return list(found.order_by("display_name", "username")[:MAX_RESULTS])
