import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from demo.accounts import DEMO_ACCOUNTS


@pytest.mark.django_db
def test_load_demo_is_idempotent_and_prints_the_logins(capsys):
    User = get_user_model()
    call_command("load_demo")
    first = capsys.readouterr().out
    users_after_first = User.objects.count()
    call_command("load_demo")
    assert User.objects.count() == users_after_first
    for account in DEMO_ACCOUNTS:
        assert account.username in first
        assert account.password in first
        user = User.objects.get(username=account.username)
        assert user.check_password(account.password)
        assert set(user.groups.values_list("name", flat=True)) == set(account.groups)


@pytest.mark.django_db
def test_demo_roles_are_an_alt_a_jte_and_an_editor():
    call_command("load_demo")
    roles = set(get_user_model().objects.values_list("role", flat=True))
    assert {"ALT", "JTE", "EDITOR"} <= roles
