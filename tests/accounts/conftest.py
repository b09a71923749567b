import copy
import uuid

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """allauth keeps its rate-limit counters in the cache: each test starts with none used.

    Local memory is simply cleared. A shared Redis gets a fresh key prefix instead, because
    cache.clear() there flushes the whole database, other runs' keys included.
    """
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        cache.clear()
    else:
        caches = copy.deepcopy(settings.CACHES)
        caches["default"]["KEY_PREFIX"] = (
            f"{caches['default'].get('KEY_PREFIX', '')}-{uuid.uuid4().hex}"
        )
        settings.CACHES = caches
