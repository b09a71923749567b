from django import template
from django.utils.safestring import mark_safe

from cms import content_cache
from cms.text import ce_hours_label as _ce_hours_label
from cms.text import reading_minutes as _reading_minutes

register = template.Library()


@register.filter
def ce_hours_label(hours) -> str:
    """{{ hours|ce_hours_label }}: "1 CE hour", "2.5 CE hours" (cms/text.py)."""
    return _ce_hours_label(hours)


@register.filter
def reading_minutes(stream_value) -> int:
    return _reading_minutes(stream_value.raw_data)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page, crumbs=None):
    """Ancestors below the home page, in one query; none when the caller has them already
    (objects with a title and a url, like a lesson frame's)."""
    if crumbs is None:
        request = context.get("request")
        ancestors = page.get_ancestors().filter(depth__gt=2).only("title", "url_path", "depth")
        crumbs = [{"title": a.title, "url": a.get_url(request)} for a in ancestors]
    return {"crumbs": crumbs, "current": page.title}


@register.simple_tag(takes_context=True)
def page_body(context, page):
    """The page's StreamField body, rendered once per live revision and content generation
    when the view allows it (`cache_body`): a preview or an old revision renders afresh."""

    def render() -> str:
        flat = context.flatten()
        return "".join(str(block.render(context=flat)) for block in page.body)

    if not context.get("cache_body"):
        return mark_safe(render())
    name = f"page-body:{page.pk}:{page.live_revision_id}"
    return mark_safe(content_cache.get_or_make(name, render))
