"""`manage.py print_test_page [file.pdf]`: print a test page and say whether this machine
prints Japanese properly (a real font, embedded as a subset, text that copies)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from printing.checks import check_print_fonts
from printing.inspect import embedded_fonts, extract_text
from printing.render import render_pdf

SAMPLE = "学習指導案"


class Command(BaseCommand):
    help = "Print a test page with Japanese text and check the fonts in it."

    def add_arguments(self, parser):
        parser.add_argument("output", nargs="?", default="kyozai-test-page.pdf")
        parser.add_argument("--paper", default="A4", help="A4, B4 (JIS) or LETTER")

    def handle(self, *args, **options):
        for warning in check_print_fonts():
            self.stderr.write(self.style.WARNING(f"{warning.id}: {warning.msg} {warning.hint}"))
        pdf = render_pdf(
            "printing/test_page.html",
            {"rows": range(1, 6)},
            paper=options["paper"],
            title="Kyozai printer test page 印刷テスト",
        )
        Path(options["output"]).write_bytes(pdf)
        fonts = embedded_fonts(pdf)
        self.stdout.write(f"Wrote {options['output']} ({len(pdf):,} bytes).")
        for font in fonts:
            state = "subset" if font.is_subset else "WHOLE FONT"
            self.stdout.write(f"  {font.name}: {state}, {font.file_bytes:,} bytes embedded")
        if SAMPLE not in extract_text(pdf):
            raise CommandError("Japanese text did not come back out of the PDF: check the fonts.")
        if not any("IPAex" in font.name for font in fonts):
            raise CommandError("No IPAex font in the PDF: Japanese printed in a fallback font.")
        self.stdout.write(
            self.style.SUCCESS("Japanese prints with IPAex fonts and copies as text.")
        )
