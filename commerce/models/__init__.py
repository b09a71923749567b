from commerce.models.orders import Order, StripeEvent
from commerce.models.seats import EnrollmentCode, SeatPool

__all__ = ["EnrollmentCode", "Order", "SeatPool", "StripeEvent"]
