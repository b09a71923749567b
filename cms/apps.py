from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Site content"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction, Site
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from cms import receivers, resolve_memo
        from cms.exports import guard_wagtail_exports
        from cms.models import SiteSettings

        guard_wagtail_exports()
        resolve_memo.install()

        for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
            signal.connect(receivers.content_changed, dispatch_uid=f"cms_page_cache_{id(signal)}")
        post_delete.connect(receivers.page_deleted, dispatch_uid="cms_page_cache_page_deleted")
        for model in (Site, SiteSettings, PageViewRestriction):
            for signal in (post_save, post_delete):
                signal.connect(
                    receivers.content_changed,
                    sender=model,
                    dispatch_uid=f"cms_page_cache_{model.__name__}_{id(signal)}",
                )
