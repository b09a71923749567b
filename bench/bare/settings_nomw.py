"""The same view with no apps and no middleware: Django's floor, printed for information."""

from bench.bare.settings import *  # noqa: F403

INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
