"""The reference app: Django with no apps and no middleware, one view, under the same gunicorn.

Every ratio the benchmark prints is a path's req/s over this view's req/s in the same run, so
the machine, the load generator and the worker configuration cancel out.
"""

import os

DEBUG = False
SECRET_KEY = os.environ.get("BARE_SECRET_KEY", "bench-bare-" + "x" * 50)
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.bare.urls"
WSGI_APPLICATION = "bench.bare.wsgi.application"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
USE_TZ = True
