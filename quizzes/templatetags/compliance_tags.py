from django import template

from courses.ce_hours import MINUTES_PER_QUESTION, WORDS_PER_CE_HOUR
from quizzes import blueprint

register = template.Library()


@register.inclusion_tag("quizzes/admin/course_compliance.html")
def course_compliance_summary(course) -> dict:
    """{% course_compliance_summary course %}: the CE hours the course's content supports beside
    each approval, and its final assessment's blueprint status, on the course editor's CE
    compliance panel (courses/admin_panels.py)."""
    report = blueprint.course_compliance(course=course)
    return {
        "report": report,
        "hours": report.hours,
        "blueprint": report.blueprint,
        "words": f"{report.hours.words:,}",
        "words_per_hour": f"{WORDS_PER_CE_HOUR:,}",
        "minutes_per_question": MINUTES_PER_QUESTION,
    }
