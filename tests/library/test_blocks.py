"""Body blocks own their behaviour (library/blocks/): a new block type is one class.

`KeyPhrasesBlock` below exists only here. Defined once and listed in a body, it exports,
imports, prints, feeds search and survives the share form, without a line of the exporter,
importer, printout, search or share form knowing it.
"""

import pytest
from django.template.loader import get_template
from django.utils.html import format_html, format_html_join
from wagtail import blocks

from library.blocks import LibraryBlock, LibraryBodyBlock, PrintedBlock
from library.exporting.markdown import body_to_markdown
from library.importing.files import kind_of
from library.importing.markdown_blocks import markdown_to_blocks
from library.markdown.reading import as_list, names
from library.markdown.writing import plain_section
from library.printing.content import page_content, render_page_pdf
from library.sharing.body import body_from_sections, sections_from_body
from printing.inspect import extract_text
from printing.papers import Paper
from search.documents import body_text
from tests.factories.library import MaterialPageFactory


class KeyPhrasesBlock(LibraryBlock, blocks.StructBlock):
    """The phrases a lesson targets ("How are you?" / "I'm hungry.")."""

    phrases = blocks.ListBlock(blocks.CharBlock(label="phrase"), min_num=1)

    markdown_headings = names("key phrases", "target phrases", "キーフレーズ")

    def to_markdown(self, value, files):
        return plain_section("Key phrases", list(value["phrases"]))

    def from_markdown_section(self, section):
        listed = as_list(section.lines, join=" ")
        if section.key in self.markdown_headings and listed:
            return {"phrases": listed[1]}
        return None

    def import_state(self, value):
        return {"phrases": [str(phrase) for phrase in value["phrases"]]}

    def render_for_print(self, value):
        items = format_html_join("", "<li>{}</li>", ((phrase,) for phrase in value["phrases"]))
        return PrintedBlock(
            format_html('<section class="block"><h2>Key phrases</h2><ul>{}</ul></section>', items)
        )


class BodyWithKeyPhrases(LibraryBodyBlock):
    key_phrases = KeyPhrasesBlock()


def lesson_body():
    return BodyWithKeyPhrases().normalize(
        [
            ("rich_text", "<p>Start every lesson of the unit with the chant.</p>"),
            ("key_phrases", {"phrases": ["How are you?", "I'm *hungry*.", "<b>I'm fine</b>"]}),
            ("steps", {"heading": "How to play", "steps": ["Ask the class.", "Swap roles."]}),
            ("tips", {"jte_tip": "Ask in homeroom too.", "alt_tip": ""}),
        ]
    )


def test_a_new_block_type_exports_and_imports_back_through_its_own_class():
    body = lesson_body()

    markdown = body_to_markdown(body, lambda item: "")
    back = markdown_to_blocks(markdown, kind_of, stream_block=BodyWithKeyPhrases())

    assert "## Key phrases\n\n- How are you?\n- I'm *hungry*.\n- <b>I'm fine</b>" in markdown
    assert back == [(child.block_type, child.block.import_state(child.value)) for child in body]


def test_a_block_that_names_the_heading_comes_before_one_that_goes_by_shape():
    text = "## Key phrases\n1. Hello\n2. Goodbye\n"

    assert markdown_to_blocks(text, kind_of, stream_block=BodyWithKeyPhrases()) == [
        ("key_phrases", {"phrases": ["Hello", "Goodbye"]})
    ]
    # The pages' own body has no such block: a numbered list under any heading is steps.
    assert markdown_to_blocks(text, kind_of) == [
        ("steps", {"heading": "Key phrases", "steps": ["Hello", "Goodbye"]})
    ]


def test_a_new_block_type_gives_search_its_words():
    words = body_text(lesson_body())

    assert "How are you?" in words
    assert "I'm *hungry*." in words


def test_the_share_form_keeps_a_new_block_it_cannot_show():
    body = lesson_body()
    raw = list(body.raw_data)

    sections = sections_from_body(body)
    rebuilt = body_from_sections(sections, BodyWithKeyPhrases())

    assert sections.steps == ["Ask the class.", "Swap roles."]
    assert sections.jte_tip == "Ask in homeroom too."
    assert [block["type"] for block in sections.other_blocks] == ["rich_text", "key_phrases"]
    assert [block["type"] for block in rebuilt] == ["steps", "tips", "rich_text", "key_phrases"]
    assert rebuilt[-1] == raw[1]  # as the editor made it, id included


@pytest.mark.django_db
def test_a_new_block_type_prints_through_its_own_class():
    page = MaterialPageFactory(title="Feelings chant")
    page.body = lesson_body()  # in memory only: the pages' StreamField does not know it

    printed = [block.html for block in page_content(page).blocks]
    text = extract_text(render_page_pdf(page, Paper.A4, "en"))

    assert "<li>How are you?</li>" in printed[1]
    assert "&lt;b&gt;I&#x27;m fine&lt;/b&gt;" in printed[1]  # typed markup stays text
    assert "Key phrases" in text
    assert "<b>I'm fine</b>" in text
    assert text.index("Start every lesson") < text.index("Key phrases") < text.index("Swap roles")


def test_every_body_block_lays_itself_out_on_the_page_and_on_paper():
    for name, block in LibraryBodyBlock().child_blocks.items():
        assert block.meta.print_template, f"{name} would be left out of printouts"
        get_template(block.meta.template)
        get_template(block.meta.print_template)
