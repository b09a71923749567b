import re

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from cms import content_cache

register = template.Library()

VISITED_MARK = re.compile(r"<!--visited:(\d+)-->")
VISITED_TICK = (
    ' <span class="visited-tick" title="Visited"><span aria-hidden="true">✓</span>'
    '<span class="visually-hidden">(visited)</span></span>'
)


@register.simple_tag(takes_context=True)
def lesson_sidebar(context):
    """The course outline beside a lesson. Its HTML is the same for every reader, so it is
    rendered once per lesson and content generation with a mark per lesson; each request only
    turns the marks of the lessons this reader has visited into ticks."""
    page = context["page"]

    def render() -> str:
        keep = ("frame", "page", "current_module")
        return render_to_string(
            "courses/includes/lesson_sidebar.html", {name: context.get(name) for name in keep}
        )

    if context.get("cache_body"):
        html = content_cache.get_or_make(f"lesson-sidebar:{page.pk}", render)
    else:
        html = render()
    if context.get("keep_visited_marks"):
        # The enrolled lesson's shell (courses/enrolled_lesson/shell.py) ticks them per request.
        return mark_safe(html)
    visited = context.get("visited_lesson_ids") or ()
    return mark_safe(
        VISITED_MARK.sub(lambda mark: VISITED_TICK if int(mark[1]) in visited else "", html)
    )
