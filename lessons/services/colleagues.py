# ruff: noqa: RUF002 — the docstring shows full-width letters on purpose
"""Finding a colleague to co-plan with: the teachers of your own schools, by any name.

Why only your schools: a search box over every account would tell anyone who is on Kyozai
(and a display name is chosen by its owner, so anyone may call themselves anyone). The
members of a school were added by its members or editors (schools/), so among them a display
name, a full name or a school e-mail address is a fair way to find someone.

Matching is done here in Python, not in SQL, because it must fold what databases fold
differently (SQLite's LIKE ignores case only for ASCII): every name is NFKC-normalised
(full-width "Ｔａｎａｋａ" and half-width katakana become their usual forms), case-folded and
stripped of spaces ("田中 花子" = "田中花子"). The set is small — the teachers of a handful of
schools — and bounded by MAX_COLLEAGUES.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from schools.models import SchoolMembership

MAX_COLLEAGUES = 2000
SHOWN = 20


def fold(text: str) -> str:
    """The form two names are compared in: NFKC, case-folded, without any spaces."""
    return "".join(unicodedata.normalize("NFKC", text or "").casefold().split())


@dataclass(frozen=True)
class Colleague:
    user: object
    schools: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        user = self.user
        return tuple(
            fold(name)
            for name in (user.username, user.display_name, user.get_full_name(), user.email)
            if name
        )


def colleagues_of(user) -> list[Colleague]:
    """Active teachers who share at least one school with `user`, with the schools shared."""
    if not getattr(user, "is_authenticated", False):
        return []
    my_schools = SchoolMembership.objects.filter(user=user).values("school")
    rows = (
        SchoolMembership.objects.filter(school__in=my_schools, user__is_active=True)
        .exclude(user=user)
        .select_related("user", "school")
        .order_by("user__display_name", "user__username", "school__name")[:MAX_COLLEAGUES]
    )
    found: dict[int, tuple[object, list[str]]] = {}
    for row in rows:
        found.setdefault(row.user_id, (row.user, []))[1].append(row.school.name)
    return [Colleague(person, tuple(schools)) for person, schools in found.values()]


def search(user, query: str, shown: int = SHOWN) -> list[Colleague]:
    """Colleagues whose username, display name, full name or e-mail contains the query
    (folded); names that start with it come first. An empty query lists the first few."""
    wanted = fold(query)
    everyone = colleagues_of(user)
    if not wanted:
        return everyone[:shown]
    starts, contains = [], []
    for colleague in everyone:
        names = colleague.names
        if any(name.startswith(wanted) for name in names):
            starts.append(colleague)
        elif any(wanted in name for name in names):
            contains.append(colleague)
    return (starts + contains)[:shown]


def named(user, identifier: str) -> list:
    """The colleagues whose whole username, display name, full name or e-mail is
    `identifier` (folded): the people a typed name can mean."""
    wanted = fold(identifier)
    if not wanted:
        return []
    return [c.user for c in colleagues_of(user) if wanted in c.names]


def is_colleague(user, other) -> bool:
    return any(c.user.pk == other.pk for c in colleagues_of(user))
