"""The demo site: the NMT curriculum as data files, load_demo and seed_scale."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = "Demo"
