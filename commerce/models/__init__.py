from commerce.models.orders import LOCAL_SESSION_PREFIX, Order, StripeEvent
from commerce.models.seats import EnrollmentCode, SeatPool

__all__ = ["LOCAL_SESSION_PREFIX", "EnrollmentCode", "Order", "SeatPool", "StripeEvent"]
