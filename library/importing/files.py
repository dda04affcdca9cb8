"""Files an import file points at: found next to the JSONL file, checked, fingerprinted.

Every file goes through the one upload check (library/uploads.py), exactly as if a teacher
had uploaded it, so an import cannot slip in an SVG or an HTML page renamed `.pdf`. The
SHA-1 of the content (the hash Wagtail itself keeps on documents and images) is how a
re-import knows a file is unchanged and how the same file is stored only once.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files import File

from library.uploads import ALL_KINDS as FILE_KINDS
from library.uploads import ALLOWED, check_upload


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the upload check: where it is, what it is, its content hash."""

    path: Path
    relative_path: str
    kind: str  # "document", "image" or "audio" (audio is stored as a Wagtail document)
    sha1: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def stored_as_image(self) -> bool:
        return self.kind == "image"


class FileProblem(ValueError):
    """Why a listed file cannot be imported, in words an editor can act on."""


def kind_of(path: str) -> str | None:
    """What the upload check would take a file for, judged by its name alone."""
    name = PurePosixPath(path).name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = ALLOWED.get(extension)
    return kind.kind if kind else None


def default_title(name: str) -> str:
    """The title a file gets when the entry gives none: its name, made readable."""
    stem = PurePosixPath(name).stem.replace("_", " ").replace("-", " ").strip()
    stem = " ".join(stem.split())
    return (stem[:1].upper() + stem[1:]) if stem else name


def sha1_of(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha1").hexdigest()


class FileChecker:
    """Checks each path once, however many entries list it."""

    def __init__(self, base_dir: Path):
        self.base_dir = base_dir.resolve()
        self._seen: dict[tuple[str, tuple[str, ...]], CheckedFile | FileProblem] = {}

    def check(self, relative_path: str, kinds: tuple[str, ...] = FILE_KINDS) -> CheckedFile:
        key = (relative_path, kinds)
        if key not in self._seen:
            try:
                self._seen[key] = self._check(relative_path, kinds)
            except FileProblem as problem:
                self._seen[key] = problem
        result = self._seen[key]
        if isinstance(result, FileProblem):
            raise result
        return result

    def _check(self, relative_path: str, kinds: tuple[str, ...]) -> CheckedFile:
        if not relative_path.strip():
            raise FileProblem("the path is empty")
        if PurePosixPath(relative_path).is_absolute() or Path(relative_path).is_absolute():
            raise FileProblem(f"{relative_path}: give the path relative to the JSONL file")
        path = (self.base_dir / relative_path).resolve()
        if not path.is_relative_to(self.base_dir):
            raise FileProblem(f"{relative_path}: the file must be inside the JSONL file's folder")
        if not path.is_file():
            raise FileProblem(f"{relative_path}: no such file")
        with path.open("rb") as handle:
            upload = File(handle, name=path.name)
            try:
                kind = check_upload(upload, allowed_kinds=kinds)
            except ValidationError as error:
                raise FileProblem(" ".join(error.messages)) from error
            handle.seek(0)
            digest = hashlib.file_digest(handle, "sha1").hexdigest()
            size = path.stat().st_size
        return CheckedFile(
            path=path, relative_path=relative_path, kind=kind.kind, sha1=digest, size=size
        )
