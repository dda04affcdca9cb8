"""Lesson-planner pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def my_lessons(request):
    """A teacher's own lesson plans. The planner itself arrives with the lessons issue
    (#5); until then the page says so instead of pretending."""
    return render(request, "lessons/my_lessons.html", {"plans": []})
