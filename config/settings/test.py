"""Settings for the pytest suite: fast hashing, in-memory cache and mail, real database.

SQLite in memory by default; CI sets DATABASE_URL to run the same suite on PostgreSQL.
"""

from config.env import env_str

from .base import *  # noqa: F403
from .base import DATABASES, TASK_BACKEND

SECRET_KEY = "test-only-kyozai-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Mail is queued as everywhere (config/mail.py); "default" runs the send task at once, into
# Django's locmem outbox. (tests/conftest.py puts the queue back after Django's test set-up
# swaps EMAIL_BACKEND for locmem.)
EMAIL_BACKEND = "config.mail.QueuedEmailBackend"
KYOZAI_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A worker process a test starts delivers into files the test can read
# (tests/accounts/test_mail_queue.py).
if env_str("EMAIL_FILE_PATH"):
    KYOZAI_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A worker process a test starts (tests/library/test_preview_worker.py) cannot see the
# suite's memory: such a test keeps uploads in a folder and names it here.
if env_str("TEST_MEDIA_ROOT"):
    MEDIA_ROOT = env_str("TEST_MEDIA_ROOT")
    STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if not env_str("DATABASE_URL"):
    DATABASES["default"] = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ":memory:",
        "OPTIONS": {"timeout": 20},
        "TEST": {"NAME": ":memory:"},
    }
WAGTAILADMIN_BASE_URL = "http://testserver"

# Finished print jobs go to a folder of this run's own (a worker process started by a test
# is given the same folder through PRINT_RESULTS_ROOT), removed when the run ends.
if not env_str("PRINT_RESULTS_ROOT"):
    import atexit
    import shutil
    import tempfile
    from pathlib import Path

    KYOZAI_PRINT_RESULTS_ROOT = Path(tempfile.mkdtemp(prefix="kyozai-prints-"))
    atexit.register(shutil.rmtree, KYOZAI_PRINT_RESULTS_ROOT, ignore_errors=True)

# Background jobs: print renders go through the real database queue, worked by the tests
# (tests/printing/worker.py) or by a real worker process; the other jobs (Wagtail's own
# index updates) run at once, as the suite has always seen them.
# A worker process a test starts for the Redis queue (TASK_BACKEND=rq) keeps base's TASKS.
# A worker process a test starts for the default queue (QUEUE_DEFAULT_TASKS=1) reads it
# from the database.
_DEFAULT_TASKS = (
    {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    if env_str("QUEUE_DEFAULT_TASKS")
    else {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
)
if TASK_BACKEND == "database":
    TASKS = {
        "default": _DEFAULT_TASKS,
        "printing": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["printing"]},
        # Conversions wait in the queue: a test converts by calling the task or starting a
        # real worker (tests/library/test_preview_worker.py), never by accident.
        "previews": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["previews"]},
    }
