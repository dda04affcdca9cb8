"""PageCacheMiddleware: answers anonymous page views from the cache (see the package doc).

Sits after PreferredLanguageMiddleware and MessageMiddleware (the key needs the language,
the rules need the user, the session and the messages) and before the header middlewares
(X-Frame-Options, Content-Security-Policy), so a stored page keeps the headers it was
sent with; SecurityMiddleware, outside, adds its own to hits as to everything else.
"""

from django.http import HttpRequest, HttpResponse

from . import query, rules, store


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if store.timeout() <= 0 or not rules.may_use_cache(request):
            return self.get_response(request)
        view = query.cached_view(request)
        if view is None:
            return self.get_response(request)
        query.read_only(request, query.parameters_of(view))
        generation, entry = store.lookup(store.entry_key(request))
        if entry is not None:
            response = store.replay(entry)
            response[store.HEADER] = "hit"
            return response
        response = self.get_response(request)
        if (
            generation is not None
            and rules.may_store(request, response)
            and query.read_as_given(request)
        ):
            # Keyed again: the page may have read fewer parameters than the lookup kept.
            store.save(store.entry_key(request), generation, response)
            response[store.HEADER] = "miss"
        else:
            response[store.HEADER] = "skip"
        return response
