import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests.factories.accounts import EditorFactory, TeacherFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: a page cached by one test (whose database was
    rolled back since) must not be served to the next (config/page_cache)."""
    cache.clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Every test starts in the site's default language: a request or a test that switched
    this thread to Japanese must not decide the words of the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _mail_through_the_queue(settings):
    """Django's test set-up swaps EMAIL_BACKEND for locmem; put Kyozai's queue back, so
    every mail a test sees went through the send task (config/mail.py) into the outbox."""
    settings.EMAIL_BACKEND = "config.mail.QueuedEmailBackend"


@pytest.fixture
def teacher(db):
    return TeacherFactory(username="sam", display_name="Sam (ALT)")


@pytest.fixture
def other_teacher(db):
    return TeacherFactory(username="hanako", display_name="田中 花子")


@pytest.fixture
def editor(db):
    return EditorFactory(username="alex")
