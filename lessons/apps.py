from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from library import links


def add_to_plan_url(page_id: int) -> str:
    return reverse("lessons:add_material", args=[page_id])


def class_page_url(class_id: int) -> str:
    return reverse("lessons:class_page", args=[class_id])


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("Lesson plans")

    def ready(self) -> None:
        # A library page's "Add to a lesson plan" button (library/links.py).
        links.register("add_to_plan", add_to_plan_url)
        # A class's page (its unit and yearly plans) for the schools pages (schools/views.py).
        links.register("class_page", class_page_url)

        from lessons.notices import register_kinds

        # What co-planning tells teachers in the bell (accounts/notifications/).
        register_kinds()

        from lessons.calendar.printouts import HandoverPrintout, WeekPrintout
        from lessons.printing.printouts import PackPrintout, PlanPrintout
        from printing.registry import register_layouts, register_printout

        # What the print pipeline renders for plans, and where their PDF layouts live.
        register_printout(PlanPrintout)
        register_printout(PackPrintout)
        register_printout(WeekPrintout)
        register_printout(HandoverPrintout)
        register_layouts(Path(settings.BASE_DIR) / "templates" / "lessons" / "pdf")
