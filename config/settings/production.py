from .base import *

STRIPE_TEST_CHECKOUT = False  # never a fake checkout in production, whatever the environment
