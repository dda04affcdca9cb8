"""Printing a lesson plan, mounted at /lessons/ beside the planner (lessons/urls.py). The
views are the print pipeline's (printing/views.py); this app supplies what it prints
(printouts.py). Options come in the query string:
`?layout=team_teaching|ryakuan|saian&paper=A4|B4|LETTER&language=en|ja`."""

from django.urls import path

from printing.views import dialog_view, result_view

from .printouts import PackPrintout, PlanPrintout

app_name = "lesson_printing"

plan = "<int:plan_id>/print/"
ID = {"id_name": "plan_id"}

urlpatterns = [
    path(plan, dialog_view(PlanPrintout, **ID), name="dialog"),
    path(plan + "pdf/", result_view(PlanPrintout, **ID), name="pdf"),
    path(plan + "preview.png", result_view(PlanPrintout, "preview", **ID), name="preview"),
    path(plan + "pack/", result_view(PackPrintout, **ID), name="pack"),
]
