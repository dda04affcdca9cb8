from urllib.parse import urlencode

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from library import links


def search_page_url(words: str = "") -> str:
    """The search page, searching for `words` when given."""
    url = reverse("search:page")
    return f"{url}?{urlencode({'q': words})}" if words else url


class SearchConfig(AppConfig):
    # "search" alone would clash with wagtail.search's label.
    name = "search"
    label = "kyozai_search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import signals
        from .text import bilingual
        from .vocabulary import taxonomy_pairs

        signals.connect()
        # The taxonomy's own English/Japanese names widen queries too (search/vocabulary.py).
        bilingual.register_source(taxonomy_pairs)
        post_migrate.connect(signals.fill_an_empty_index, sender=self)
        # The home page's search box and a material's tags (library/links.py).
        links.register("search", search_page_url)
        # Related materials ranked by the backend's "more like this" (library/related/).
        from library.related import register_ranker

        from .more_like_this import similar_pages

        register_ranker(similar_pages)
