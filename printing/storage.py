"""Where finished print jobs keep their PDF and page-1 picture: a private storage.

Not MEDIA_ROOT: nothing there may be reachable by address, since a plan is private data and
a library page may be restricted later. The files are only ever sent by the print views,
after the same read check as the printed thing. `STORAGES["print_results"]` picks another
storage (with several machines it must be one they all share, e.g. a private bucket);
otherwise a folder, KYOZAI_PRINT_RESULTS_ROOT (var/prints/ in the project by default).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.functional import LazyObject

ALIAS = "print_results"


class _PrintResults(LazyObject):
    def _setup(self) -> None:
        if ALIAS in settings.STORAGES:
            self._wrapped = storages[ALIAS]
        else:
            # base_url None: the files have no address at all.
            self._wrapped = FileSystemStorage(
                location=settings.KYOZAI_PRINT_RESULTS_ROOT, base_url=None
            )


print_results: Storage = _PrintResults()  # type: ignore[assignment]


def print_results_storage() -> Storage:
    """For the model's FileFields (a callable, so migrations do not record the folder)."""
    return print_results
