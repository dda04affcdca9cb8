"""Small tables built once from dictionary packages (WordNet's derivations, the bilingual
vocabulary) and kept as JSON files in the search data folder (KYOZAI_SEARCH_DATA_DIR,
var/search/ by default): built at install by `manage.py search_index vocabulary`, or on
first use. Never downloaded: the sources are packages installed from PyPI.

A file records the version of the code that built it (BUILD_VERSION); a file from another
version is built again.
"""

import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

# Bump when a builder changes what it writes.
BUILD_VERSION = 3


def data_dir() -> Path:
    return Path(settings.KYOZAI_SEARCH_DATA_DIR)


def stored(name: str, build: Callable[[], dict]) -> dict:
    """The table `name`, read from its file; built and written first when the file is
    missing or from another version. A folder that cannot be written only costs a build
    per process."""
    path = data_dir() / f"{name}.json"
    try:
        with path.open(encoding="utf-8") as handle:
            found = json.load(handle)
        if found.get("version") == BUILD_VERSION:
            return found["table"]
    except (OSError, ValueError, KeyError, AttributeError):
        logger.info("search data %s: building it", name)
    table = build()
    write(path, table)
    return table


def write(path: Path, table: dict) -> None:
    """Write atomically (a temporary file renamed), so a process never reads half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
        ) as handle:
            json.dump({"version": BUILD_VERSION, "table": table}, handle, ensure_ascii=False)
        os.replace(handle.name, path)
    except OSError as error:
        logger.warning("search data %s could not be written: %s", path, error)
