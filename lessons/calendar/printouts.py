"""The calendar's printouts (printing/printouts.py): a teacher's week on one A4 page, and
a successor's hand-over pack. The print pipeline does the rest (dialog, background render,
progress, file). Both are private to one person: anyone else, signed in or not, gets 404
on every print address, the job's included.

The week's object id is "<teacher id>:<Monday>", so a print job names whose week it is and
the worker renders that teacher's week; the key's version is a hash of everything the
week shows (lessons/calendar/week.py), so any change to a lesson prints afresh.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lessons.models import Handover
from printing.cache import PdfKey
from printing.printouts import Action, Dialog, Printout
from printing.render import render_pdf

from .handover_pack import build_pack
from .week import build_week, monday_of


def parse_monday(text) -> date:
    try:
        return monday_of(date.fromisoformat(str(text)))
    except ValueError:
        raise Http404("No such week.") from None


class WeekPrintout(Printout):
    name = "teacher_week"

    def __init__(self, user, monday: date) -> None:
        self.user = user
        self.monday = monday

    @classmethod
    def for_request(cls, request, object_id):
        if not request.user.is_authenticated:
            raise Http404("No such week.")
        text = str(object_id)
        if ":" in text:  # a job's id: only its own teacher may open it
            user_id, _sep, text = text.partition(":")
            if user_id != str(request.user.pk):
                raise Http404("No such week.")
        return cls(request.user, parse_monday(text))

    @classmethod
    def for_worker(cls, object_id, variant):
        user_id, _sep, monday = str(object_id).partition(":")
        user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
        if user is None:
            raise Http404("The teacher is gone.")
        return cls(user, parse_monday(monday))

    @property
    def object_id(self) -> str:
        return f"{self.user.pk}:{self.monday.isoformat()}"

    def default_language(self) -> str:
        return (get_language() or "en").split("-")[0]

    def key(self, options) -> PdfKey:
        week = build_week(self.user, self.monday)
        return PdfKey(
            self.name,
            self.object_id,
            week.version(),
            "week",
            options["paper"].code,
            options["language"],
        )

    def estimate_pages(self, options) -> int:
        return 1

    def render(self, options) -> bytes:
        week = build_week(self.user, self.monday)
        title = _("Week of %(monday)s") % {"monday": self.monday.isoformat()}
        return render_pdf(
            "lessons/pdf/week.html",
            {"week": week, "teacher": self.user.shown_name},
            paper=options["paper"],
            landscape=True,
            title=f"{title} · {self.user.shown_name}",
            language=options["language"],
        )

    def filename(self, options) -> str:
        return f"week-{self.monday.isoformat()}"

    def _url(self, name: str) -> str:
        return reverse(f"calendar:{name}", args=[self.monday.isoformat()])

    def back_links(self) -> list[tuple[str, str]]:
        return [(self._url("week"), _("Back to the week"))]

    def dialog(self, query) -> Dialog:
        pdf_url = self._url("week_pdf")
        return Dialog(
            heading=_("Print my week"),
            subject=_("Week of %(monday)s") % {"monday": self.monday.isoformat()},
            intro=_("Monday to Friday on one landscape page: each school, each period."),
            back_url=self._url("week"),
            dialog_url=self._url("week_print"),
            preview_url=self._url("week_preview"),
            preview_alt=_("Preview of the week as it will print"),
            buttons=[
                Action(_("Open the PDF"), pdf_url, secondary=False),
                Action(_("Download the PDF"), pdf_url, download=True),
            ],
            links=[Action(_("Open the PDF"), pdf_url)],
        )


class HandoverPrintout(Printout):
    """The successor's hand-over pack: only the successor prints it."""

    name = "handover_pack"

    def __init__(self, handover: Handover) -> None:
        self.handover = handover

    @classmethod
    def for_request(cls, request, object_id):
        if not request.user.is_authenticated:
            raise Http404("No such hand-over.")
        try:
            handover = Handover.objects.get(pk=int(object_id), successor=request.user)
        except (Handover.DoesNotExist, TypeError, ValueError, OverflowError):
            raise Http404("No such hand-over.") from None
        return cls(handover)

    @classmethod
    def for_worker(cls, object_id, variant):
        handover = Handover.objects.select_related("successor").filter(pk=object_id).first()
        if handover is None:
            raise Http404("The hand-over is gone.")
        return cls(handover)

    @property
    def object_id(self) -> str:
        return str(self.handover.pk)

    def default_language(self) -> str:
        return (get_language() or "en").split("-")[0]

    def key(self, options) -> PdfKey:
        return PdfKey(
            self.name,
            self.handover.pk,
            build_pack(self.handover).version(),
            "pack",
            options["paper"].code,
            options["language"],
        )

    def render(self, options) -> bytes:
        pack = build_pack(self.handover)
        title = _("Hand-over pack from %(name)s") % {"name": self.handover.leaver_name}
        return render_pdf(
            "lessons/pdf/handover_pack.html",
            {"pack": pack},
            paper=options["paper"],
            title=title,
            language=options["language"],
        )

    def filename(self, options) -> str:
        return f"handover-{self.handover.pk}"

    def _url(self, name: str) -> str:
        return reverse(f"calendar:{name}", args=[self.handover.pk])

    def back_links(self) -> list[tuple[str, str]]:
        return [(self._url("handover"), _("Back to the hand-over"))]

    def dialog(self, query) -> Dialog:
        pdf_url = self._url("handover_pdf")
        return Dialog(
            heading=_("Print the hand-over pack"),
            subject=_("Hand-over pack from %(name)s") % {"name": self.handover.leaver_name},
            intro=_(
                "Per class: where it stands in its unit and the year, the next lessons, "
                "your predecessor's notes and the materials the class has used."
            ),
            back_url=self._url("handover"),
            dialog_url=self._url("handover_print"),
            preview_url=self._url("handover_preview"),
            preview_alt=_("Preview of page 1 of the hand-over pack"),
            buttons=[
                Action(_("Open the PDF"), pdf_url, secondary=False),
                Action(_("Download the PDF"), pdf_url, download=True),
            ],
            links=[Action(_("Open the PDF"), pdf_url)],
        )
