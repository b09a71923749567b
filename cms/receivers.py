"""What empties the anonymous page cache: connected in CmsConfig.ready().

Any change to what a published page shows starts a new page-cache generation. Apps above cms
connect their own snippets (schools, instructors) to `content_changed` the same way.
"""

from wagtail.models import Page

from cms import page_cache


def content_changed(sender, **kwargs) -> None:
    page_cache.invalidate()


def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and instance.live:
        page_cache.invalidate()
