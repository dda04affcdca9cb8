from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Library")

    def ready(self) -> None:
        from library import signals
        from library.sharing import hooks  # noqa: F401  (registers Wagtail hooks)

        signals.connect()
