from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("Lesson plans")

    def ready(self) -> None:
        from lessons.printing.printouts import PackPrintout, PlanPrintout
        from printing.registry import register_layouts, register_printout

        # What the print pipeline renders for plans, and where their PDF layouts live.
        register_printout(PlanPrintout)
        register_printout(PackPrintout)
        register_layouts(Path(settings.BASE_DIR) / "templates" / "lessons" / "pdf")
