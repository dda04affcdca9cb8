"""Wagtail's user admin, extended with Kyozai's profile fields so editors can fix them.

An address an administrator types here counts as confirmed (they vouch for it). The model's
constraint refuses another account's confirmed address, whatever its case, as a form error.
"""

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

PROFILE_FIELDS = ["display_name", "role", "preferred_language", "school"]


class ConfirmedEmailMixin:
    """Typing the address a user was waiting to confirm settles it."""

    def save(self, commit: bool = True):
        user = super().save(commit=False)
        if user.unconfirmed_email.casefold() == user.email.casefold():
            user.unconfirmed_email = ""
        if commit:
            user.save()
            self.save_m2m()
        return user


class KyozaiUserCreationForm(ConfirmedEmailMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(PROFILE_FIELDS)


class KyozaiUserEditForm(ConfirmedEmailMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(PROFILE_FIELDS)


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return KyozaiUserEditForm if for_update else KyozaiUserCreationForm
