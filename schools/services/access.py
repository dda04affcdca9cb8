"""Who may see and change a school and its classes: one place, asked by the pages and the
API alike. Everything under a school is private to its members (and editors, who help set
schools up): anyone else gets 404 whatever id they try, never a hint that it exists."""

from django.http import Http404

from schools.models import School, SchoolClass, SchoolMembership, is_school_editor


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        raise Http404 from None


def get_school(user, school_id) -> School:
    """The school, if the user is a member (or an editor); else 404."""
    school = School.objects.visible_to(user).filter(pk=_pk(school_id)).first()
    if school is None:
        raise Http404
    return school


def get_class(user, class_id) -> SchoolClass:
    """The class, if the user is a member of its school (or an editor); else 404."""
    queryset = SchoolClass.objects.visible_to(user).select_related("school", "grade")
    found = queryset.filter(pk=_pk(class_id)).first()
    if found is None:
        raise Http404
    return found


def my_schools(user):
    """The schools the user belongs to ("My schools": not every school an editor sees)."""
    return School.objects.filter(memberships__user=user)


def may_change_school(user, school: School) -> bool:
    """Members and editors add colleagues and classes; seeing the school is being a member
    (or an editor), so the check is the same one get_school made."""
    return is_school_editor(user) or school.has_member(user)


def member_users(school: School):
    """The school's teachers, for the JTE/HRT and ALT pickers of a class."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(school_memberships__school=school)
        .order_by("display_name", "username")
    )


def add_member(school: School, user, role: str, added_by) -> SchoolMembership:
    membership, _created = SchoolMembership.objects.get_or_create(
        school=school, user=user, defaults={"role": role, "added_by": added_by}
    )
    return membership
