"""Printing a lesson plan, mounted at /lessons/ beside the planner (lessons/urls.py)."""

from django.urls import path

from . import views

app_name = "lesson_printing"

plan = "<int:plan_id>/print/"

urlpatterns = [
    path(plan, views.print_dialog, name="dialog"),
    path(plan + "pdf/", views.plan_pdf, name="pdf"),
    path(plan + "preview.png", views.plan_preview, name="preview"),
    path(plan + "pack/", views.plan_pack, name="pack"),
]
