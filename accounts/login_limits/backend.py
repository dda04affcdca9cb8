"""The first authentication backend: asks the log-in limits before any password is checked."""

from axes.backends import AxesStandaloneBackend


class LoginLimitsBackend(AxesStandaloneBackend):
    """Axes' backend, minus its refusal of calls without a request.

    `authenticate()` without a request comes from code on the server (a management command,
    the test client's `login()`), not from a guesser over HTTP: there is no address to
    count, so the limits stay out of it and the next backend decides.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
