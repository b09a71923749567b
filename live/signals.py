from django.dispatch import Signal

# Sent after commit when a learner's live attendance or a skill sign-off is recorded:
# sender=the model (Attendance or SkillSignoff), student_id=..., course_id=...
# completion/ rechecks the course, which for a live course rests on these records.
live_progress_recorded = Signal()
