"""Background jobs: the one task framework every slow job in Kyozai goes through.

Django's Tasks API (the `django-tasks` backport of what Django 6 ships as `django.tasks`):
code says `@task()` and `.enqueue()`, and the backend chosen here runs it. The same task code
runs on both backends (docs/architecture.md, "Background jobs"):

- `TASK_BACKEND=database` (default): `django-tasks-db`, a queue table in the site's own
  database, worked by `manage.py db_worker`. Needs no other service; `make run` starts one.
- `TASK_BACKEND=rq`: `django-tasks-rq`, a Redis queue worked by RQ
  (`manage.py rqworker --job-class django_tasks_rq.Job default printing`), for sites whose
  web servers and workers run on several machines.

Kept apart from base.py so the settings of background jobs read as one piece.
"""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_int, env_str

# Two backends of the same kind: "default" for every job (Wagtail's own index updates
# included), "printing" for PDF renders alone, so a long queue of prints never delays the
# other jobs and the number of renders at once is the number of print workers (`make run`
# starts one of each; PRINT_WORKERS=n starts n print workers), "previews" for converting
# uploaded files into page pictures (library/previews/): a LibreOffice conversion takes
# seconds, so it gets a queue and a worker of its own too.
TASK_BACKEND = env_str("TASK_BACKEND") or "database"
# Apps the chosen backend needs; base.py adds them to INSTALLED_APPS. The database
# backend's table is always there, so switching backends needs no migration.
TASK_APPS = ["django_tasks", "django_tasks_db"]

if TASK_BACKEND == "database":
    TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
        "printing": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["printing"]},
        "previews": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["previews"]},
    }
elif TASK_BACKEND == "rq":
    TASK_REDIS_URL = env_str("TASK_REDIS_URL") or env_str("REDIS_URL")
    if not TASK_REDIS_URL:
        raise ImproperlyConfigured("TASK_BACKEND=rq needs TASK_REDIS_URL (or REDIS_URL).")
    TASK_APPS.append("django_rq")
    TASKS = {
        "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
        "printing": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["printing"]},
        "previews": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["previews"]},
    }
    # A job RQ has not finished in this time is stopped; a render is bounded far below it
    # by the print size limits (printing/limits.py).
    RQ_QUEUES = {
        name: {"URL": TASK_REDIS_URL, "DEFAULT_TIMEOUT": 600}
        for name in ("default", "printing", "previews")
    }
else:
    raise ImproperlyConfigured("TASK_BACKEND must be database or rq.")

# --- Print jobs (printing/jobs.py) ---------------------------------------------------------
# Finished PDFs and their page-1 pictures: a private folder outside MEDIA_ROOT, served only
# through the print views, which check who may read the printed thing on every request.
# STORAGES["print_results"], when set, wins (e.g. a private object-storage bucket).
KYOZAI_PRINT_RESULTS_ROOT = env_str("PRINT_RESULTS_ROOT")
# Prints one person (or, signed out, one address) may have waiting or rendering at once.
KYOZAI_PRINT_JOBS_PER_USER = env_int("PRINT_JOBS_PER_USER", 4)
# Results (and remembered refusals) not asked for in this many days are deleted by
# `manage.py prune_print_jobs` (the worker also prunes now and then).
KYOZAI_PRINT_RESULT_DAYS = env_int("PRINT_RESULT_DAYS", 7)
# The visitor's address as the log-in throttle sees it (honours TRUSTED_PROXIES): signed
# out, the per-person print limit counts by address. printing/checks.py checks it imports.
KYOZAI_CLIENT_ADDRESS = "accounts.login_limits.identity.client_address"

# --- File previews (library/previews/) -----------------------------------------------------
# One conversion (LibreOffice, pdftoppm, pdftotext) is killed after this many seconds …
KYOZAI_PREVIEW_TIMEOUT_SECONDS = env_int("PREVIEW_TIMEOUT_SECONDS", 120)
# … or when it maps more than this much memory (RLIMIT_AS). LibreOffice converts a worksheet
# within 512 MB (about 210 MB resident, benchmarks/previews.py); big files need more.
KYOZAI_PREVIEW_MEMORY_MB = env_int("PREVIEW_MEMORY_MB", 1536)
