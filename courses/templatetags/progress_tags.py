from django import template

from courses import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def visited_lesson_ids(context, course) -> set[int]:
    """{% visited_lesson_ids course as visited_lesson_ids %}: the ticks of a page whose view
    does not already provide them (the module page). One query, none for a visitor."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return set()
    return selectors.visited_lesson_ids(user=user, course=course)
