"""The schools pages: My schools (with each school's classes per academic year), a new
school, adding a colleague, a new or changed class. Private to each school's members and
editors (schools/services/access.py): anyone else gets 404."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from library import links
from schools.forms import AddColleagueForm, ClassForm, SchoolForm, role_for
from schools.models import ClassTeacher, SchoolClass, SchoolMembership
from schools.services import access
from schools.services.people import find_colleagues


def _with_classes(schools):
    classes = SchoolClass.objects.select_related("grade").prefetch_related(
        Prefetch(
            "class_teachers",
            queryset=ClassTeacher.objects.select_related("user"),
        )
    )
    members = SchoolMembership.objects.select_related("user").order_by("user__username")
    return schools.prefetch_related(
        Prefetch("classes", queryset=classes), Prefetch("memberships", queryset=members)
    )


def _by_year(school) -> list[tuple[int, list]]:
    ordered = sorted(
        school.classes.all(),
        key=lambda c: (-c.academic_year, c.grade.sort_order, c.name),
    )
    return [(year, list(rows)) for year, rows in groupby(ordered, key=lambda c: c.academic_year)]


def _class_links(school):
    """Links the lessons app offers for a class (its unit and yearly plans), passed down
    through library.links: schools does not know the lessons URLs."""
    for school_class in school.classes.all():
        school_class.page_url = links.link("class_page", school_class.pk)


@login_required
@require_safe
def my_schools(request):
    schools = list(_with_classes(access.my_schools(request.user).order_by("name")))
    for school in schools:
        school.years = _by_year(school)
        _class_links(school)
    return render(request, "schools/my_schools.html", {"schools": schools})


@login_required
@require_http_methods(["GET", "POST"])
def new_school(request):
    form = SchoolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        school = form.save()
        access.add_member(school, request.user, role_for(request.user), request.user)
        messages.success(request, _("School created. Add your colleagues and classes."))
        return redirect("schools:school", school.pk)
    return render(request, "schools/school_form.html", {"form": form})


@login_required
@require_safe
def school(request, school_id):
    found = access.get_school(request.user, school_id)
    found = _with_classes(type(found).objects.filter(pk=found.pk)).get()
    found.years = _by_year(found)
    _class_links(found)
    return render(request, "schools/school.html", {"school": found})


@login_required
@require_http_methods(["GET", "POST"])
def add_colleague(request, school_id):
    """Search by username, display name or e-mail, then pick one of the people found."""
    found = access.get_school(request.user, school_id)
    query = (request.POST.get("q") or request.GET.get("q") or "").strip()
    candidates = find_colleagues(query, exclude_school=found)
    form = AddColleagueForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["user"]
        access.add_member(found, person, form.cleaned_data["role"], request.user)
        messages.success(request, _("%(name)s now belongs to the school.") % {"name": person})
        return redirect("schools:school", found.pk)
    context = {"school": found, "form": form, "query": query, "candidates": candidates}
    return render(request, "schools/add_colleague.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def new_class(request, school_id):
    found = access.get_school(request.user, school_id)
    form = ClassForm(request.POST or None, school=found)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Class saved."))
        return redirect("schools:school", found.pk)
    return render(request, "schools/class_form.html", {"school": found, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def edit_class(request, class_id):
    school_class = access.get_class(request.user, class_id)  # members and editors only
    form = ClassForm(request.POST or None, instance=school_class, school=school_class.school)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Class saved."))
        return redirect("schools:school", school_class.school_id)
    context = {"school": school_class.school, "form": form, "school_class": school_class}
    return render(request, "schools/class_form.html", context)
