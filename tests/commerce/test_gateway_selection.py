"""PAYMENT_GATEWAY picks the gateway; production refuses the local one; orders name neither."""

import grimp
import pytest

from commerce.gateways import gateway, gateway_for
from commerce.gateways.local import LocalGateway
from commerce.gateways.stripe import StripeGateway
from commerce.models import Order
from tests.config.test_settings import STRONG_KEY, last_line, run

SHOW_GATEWAY = ("-c", "from django.conf import settings; print(settings.PAYMENT_GATEWAY)")
# run() empties DEBUG so no developer's .env leaks in; dev.py would otherwise turn it on.
DEV = {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "DEBUG": "1"}


def gateway_in(**variables) -> str:
    """PAYMENT_GATEWAY as a fresh process reads it (settings are read once per process)."""
    result = run(*SHOW_GATEWAY, **variables)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(("name", "kind"), [("stripe", StripeGateway), ("local", LocalGateway)])
def test_gateway_is_the_one_settings_name(settings, name, kind):
    settings.PAYMENT_GATEWAY = name
    assert isinstance(gateway(), kind)


def test_an_order_goes_back_to_the_gateway_that_made_its_session(settings):
    settings.PAYMENT_GATEWAY = "stripe"
    assert isinstance(gateway_for(order=Order(checkout_session_id="cs_test_local_x")), LocalGateway)
    settings.PAYMENT_GATEWAY = "local"
    assert isinstance(gateway_for(order=Order(checkout_session_id="cs_test_a1b2")), StripeGateway)


@pytest.mark.parametrize(
    ("variables", "chosen"),
    [
        ({}, "local"),
        ({"STRIPE_SECRET_KEY": "sk_test_x"}, "stripe"),
        ({"PAYMENT_GATEWAY": "stripe"}, "stripe"),
        ({"STRIPE_SECRET_KEY": "sk_test_x", "PAYMENT_GATEWAY": "local"}, "local"),
        ({"STRIPE_TEST_CHECKOUT": "0"}, "stripe"),  # the deprecated name still works
        ({"STRIPE_SECRET_KEY": "sk_test_x", "STRIPE_TEST_CHECKOUT": "1"}, "local"),
    ],
    ids=["no-keys", "keys", "stripe", "local-with-keys", "old-name-off", "old-name-on"],
)
def test_development_defaults_to_local_only_without_stripe_keys(variables, chosen):
    assert gateway_in(**DEV, **variables) == chosen


def test_production_without_keys_in_debug_still_means_stripe():
    assert gateway_in(DEBUG="1") == "stripe"
    assert gateway_in(SECRET_KEY=STRONG_KEY) == "stripe"


@pytest.mark.parametrize(
    "variables",
    [{"PAYMENT_GATEWAY": "local"}, {"STRIPE_TEST_CHECKOUT": "1"}],
    ids=["local", "old-name"],
)
def test_production_refuses_the_local_gateway(variables):
    result = run(*SHOW_GATEWAY, SECRET_KEY=STRONG_KEY, **variables)

    assert result.returncode != 0
    assert last_line(result) == (
        "django.core.exceptions.ImproperlyConfigured: PAYMENT_GATEWAY=local (or "
        "STRIPE_TEST_CHECKOUT=1) is the test checkout, which takes no payment: production "
        "settings need PAYMENT_GATEWAY=stripe and the STRIPE_* keys"
    )


def test_an_unknown_gateway_refuses_to_start():
    result = run(*SHOW_GATEWAY, **DEV, PAYMENT_GATEWAY="paypal")

    assert result.returncode != 0
    assert last_line(result) == (
        "django.core.exceptions.ImproperlyConfigured: "
        "PAYMENT_GATEWAY='paypal': choose one of stripe, local"
    )


def test_orders_import_no_gateway_implementation_and_no_cycle():
    graph = grimp.build_graph("commerce")
    for implementation in ("commerce.gateways.stripe", "commerce.gateways.local"):
        assert not graph.chain_exists(
            importer="commerce.services.orders", imported=implementation
        ), implementation
    assert not graph.chain_exists(importer="commerce.gateways", imported="commerce.services")
