from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from cms import content_cache
from cms.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from cms.restrictions import CachedViewRestrictionsMixin


class HomePage(CachedViewRestrictionsMixin, Page):
    hero_title = models.CharField(max_length=200)
    hero_text = models.TextField(blank=True)
    hero_cta_text = models.CharField(max_length=60, default="Browse courses")
    hero_cta_link = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(BodyStreamBlock(), blank=True)

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_cta_text"),
                FieldPanel("hero_cta_link"),
            ],
            heading="Hero",
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_text")]

    class Meta:
        verbose_name = "home page"

    def route(self, request, path_components):
        """Find a descendant by its full URL path in one query (two when the route is not
        cached yet) instead of two per level.

        Pages with routes of their own (none yet) and misses fall back to Wagtail's walk.
        """
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            found = content_cache.get_or_make(
                f"route:{self.pk}:{url_path}",
                lambda: self._descendant_at(url_path),
                keep_none=False,
            )
            if found is not None:
                model = apps.get_model(found[0])
                page = model.objects.filter(pk=found[1]).first()
                if page is not None and page.live and type(page).route is Page.route:
                    return RouteResult(page)
        return super().route(request, path_components)

    def _descendant_at(self, url_path: str) -> tuple[str, int] | None:
        row = (
            Page.objects.filter(url_path=url_path, depth__gt=self.depth)
            .values_list("pk", "content_type_id")
            .first()
        )
        if row is None:
            return None
        model = ContentType.objects.get_for_id(row[1]).model_class()
        return (model._meta.label, row[0]) if model is not None else None


class StandardPage(CachedViewRestrictionsMixin, Page):
    """About, terms, privacy: prose pages a school or staff can edit."""

    introduction = models.TextField(blank=True)
    body = StreamField(BodyStreamBlock(), blank=True)

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]
    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    tagline = models.CharField(
        max_length=200, default="Continuing education in Neuro-Muscular Therapy"
    )
    contact_email = models.EmailField(blank=True)
    footer_text = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    panels = [FieldPanel("tagline"), FieldPanel("contact_email"), FieldPanel("footer_text")]

    class Meta:
        verbose_name = "site settings"
