"""The calendar, mounted at /calendar/ (config/urls.py). Print addresses use the print
pipeline's views (printing/views.py) with the calendar's printouts."""

from django.urls import path

from printing.views import dialog_view, result_view

from .printouts import HandoverPrintout, WeekPrintout
from .views import classes, feed, handover, week

app_name = "calendar"

WEEK = "week/<str:monday>/"
HANDOVER = "handover/<int:handover_id>/"
WEEK_ID = {"id_name": "monday"}
HANDOVER_ID = {"id_name": "handover_id"}

urlpatterns = [
    path("", week.this_week, name="this_week"),
    path(WEEK, week.week, name="week"),
    path(WEEK + "print/", dialog_view(WeekPrintout, **WEEK_ID), name="week_print"),
    path(WEEK + "print/pdf/", result_view(WeekPrintout, **WEEK_ID), name="week_pdf"),
    path(
        WEEK + "print/preview.png",
        result_view(WeekPrintout, "preview", **WEEK_ID),
        name="week_preview",
    ),
    path("classes/<int:class_id>/", classes.class_calendar, name="class"),
    path("classes/<int:class_id>/timetable/", classes.edit_timetable, name="timetable"),
    path("classes/<int:class_id>/bump/", classes.bump_lesson, name="bump"),
    path("classes/<int:class_id>/schedule/", classes.schedule, name="schedule"),
    path("classes/<int:class_id>/notes/", classes.save_note, name="notes"),
    path("schools/<int:school_id>/bell-times/", classes.bell_times, name="bell_times"),
    path("subscribe/", feed.subscribe, name="subscribe"),
    path("subscribe/new-address/", feed.renew_address, name="renew_feed"),
    path("feed/<str:token>.ics", feed.feed, name="feed"),
    path("handover/", handover.start, name="handover_start"),
    path(HANDOVER, handover.received, name="handover"),
    path(HANDOVER + "print/", dialog_view(HandoverPrintout, **HANDOVER_ID), name="handover_print"),
    path(
        HANDOVER + "print/pdf/", result_view(HandoverPrintout, **HANDOVER_ID), name="handover_pdf"
    ),
    path(
        HANDOVER + "print/preview.png",
        result_view(HandoverPrintout, "preview", **HANDOVER_ID),
        name="handover_preview",
    ),
]
