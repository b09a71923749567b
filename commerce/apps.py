"""Selling courses: orders, the payment gateway, webhooks, seat pools and receipts."""

from django.apps import AppConfig


class CommerceConfig(AppConfig):
    name = "commerce"
    verbose_name = "Commerce"
