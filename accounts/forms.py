"""Forms teachers fill in to join Kyozai and keep their profile up to date."""

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from .models import Role, User

# Anyone may say they are an ALT, JTE, HRT or CIR; being an AJET editor is granted by an
# administrator (it carries publishing rights), so sign-up does not offer it.
SIGN_UP_ROLES = [choice for choice in Role.choices if choice[0] != Role.EDITOR]


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("Used only to reset your password and for co-planning invitations."),
    )
    role = forms.ChoiceField(label=_("I am a…"), choices=SIGN_UP_ROLES)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "display_name", "email", "role", "school", "preferred_language")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail already exists."))
        return email


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("display_name", "email", "role", "school", "preferred_language")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.role != Role.EDITOR:
            self.fields["role"].choices = SIGN_UP_ROLES
