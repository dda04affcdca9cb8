"""Wagtail's own search on Elasticsearch, answered by the database when the cluster cannot.

Why: the Wagtail admin searches pages, documents and images (and its choosers autocomplete)
through WAGTAILSEARCH_BACKENDS["default"]. With Wagtail's stock Elasticsearch backend, a
cluster that is down turns every one of those searches into a 500. Kyozai's own search
already answers from the database then (search/service.py); this gives editors the same
promise. The database backend is configured beside it as "database" and kept up to date on
every save, so it can answer at any moment.

The cluster is only asked when the search is evaluated (Wagtail's results are lazy), so the
fallback sits in the results class: the same search, sliced the same way, is asked of the
database backend. A circuit breaker (common/breaker.py) keeps searches away from a dead
cluster for SEARCH_ES_COOLDOWN_SECONDS and logs the outage once per cool-down.
"""

import logging
import threading
from functools import partial

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.elasticsearch9 import (
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchResults,
)

from common.breaker import CircuitBreaker

logger = logging.getLogger("kyozai.search")

# The WAGTAILSEARCH_BACKENDS entry that answers while the cluster cannot.
DATABASE_BACKEND = "database"
# Unreachable, timed out, or answering with an error (a missing index among them).
CLUSTER_ERRORS = (TransportError, ApiError)

_breakers: dict[tuple, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(hosts: tuple) -> CircuitBreaker:
    """One breaker per cluster in each process (Wagtail makes a backend per search)."""
    with _breakers_lock:
        if hosts not in _breakers:
            _breakers[hosts] = CircuitBreaker(
                name="Elasticsearch for Wagtail's search",
                cooldown=float(settings.KYOZAI_SEARCH_ES_COOLDOWN),
                logger=logger,
            )
        return _breakers[hosts]


def _ask_database(method: str, query, model_or_queryset, options: dict):
    return getattr(get_search_backend(DATABASE_BACKEND), method)(
        query, model_or_queryset, **options
    )


class FallbackSearchResults(Elasticsearch9SearchResults):
    """Elasticsearch's results, or the database's for the same search when the cluster
    cannot answer."""

    def _from_database(self):
        results = self.query_compiler.ask_database()[self.start : self.stop]
        return results.annotate_score(self._score_field) if self._score_field else results

    def _either(self, ask_cluster, ask_database):
        return self.backend.breaker.call(ask_cluster, ask_database, CLUSTER_ERRORS)

    def results(self):
        if self._results_cache is None:
            self._results_cache = self._either(
                lambda: list(self._do_search()), lambda: list(self._from_database())
            )
        return self._results_cache

    def count(self):
        if self._count_cache is None and self._results_cache is not None:
            self._count_cache = len(self._results_cache)
        if self._count_cache is None:
            self._count_cache = self._either(self._do_count, lambda: self._from_database().count())
        return self._count_cache

    def facet(self, field_name):
        cluster_facet = super().facet
        return self._either(
            lambda: cluster_facet(field_name), lambda: self._from_database().facet(field_name)
        )


class FallbackElasticsearchBackend(Elasticsearch9SearchBackend):
    results_class = FallbackSearchResults

    def __init__(self, params):
        super().__init__(params)
        self.breaker = breaker_for(tuple(sorted(str(host) for host in self.hosts)))

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        """Wagtail's search, with the way to ask the database the same thing kept on the
        query compiler (it travels with every slice and clone of the results)."""
        results = super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
        if isinstance(results, FallbackSearchResults):
            method = (
                "autocomplete"
                if query_compiler_class is self.autocomplete_query_compiler_class
                else "search"
            )
            results.query_compiler.ask_database = partial(
                _ask_database, method, query, model_or_queryset, kwargs
            )
        return results


SearchBackend = FallbackElasticsearchBackend
