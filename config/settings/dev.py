"""Local development: DEBUG on unless said otherwise, a throwaway key, no HTTPS."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "django-insecure-dev-only-key-never-use-in-production")

from .base import *

STORAGES["staticfiles"] = {  # runserver serves from the finders; no manifest needed
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
