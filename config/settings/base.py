"""Settings shared by every way Kyozai runs. Values an operator may change come from the
environment (see config/env.py and the README's configuration table)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.cache import redis_cache_settings
from config.env import email_settings, env_bool, env_int, env_list, env_str
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
    "schools.apps.SchoolsConfig",
    "demo",
    "config.page_cache",
    "config.apps.SiteConfig",
    "config.maintenance",
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
    # django-ninja's own templates and static files: /api/v1/docs loads Swagger UI from the
    # site itself (the Content-Security-Policy blocks the CDN copy it uses otherwise).
    "ninja",
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
    # A save refused by the save limit: 429 with Retry-After and a message.
    "lessons.middleware.SaveLimitMiddleware",
    # Innermost: the planner's permission refusals become the 404 or 403 page.
    "lessons.refusals.NotAllowedMiddleware",
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
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        # The address a new teacher typed waits in `unconfirmed_email` (accounts/models.py).
        "OPTIONS": {
            "user_attributes": (
                "username",
                "display_name",
                "first_name",
                "last_name",
                "email",
                "unconfirmed_email",
            )
        },
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# --- Cache --------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
# A dead or silent Redis must not take the site down: config/cache.py turns its errors and
# timeouts into cache misses, waits at most this long for it, and after a failure leaves it
# alone for the cool-down (one log line per cool-down, not one per call).
REDIS_TIMEOUT_SECONDS = env_int("REDIS_TIMEOUT_MS", 250) / 1000
REDIS_COOLDOWN_SECONDS = env_int("REDIS_COOLDOWN_SECONDS", 30)
if REDIS_URL:
    CACHES = {
        "default": redis_cache_settings(
            REDIS_URL, timeout=REDIS_TIMEOUT_SECONDS, cooldown=REDIS_COOLDOWN_SECONDS
        )
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions live in the database, never only in the cache: a Redis outage must not sign
# every teacher out or lose what a form kept in the session.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
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
# Uploaded files are served by Django in every mode, each checked against the pages that
# show it (library/serving/). Set (e.g. "/_protected_media/") when nginx has an `internal`
# location there aliasing MEDIA_ROOT: Django checks, then nginx sends the bytes.
KYOZAI_MEDIA_ACCEL_REDIRECT_PREFIX = env_str("MEDIA_ACCEL_REDIRECT_PREFIX")
# Finished print jobs (config/settings/tasks.py): private, outside MEDIA_ROOT.
KYOZAI_PRINT_RESULTS_ROOT = Path(KYOZAI_PRINT_RESULTS_ROOT or BASE_DIR / "var" / "prints")
# Uploads bigger than this are refused with a message (library upload checks use it too).
KYOZAI_MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_MB", 20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Lesson-plan revisions (lessons/services/revisions.py, retention.py, save_limit.py) ----
# Saves a person may make a minute (429 beyond it; 0: no limit).
KYOZAI_PLAN_SAVES_PER_MINUTE = env_int("PLAN_SAVES_PER_MINUTE", 60)
# One person's saves of the same thing within this many seconds become one revision.
KYOZAI_REVISION_COALESCE_SECONDS = env_int("REVISION_COALESCE_SECONDS", 300)
# Retention: every revision this recent is kept; older, one a day until KEEP_DAILY_DAYS,
# then one a week. Named revisions, the first and the latest are always kept.
KYOZAI_REVISIONS_KEEP_ALL_DAYS = env_int("REVISIONS_KEEP_ALL_DAYS", 30)
KYOZAI_REVISIONS_KEEP_DAILY_DAYS = env_int("REVISIONS_KEEP_DAILY_DAYS", 180)

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
# Tables search builds once from dictionary packages (search/text/data.py).
KYOZAI_SEARCH_DATA_DIR = Path(env_str("SEARCH_DATA_DIR") or BASE_DIR / "var" / "search")
# Expand queries through the bilingual vocabulary (病院 also finds "hospital"); a search can
# turn it off with expand=0.
KYOZAI_SEARCH_EXPAND = env_bool("SEARCH_EXPAND", True)
# Wagtail's own search (the admin's page, document and image searches): on the cluster when
# there is one, answered by the database index kept beside it whenever the cluster cannot
# (config/wagtail_search.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "config.wagtail_search",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": "kyozai_wagtail_",
            "TIMEOUT": 5,
        },
        "database": WAGTAILSEARCH_BACKENDS["default"],
    }

# --- Wagtail ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Kyozai"
# The public address, when it is set (SITE_URL). Unset, printouts link to the address each
# print request came in on (printing/links.py), so a site served on another host or port
# prints working links and QR codes; e-mails and admin links fall back to the default.
KYOZAI_SITE_URL = env_str("SITE_URL", "")
WAGTAILADMIN_BASE_URL = KYOZAI_SITE_URL or "http://127.0.0.1:8000"
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Documents are sent like every other upload: streamed, or by nginx with the prefix above.
SENDFILE_BACKEND = "library.serving.responses"
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
# With EMAIL_URL, mail goes out by SMTP. Without it, every mode (production too) prints each
# message to standard output, where the operator's log collects it (a password-reset link
# can then be passed on by hand); `check --deploy` warns about it (config/checks.py).
# Never Django's default of SMTP on localhost, which fails unseen on most servers.
# Either way the mail is queued first (config/mail.py): a web request only hands it to the
# background worker, which sends it through KYOZAI_EMAIL_DELIVERY_BACKEND and retries.
EMAIL_BACKEND = "config.mail.QueuedEmailBackend"
if EMAIL_URL:
    _MAIL_SERVER = email_settings(EMAIL_URL)
    KYOZAI_EMAIL_DELIVERY_BACKEND = _MAIL_SERVER.pop("EMAIL_BACKEND")
    globals().update(_MAIL_SERVER)
else:
    KYOZAI_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Tries per message before the send task gives up (config/mail.py spaces them out).
KYOZAI_EMAIL_ATTEMPTS = env_int("EMAIL_ATTEMPTS", 4)

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

# --- Accounts: log-in limits and e-mail confirmation (accounts/) ----------------------------
# Every log-in path (the site's, the Wagtail admin's, Wagtail's page-privacy log-in, any
# caller of authenticate()) goes through django-axes' backend and signals; Kyozai's policy
# is its handler (accounts/login_limits/; README, "Log-in limits and proxies").
INSTALLED_APPS = [*INSTALLED_APPS, "axes"]
# Last, as axes asks: it turns a refused attempt into "429, try again in N seconds". The
# same limits cover Wagtail's page and collection passwords, which never authenticate().
MIDDLEWARE = [
    *MIDDLEWARE,
    "accounts.login_limits.privacy_passwords.PrivacyPasswordLimitsMiddleware",
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = [
    "accounts.login_limits.backend.LoginLimitsBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "accounts.login_limits.handler.LoginLimitsHandler"
AXES_USERNAME_CALLABLE = "accounts.login_limits.identity.username_from"
AXES_CLIENT_IP_CALLABLE = "accounts.login_limits.identity.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.login_limits.refusal.refusal_response"
# A refused attempt checks no password, so it must not count as a failure either.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Axes' access-attempt tables belong to its database handler, which Kyozai does not use.
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.login.AdminLogInForm"
# Free failed log-ins for one account from one address before each next try waits (30 s,
# doubling to an hour); one address's failures against real accounts, per window, before
# the address waits a little (2 s, doubling to a minute); how many addresses failing on one
# account within the window mean it is under attack from many places.
KYOZAI_LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 5)
KYOZAI_LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 20)
KYOZAI_LOGIN_ATTACK_ADDRESSES = env_int("LOGIN_ATTACK_ADDRESSES", 10)
KYOZAI_LOGIN_WINDOW_SECONDS = 15 * 60
KYOZAI_LOGIN_MEMORY_SECONDS = 24 * 60 * 60
# How many reverse proxies in front of gunicorn append to X-Forwarded-For (0: trust none).
# Behind nginx alone: 1. Behind a load balancer and nginx: 2. See the README.
KYOZAI_TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
# How long the link that confirms an e-mail address works.
KYOZAI_EMAIL_CONFIRMATION_DAYS = env_int("EMAIL_CONFIRMATION_DAYS", 3)
# How long an invitation by e-mail waits to be accepted (lessons/services/invitations.py).
KYOZAI_INVITATION_DAYS = env_int("INVITATION_DAYS", 14)
