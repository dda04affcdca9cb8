from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the log-in language hook)


class KyozaiUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that show Kyozai's own profile fields."""

    user_viewset = "accounts.viewsets.UserViewSet"
