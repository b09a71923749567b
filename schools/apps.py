"""Schools and their people: membership, roles and the one permission rule set."""

from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "schools"
    verbose_name = "Schools"
