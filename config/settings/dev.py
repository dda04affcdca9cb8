"""Settings for `make run` on a teacher's or developer's laptop."""

from config.env import env_bool, env_str

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine on a laptop; production refuses to start without a real one.
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-kyozai-key-do-not-use-in-production"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
INTERNAL_IPS = ["127.0.0.1"]
