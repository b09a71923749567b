"""Values kept in this worker's memory for one content generation.

Why: the content cache (cms/content_cache.py) unpickles its value on every read, and with
Redis each read is a round trip; the lesson path asks for a URL map and a page shell on every
request. Values are made through the content cache (so workers share the work) and then kept
here until the generation changes (only while the content cache is on). `limit` bounds the
memory a worker spends on them.
"""

from collections.abc import Callable
from typing import TypeVar

from cms import content_cache

T = TypeVar("T")


class GenerationMemo:
    def __init__(self, *, limit: int):
        self.limit = limit
        self.generation: str | None = None
        self.values: dict[str, object] = {}

    def get_or_make(self, name: str, make: Callable[[], T], *, generation: str) -> T:
        if generation != self.generation or len(self.values) >= self.limit:
            self.values = {}
            self.generation = generation
        try:
            return self.values[name]
        except KeyError:
            value = self.values[name] = content_cache.get_or_make(name, make)
            return value
