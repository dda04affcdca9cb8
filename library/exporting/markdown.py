"""A page's body → the Markdown the importer reads (library/importing/markdown_blocks.py).

Each block writes itself (`to_markdown`, library/blocks/), so export → import gives the same
blocks back without this module knowing any block type. What it adds is the seam between
blocks: a `---` line keeps a block that does not open with a heading (text, a picture) from
running into the block before it, since the importer cuts sections only at headings and
`---` lines.
"""

import re

from library.markdown.writing import FileLink

# A block whose Markdown opens with a `#`/`##` heading starts a section by itself.
_OPENS_SECTION = re.compile(r"^#{1,2} ")


def body_to_markdown(body, file_link: FileLink) -> str:
    """The whole body (a StreamValue); `file_link(document_or_image)` says where each file
    was exported. Blocks that cannot be exported (a deleted picture) are left out."""
    parts: list[str] = []
    for child in body:
        text = child.block.to_markdown(child.value, file_link)
        if not text.strip():
            continue
        if parts and not _OPENS_SECTION.match(text):
            parts.append("---")
        parts.append(text)
    return "\n\n".join(parts) + ("\n" if parts else "")
