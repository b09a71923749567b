from django.dispatch import Signal

# Sent inside the transaction that records a course's completion (a graded attempt, a lesson
# visit, live attendance): sender=Enrollment, enrollment=the student's Enrollment.
# certificates/ records the pending certificate in that transaction, so no completion is
# ever committed without it.
course_completed = Signal()
