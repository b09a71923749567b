"""The reference app: one view behind Django's default middleware (the MIDDLEWARE of
`django-admin startproject`), under the same gunicorn as the site.

The ratio that counts is this view's CPU per request over a path's: what the site costs beyond
what any Django project pays. The database is in-memory SQLite and sessions are not touched by
an anonymous GET, so no request reads or writes the disk. settings_nomw.py drops the middleware
for a second, informational reference.
"""

import os

DEBUG = False
SECRET_KEY = os.environ.get("BARE_SECRET_KEY", "bench-bare-" + "x" * 50)
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.bare.urls"
WSGI_APPLICATION = "bench.bare.wsgi.application"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
