"""What orders needs from a payment gateway, whichever one settings chose."""

from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    from commerce.models import Order


class PaymentProviderError(Exception):
    """The gateway refused, or could not be reached; nothing was charged or refunded."""


class CheckoutSession(NamedTuple):
    id: str  # stored as Order.checkout_session_id: the webhook finds the order by it
    url: str  # where the buyer goes to pay


class PaymentGateway(Protocol):
    def available(self) -> bool:
        """Whether it can take a payment now (Stripe: only with its keys)."""
        ...

    def checkout_start(
        self, *, order: "Order", success_url: str, cancel_url: str
    ) -> CheckoutSession:
        """A session in which the buyer pays `order`; the URLs already name the order."""
        ...

    def checkout_status(self, *, order: "Order") -> str:
        """The order's session: "open" (payable), "complete" (paid) or "expired"."""
        ...

    def checkout_close(self, *, order: "Order") -> None:
        """Make the order's session unpayable, before a new one replaces it."""
        ...

    def refund_request(self, *, order: "Order", requested_by) -> None:
        """Ask for a full refund; the refund event, not this call, revokes the enrolment."""
        ...
