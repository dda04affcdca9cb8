"""Lesson-planner pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def my_lessons(request):
    """A teacher's own lesson plans. The planner itself arrives with the lessons issue
    (#5); until then the page says so instead of pretending."""
    return render(request, "lessons/my_lessons.html", {"plans": []})


@login_required
def add_material(request, page_id: int):
    """"Add to a lesson plan" from a material page. Placeholder until the planner (#5)
    can make a new plan or a new step from it; it lands on "My lessons" for now."""
    from django.shortcuts import redirect

    return redirect("lessons:my_lessons")
