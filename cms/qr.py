"""QR codes as SVG data URIs (no file, no network): a certificate's verification link and a
live session's check-in link. cms is the lowest app, so every app above may draw one here.
"""

import base64
import io

import segno

# Medium error correction survives a crease or a smudge on a printed certificate.
QR_ERROR = "m"


def qr_svg(url: str) -> bytes:
    """The QR code for `url` as a standalone SVG document.

    A vector image: the page decides its size (24 mm on a certificate, 320 px in a room).
    """
    buffer = io.BytesIO()
    segno.make(url, error=QR_ERROR, micro=False).save(
        buffer, kind="svg", scale=4, border=2, xmldecl=False, dark="#000", light="#fff"
    )
    return buffer.getvalue()


def qr_data_uri(url: str) -> str:
    """An `<img src>` value that needs no file and no network."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(url)).decode("ascii")
