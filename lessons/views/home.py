"""My lessons (This week / Mine / Shared with me / Templates) and the ways to start a plan."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.paging import page_of
from lessons.forms import NewPlanForm
from lessons.models import LessonStep, PlanMember, default_lesson_minutes
from lessons.services import access as rights
from lessons.services import invitations
from lessons.services.access import Can
from lessons.services.copying import duplicate_plan
from lessons.services.editing import create_plan

from .helpers import editor_url, plan_view

TABS = ("week", "mine", "shared", "templates")
PLANS_PER_PAGE = 30
# "This week": the lessons with a date from today to six days on (a teacher's week ahead,
# whatever the weekday), and the latest plans shared with them. Bounded: two queries.
WEEK_DAYS = 7
WEEK_PLANS = 60
SHARED_ON_WEEK = 6


def _with_totals(plans: QuerySet) -> QuerySet:
    """Step count, planned minutes and co-planner count as subqueries (not joins, which
    would multiply each other), so a page of plans is one query whatever their size."""
    steps = LessonStep.objects.filter(plan=OuterRef("pk")).order_by().values("plan")
    members = PlanMember.objects.filter(plan=OuterRef("pk")).order_by().values("plan")
    return plans.for_header().annotate(
        step_count=Coalesce(
            Subquery(steps.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
            Value(0),
        ),
        planned_minutes=Coalesce(
            Subquery(steps.annotate(n=Sum("minutes")).values("n"), output_field=IntegerField()),
            Value(0),
        ),
        member_count=Coalesce(
            Subquery(members.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
            Value(0),
        ),
    )


def _my_role(user):
    return PlanMember.objects.filter(plan=OuterRef("pk"), user=user).values("role")[:1]


def _this_week(request) -> dict:
    """What "My lessons" opens on: today's lessons, the next days', then shared plans."""
    user = request.user
    today = timezone.localdate()
    dated = (
        _with_totals(rights.plans_of(user))
        .filter(taught_on__gte=today, taught_on__lt=today + timedelta(days=WEEK_DAYS))
        .annotate(my_role=Subquery(_my_role(user)))
        .order_by("taught_on", F("period").asc(nulls_last=True), "title", "id")[:WEEK_PLANS]
    )
    dated = list(dated)
    shared = (
        _with_totals(rights.shared_plans(user))
        .annotate(my_role=Subquery(_my_role(user)))
        .order_by(F("last_edited_at").desc(nulls_last=True), "-id")[:SHARED_ON_WEEK]
    )
    return {
        "today": today,
        "todays": [plan for plan in dated if plan.taught_on == today],
        "coming": [plan for plan in dated if plan.taught_on != today],
        "shared": list(shared),
    }


def _templates_for(request) -> QuerySet:
    """Kyozai's templates in the teacher's language (each exists in both: a Japanese-UI
    teacher copies the Japanese one), unless they ask for every language; teachers'
    published templates whatever their language."""
    templates = rights.template_plans()
    if request.GET.get("languages") == "all":
        return templates
    language = (translation.get_language() or "en")[:2]
    return templates.exclude(~Q(builtin_key="") & ~Q(language=language))


def _week_page(request, week: dict):
    context = {"tab": "week", "may_plan": rights.may_plan_lessons(request.user), **week}
    return render(request, "lessons/my_lessons.html", context)


@login_required
def my_lessons(request):
    tab = request.GET.get("tab", "")
    user = request.user
    if tab not in TABS:
        # Open on what needs the teacher: this week's lessons and shared plans — unless
        # there are none, when their own plans (or how to start one) are more use.
        week = {"invitations": invitations.waiting_for(user), **_this_week(request)}
        if any(week[part] for part in ("invitations", "todays", "coming", "shared")):
            return _week_page(request, week)
        tab = "mine"
    elif tab == "week":
        return _week_page(
            request, {"invitations": invitations.waiting_for(user), **_this_week(request)}
        )
    if tab == "mine":
        plans = _with_totals(rights.own_plans(user))
    elif tab == "shared":
        plans = _with_totals(rights.shared_plans(user)).annotate(my_role=Subquery(_my_role(user)))
    else:
        plans = _with_totals(_templates_for(request)).order_by("-builtin_key", "title", "id")
    page = page_of(Paginator(plans, PLANS_PER_PAGE), request.GET.get("page"))
    return render(
        request,
        "lessons/my_lessons.html",
        {
            "tab": tab,
            "plans": page,
            "may_plan": rights.may_plan_lessons(user),
            "invitations": invitations.waiting_for(user) if tab == "shared" else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def new_plan(request):
    rights.require_planner(request.user)
    initial = {"language": request.user.preferred_language or "en"}
    form = NewPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        if not values.get("length_minutes"):
            values["length_minutes"] = default_lesson_minutes(values.get("grade"))
        plan = create_plan(request.user, values)
        messages.success(request, _("Your plan is ready. Add the first step below."))
        return redirect(editor_url(plan, "add-step"))
    return render(
        request, "lessons/new_plan.html", {"form": form}, status=400 if form.errors else 200
    )


@plan_view(Can.DUPLICATE)
@require_POST
def duplicate(request, plan, access):
    """A copy of your own or a shared plan, or your own plan from a template."""
    rights.require_planner(request.user)
    copy = duplicate_plan(plan, request.user)
    if plan.is_template:
        messages.success(request, _("Your plan from the template is ready. Make it yours."))
    else:
        messages.success(request, _("This is your copy. The original is unchanged."))
    return redirect(editor_url(copy))
