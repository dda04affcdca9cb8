"""Reading a JSONL file line by line, keeping the line numbers editors will be told."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .report import LineError


class DuplicateKey(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict:
    record: dict = {}
    for key, value in pairs:
        if key in record:
            # json.loads would silently keep the last one; an editor would never notice.
            raise DuplicateKey(key)
        record[key] = value
    return record


def read_lines(path: Path) -> Iterator[tuple[int, Any | None, LineError | None]]:
    """(line number, decoded JSON, None) or (line number, None, the reason it is not JSON).

    Blank lines are skipped; the numbering still counts them, as an editor's text editor does.
    """
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark from Windows editors
        raw = raw[3:]
    for number, line_bytes in enumerate(raw.split(b"\n"), start=1):
        try:
            line = line_bytes.decode("utf-8")
        except UnicodeDecodeError as error:
            yield number, None, LineError(number, "json", f"not UTF-8 text ({error.reason})")
            continue
        if not line.strip():
            continue
        try:
            yield number, json.loads(line, object_pairs_hook=_no_duplicate_keys), None
        except DuplicateKey as key:
            yield number, None, LineError(number, str(key), "appears twice in this line")
        except json.JSONDecodeError as error:
            yield (
                number,
                None,
                LineError(number, "json", f"not valid JSON: {error.msg} at column {error.colno}"),
            )
