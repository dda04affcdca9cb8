import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories.accounts import PASSWORD

LOGIN = reverse("accounts:login")


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _fail(client, username, times):
    for _ in range(times):
        response = client.post(LOGIN, {"username": username, "password": "wrong-guess"})
        assert response.status_code == 200


@pytest.mark.django_db
@override_settings(KYOZAI_LOGIN_FAILURES_PER_ACCOUNT=3)
def test_an_account_locks_after_repeated_failures_even_with_the_right_password(client, teacher):
    _fail(client, teacher.username, 3)
    response = client.post(LOGIN, {"username": teacher.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed log-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@override_settings(KYOZAI_LOGIN_FAILURES_PER_ACCOUNT=3)
def test_the_account_limit_follows_the_account_across_addresses(teacher):
    _fail(Client(REMOTE_ADDR="10.0.0.1"), teacher.username.upper(), 3)
    other = Client(REMOTE_ADDR="10.0.0.2")
    response = other.post(LOGIN, {"username": teacher.username, "password": PASSWORD})
    assert "Too many failed log-ins" in response.content.decode()


@pytest.mark.django_db
@override_settings(KYOZAI_LOGIN_FAILURES_PER_ACCOUNT=100, KYOZAI_LOGIN_FAILURES_PER_ADDRESS=4)
def test_one_address_guessing_many_accounts_is_stopped(teacher):
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for name in ["a", "b", "c", "d"]:
        guesser.post(LOGIN, {"username": name, "password": "x"})
    response = guesser.post(LOGIN, {"username": teacher.username, "password": PASSWORD})
    assert "Too many failed log-ins" in response.content.decode()
    # A colleague at another address is not affected.
    colleague = Client(REMOTE_ADDR="198.51.100.7")
    response = colleague.post(LOGIN, {"username": teacher.username, "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
@override_settings(KYOZAI_LOGIN_FAILURES_PER_ACCOUNT=3)
def test_a_successful_log_in_clears_the_count(client, teacher):
    _fail(client, teacher.username, 2)
    assert (
        client.post(LOGIN, {"username": teacher.username, "password": PASSWORD}).status_code == 302
    )
    client.post(reverse("accounts:logout"))
    _fail(client, teacher.username, 2)
    assert (
        client.post(LOGIN, {"username": teacher.username, "password": PASSWORD}).status_code == 302
    )


@pytest.mark.django_db
@override_settings(
    KYOZAI_TRUSTED_PROXIES=1,
    KYOZAI_LOGIN_FAILURES_PER_ADDRESS=2,
    KYOZAI_LOGIN_FAILURES_PER_ACCOUNT=100,
)
def test_behind_a_proxy_the_forwarded_address_is_counted(teacher):
    first = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    _fail(first, "nobody", 2)
    second = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    response = second.post(LOGIN, {"username": teacher.username, "password": PASSWORD})
    assert response.status_code == 302
