"""Settings shared by every way Kyozai runs. Values an operator may change come from the
environment (see config/env.py and the README's configuration table)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str
from library.uploads import DOCUMENT_EXTENSIONS, IMAGE_EXTENSIONS

from .tasks import *  # noqa: F403 - background jobs: TASKS, RQ_QUEUES, print job limits
from .tasks import KYOZAI_PRINT_RESULTS_ROOT, TASK_APPS

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Ours first, so our templates (registration/, 404.html) win over the defaults.
    "accounts.apps.AccountsConfig",
    "library",
    "search",
    "printing",
    "lessons",
    "config.page_cache",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.KyozaiUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    *TASK_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After language, user and messages are known; before the header middlewares, so a
    # cached page keeps its headers (config/page_cache).
    "config.page_cache.middleware.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
# SQLite by default so `make run` needs nothing; PostgreSQL in production and CI.
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while a teacher saves; the busy timeout makes a second writer
    # wait instead of failing with "database is locked"; IMMEDIATE takes the write lock at
    # the start of a transaction so two saves cannot deadlock on lock upgrade.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# Failed log-ins allowed per 15 minutes before the form refuses to check passwords.
KYOZAI_LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 5)
KYOZAI_LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 20)
# How many reverse proxies in front of gunicorn add to X-Forwarded-For (0: trust none).
KYOZAI_TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# --- Cache --------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kyozai",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous page views are served from the cache for this long at most; publishing empties
# it at once (config/page_cache). 0 turns the full-page cache off.
KYOZAI_PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Search answers are remembered this long at most; any index write forgets them all at once
# (search/cache.py). 0 turns it off.
KYOZAI_SEARCH_CACHE_SECONDS = env_int("SEARCH_CACHE_SECONDS", 300)

# --- Languages ----------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ja", _("Japanese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("ja", "日本語")]

# --- Static files and uploads -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
# Finished print jobs (config/settings/tasks.py): private, outside MEDIA_ROOT.
KYOZAI_PRINT_RESULTS_ROOT = Path(KYOZAI_PRINT_RESULTS_ROOT or BASE_DIR / "var" / "prints")
# Uploads bigger than this are refused with a message (library upload checks use it too).
KYOZAI_MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_MB", 20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Search -------------------------------------------------------------------------------
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
# Kyozai's search service (search/): "database" (SQLite/PostgreSQL, the default) or
# "elasticsearch" (the default when ELASTICSEARCH_URL is set). The database index is kept
# either way: it answers whenever the cluster cannot.
KYOZAI_SEARCH_BACKEND = env_str("SEARCH_BACKEND") or (
    "elasticsearch" if ELASTICSEARCH_URL else "database"
)
if KYOZAI_SEARCH_BACKEND not in ("database", "elasticsearch"):
    raise ImproperlyConfigured("SEARCH_BACKEND must be database or elasticsearch.")
if KYOZAI_SEARCH_BACKEND == "elasticsearch" and not ELASTICSEARCH_URL:
    raise ImproperlyConfigured("SEARCH_BACKEND=elasticsearch needs ELASTICSEARCH_URL.")
KYOZAI_SEARCH_ES_URL = ELASTICSEARCH_URL
KYOZAI_SEARCH_ES_API_KEY = env_str("ELASTICSEARCH_API_KEY")
# The alias searches go through; rebuilds create <alias>_<timestamp> indices behind it.
KYOZAI_SEARCH_ES_INDEX = env_str("SEARCH_ES_INDEX", "kyozai_library").lower()
# A teacher must not wait on a sick cluster: short timeout, then the database answers and
# the cluster is left alone for the cool-down (circuit breaker).
KYOZAI_SEARCH_ES_TIMEOUT = env_int("SEARCH_ES_TIMEOUT_MS", 2000) / 1000
KYOZAI_SEARCH_ES_COOLDOWN = env_int("SEARCH_ES_COOLDOWN_SECONDS", 30)
# Japanese morphological analysis; needs the analysis-kuromoji plugin on every node.
KYOZAI_SEARCH_ES_KUROMOJI = env_bool("SEARCH_ES_KUROMOJI", False)
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": "kyozai_wagtail_",
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Wagtail ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Kyozai"
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Uploads in the admin pass the same check as the share form (library/uploads.py).
WAGTAILDOCS_EXTENSIONS = DOCUMENT_EXTENSIONS
WAGTAILIMAGES_EXTENSIONS = IMAGE_EXTENSIONS
WAGTAILDOCS_MAX_UPLOAD_SIZE = KYOZAI_MAX_UPLOAD_BYTES
WAGTAILIMAGES_MAX_UPLOAD_SIZE = KYOZAI_MAX_UPLOAD_BYTES
WAGTAILDOCS_DOCUMENT_FORM_BASE = "library.admin_forms.KyozaiDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "library.admin_forms.KyozaiImageForm"
TAGGIT_CASE_INSENSITIVE = True

# --- E-mail ---------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kyozai <noreply@kyozai.localhost>")
EMAIL_URL = env_str("EMAIL_URL")

# --- Security headers sent in every mode ----------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's live preview views lift this to SAMEORIGIN for themselves.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"kyozai": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
