"""The Markdown dialect library pages travel in (`import_library` / `export_library`).

Pure text, no models: the body blocks (library/blocks/) read and write their own sections
with these helpers, and the importer and exporter only cut a body into pieces and ask the
blocks. Keeping it below the blocks lets a block module import it without pulling in the
importer, which itself needs the page models that hold the blocks.

- `reading`: what a list, a continuation line or a file link looks like on the way in.
- `writing`: escaping, so that what a teacher typed is read back as typed.
- `rich_text`: the rich-text block's HTML ↔ Markdown, sanitised on the way in.
"""
