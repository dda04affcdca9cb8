"""The print options form every print dialog shares."""

from django.http import QueryDict

from printing.forms import PrintOptionsForm
from printing.papers import Paper


def test_left_out_options_take_their_defaults():
    form = PrintOptionsForm(QueryDict(""), default_language="ja")
    assert form.is_valid()
    assert form.cleaned_data == {"paper": Paper.A4, "language": "ja"}
    assert 'value="ja" selected' in str(form["language"])


def test_case_does_not_matter_and_the_menu_shows_the_choice():
    form = PrintOptionsForm(QueryDict("paper=b4&language=EN"), default_language="ja")
    assert form.is_valid()
    assert form.cleaned_data == {"paper": Paper.B4, "language": "en"}
    assert 'value="B4" selected' in str(form["paper"])


def test_bad_options_are_errors_that_say_what_to_choose():
    form = PrintOptionsForm(QueryDict("paper=A3&language=fr"))
    assert not form.is_valid()
    assert "Choose A4, B4 or LETTER" in form.errors["paper"][0]
    assert "Choose en or ja" in form.errors["language"][0]
    assert form.first_error()


def test_a_browser_language_like_ja_jp_means_japanese():
    form = PrintOptionsForm(QueryDict(""), default_language="ja-jp")
    assert form.is_valid()
    assert form.cleaned_data["language"] == "ja"
