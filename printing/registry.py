"""What the apps tell the print pipeline at start-up: their printouts and their PDF layouts.

`printing` imports no other Kyozai app, so the apps come to it: each registers its
`Printout` subclasses (what it prints, printing/printouts.py) and the folders its PDF
templates and stylesheets live in, from its AppConfig.ready(). Print jobs name their printout
by its registered name, which is how a worker finds the code that renders a job.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .printouts import Printout

_printouts: dict[str, type[Printout]] = {}
_layout_folders: set[Path] = set()


class UnknownPrintout(LookupError):
    """A print job names a printout no app registered (an app was removed)."""


def register_printout(printout: type[Printout]) -> type[Printout]:
    """Register a Printout subclass under its `name` (usable as a class decorator)."""
    known = _printouts.get(printout.name)
    if known is not None and known is not printout:
        raise ValueError(f"Two printouts are called {printout.name!r}.")
    _printouts[printout.name] = printout
    return printout


def printout_class(name: str) -> type[Printout]:
    try:
        return _printouts[name]
    except KeyError:
        raise UnknownPrintout(name) from None


def register_layouts(*folders: Path | str) -> None:
    """Folders of PDF templates and print stylesheets: a change to any file in them gives
    every print a new key (printing/cache.py), so a deploy never serves an old layout."""
    _layout_folders.update(Path(folder) for folder in folders)


def layout_folders() -> list[Path]:
    return sorted(_layout_folders)
