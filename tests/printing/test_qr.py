"""QR codes on paper: a small SVG per address, trusted by the print fetcher."""

import base64

import pytest

from printing.qr import MAX_QR_URL_CHARACTERS, is_issued, qr_data_uri, qr_svg


def test_qr_data_uri_is_an_svg_the_fetcher_trusts():
    uri = qr_data_uri("https://kyozai.example/library/weather-bingo/")
    assert uri.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(uri.split(",", 1)[1]).decode()
    assert svg.startswith("<svg")
    assert 'viewBox="0 0 ' in svg
    assert len(svg) < 6_000
    assert is_issued(uri)
    assert not is_issued(uri.replace("base64,", "base64,AA"))


def test_each_address_gets_its_own_code():
    one = qr_svg("https://kyozai.example/library/a/")
    two = qr_svg("https://kyozai.example/library/b/")
    assert one != two
    # Longer addresses need more modules (a bigger grid), not a broken code.
    long = qr_svg("https://kyozai.example/library/" + "x" * 200 + "/")
    size = lambda svg: int(svg.split('viewBox="0 0 ')[1].split()[0])  # noqa: E731
    assert size(long) > size(one)


@pytest.mark.parametrize("url", ["", "https://x.example/" + "y" * MAX_QR_URL_CHARACTERS])
def test_empty_or_overlong_addresses_are_refused(url):
    with pytest.raises(ValueError, match="QR code"):
        qr_data_uri(url)


def test_qr_template_tag_prints_nothing_for_an_unusable_address():
    from printing.templatetags.printing_tags import qr_code

    assert qr_code("") == ""
    tag = qr_code("https://kyozai.example/x/", 'Quote " & <tag>')
    assert tag.startswith('<img class="qr" src="data:image/svg+xml;base64,')
    assert 'alt="Quote &quot; &amp; &lt;tag&gt;"' in tag
