from django.dispatch import Signal

# Sent inside the transaction that grades an attempt (its submit, or an instructor's mark
# override): sender=Attempt, attempt=the graded Attempt. completion/ rechecks the course in
# that transaction, so a completion and its certificate commit with the grade or not at all.
attempt_graded = Signal()
