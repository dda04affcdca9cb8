"""The planner's one refusal (lessons.services.access.NotAllowed) as an HTML answer: the
site's 404 page when the plan must look missing, its 403 page otherwise.

A middleware, so every view that asks the access service is covered — the builder's, the
print pipeline's (printing/ cannot know lessons' exception) — and no view maps it itself.
The JSON API maps the same exception in config/api.py.
"""

from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception
from django.http import Http404

from lessons.services.access import NotAllowed


def as_http_error(refusal: NotAllowed) -> Exception:
    if refusal.hidden:
        return Http404()
    return PermissionDenied(refusal.message)


class NotAllowedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotAllowed):
            return response_for_exception(request, as_http_error(exception))
        return None
