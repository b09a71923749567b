"""What empties the anonymous page cache: connected in CmsConfig.ready().

Any change to what a published page shows starts a new page-cache generation. Apps above cms
connect their own snippets (schools, instructors) to `content_changed` the same way.
"""

from django.db import transaction
from wagtail.models import Page

from cms import page_cache


def content_changed(sender, **kwargs) -> None:
    # Once committed: a request between the change and its commit would otherwise cache the
    # old content under the new generation.
    transaction.on_commit(page_cache.invalidate)


def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and instance.live:
        transaction.on_commit(page_cache.invalidate)
