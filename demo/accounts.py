"""Demo accounts for `make run`: one of each kind of person who uses Kyozai.

Passwords are printed by the demo command and written in the README; they exist only on a
laptop's demo database.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group

from accounts.groups import EDITORS, TEACHERS
from accounts.models import Role, User


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    display_name: str
    role: str
    language: str
    groups: tuple[str, ...]
    is_superuser: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("alt", "kyozai-alt", "Sam Carter (ALT)", Role.ALT, "en", (TEACHERS,)),
    DemoAccount("jte", "kyozai-jte", "田中 花子 (JTE)", Role.JTE, "ja", (TEACHERS,)),
    DemoAccount("editor", "kyozai-editor", "Alex Kim (AJET)", Role.EDITOR, "en", (EDITORS,)),
    DemoAccount(
        "admin", "kyozai-admin", "Site admin", Role.EDITOR, "en", (EDITORS,), is_superuser=True
    ),
)


def create_demo_accounts() -> list[tuple[DemoAccount, bool]]:
    """Create or refresh the demo accounts; returns each with whether it was new.

    Running it again resets the passwords to the documented ones and never duplicates.
    """
    results = []
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(username=account.username)
        # Demo addresses count as confirmed: they are written here, not typed by a stranger.
        user.email = f"{account.username}@kyozai.localhost"
        user.display_name = account.display_name
        user.role = account.role
        user.preferred_language = account.language
        user.is_superuser = account.is_superuser
        user.is_staff = account.is_superuser
        user.set_password(account.password)
        user.save()
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in account.groups])
        results.append((account, created))
    return results
