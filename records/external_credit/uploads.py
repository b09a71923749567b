"""Certificates of credit earned elsewhere: which files we take, and where they are kept.

The type is read from the file's first bytes, never from its name or the browser's word: a
renamed script stays a script. Files live in the "private" storage under a random name, are
never given a public URL, and reach a browser only through a view that checks who asks.
"""

import secrets
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.storage import storages

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# (magic bytes, MIME type, extension the stored file gets)
SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)
CONTENT_TYPES = {extension: mime for _, mime, extension in SIGNATURES}

TOO_BIG = "The file is larger than 10 MB. Upload a smaller scan or a PDF."
WRONG_TYPE = "Upload the certificate as a PDF, PNG or JPEG file."
EMPTY_FILE = "The file is empty."


def private_storage():
    return storages["private"]


def sniff(upload) -> str:
    """The stored extension for `upload`'s content, or a ValidationError (type, size)."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(TOO_BIG, code="too_big")
    if not upload.size:
        raise ValidationError(EMPTY_FILE, code="empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, _, extension in SIGNATURES:
        if head.startswith(magic):
            return extension
    raise ValidationError(WRONG_TYPE, code="wrong_type")


def certificate_path(instance, filename: str) -> str:
    """external-credit/<random>/<random>.<ext>: nothing in it names the learner or the file."""
    extension = PurePath(filename).suffix.lstrip(".").lower()
    return f"external-credit/{secrets.token_hex(16)}/{secrets.token_urlsafe(16)}.{extension}"


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(PurePath(name).suffix.lstrip(".").lower(), "application/octet-stream")
