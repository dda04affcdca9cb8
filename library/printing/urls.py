"""Printouts of library pages, mounted at /print/library/."""

from django.urls import path

from . import views

app_name = "library_printing"

urlpatterns = [
    path("<int:page_id>/pdf/", views.material_pdf, name="material_pdf"),
    path("<int:page_id>/judging-sheet/", views.judging_sheet, name="judging_sheet"),
    path(
        "<int:page_id>/judging-sheet/print/",
        views.judging_sheet_dialog,
        name="judging_sheet_dialog",
    ),
    path(
        "<int:page_id>/judging-sheet/preview.png",
        views.judging_sheet_preview,
        name="judging_sheet_preview",
    ),
    path("<int:page_id>/feedback-sheet/", views.feedback_sheet, name="feedback_sheet"),
]
