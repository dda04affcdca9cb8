"""Bulk import of library pages from a JSONL file (`manage.py import_library`).

One JSON object per line; the format is documented in the README and checked by
`schema.py`. The package splits by concern: reading lines, checking them (schema, files),
Markdown → body blocks, taxonomy, and writing pages.
"""

from .report import ImportRefused, ImportReport, LineError
from .service import import_library
from .writer import MissingSection

__all__ = ["ImportRefused", "ImportReport", "LineError", "MissingSection", "import_library"]
