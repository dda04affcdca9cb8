"""The demo library behind `make run`: demo/content/demo_library.jsonl, imported and published.

It goes in through the import command's own code path, so the demo is also the largest
standing test of the import format. Running it again changes nothing: the import is
idempotent by slug and files are stored once per content.
"""

from pathlib import Path

from library.importing import ImportReport, import_library

DEMO_FILE = Path(__file__).resolve().parent / "content" / "demo_library.jsonl"


def load_demo_library() -> ImportReport:
    """Import and publish the demo library; raises ImportRefused if the file is broken."""
    return import_library(DEMO_FILE, publish=True)
