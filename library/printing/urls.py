"""Printouts of library pages, mounted at /print/library/. The views are the print
pipeline's (printing/views.py); this app supplies what it prints (printouts.py)."""

from django.urls import path

from printing.views import dialog_view, result_view

from .printouts import PagePrintout, SpeechSheetPrintout

app_name = "library_printing"
ID = {"id_name": "page_id"}

urlpatterns = [
    path("<int:page_id>/pdf/", result_view(PagePrintout, **ID), name="material_pdf"),
    path(
        "<int:page_id>/judging-sheet/",
        result_view(SpeechSheetPrintout, **ID),
        name="judging_sheet",
    ),
    path(
        "<int:page_id>/judging-sheet/print/",
        dialog_view(SpeechSheetPrintout, **ID),
        name="judging_sheet_dialog",
    ),
    path(
        "<int:page_id>/judging-sheet/preview.png",
        result_view(SpeechSheetPrintout, "preview", **ID),
        name="judging_sheet_preview",
    ),
    path(
        "<int:page_id>/feedback-sheet/",
        result_view(SpeechSheetPrintout, sheet="feedback", **ID),
        name="feedback_sheet",
    ),
]
