"""What an app tells the print pipeline about one kind of printout.

The pipeline (printing/views.py, jobs.py, tasks.py) is the same for every printable thing:
read the options, find or queue the job, show its progress, send the file. What differs is
small and lives in a `Printout` subclass in the app that owns the thing (lessons/printing/,
library/printing/): who may print it, what it renders, the key it is remembered by, its
page estimate, its file name, its dialog's words and links. Subclasses are registered
(printing/registry.py) so a background worker can find the one a job names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

from .cache import PdfKey
from .forms import PrintOptionsForm
from .limits import check_estimate


@dataclass(frozen=True)
class Action:
    """A button (in the dialog's form) or a link (under the preview)."""

    label: str
    url: str
    download: bool = False
    secondary: bool = True


@dataclass
class Dialog:
    """The words and addresses of one print dialog (templates/printing/dialog.html)."""

    heading: str
    subject: str  # what is printed, for the page title and the way back
    intro: str
    back_url: str
    dialog_url: str
    preview_url: str
    preview_alt: str
    buttons: list[Action] = field(default_factory=list)
    links: list[Action] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # warnings shown above the form


class Printout:
    """One kind of printout of one object. Subclasses fill in the methods that raise."""

    # The registered name print jobs are stored under: change it and old jobs are orphans.
    name: ClassVar[str] = ""
    form_class: ClassVar[type[PrintOptionsForm]] = PrintOptionsForm
    # "private, no-cache" for private data; a public page's PDF may be kept a few minutes.
    cache_control: ClassVar[str] = "private, no-cache"
    # Bad options answer with the dialog (its form shows the errors) instead of a message.
    bad_options_show_dialog: ClassVar[bool] = False
    # "" or e.g. "draft": only people who may see that variant may see its jobs.
    variant: str = ""

    # --- Finding the thing ------------------------------------------------------------
    @classmethod
    def for_request(cls, request, object_id: Any) -> Self:
        """The printout of `object_id` for whoever made `request`; Http404 — or the app's
        own refusal, which its middleware answers (lessons/refusals.py) — when they may not
        read it (asked again on every print URL, job URLs included)."""
        raise NotImplementedError

    @classmethod
    def for_worker(cls, object_id: str, variant: str) -> Self:
        """The printout a worker renders for a job. Who may print was checked when the job
        was asked for; Http404 here means the thing is gone (the job then fails)."""
        raise NotImplementedError

    @property
    def object_id(self) -> str:
        raise NotImplementedError

    # --- Options -----------------------------------------------------------------------
    def default_language(self) -> str:
        return "en"

    def form(self, data) -> PrintOptionsForm:
        return self.form_class(data, default_language=self.default_language())

    def options(self, form: PrintOptionsForm) -> dict[str, Any]:
        """What the key, the estimate and the render read, from a valid form."""
        return dict(form.cleaned_data)

    # --- What differs from printout to printout ----------------------------------------
    def key(self, options: dict[str, Any]) -> PdfKey:
        raise NotImplementedError

    def render(self, options: dict[str, Any]) -> bytes:
        """The PDF; runs on a background worker, never in a web request."""
        raise NotImplementedError

    def estimate_pages(self, options: dict[str, Any]) -> int | None:
        """A conservative page count from the content alone, or None when unknown."""
        return None

    def too_long_hint(self) -> str:
        """What to shorten, said when the estimate is over the page limit."""
        return ""

    def check_size(self, options: dict[str, Any]) -> None:
        """PrintTooLarge before any rendering when the estimate is over the page limit."""
        pages = self.estimate_pages(options)
        if pages is not None:
            check_estimate(pages, self.too_long_hint())

    def filename(self, options: dict[str, Any]) -> str:
        raise NotImplementedError

    def back_links(self) -> list[tuple[str, str]]:
        """(address, label) pairs back to the thing, for "Cannot print this" pages."""
        return []

    def dialog(self, query: dict[str, str]) -> Dialog:
        """Only for printouts that have a print dialog."""
        raise NotImplementedError
