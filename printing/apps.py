from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PrintingConfig(AppConfig):
    name = "printing"
    verbose_name = _("Printing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the font checks
        from .registry import register_layouts

        # The base PDF template and the print stylesheet every layout shares.
        register_layouts(
            Path(settings.BASE_DIR) / "templates" / "printing",
            Path(__file__).resolve().parent / "static" / "printing",
        )
