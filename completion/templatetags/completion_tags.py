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


@register.simple_tag(takes_context=True)
def learner_course(context, enrollment, course):
    """{% learner_course enrollment page as state %}: an active enrolment's progress and next
    step (completion.learner), or None. Reuses the course page's outline and prerequisites."""
    from completion.learner import learner_courses

    if enrollment is None or not enrollment.is_active:
        return None
    enrollment.course = course  # the page being shown: no query to load it again
    lock = context.get("prerequisite_lock")
    return learner_courses(
        user=context["request"].user,
        enrollments=[enrollment],
        outline=context.get("outline"),
        missing=lock.missing if lock is not None else [],
    )[0]


@register.simple_tag(takes_context=True)
def learner_courses(context, enrollments):
    """{% learner_courses enrollments as rows %}: My courses' rows, with each course's board
    credit, in a fixed number of queries however many courses (completion.learner)."""
    from completion.learner import learner_courses as rows

    return rows(user=context["request"].user, enrollments=list(enrollments), with_board_credit=True)


@register.simple_tag
def board_credit(enrollment, course, approvals):
    """{% board_credit enrollment page approvals as credit %}: for an active enrolment on a
    course with current `approvals`, each of the learner's boards earned or what it still
    needs, and whether they chose their boards (certificates.board_rules); None otherwise."""
    from certificates.board_rules import board_credit as credit

    if enrollment is None or not enrollment.is_active or not approvals:
        return None
    enrollment.course = course
    return credit(enrollment=enrollment, offered=list(approvals))
