"""Tests: fast hashing, tasks in-process, media in a temporary folder, SQLite unless told."""

import os
import tempfile
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-" + "k" * 30 + "0123456789abcdefghijklmnopqrstuv")
# In-process unless a test's own worker subprocess asks for the real queue (tests/certificates).
os.environ["TASKS_BACKEND"] = os.environ.get("TEST_TASKS_BACKEND", "immediate")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
os.environ.setdefault("EMAIL_URL", "memorymail://")

from .base import *

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="nmt-test-media-"))
if MEDIA_STORAGE == "filesystem":
    STORAGES["private"]["OPTIONS"]["location"] = MEDIA_ROOT.parent / f"{MEDIA_ROOT.name}-private"
if os.environ.get("TEST_DB_NAME"):
    # Several runs can share one PostgreSQL server, each with a test database of its own.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DB_NAME"]}
# A key generated per run, never a developer's real signing key from .env.
CREDENTIAL_SIGNING_KEY = CREDENTIAL_SIGNING_KEY_FILE = CREDENTIAL_RETIRED_PUBLIC_KEYS_FILE = ""
CREDENTIAL_DEV_KEY_FILE = Path(tempfile.mkdtemp(prefix="nmt-test-keys-")) / "signing-key.pem"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
LOGGING["root"]["level"] = "WARNING"
if TASKS_BACKEND == "rq" and os.environ.get("TEST_RQ_QUEUE"):
    # A queue of the test's own, so a worker run by one test never takes another run's jobs.
    RQ_QUEUES[os.environ["TEST_RQ_QUEUE"]] = dict(RQ_QUEUES["default"])
    TASKS["default"]["QUEUES"] = list(RQ_QUEUES)
if REDIS_URL:
    # Each run gets its own key space in the shared Redis.
    CACHES["default"]["KEY_PREFIX"] = f"nmt-test-{os.getpid()}"
    # And each pytest-xdist worker its own Redis database (1, 2...; 13 is the RQ worker test's):
    # a test's cache.clear() is Redis's FLUSHDB, whatever the prefix, and it emptied the other
    # worker's sessions mid-test, whose next request then read its session from the database
    # (seen once as a query count one over: tests/courses/test_query_counts.py).
    _xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if _xdist_worker.startswith("gw") and int(_xdist_worker[2:]) < 12:
        _redis = urlsplit(REDIS_URL)
        CACHES["default"]["LOCATION"] = urlunsplit(
            _redis._replace(path=f"/{1 + int(_xdist_worker[2:])}")
        )
# Wagtail caches renditions by image id; a rolled-back test frees its ids for the next test,
# whose images would then find the previous test's files. Tests render without that cache.
# Tests that are about the page cache turn it on; elsewhere a page is always rendered afresh.
PAGE_CACHE_SECONDS = CONTENT_CACHE_SECONDS = 0
# Rolled-back users' ids come back in later tests: each request loads its user afresh, except in
# the tests about remembering it.
USER_CACHE_SECONDS = 0
PAGE_CACHE_STAMP_FILE = Path(tempfile.mkdtemp(prefix="nmt-test-var-")) / "page-cache.stamp"
# Opening a lesson completes it unless a test is about reading time (those set the scale to 1):
# the flows under test walk courses in seconds.
LESSON_MIN_SECONDS_SCALE = 0
# Every lesson visit is written at once: tests read visit counts straight after a request.
LESSON_VISIT_FLUSH_SECONDS = 0
CACHES["renditions"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
# The live server is http://localhost: passkeys registered there have an http origin.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True


# A fixed Fernet key: tracking-system credentials are encrypted in tests as in production.
FIELD_ENCRYPTION_KEY = "7Jg3o0Ck0m4a0l2X9n8o0yq3n5f1cZ0x1JmJ4tY6Q2Y="
if DATABASES["default"]["ENGINE"] == POSTGRES_ENGINE:
    # Every transactional test commits many times; waiting for each commit to reach the disk
    # buys no safety for a database thrown away after the run (a crash loses it anyway).
    DATABASES["default"]["OPTIONS"]["options"] += " -c synchronous_commit=off"
