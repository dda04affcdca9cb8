from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Connects the invalidation signals in every process — web workers and management
    commands alike (`import_library --publish` must empty the cache gunicorn reads)."""

    name = "config.page_cache"
    label = "page_cache"

    def ready(self) -> None:
        from . import signals

        signals.connect()
