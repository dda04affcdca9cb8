"""A printout of the printer test page, for testing the print pipeline without any app.

Anyone may print it; its "version" and page estimate are set by the test, and it counts its
real renders (through the one renderer), so a test can tell a shared job from a new one.
"""

from __future__ import annotations

from django.http import Http404

from printing.cache import PdfKey
from printing.printouts import Printout
from printing.registry import register_printout
from printing.render import render_pdf


@register_printout
class PrinterTestPrintout(Printout):
    name = "test_page"
    renders = 0
    version = "v1"
    estimate: int | None = None
    rows = 5

    def __init__(self, object_id="1") -> None:
        self._object_id = str(object_id)

    @classmethod
    def for_request(cls, request, object_id):
        if str(object_id) != "1":
            raise Http404("Only one test page.")
        return cls(object_id)

    @classmethod
    def for_worker(cls, object_id, variant):
        return cls(object_id)

    @property
    def object_id(self) -> str:
        return self._object_id

    def key(self, options) -> PdfKey:
        cls = type(self)
        return PdfKey(
            "test_page", 1, cls.version, "test", options["paper"].code, options["language"]
        )

    def render(self, options) -> bytes:
        type(self).renders += 1
        return render_pdf(
            "printing/test_page.html",
            {"rows": range(1, type(self).rows + 1)},
            paper=options["paper"],
            language=options["language"],
            title="Printer test 印刷テスト",
        )

    def estimate_pages(self, options) -> int | None:
        return type(self).estimate

    def too_long_hint(self) -> str:
        return "Print fewer rows."

    def filename(self, options) -> str:
        return "test-page"
