"""The one body every library page shares (bakerydemo's pattern): one StreamBlock.

Its children are also the registry the importer, exporter, share form and printout ask: they
iterate `child_blocks`, so the order here is the order a Markdown paragraph is offered to the
media blocks and the order the share form writes its sections back.
"""

from wagtail import blocks

from .media import AudioBlock, DocumentBlock, ImageBlock, VideoEmbedBlock
from .sections import MaterialsNeededBlock, StepsBlock, TeamTeachingTipsBlock, VariationsBlock
from .text import LibraryRichTextBlock


class LibraryBodyBlock(blocks.StreamBlock):
    steps = StepsBlock()
    materials_needed = MaterialsNeededBlock()
    variations = VariationsBlock()
    tips = TeamTeachingTipsBlock()
    rich_text = LibraryRichTextBlock()
    image = ImageBlock()
    document = DocumentBlock()
    audio = AudioBlock()
    embed = VideoEmbedBlock()
