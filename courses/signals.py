from django.dispatch import Signal

# Sent after commit when an enrolment is revoked (refund, staff) or suspended (a payment
# dispute): sender=Enrollment, enrollment=..., reason=str. certificates/ revokes what it issued.
enrollment_withdrawn = Signal()

# Sent after commit when a student opens a lesson for the first time:
# sender=LessonVisit, visit=the LessonVisit. quizzes/ rechecks course completion.
lesson_first_visited = Signal()

# Sent after commit when a heartbeat brings a lesson's seat time up to its minimum reading
# time (courses.seat_time), which is when the lesson counts as completed:
# sender=LessonVisit, visit=the LessonVisit. quizzes/ rechecks course completion.
lesson_reading_met = Signal()

# Sent after commit when a learner's live attendance or a skill sign-off is recorded:
# sender=the model (Attendance or SkillSignoff), student_id=..., course_id=...
# quizzes/ rechecks course completion, which for a live course rests on these records.
live_progress_recorded = Signal()
