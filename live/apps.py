"""Live and hands-on instruction: sessions, attendance and skills sign-off."""

from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = "Live instruction"
