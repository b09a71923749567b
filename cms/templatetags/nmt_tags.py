from django import template

from cms.text import reading_minutes as _reading_minutes

register = template.Library()


@register.filter
def reading_minutes(stream_value) -> int:
    return _reading_minutes(stream_value.raw_data)


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(page):
    """Ancestors below the home page, in one query."""
    crumbs = page.get_ancestors().filter(depth__gt=2).only("title", "url_path", "depth")
    return {"crumbs": crumbs, "current": page.title}
