"""Facts about certificates that apps above certificates listen to (notifications/).

Each is sent inside the transaction that records it: listeners write in it, and anything sent
to the outside world waits for the commit.
"""

from django.dispatch import Signal

# A completed course's certificate was created and waits for the learner to confirm the
# details it prints (and the evaluation, if the course asks for one):
# sender=Certificate, certificate=the pending Certificate. Once per certificate.
certificate_pending = Signal()

# A certificate was issued (numbered, its snapshot frozen; its PDF is rendered by a task):
# sender=Certificate, certificate=the issued Certificate. Once per certificate.
certificate_issued = Signal()

# An issued certificate was reissued (same number) and now claims boards it did not claim
# before, e.g. a board's own rule met after issue (certificate_credit_follow):
# sender=Certificate, certificate=the reissued Certificate, bodies=frozenset of the added
# boards' abbreviations. Not sent when a reissue adds no board.
certificate_boards_added = Signal()
