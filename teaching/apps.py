"""What instructors read: the course dashboard and its exports."""

from django.apps import AppConfig


class TeachingConfig(AppConfig):
    name = "teaching"
    verbose_name = "Teaching"
