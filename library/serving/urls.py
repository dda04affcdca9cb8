"""The media address, in every mode: development and tests check privacy as production does."""

from django.conf import settings
from django.urls import re_path

from .views import serve_media

urlpatterns = [
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>[\s\S]+)\Z", serve_media, name="media"),
]
