"""The log-in forms: Django's on the site, Wagtail's in the admin, both telling a refused
attempt how long to wait. The limits themselves sit under every log-in path, at the
authentication layer (accounts/login_limits/)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .login_limits.refusal import LimitedLogInFormMixin


class LogInForm(LimitedLogInFormMixin, AuthenticationForm):
    pass


class AdminLogInForm(LimitedLogInFormMixin, WagtailLoginForm):
    """WAGTAILADMIN_USER_LOGIN_FORM."""


class LoginView(auth_views.LoginView):
    form_class = LogInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        if not user.email and user.unconfirmed_email:
            messages.warning(
                self.request,
                _(
                    "Please confirm your e-mail address: open the link we sent to "
                    "%(address)s. Until then we cannot send you password resets."
                )
                % {"address": user.unconfirmed_email},
            )
        return response
