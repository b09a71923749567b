from django import template

from completion.progress import course_progress_with_quizzes

register = template.Library()


@register.simple_tag
def course_progress(progress, enrollment, course):
    """{% course_progress progress enrollment page as progress %}: the course page's lesson
    progress (from its view) with the quizzes passed added; None stays None (no enrolment)."""
    if progress is None:
        return None
    return course_progress_with_quizzes(lessons=progress, enrollment=enrollment, course=course)
