"""Documents at `/documents/<id>/<name>` follow the rule of every uploaded file.

Registered from LibraryConfig.ready(). Wagtail serves documents through its own view
(WAGTAILDOCS_SERVE_METHOD = "serve_view"), which asks `before_serve_document` hooks first:
a document is served to someone who may see a live page offering or linking it, and to
whoever may manage it (its uploader — a teacher's shared file before review — and editors).
Everyone else gets a 404, as for a file that is not there: a private page's worksheet, a
draft's handout and a teacher's unreviewed upload alike.
"""

from django.http import Http404
from wagtail import hooks

from . import rules


@hooks.register("before_serve_document")
def serve_only_to_who_may_see_a_page_using_it(document, request):
    if not rules.may_have_document(request, document):
        raise Http404("No such document.")
