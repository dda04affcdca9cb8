"""The one set of body blocks every library page shares (bakerydemo's pattern).

Each block says what a teacher reads it as — steps to run, things to bring, a tip for the
JTE and one for the ALT — so the material page can lay them out for a teacher in a hurry.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

SIMPLE_RICH_TEXT = ["h2", "h3", "h4", "bold", "italic", "link", "ol", "ul"]


class StepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, default="How to run it")
    steps = blocks.ListBlock(blocks.TextBlock(label=_("step")), label=_("steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = "library/blocks/steps.html"


class MaterialsNeededBlock(blocks.StructBlock):
    items = blocks.ListBlock(blocks.CharBlock(label=_("item")), label=_("items"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Materials needed")
        template = "library/blocks/materials_needed.html"


class VariationsBlock(blocks.StructBlock):
    variations = blocks.ListBlock(
        blocks.TextBlock(label=_("variation")), label=_("variations"), min_num=1
    )

    class Meta:
        icon = "repeat"
        label = _("Variations")
        template = "library/blocks/variations.html"


class TeamTeachingTipsBlock(blocks.StructBlock):
    """Who does what: the fix for the ALT as "human tape recorder"."""

    jte_tip = blocks.TextBlock(label=_("tip for the JTE / HRT"), required=False)
    alt_tip = blocks.TextBlock(label=_("tip for the ALT"), required=False)

    class Meta:
        icon = "group"
        label = _("JTE / ALT tips")
        template = "library/blocks/tips.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False)
    alt_text = blocks.CharBlock(
        label=_("text alternative"),
        required=False,
        help_text=_("What the picture shows, for screen readers. Leave empty if decorative."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "library/blocks/image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(label=_("link text"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "library/blocks/document.html"


class AudioBlock(blocks.StructBlock):
    """An mp3/m4a uploaded as a Wagtail document, played in the page."""

    audio = DocumentChooserBlock(label=_("audio file (mp3 or m4a)"))
    caption = blocks.CharBlock(label=_("caption"), required=False)
    transcript = blocks.TextBlock(label=_("transcript"), required=False)

    class Meta:
        icon = "media"
        label = _("Audio")
        template = "library/blocks/audio.html"


class LibraryBodyBlock(blocks.StreamBlock):
    steps = StepsBlock()
    materials_needed = MaterialsNeededBlock()
    variations = VariationsBlock()
    tips = TeamTeachingTipsBlock()
    rich_text = blocks.RichTextBlock(
        features=SIMPLE_RICH_TEXT,
        label=_("Text"),
        icon="pilcrow",
        template="library/blocks/rich_text.html",
    )
    image = ImageBlock()
    document = DocumentBlock()
    audio = AudioBlock()
    embed = EmbedBlock(
        label=_("Video or other embed"),
        icon="media",
        template="library/blocks/embed.html",
        help_text=_("A YouTube or Vimeo address."),
    )
