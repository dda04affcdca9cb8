from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    # "search" alone would clash with wagtail.search's label.
    name = "search"
    label = "kyozai_search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import signals

        signals.connect()
        post_migrate.connect(signals.fill_an_empty_index, sender=self)
