"""What each kind of notification says, registered by the app that sends it.

The sentence is made at display time from the kind and its parameters, so a teacher reads it
in the language they use now, not the one the sender used. Apps register their kinds in
their `AppConfig.ready()`; an unknown kind (an app removed, a kind renamed) still shows a
neutral sentence rather than an error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.utils.translation import gettext as _

# kind -> a function of the parameters returning the (translated) sentence.
Wording = Callable[[Mapping[str, str]], str]
_KINDS: dict[str, Wording] = {}


def register(kind: str, wording: Wording) -> None:
    _KINDS[kind] = wording


def registered() -> tuple[str, ...]:
    return tuple(_KINDS)


def sentence(kind: str, params: Mapping[str, str]) -> str:
    wording = _KINDS.get(kind)
    if wording is None:
        return _("You have a new notification.")
    try:
        return wording(params)
    except (KeyError, TypeError, ValueError):
        # Parameters written by an older version of the sender: say something true.
        return _("You have a new notification.")
