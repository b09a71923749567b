"""Facts about money that apps above commerce listen to (notifications/ e-mails them).

Each is sent inside the transaction that records the fact, so a listener's writes commit or
roll back with it; a listener that talks to the outside world waits for the commit.
"""

from django.dispatch import Signal

# An order's payment was verified (the webhook): sender=Order, order=the Order, now PAID.
order_paid = Signal()

# A payment was refunded in full or in part: sender=Order, order=..., full=bool.
order_refunded = Signal()

# A chargeback was opened on an order's payment: sender=Order, order=...
order_disputed = Signal()
