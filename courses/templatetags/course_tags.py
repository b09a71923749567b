from django import template

from cms.text import ce_hours_label
from courses.models import CoursePage

register = template.Library()


@register.inclusion_tag("courses/includes/course_cards.html", takes_context=True)
def featured_courses(context, limit: int = 3):
    courses = (
        CoursePage.objects.live()
        .select_related("cover_image", "school")
        .prefetch_related("topics", "cover_image__renditions")
        .order_by("-first_published_at")[:limit]
    )
    return {"courses": courses, "request": context.get("request")}


@register.simple_tag
def usual_boards(user) -> list:
    """{% usual_boards user as boards %}: the boards the learner usually needs, by name (the
    profile shows them beside the link to change them)."""
    from courses.selectors import learner_boards

    return list(learner_boards(user=user))


@register.filter
def money(amount, currency: str = "usd") -> str:
    symbols = {"usd": "$", "cad": "CA$", "aud": "A$", "gbp": "£", "eur": "€"}
    if not amount:
        return "Free"
    return f"{symbols.get(currency, currency.upper() + ' ')}{amount:,.2f}"


@register.filter
def ce_hours(hours) -> str:
    """ "1 CE hour", "2.5 CE hours"; hours are clock hours, never written as CEUs."""
    if not hours:
        return "No CE credit"
    return ce_hours_label(hours)
