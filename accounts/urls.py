from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .login import LoginView
from .notifications import views as notifications

app_name = "accounts"

urlpatterns = [
    path("sign-up/", views.sign_up, name="sign_up"),
    path("profile/", views.profile, name="profile"),
    path(
        "profile/send-confirmation/",
        views.send_confirmation_again,
        name="send_confirmation",
    ),
    path("confirm-email/<str:token>/", views.confirm_email, name="confirm_email"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/bell/", notifications.bell, name="notification_bell"),
    path("notifications/read/", notifications.mark_all_read, name="notifications_read"),
    path(
        "notifications/<int:notification_id>/open/",
        notifications.open_notification,
        name="open_notification",
    ),
    path("log-in/", LoginView.as_view(), name="login"),
    path("log-out/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
