"""Turn an imported {"text", "format"} into the sanitised HTML we store."""

import html
import re

from cms.sanitize import sanitize_html

_INLINE_MARKDOWN = [
    (re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
    (re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"(?<![\w*])[*_](.+?)[*_](?![\w*])"), r"<em>\1</em>"),
]


def _markdown(text: str) -> str:
    """Just enough Markdown for question text (no dependency): emphasis, code, line breaks."""
    escaped = html.escape(text, quote=False)
    for pattern, replacement in _INLINE_MARKDOWN:
        escaped = pattern.sub(replacement, escaped)
    return escaped.replace("\n", "<br>")


def to_html(text: dict | str) -> str:
    """Sanitised HTML for a parsed text; a bare string is plain text."""
    if isinstance(text, str):
        text = {"text": text, "format": "plain"}
    body, fmt = text["text"], text["format"]
    if fmt == "plain":
        body = html.escape(body, quote=False).replace("\n", "<br>")
    elif fmt == "markdown":
        body = _markdown(body)
    elif fmt == "moodle":
        # Moodle's auto-format keeps HTML and turns line breaks into <br>.
        body = body.replace("\n", "<br>")
    return sanitize_html(body).strip()
