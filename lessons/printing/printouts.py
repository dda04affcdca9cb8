"""Lesson plans as printouts (printing/printouts.py): the plan in one of its layouts, and the
print pack (the plan followed by its materials' PDF files). Everything else — the dialog,
the background render, progress, the file — is the print pipeline's (printing/views.py).

Who may print is the access service's decision (lessons.services.access, Can.PRINT): owner,
editors, viewers, and any teacher for a published template. Everyone else, signed in or
not, gets 404 for every print address, the job addresses included, as for the plan itself
(its refusal becomes the 404 page in lessons/refusals.py).
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from lessons.models import LessonPlan, ShidouanLayout
from lessons.services.access import Can, get_plan
from printing.cache import PdfKey
from printing.printouts import Action, Dialog, Printout
from printing.responses import back_to

from .estimate import estimate_plan_pages, shorten_hint
from .forms import PlanPrintForm
from .layouts import GOTHIC, TEAM_TEACHING, content_version, plan_print
from .packs import build_pack

# The team-teaching plan is the English one: its headings default to English, whatever
# language the site is shown in (a JTE may choose Japanese headings).
DEFAULT_LANGUAGE = "en"
FILE_NAMES = {"team_teaching": "team-teaching", "ryakuan": "略案", "saian": "細案"}


def plan_key(plan: LessonPlan, version: str, options: dict, what: str = "") -> PdfKey:
    """What a plan's PDF is remembered by: a save to the plan or its steps, or a change to a
    linked material, changes `version` (layouts.content_version)."""
    return PdfKey(
        "lesson_plan",
        plan.pk,
        version,
        f"{options['layout']}{what}{_layout_version(options['layout'])}",
        options["paper"].code,
        options["language"],
        # Mincho is a different PDF; Gothic, the default, keeps the keys it always had.
        (typeface,) if (typeface := options.get("typeface", GOTHIC)) != GOTHIC else (),
    )


def _layout_version(layout: str) -> str:
    """An edited 学習指導案 layout prints anew: its version is part of every print's key."""
    if layout == TEAM_TEACHING:
        return ""
    shidouan = ShidouanLayout.objects.filter(key=layout).only("updated_at").first()
    return f"@{shidouan.version}" if shidouan else ""


class PlanPrintout(Printout):
    """A lesson plan in one layout: team-teaching plan, 略案 or 細案."""

    name = "lesson_plan"
    form_class = PlanPrintForm
    what = ""

    def __init__(self, plan: LessonPlan) -> None:
        self.plan = plan

    @classmethod
    def for_request(cls, request, object_id):
        plan, _access = get_plan(request.user, object_id, Can.PRINT)
        return cls(plan)

    @classmethod
    def for_worker(cls, object_id, variant):
        plan = LessonPlan.objects.for_header().filter(pk=object_id).first()
        if plan is None:
            raise Http404("The plan was deleted.")
        return cls(plan)

    @property
    def object_id(self) -> str:
        return str(self.plan.pk)

    def default_language(self) -> str:
        return DEFAULT_LANGUAGE

    def options(self, form) -> dict:
        return form.options()

    def key(self, options) -> PdfKey:
        return plan_key(self.plan, content_version(self.plan), options, self.what)

    def render(self, options) -> bytes:
        return self.plan_print(options).render(options["paper"])

    def plan_print(self, options):
        return plan_print(
            self.plan, options["layout"], options["language"], options.get("typeface", GOTHIC)
        )

    def estimate_pages(self, options) -> int:
        return estimate_plan_pages(self.plan, options["layout"], options["paper"])

    def too_long_hint(self) -> str:
        return shorten_hint()

    def filename(self, options) -> str:
        return f"{self.plan.title} {FILE_NAMES.get(options['layout'], options['layout'])}"

    def back_links(self) -> list[tuple[str, str]]:
        return [
            (
                reverse("lesson_printing:dialog", args=[self.plan.pk]),
                _("Back to the print options"),
            ),
            (reverse("lessons:plan", args=[self.plan.pk]), back_to(self.plan.title)),
        ]

    def dialog(self, query) -> Dialog:
        plan_id = self.plan.pk
        pdf_url = reverse("lesson_printing:pdf", args=[plan_id])
        pack_url = reverse("lesson_printing:pack", args=[plan_id])
        notes = []
        if not self.plan.steps.exists():
            notes.append(_("This plan has no steps yet, so the lesson flow table is left out."))
        return Dialog(
            heading=_("Print the lesson plan"),
            subject=self.plan.title,
            intro=_(
                "Choose a layout and paper. The preview shows page 1 as it will print. The "
                "print pack adds the PDF files of every linked material after the plan, in "
                "step order."
            ),
            back_url=reverse("lessons:plan", args=[plan_id]),
            dialog_url=reverse("lesson_printing:dialog", args=[plan_id]),
            preview_url=reverse("lesson_printing:preview", args=[plan_id]),
            preview_alt=_("Preview of page 1 of the plan"),
            buttons=[
                Action(_("Open the PDF"), pdf_url, secondary=False),
                Action(_("Download the PDF"), pdf_url, download=True),
                Action(_("Print pack (plan + materials)"), pack_url),
            ],
            links=[Action(_("Open the PDF"), pdf_url), Action(_("Print pack"), pack_url)],
            notes=notes,
        )


class PackPrintout(PlanPrintout):
    """The plan followed by every linked material's PDF files, with bookmarks."""

    name = "lesson_plan_pack"
    what = "_pack"

    def render(self, options) -> bytes:
        return build_pack(self.plan_print(options), options["paper"]).pdf

    def filename(self, options) -> str:
        return super().filename(options) + " pack"
