"""Payment gateways behind one interface (base.PaymentGateway), chosen by PAYMENT_GATEWAY.

"stripe" is Stripe Checkout; "local" an embedded checkout that takes no money, for
development and the demo. Both complete orders through the same signed webhook events.

Implementations load by dotted path, as Django loads EMAIL_BACKEND: the local gateway pays
through the webhook service, which uses orders, and orders uses this module, so importing an
implementation here would close that loop.
"""

from functools import cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.module_loading import import_string

from commerce.gateways.base import CheckoutSession, PaymentGateway, PaymentProviderError

if TYPE_CHECKING:
    from commerce.models import Order

GATEWAYS = {
    "stripe": "commerce.gateways.stripe.StripeGateway",
    "local": "commerce.gateways.local.LocalGateway",
}

__all__ = [
    "GATEWAYS",
    "CheckoutSession",
    "PaymentGateway",
    "PaymentProviderError",
    "gateway",
    "gateway_for",
]


@cache
def _load(name: str) -> PaymentGateway:
    return import_string(GATEWAYS[name])()


def gateway() -> PaymentGateway:
    """The gateway settings chose: it takes every new payment."""
    return _load(settings.PAYMENT_GATEWAY)


def gateway_for(*, order: "Order") -> PaymentGateway:
    """The gateway that made `order`'s session, the only one that can check, close or refund it
    (a demo database keeps its local orders after Stripe keys are added, and the reverse)."""
    local = _load("local")
    return local if local.owns(order=order) else _load("stripe")
