import pytest

from .world import World, build_world


@pytest.fixture
def files_on_disk(settings, tmp_path):
    """Wagtail serves documents from a path, which the in-memory test storage lacks."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def world(db, files_on_disk) -> World:
    from .matrix_calendar import calendar_of

    built = build_world()
    calendar_of(built)  # the calendar's school, class and lessons, before any request
    return built


@pytest.fixture(autouse=True)
def empty_cache():
    """Rendered PDFs, log-in failure counts and cached pages stay inside one test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
