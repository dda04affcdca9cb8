"""Log-in limits: slow down password guessing on every log-in path without locking out the
innocent.

django-axes supplies the hooks at the authentication layer: its backend, first in
AUTHENTICATION_BACKENDS, asks before any password is checked whether this attempt may go
ahead (so every caller of `authenticate()` counts: the site's log-in, the Wagtail admin's,
Wagtail's page-privacy log-in, anything added later), its signal receivers report every
failure and success, and its middleware turns a refusal into a "429, try again in N seconds"
answer. Axes' own handlers only lock a key out after N failures, which is what locked out
whole schools behind one address, so Kyozai plugs its policy in as an axes handler
(`handler.py`): the rules are in `policy.py` and written down in the README, "Log-in limits
and proxies".
"""
