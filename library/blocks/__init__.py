"""The body blocks of library pages, each carrying everything done with it.

Each block says what a teacher reads it as — steps to run, things to bring, a tip for the
JTE and one for the ALT — so the material page can lay them out for a teacher in a hurry.
Beyond its page template, a block answers for itself in search, Markdown export and import,
the share form and the printout (the hooks are on `LibraryBlock`, library/blocks/base.py):
to add a block type, write one class and list it in `LibraryBodyBlock`.

- `sections`: the plain-text sections teachers write (steps, materials, variations, tips).
- `media`: pictures, documents, audio and videos.
- `text`: rich text.
- `body`: the StreamBlock every page type uses.
"""

from .base import LibraryBlock, PrintedBlock
from .body import LibraryBodyBlock
from .media import AudioBlock, DocumentBlock, ImageBlock, VideoEmbedBlock, file_hash
from .sections import (
    MaterialsNeededBlock,
    StepsBlock,
    TeacherListBlock,
    TeamTeachingTipsBlock,
    VariationsBlock,
)
from .text import SIMPLE_RICH_TEXT, LibraryRichTextBlock

__all__ = [
    "SIMPLE_RICH_TEXT",
    "AudioBlock",
    "DocumentBlock",
    "ImageBlock",
    "LibraryBlock",
    "LibraryBodyBlock",
    "LibraryRichTextBlock",
    "MaterialsNeededBlock",
    "PrintedBlock",
    "StepsBlock",
    "TeacherListBlock",
    "TeamTeachingTipsBlock",
    "VariationsBlock",
    "VideoEmbedBlock",
    "file_hash",
]
