from django.dispatch import Signal

# Sent inside the transaction that revokes an enrolment (refund, staff) or suspends it (a payment
# dispute): sender=Enrollment, enrollment=..., reason=str. certificates/ revokes what it issued,
# in the same transaction, so the two commit together or not at all.
enrollment_withdrawn = Signal()

# Sent inside the transaction that gives a suspended enrolment back (a dispute the school won):
# sender=Enrollment, enrollment=..., reason=str, withdrawn_reason=the suspension's reason.
# certificates/ reinstates what that suspension revoked, and nothing revoked for another reason.
enrollment_restored = Signal()

# Sent after commit when a student opens a lesson for the first time:
# sender=LessonVisit, visit=the LessonVisit. completion/ rechecks the course.
lesson_first_visited = Signal()

# Sent after commit when a heartbeat brings a lesson's seat time up to its minimum reading
# time (courses.reading_time), which is when the lesson counts as completed:
# sender=LessonVisit, visit=the LessonVisit. completion/ rechecks the course.
lesson_reading_met = Signal()

# Sent inside the transaction that creates an enrolment (free, paid, a seat code), once
# per enrolment: sender=Enrollment, enrollment=the new Enrollment. notifications/ confirms it.
enrollment_created = Signal()
