"""Schools and their people: membership, roles, invitations and the one permission rule set."""

from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "schools"
    verbose_name = "Schools"

    def ready(self):
        from schools import receivers  # noqa: F401
