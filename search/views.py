"""The search page. A plain full-text search over live pages until the faceted,
bilingual search service (issue #4) replaces it."""

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

MAX_QUERY_LENGTH = 200


def search_page(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = (
        Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    )
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(request, "search/search.html", {"search_query": query, "results": page})
