from django.dispatch import Signal

# Sent once the transaction commits, when a graded attempt completes a course:
# sender=Enrollment, enrollment=the student's Enrollment. certificates/ subscribes.
course_completed = Signal()
