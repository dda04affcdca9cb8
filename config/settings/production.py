"""Settings for a real deployment: every secret from the environment, HTTPS everywhere.

`manage.py check --deploy` passes with no warnings when given real values (CI checks it).
"""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, MIDDLEWARE, REDIS_URL, SECRET_KEY

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production (50+ random characters).")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's host(s) in production.")

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# WhiteNoise serves the collected static files straight from gunicorn, right after the
# security middleware, so no separate static server is needed.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# gunicorn runs several worker processes. Without Redis each keeps its own in-memory cache,
# and a publish handled by one worker could not empty the others': the page cache and the
# search answers cache stay off unless REDIS_URL is set (or they are asked for explicitly).
_SHARED_CACHE = bool(REDIS_URL)
KYOZAI_PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600 if _SHARED_CACHE else 0)
KYOZAI_SEARCH_CACHE_SECONDS = env_int("SEARCH_CACHE_SECONDS", 300 if _SHARED_CACHE else 0)
