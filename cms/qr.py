"""The QR codes shown in a live session's room: a link as an SVG data URI (no file, no network).

certificates/qrcode.py draws the certificate's code; courses may not import certificates, so
this is its own small wrapper around the same library.
"""

import base64
import io

import segno


def qr_data_uri(url: str) -> str:
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer, kind="svg", scale=8, border=2, xmldecl=False, dark="#000", light="#fff"
    )
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
