"""The machine has what Japanese printing needs (installed by `make install`)."""

from django.core.management import call_command

from printing.checks import check_print_fonts
from printing.fonts import font_family_installed, harfbuzz_subset_installed


def test_this_machine_passes_the_print_font_checks():
    assert check_print_fonts() == []
    assert harfbuzz_subset_installed()


def test_a_missing_family_is_reported_as_missing():
    assert font_family_installed("IPAexGothic")
    assert not font_family_installed("No Such Font Kyozai")


def test_printer_test_page_command_checks_japanese(tmp_path, capsys):
    output = tmp_path / "test-page.pdf"
    call_command("print_test_page", str(output), "--paper", "B4")
    assert output.read_bytes().startswith(b"%PDF")
    out = capsys.readouterr().out
    assert "IPAexGothic: subset" in out
    assert "WHOLE FONT" not in out
