"""Counting the words of a page body: reading time now, supportable CE hours later."""

import html
import math
import re
from decimal import Decimal, InvalidOperation

from django.utils.html import strip_tags

WORDS_PER_MINUTE = 200
_WORD = re.compile(r"[\w'\u2019-]+")
# Blocks whose words a learner reads; references are looked up, not read.
_SKIPPED_BLOCKS = frozenset({"references"})


def count_words(text: str) -> int:
    # Entities decoded first: "a&nbsp;b" is two words, not three.
    return len(_WORD.findall(html.unescape(strip_tags(text or ""))))


def _walk_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [
            s
            for key, v in value.items()
            if key not in {"level", "kind", "url"}
            for s in _walk_strings(v)
        ]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _walk_strings(v)]
    return []


def stream_word_count(raw_blocks) -> int:
    """Words in a StreamField's raw data (a list of {"type", "value"} dicts)."""
    total = 0
    for block in raw_blocks or []:
        if block["type"] in _SKIPPED_BLOCKS or block["type"] in {"image", "video"}:
            if block["type"] == "image":
                total += count_words(block["value"].get("caption", ""))
            continue
        total += sum(count_words(s) for s in _walk_strings(_drop_list_ids(block["value"])))
    return total


def stream_media_minutes(raw_blocks) -> int:
    return sum(
        int(block["value"].get("duration_minutes") or 0)
        for block in raw_blocks or []
        if block["type"] == "video"
    )


def _drop_list_ids(value):
    # ListBlock raw data is [{"type": "item", "value": ..., "id": uuid}]; only values are text.
    if isinstance(value, list):
        return [
            _drop_list_ids(
                v["value"] if isinstance(v, dict) and "value" in v and "type" in v else v
            )
            for v in value
        ]
    if isinstance(value, dict):
        return {k: _drop_list_ids(v) for k, v in value.items()}
    return value


def reading_seconds(raw_blocks) -> int:
    """Time to read the words at WORDS_PER_MINUTE and play the media through: the least a
    lesson can honestly be read in, as CE hours count it (courses.ce_hours)."""
    words = stream_word_count(raw_blocks)
    return math.ceil(words * 60 / WORDS_PER_MINUTE) + stream_media_minutes(raw_blocks) * 60


def reading_minutes(raw_blocks) -> int:
    words = stream_word_count(raw_blocks)
    return max(1, math.ceil(words / WORDS_PER_MINUTE)) + stream_media_minutes(raw_blocks)


def ce_hours_label(hours) -> str:
    """ "1 CE hour", "0.5 CE hours", "2.25 CE hours": clock hours to the hundredth, never CEUs.

    The one wording of an amount of CE hours, for pages, certificates, e-mails and exports
    (the `ce_hours_label` template filter); "" when `hours` is not a number."""
    try:
        value = Decimal(str(hours)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return ""
    number = f"{value.normalize():f}"
    return f"{number} CE hour" if value == 1 else f"{number} CE hours"
