"""QR codes that take a teacher from paper to the file or page (phones scan them in class).

A QR code is an SVG drawn from qrcode's module matrix, one path with a sub-path per run of
dark modules, so it prints sharp at any size and weighs 1-3 KB. It is handed to WeasyPrint
as a `data:` URI; the print URL fetcher accepts a `data:` URI only if this module issued it
(`is_issued`), so no other inline content can reach the renderer.
"""

import base64
import hashlib
import threading
from collections import OrderedDict
from functools import lru_cache

import qrcode
import qrcode.constants

# Long enough for any page or download address Kyozai makes; a longer one would be a
# dense, hard-to-scan code and is better typed.
MAX_QR_URL_CHARACTERS = 600
# Quiet zone around the code, in modules (scanners need some white; the page margin adds more).
QUIET_ZONE = 2

_ISSUED_LIMIT = 20_000
_issued: OrderedDict[bytes, None] = OrderedDict()
_issued_lock = threading.Lock()


def _fingerprint(uri: str) -> bytes:
    return hashlib.sha256(uri.encode()).digest()


def _remember(uri: str) -> None:
    key = _fingerprint(uri)
    with _issued_lock:
        _issued[key] = None
        _issued.move_to_end(key)
        while len(_issued) > _ISSUED_LIMIT:
            _issued.popitem(last=False)


def is_issued(uri: str) -> bool:
    """True for a data: URI this process produced with `qr_data_uri`."""
    with _issued_lock:
        return _fingerprint(uri) in _issued


@lru_cache(maxsize=1024)
def qr_svg(url: str) -> str:
    """The SVG markup of a QR code for `url` (error correction M: survives a smudge)."""
    if not url:
        raise ValueError("A QR code needs an address.")
    if len(url) > MAX_QR_URL_CHARACTERS:
        raise ValueError(f"Address too long for a QR code ({len(url)} characters).")
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix) + 2 * QUIET_ZONE
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append(f"M{start + QUIET_ZONE} {y + QUIET_ZONE}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'width="{size}" height="{size}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(runs)}"/></svg>'
    )


def qr_data_uri(url: str) -> str:
    """A `data:image/svg+xml` URI of the QR code for `url`, trusted by the print fetcher.

    Raises ValueError for an empty or overlong address."""
    svg = qr_svg(url)
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    _remember(uri)
    return uri
