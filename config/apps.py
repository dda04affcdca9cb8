"""The site's own app: checks and wiring that belong to no single app of ours."""

from django.apps import AppConfig


def forget_what_an_outage_hid(sender=None, **kwargs) -> None:
    """Redis answers again after an outage. Invalidation tokens written meanwhile (a
    publish, a page made private) were lost, so the pages, search answers and site roots
    cached before the outage cannot be trusted: forget them all (config/cache.py)."""
    from wagtail.models import Site

    from config.page_cache import store
    from search import cache as search_answers

    store.invalidate_all()
    search_answers.forget_all()
    Site.clear_site_root_paths_cache()


class SiteConfig(AppConfig):
    name = "config"
    label = "kyozai_site"
    verbose_name = "Kyozai"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the deploy checks
        from .cache import cache_came_back

        cache_came_back.connect(forget_what_an_outage_hid, dispatch_uid="kyozai.cache_came_back")
