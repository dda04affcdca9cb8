"""The only way WeasyPrint may read anything while it prints: our own static files, the
files the caller allowed for this one render, and QR codes this process drew.

Everything else — `file://`, any other web address, other media files, `..` tricks — is
refused and logged. Together with autoescaping in the PDF templates this is what stops a
teacher's text (`<img src="file:///etc/passwd">`, a stylesheet on another server) from
reading the server's files or making the server fetch addresses on the network (SSRF).

No network access happens here at all: the site's own static and media addresses are
mapped back to files on disk or in the storage backend.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
import posixpath
from collections.abc import Iterable
from urllib.parse import unquote, unquote_to_bytes, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import Storage, default_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .limits import MAX_FETCHED_FILE_BYTES
from .links import print_base_url
from .qr import is_issued

logger = logging.getLogger("kyozai.printing")

# What a printout may take from the static folders: stylesheets, fonts and pictures.
STATIC_SUFFIXES = frozenset(
    {".css", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".woff", ".woff2", ".ttf", ".otf"}
)
DATA_URI_TYPES = frozenset({"image/svg+xml", "image/png"})


class FetchRefused(ValueError):
    """WeasyPrint logs this and leaves the image or stylesheet out."""


def _clean_name(path: str) -> str | None:
    """A storage-relative name with no way out of its folder, or None."""
    if not path or "\x00" in path or "\\" in path:
        return None
    parts = path.split("/")
    if any(part in ("..", ".") for part in parts) or path.startswith("/"):
        return None
    normal = posixpath.normpath(path)
    if normal != path.rstrip("/") or normal.startswith(("../", "/")) or normal in (".", ".."):
        return None
    return normal


class PrintFetcher(URLFetcher):
    """A WeasyPrint URL fetcher for one render.

    `allowed_files` are storage names (`original_images/cat.jpg`) the caller checked belong
    to the thing being printed, e.g. a page's own image renditions; templates refer to them
    with `storage_url(name)` (the `storage_url` template filter)."""

    def __init__(
        self,
        *,
        allowed_files: Iterable[str] = (),
        base_url: str | None = None,
        storage: Storage | None = None,
    ) -> None:
        super().__init__(timeout=5, allow_redirects=False, fail_on_errors=False)
        self.base_url = base_url or print_base_url()
        self.storage = storage or default_storage
        self.allowed_files = frozenset(
            name for name in (_clean_name(str(n)) for n in allowed_files) if name
        )
        self.refused: list[str] = []
        base = urlsplit(self.base_url)
        self._origin = (base.scheme, base.netloc)

    # --- entry point WeasyPrint calls --------------------------------------------------
    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        try:
            if url.startswith("data:"):
                return self._data_uri(url)
            static_name = self._name_under(url, settings.STATIC_URL)
            if static_name is not None:
                return self._static_file(url, static_name)
            media_name = self._name_under(url, settings.MEDIA_URL)
            if media_name is not None:
                return self._allowed_file(url, media_name)
            raise FetchRefused("not one of the site's own static or allowed files")
        except FetchRefused as refusal:
            self._refuse(url, str(refusal))
            raise

    def _refuse(self, url: str, reason: str) -> None:
        shown = url if len(url) <= 200 else url[:200] + "…"
        self.refused.append(shown)
        logger.warning("Print fetcher refused %s: %s", shown, reason)

    # --- the three kinds of thing a printout may load ----------------------------------
    def _data_uri(self, url: str) -> URLFetcherResponse:
        if not is_issued(url):
            raise FetchRefused("data: URI not made by Kyozai's QR code helper")
        header, _, payload = url[5:].partition(",")
        media_type, *params = header.split(";")
        if media_type not in DATA_URI_TYPES:
            raise FetchRefused(f"data: URI of type {media_type!r}")
        body = base64.b64decode(payload) if "base64" in params else unquote_to_bytes(payload)
        return URLFetcherResponse(url, body, {"Content-Type": media_type})

    def _name_under(self, url: str, prefix_url: str) -> str | None:
        """The path below STATIC_URL/MEDIA_URL when `url` is one of the site's own
        addresses under that prefix; None when it is not (so it is refused)."""
        if not prefix_url:
            return None
        prefix = urlsplit(urljoin(self.base_url, prefix_url))
        target = urlsplit(url)
        if (target.scheme, target.netloc) != (prefix.scheme, prefix.netloc):
            return None
        if not target.path.startswith(prefix.path):
            return None
        name = _clean_name(unquote(target.path[len(prefix.path) :]))
        if name is None:
            raise FetchRefused("path leaves its folder")
        return name

    def _static_file(self, url: str, name: str) -> URLFetcherResponse:
        suffix = posixpath.splitext(name)[1].lower()
        if suffix not in STATIC_SUFFIXES:
            raise FetchRefused(f"static files of type {suffix or 'none'} are not printed")
        try:
            path = finders.find(name)
        except SuspiciousFileOperation:
            raise FetchRefused("path leaves the static folders") from None
        if path:
            with open(path, "rb") as handle:
                body = handle.read(MAX_FETCHED_FILE_BYTES + 1)
        else:
            # Collected (and possibly hashed) names in production: STATIC_ROOT.
            try:
                if not staticfiles_storage.exists(name):
                    raise FetchRefused("no such static file")
                with staticfiles_storage.open(name) as handle:
                    body = handle.read(MAX_FETCHED_FILE_BYTES + 1)
            except SuspiciousFileOperation:
                raise FetchRefused("path leaves the static folder") from None
        return self._response(url, name, body)

    def _allowed_file(self, url: str, name: str) -> URLFetcherResponse:
        if name not in self.allowed_files:
            raise FetchRefused("media file not allowed for this printout")
        try:
            with self.storage.open(name) as handle:
                body = handle.read(MAX_FETCHED_FILE_BYTES + 1)
        except (OSError, SuspiciousFileOperation) as error:
            raise FetchRefused(f"could not read the file ({type(error).__name__})") from None
        return self._response(url, name, body)

    def _response(self, url: str, name: str, body: bytes) -> URLFetcherResponse:
        if len(body) > MAX_FETCHED_FILE_BYTES:
            raise FetchRefused("file too big to print")
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        headers = {"Content-Type": content_type}
        if content_type == "text/css":
            headers["Content-Type"] = "text/css; charset=utf-8"
        return URLFetcherResponse(url, body, headers)
