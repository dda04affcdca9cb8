"""The log-in page: Django's own view, with failed attempts rate-limited."""

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import throttle

LOCKED_OUT_MESSAGE = _(
    "Too many failed log-ins. For your account's safety, please wait 15 minutes and try "
    "again, or reset your password."
)


class ThrottledAuthenticationForm(AuthenticationForm):
    def clean(self):
        username = self.data.get("username", "")
        if throttle.is_locked_out(self.request, username):
            # Checked before the password, so a locked-out guesser learns nothing.
            raise forms.ValidationError(LOCKED_OUT_MESSAGE, code="locked_out")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.record_failure(self.request, username)
            raise
        throttle.clear_failures(self.request, username)
        return cleaned


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True
