import io

from PIL import Image

from printing.preview import page_png


def test_preview_is_a_png_in_the_paper_s_proportions(render_test_page):
    png = page_png(render_test_page(paper="A4", landscape=True), width_px=600)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.width == 600
    assert abs(image.height - round(600 * 210 / 297)) <= 1
    # Not blank: the page has dark text on it.
    assert image.convert("L").getextrema()[0] < 100
