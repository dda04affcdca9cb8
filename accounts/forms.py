"""Forms teachers fill in to join Kyozai and keep their profile up to date.

Neither form writes the confirmed address (`User.email`): what a teacher types waits in
`unconfirmed_email` until they open the link mailed to it (accounts/email_confirmation.py).
Neither tells whether another account has the address: that would list who is on Kyozai.
"""

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from .models import Role, User

# Anyone may say they are an ALT, JTE, HRT or CIR; being an AJET editor is granted by an
# administrator (it carries publishing rights), so sign-up does not offer it.
SIGN_UP_ROLES = [choice for choice in Role.choices if choice[0] != Role.EDITOR]
EMAIL_HELP = _(
    "Used only to reset your password and for co-planning invitations, once you have "
    "confirmed it with the link we mail to it."
)


class SignUpForm(UserCreationForm):
    email = forms.EmailField(label=_("E-mail"), help_text=EMAIL_HELP)
    role = forms.ChoiceField(label=_("I am a…"), choices=SIGN_UP_ROLES)

    class Meta(UserCreationForm.Meta):
        model = User
        # Not the model's `email`: that one holds confirmed addresses only.
        fields = ("username", "display_name", "role", "school", "preferred_language")

    field_order = ("username", "display_name", "email", "role", "school", "preferred_language")

    def clean_username(self) -> str:
        username = super().clean_username()
        # An invitation "by e-mail" must only ever reach a confirmed address, never an
        # account that chose a username looking like someone's address.
        if "@" in username:
            raise forms.ValidationError(
                _("A username cannot contain “@”. Your e-mail address goes in its own box."),
                code="username_with_at",
            )
        return username

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        # Set now, not in save(): the password checks compare the password with it.
        self.instance.unconfirmed_email = email
        self.instance.email = ""
        return email


class ProfileForm(forms.ModelForm):
    email = forms.EmailField(label=_("E-mail"), help_text=EMAIL_HELP)

    class Meta:
        model = User
        fields = ("display_name", "role", "school", "preferred_language")

    field_order = ("display_name", "email", "role", "school", "preferred_language")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].initial = self.instance.unconfirmed_email or self.instance.email
        if self.instance.role != Role.EDITOR:
            self.fields["role"].choices = SIGN_UP_ROLES
        self.address_to_confirm = None

    def save(self, commit: bool = True) -> User:
        """A typed address that differs from the confirmed one waits for confirmation;
        typing the confirmed one again cancels a change still waiting."""
        typed = self.cleaned_data["email"].strip()
        user = self.instance
        if typed.casefold() == user.email.casefold():
            user.unconfirmed_email = ""
        elif typed.casefold() != user.unconfirmed_email.casefold():
            user.unconfirmed_email = typed
            self.address_to_confirm = typed
        return super().save(commit)
