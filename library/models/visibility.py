"""Who is looking, and which pages they may see: the one privacy rule of the library.

Editors restrict pages with Wagtail's page privacy (a shared password, some groups, or any
signed-in user), on a page or on an ancestor. Wagtail checks it only when the page itself is
served; everything else that lists, links, prints, searches or serves a page or its files
asks `LibraryPageQuerySet.visible_to(viewer)` (querysets.py) or `Viewer.may_see(page)`, so
one rule decides everywhere and a new list cannot forget half of it.

Three viewers come up again and again:
- `Viewer.anonymous()`: what the whole world may see — cached pages, section lists, related
  materials, search results (one answer is cached for everyone), public PDFs;
- `Viewer.plan_reader()`: what any signed-in teacher may see. A lesson plan is shared with
  co-planners, offered as a template to every teacher and printed for colleagues, so it may
  link only pages every one of its readers could open: login-only pages yes, group- and
  password-restricted pages never;
- `Viewer.of_request(request)`: one person, with their groups and the page passwords they
  entered in this session — for serving a page's own files and their own saved lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from wagtail.models import BaseViewRestriction, Page, PageViewRestriction


@dataclass(frozen=True)
class Viewer:
    """Someone looking at the library, as page privacy sees them."""

    signed_in: bool = False
    superuser: bool = False
    group_ids: frozenset[int] = field(default_factory=frozenset)
    # Ids of password restrictions this person entered the password for (their session).
    passed_passwords: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def anonymous(cls) -> Viewer:
        return cls()

    @classmethod
    def plan_reader(cls) -> Viewer:
        """Any signed-in teacher, in no particular group: who may read a plan."""
        return cls(signed_in=True)

    @classmethod
    def of_user(cls, user) -> Viewer:
        if user is None or not user.is_authenticated:
            return cls()
        return cls(
            signed_in=True,
            superuser=user.is_superuser,
            group_ids=frozenset(user.groups.values_list("pk", flat=True)),
        )

    @classmethod
    def of_request(cls, request) -> Viewer:
        viewer = cls.of_user(getattr(request, "user", None))
        session = getattr(request, "session", None)
        if session is None:
            return viewer
        key = PageViewRestriction.passed_view_restrictions_session_key
        passed = frozenset(pk for pk in session.get(key, []) if isinstance(pk, int))
        return cls(viewer.signed_in, viewer.superuser, viewer.group_ids, passed)

    def passes(self, restriction: BaseViewRestriction, group_ids: set[int]) -> bool:
        """Whether this viewer gets past one restriction (`group_ids`: the groups it
        admits), as Wagtail's `accept_request` would decide for them."""
        kind = restriction.restriction_type
        if kind == BaseViewRestriction.PASSWORD:
            return restriction.pk in self.passed_passwords
        if kind == BaseViewRestriction.LOGIN:
            return self.signed_in
        if kind == BaseViewRestriction.GROUPS:
            return self.superuser or bool(self.group_ids & group_ids)
        return True

    def hidden_q(self) -> Q | None:
        """Pages this viewer may not see for their privacy (the restricted pages they do
        not pass and everything below them), or None when nothing is hidden. One query
        for the restrictions and one for their groups: the table holds a row per private
        section, not per page."""
        restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        hidden = Q()
        for restriction in restrictions:
            groups = {group.pk for group in restriction.groups.all()}
            if not self.passes(restriction, groups):
                hidden |= Q(path__startswith=restriction.page.path)
        return hidden or None

    def may_see(self, page: Page) -> bool:
        """Whether this viewer may see `page` (live, and past every restriction on it and
        its ancestors)."""
        return visible_pages(Page.objects.filter(pk=page.pk), self).exists()


def visible_pages(pages, viewer: Viewer | None = None):
    """`pages` (any page QuerySet) cut down to the live ones `viewer` may see (nobody in
    particular when None)."""
    hidden = (viewer or Viewer.anonymous()).hidden_q()
    pages = pages.filter(live=True)
    return pages.exclude(hidden) if hidden is not None else pages
