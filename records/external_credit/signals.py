"""Facts about credit earned elsewhere that apps above records listen to (notifications/).

Sent inside the transaction that records the fact; anything sent outside waits for the commit.
"""

from django.dispatch import Signal

# A reviewer accepted or rejected a learner's credit earned elsewhere:
# sender=ExternalCredit, credit=the reviewed ExternalCredit (status, reason and reviewer set).
external_credit_reviewed = Signal()
