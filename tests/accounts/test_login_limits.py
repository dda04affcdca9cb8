"""The log-in limits (accounts/login_limits/), one test per attack they answer.

Time passing is shown by moving the failed log-ins on record back in time (they are rows in
the real database), never by sleeping or by a timing assertion.
"""

from datetime import timedelta

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import F
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from accounts.models import FailedLogIn
from tests.factories.accounts import PASSWORD, TeacherFactory

LOGIN = reverse("accounts:login")
ADMIN_LOGIN = "/admin/login/"
PAGE_PRIVACY_LOGIN = "/_util/login/"
ATTACKER = "203.0.113.9"
OWNER_ADDRESS = "198.51.100.7"


def browser(address: str, **headers) -> Client:
    return Client(REMOTE_ADDR=address, **headers)


def log_in(client: Client, username: str, password: str = PASSWORD, path: str = LOGIN):
    return client.post(path, {"username": username, "password": password})


def fail(client: Client, username: str, times: int, path: str = LOGIN) -> None:
    for _ in range(times):
        response = log_in(client, username, "wrong-guess", path)
        assert response.status_code == 200, response.status_code


def let_time_pass(seconds: float) -> None:
    FailedLogIn.objects.update(at=F("at") - timedelta(seconds=seconds))


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def assert_right_password_refused(client: Client, username: str, path: str = LOGIN):
    refused = log_in(client, username, path=path)
    assert_refused(refused)
    assert "Too many failed log-ins" in refused.content.decode()
    assert not is_signed_in(client)
    return refused


def assert_refused(response, *, at_most: int | None = None) -> int:
    assert response.status_code == 429, response.status_code
    wait = int(response["Retry-After"])
    assert wait >= 1
    if at_most is not None:
        assert wait <= at_most
    return wait


# --- one account from one address --------------------------------------------------------


@pytest.mark.django_db
def test_guessing_one_account_from_one_address_is_stopped_even_with_the_right_password(
    teacher,
):
    attacker = browser(ATTACKER)
    fail(attacker, teacher.username, 5)
    refused = log_in(attacker, teacher.username)
    assert assert_refused(refused) == 30
    assert "Too many failed log-ins" in refused.content.decode()
    assert "30 seconds" in refused.content.decode()
    assert 'value="sam"' in refused.content.decode()  # the form keeps what was typed
    assert not is_signed_in(attacker)
    # Once the wait has passed the password is checked again.
    let_time_pass(31)
    assert log_in(attacker, teacher.username).status_code == 302


@pytest.mark.django_db
def test_the_wait_doubles_with_every_failure_after_the_free_tries(teacher):
    attacker = browser(ATTACKER)
    fail(attacker, teacher.username, 5)
    waits = []
    for _ in range(4):
        waits.append(assert_refused(log_in(attacker, teacher.username, "guess")))
        let_time_pass(waits[-1])
        assert log_in(attacker, teacher.username, "guess").status_code == 200  # checked, wrong
    assert waits == [30, 60, 120, 240]


@pytest.mark.django_db
@override_settings(
    PASSWORD_HASHERS=[
        "tests.accounts.hashers.CountingHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
)
def test_a_refused_attempt_checks_no_password_and_counts_as_no_failure(teacher):
    from tests.accounts.hashers import CountingHasher

    attacker = browser(ATTACKER)
    fail(attacker, teacher.username, 5)
    rows = FailedLogIn.objects.count()
    checks = CountingHasher.checks
    for _ in range(10):
        assert_refused(log_in(attacker, teacher.username, "guess"))
    assert CountingHasher.checks == checks  # no password was hashed or compared
    assert FailedLogIn.objects.count() == rows  # and the wait did not grow


@pytest.mark.django_db
def test_the_owner_from_a_clean_address_still_logs_in_while_their_account_is_under_attack_from_another_address(  # noqa: E501
    teacher,
):
    attacker = browser(ATTACKER)
    fail(attacker, teacher.username, 5)
    for _ in range(10):
        assert_refused(log_in(attacker, teacher.username, "guess"))
    owner = browser(OWNER_ADDRESS)
    assert log_in(owner, teacher.username).status_code == 302
    assert is_signed_in(owner)
    # The owner's success does not let the attacker's address off.
    assert_refused(log_in(attacker, teacher.username))


@pytest.mark.django_db
def test_a_successful_log_in_starts_that_addresss_count_afresh(teacher):
    client = browser(OWNER_ADDRESS)
    fail(client, teacher.username, 4)
    assert log_in(client, teacher.username).status_code == 302
    client.post(reverse("accounts:logout"))
    fail(client, teacher.username, 4)
    assert log_in(client, teacher.username).status_code == 302


# --- one address, many accounts -----------------------------------------------------------


@pytest.mark.django_db
def test_a_classmate_behind_the_same_nat_still_logs_in_after_20_random_username_failures(
    teacher,
):
    school = browser(ATTACKER)
    for number in range(40):
        log_in(school, f"nobody-{number}", "guess")
    classmate = browser(ATTACKER)
    assert log_in(classmate, teacher.username).status_code == 302


@pytest.mark.django_db
@override_settings(KYOZAI_LOGIN_FAILURES_PER_ADDRESS=4)
def test_spraying_real_accounts_from_one_address_slows_that_address_but_never_locks_it(
    teacher,
):
    victims = TeacherFactory.create_batch(12)
    sprayer = browser(ATTACKER)
    for victim in victims:
        let_time_pass(60)  # however slowly: the address's failures add up in the window
        assert log_in(sprayer, victim.username, "Password1").status_code == 200
    # Twelve failures against real accounts: everyone at this address waits a little …
    classmate = browser(ATTACKER)
    wait = assert_refused(log_in(classmate, teacher.username), at_most=60)
    # … and no more than a minute, however many failures there were; then they get in.
    let_time_pass(wait)
    assert log_in(classmate, teacher.username).status_code == 302
    # Another address is not slowed at all.
    other_victim = TeacherFactory()
    assert log_in(browser(OWNER_ADDRESS), other_victim.username).status_code == 302


# --- many addresses, one account ----------------------------------------------------------


@pytest.mark.django_db
@override_settings(KYOZAI_LOGIN_ATTACK_ADDRESSES=3)
def test_many_addresses_against_one_account_are_slowed_and_the_owner_still_gets_in(editor):
    bots = [browser(f"192.0.2.{number}") for number in range(1, 4)]
    for bot in bots:
        fail(bot, editor.username, 1)
    # Under attack from many addresses, each of them has used its one try …
    assert_refused(log_in(bots[0], editor.username, "guess"))
    # … and even a new address waits a few seconds between password checks: slowed.
    newcomer = browser("192.0.2.200")
    wait = assert_refused(log_in(newcomer, editor.username, "guess"), at_most=60)
    # The owner, from an address with no failures, gets in once that short wait is over.
    let_time_pass(wait)
    owner = browser(OWNER_ADDRESS)
    assert log_in(owner, editor.username).status_code == 302


# --- every log-in path, one count ---------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_log_in_is_limited(editor):
    attacker = browser(ATTACKER)
    fail(attacker, editor.username, 5, ADMIN_LOGIN)
    assert_right_password_refused(attacker, editor.username, ADMIN_LOGIN)
    # The editor from elsewhere still gets into the admin.
    owner = browser(OWNER_ADDRESS)
    assert log_in(owner, editor.username, path=ADMIN_LOGIN)["Location"] == "/admin/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("guessed_on", "tried_on"),
    [
        (LOGIN, ADMIN_LOGIN),
        (ADMIN_LOGIN, LOGIN),
        (LOGIN, PAGE_PRIVACY_LOGIN),
        (PAGE_PRIVACY_LOGIN, ADMIN_LOGIN),
    ],
)
def test_an_account_refused_on_one_log_in_page_is_refused_on_every_other(
    editor, guessed_on, tried_on
):
    attacker = browser(ATTACKER)
    fail(attacker, editor.username, 5, guessed_on)
    assert_right_password_refused(attacker, editor.username, tried_on)


@pytest.mark.django_db
def test_full_width_and_capitalised_usernames_count_against_the_same_account(teacher):
    attacker = browser(ATTACKER)
    fail(attacker, "sam", 2)
    fail(attacker, "ｓａｍ", 1)  # noqa: RUF001  (full width, the point of the test)
    fail(attacker, "SAM", 1, ADMIN_LOGIN)
    fail(attacker, " Sam ", 1, ADMIN_LOGIN)
    # Without the limits, Django's form would fold the full-width name to "sam" and log in.
    assert_refused(log_in(attacker, "ｓａｍ"))  # noqa: RUF001
    assert_refused(log_in(attacker, "sam"))
    assert not is_signed_in(attacker)


@pytest.mark.django_db
def test_any_caller_of_authenticate_is_limited(teacher):
    """A log-in path added later (an API token exchange, a third-party view) calls
    authenticate() with its request: it is counted and refused like the forms."""
    factory = RequestFactory(REMOTE_ADDR=ATTACKER)
    for _ in range(5):
        request = factory.post("/some/future/log-in/")
        assert authenticate(request, username="sam", password="guess") is None
    request = factory.post("/some/future/log-in/")
    assert authenticate(request, username="sam", password=PASSWORD) is None
    assert request.axes_locked_out
    # From the owner's own address the right password still works.
    assert authenticate(RequestFactory(REMOTE_ADDR=OWNER_ADDRESS).post("/"), **OWNER_LOGIN)


OWNER_LOGIN = {"username": "sam", "password": PASSWORD}


@pytest.mark.django_db
def test_server_side_authenticate_without_a_request_is_not_limited(teacher):
    """The test client's login(), a management command: no request, no address, no guesser
    over HTTP. They are neither counted nor refused."""
    attacker = browser("127.0.0.1")
    fail(attacker, "sam", 5)
    for _ in range(3):
        assert_refused(log_in(attacker, "sam"))
    assert authenticate(**OWNER_LOGIN) == teacher
    assert FailedLogIn.objects.count() == 5  # the three refused over HTTP were not counted


@pytest.mark.django_db
def test_every_log_in_form_keeps_its_csrf_check(editor):
    strict = Client(enforce_csrf_checks=True)
    for path in (LOGIN, ADMIN_LOGIN, PAGE_PRIVACY_LOGIN):
        assert log_in(strict, editor.username, path=path).status_code == 403, path
    assert not FailedLogIn.objects.exists()


# --- addresses and proxies ----------------------------------------------------------------


@pytest.mark.django_db
@override_settings(KYOZAI_TRUSTED_PROXIES=1)
def test_behind_a_proxy_the_forwarded_address_is_counted(teacher):
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.9, {ATTACKER}")
    fail(attacker, teacher.username, 5)
    assert_refused(log_in(attacker, teacher.username))
    # The same proxy, another client: the owner gets in.
    owner = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OWNER_ADDRESS)
    assert log_in(owner, teacher.username).status_code == 302


@pytest.mark.django_db
def test_without_a_trusted_proxy_a_forged_forwarded_address_changes_nothing(teacher):
    for number in range(5):
        forger = browser(ATTACKER, HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
        fail(forger, teacher.username, 1)
    assert_refused(log_in(browser(ATTACKER, HTTP_X_FORWARDED_FOR="10.0.1.1"), "sam"))


@pytest.mark.django_db
def test_an_ipv6_client_cannot_start_afresh_by_moving_within_its_64(teacher):
    for number in range(1, 6):
        fail(browser(f"2001:db8:1:2::{number:x}"), teacher.username, 1)
    assert_refused(log_in(browser("2001:db8:1:2:ffff::1"), teacher.username))
    # Another network is another address.
    assert log_in(browser("2001:db8:1:3::1"), teacher.username).status_code == 302


# --- what is kept, and how an administrator lets someone in -------------------------------


@pytest.mark.django_db
def test_a_password_typed_into_the_username_box_is_not_kept_readable(teacher):
    log_in(browser(ATTACKER), "my-secret-passphrase", "oops")
    row = FailedLogIn.objects.get()
    assert "my-secret-passphrase" not in str(vars(row))
    assert row.address == ATTACKER
    assert row.account_exists is False


@pytest.mark.django_db
def test_an_administrator_can_forget_an_accounts_failures(teacher):
    attacker = browser(ATTACKER)
    fail(attacker, teacher.username, 5)
    assert_refused(log_in(attacker, teacher.username))
    call_command("axes_reset_username", "SAM")  # any variant of the name
    assert log_in(attacker, teacher.username).status_code == 302


@pytest.mark.django_db
def test_failures_older_than_a_day_are_forgotten(teacher):
    fail(browser(ATTACKER), teacher.username, 3)
    let_time_pass(25 * 60 * 60)
    fail(browser(ATTACKER), "someone-else", 1)
    assert FailedLogIn.objects.count() == 1


# --- Wagtail's privacy passwords ----------------------------------------------------------


@pytest.fixture
def password_protected(db):
    from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

    from tests.factories.library import MaterialPageFactory

    page = MaterialPageFactory(title="Members only", slug="members-only")
    page_restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="kyozai"
    )
    locked = Collection.get_first_root_node().add_child(name="Locked files")
    collection_restriction = CollectionViewRestriction.objects.create(
        collection=locked, restriction_type=CollectionViewRestriction.PASSWORD, password="kyozai"
    )
    return {
        "page": f"/_util/authenticate_with_password/{page_restriction.pk}/{page.pk}/",
        "collection": f"/documents/authenticate_with_password/{collection_restriction.pk}/",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["page", "collection"])
def test_guessing_a_privacy_password_is_limited_like_a_log_in(password_protected, kind):
    form = password_protected[kind]
    guesser = browser(ATTACKER)
    for number in range(5):
        answer = guesser.post(form, {"password": f"guess-{number}", "return_url": "/"})
        assert answer.status_code == 200
    refused = guesser.post(form, {"password": "kyozai", "return_url": "/"})
    assert assert_refused(refused) == 30
    assert "Too many failed log-ins" in refused.content.decode()
    # Another visitor who knows the password gets through at once.
    visitor = browser(OWNER_ADDRESS)
    assert visitor.post(form, {"password": "kyozai", "return_url": "/"}).status_code == 302
    # And the guesser, once the wait is over.
    let_time_pass(31)
    assert guesser.post(form, {"password": "kyozai", "return_url": "/"}).status_code == 302
