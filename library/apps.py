from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Library")

    def ready(self) -> None:
        from library import signals
        from library.serving import hooks  # noqa: F401  (registers Wagtail hooks)

        signals.connect()
        self._register_printouts()

    def _register_printouts(self) -> None:
        """What the print pipeline renders for library pages, and where their PDF layouts
        live (printing/registry.py)."""
        from library.printing.printouts import PagePrintout, SpeechSheetPrintout
        from printing.registry import register_layouts, register_printout

        register_printout(PagePrintout)
        register_printout(SpeechSheetPrintout)
        register_layouts(Path(settings.BASE_DIR) / "templates" / "library" / "pdf")
