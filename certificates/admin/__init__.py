"""Certificates in the Wagtail admin: permission policies, the design views and the issued
certificates' views, each in its own module; certificates/wagtail_hooks.py registers them."""
