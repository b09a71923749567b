"""Production settings refuse to start misconfigured, each with a message naming the variable.

Each case starts a fresh interpreter, because settings are read once per process.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

BASE_DIR = Path(__file__).resolve().parents[2]
STRONG_KEY = secrets.token_urlsafe(50)
# Production refuses to start without the credential signing key; these cases are not about it.
SIGNING_KEY = (
    Ed25519PrivateKey.generate()
    .private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    .decode()
)
SETUP = ("-c", "import django; django.setup()")
# Reading settings is enough to run their guards, and a tenth of the time of django.setup().
READ_SETTINGS = ("-c", "from django.conf import settings; print(settings.DEBUG)")
# Every variable config/settings/base.py reads, plus what tests/conftest.py sets, so this
# process's values (test settings set several) cannot leak into the settings under test.
LEAKY_VARIABLES = {"DJANGO_ALLOW_ASYNC_UNSAFE"} | set(
    re.findall(r'env\.\w+\(\s*"([A-Z0-9_]+)"', (BASE_DIR / "config/settings/base.py").read_text())
)


def run(*args: str, **variables: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in LEAKY_VARIABLES}
    # Empty rather than absent, so a developer's .env cannot fill them in (it never overrides).
    env |= {
        "DEBUG": "",
        "SECRET_KEY": "",
        "CREDENTIAL_SIGNING_KEY": SIGNING_KEY,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
    }
    env |= variables
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )


def last_line(result: subprocess.CompletedProcess) -> str:
    return result.stderr.strip().splitlines()[-1]


def test_production_without_a_secret_key_refuses_to_start():
    result = run(*SETUP)

    assert result.returncode != 0
    assert last_line(result).startswith("django.core.exceptions.ImproperlyConfigured: SECRET_KEY")


@pytest.mark.parametrize(
    "key",
    ["too-short", "django-insecure-" + secrets.token_urlsafe(50), "ab" * 30],
    ids=["short", "django-insecure", "low-variety"],
)
def test_production_with_a_weak_secret_key_refuses_to_start(key):
    result = run(*SETUP, SECRET_KEY=key)

    assert result.returncode != 0
    assert last_line(result).startswith("django.core.exceptions.ImproperlyConfigured: SECRET_KEY")


def test_debug_starts_without_a_secret_key():
    result = run(*READ_SETTINGS, DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_unsupported_database_url_names_the_variable():
    result = run(*SETUP, SECRET_KEY=STRONG_KEY, DATABASE_URL="mysqlx://x")

    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL has an unsupported scheme 'mysqlx'" in result.stderr


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        (
            {"TASKS_BACKEND": "bogus"},
            "TASKS_BACKEND='bogus': choose one of database, rq, immediate",
        ),
        ({"TASKS_BACKEND": "rq"}, "TASKS_BACKEND=rq needs REDIS_URL"),
    ],
    ids=["unknown", "rq-without-redis"],
)
def test_misconfigured_tasks_backend_refuses_to_start(variables, message):
    result = run(*SETUP, SECRET_KEY=STRONG_KEY, **variables)

    assert result.returncode != 0
    assert last_line(result) == f"django.core.exceptions.ImproperlyConfigured: {message}"


def test_unreachable_postgres_fails_check_database_with_one_line():
    result = run(
        "manage.py",
        "check_database",
        SECRET_KEY=STRONG_KEY,
        DATABASE_URL="postgres://nmt:secret@127.0.0.1:1/nmt",
    )

    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    # Django prefixes a CommandError with its class name.
    assert (
        lines[0]
        .removeprefix("CommandError: ")
        .startswith("Cannot connect to the postgresql database")
    )
    assert "secret" not in lines[0]


def test_production_settings_pass_the_deploy_checks():
    result = run(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="academy.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


def test_a_copy_of_env_example_starts_with_safe_defaults():
    lines = (BASE_DIR / ".env.example").read_text().splitlines()
    example = dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))
    show = "from django.conf import settings as s; print(s.DEBUG, s.MEDIA_ROOT)"

    result = run("-c", show, **example)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", str(BASE_DIR / "media")]


SHOW_STORAGE = (
    "-c",
    "import django; django.setup(); from django.core.files.storage import default_storage as s; "
    "print(type(s._wrapped if hasattr(s, '_wrapped') else s).__name__, "
    "getattr(s, 'bucket_name', ''), getattr(s, 'endpoint_url', ''))",
)


def test_media_on_s3_compatible_storage_is_one_setting():
    result = run(
        *SHOW_STORAGE,
        SECRET_KEY=secrets.token_urlsafe(50),
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="nmt-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "nmt-media", "http://127.0.0.1:9000"]


def test_an_unknown_media_storage_refuses_to_start():
    result = run(*READ_SETTINGS, SECRET_KEY=secrets.token_urlsafe(50), MEDIA_STORAGE="ftp")
    assert result.returncode != 0
    assert "MEDIA_STORAGE='ftp': use filesystem or s3" in last_line(result)


SHOW_EMAIL = (
    "-c",
    "from django.conf import settings as s; "
    "print(s.EMAIL_BACKEND, sorted(getattr(s, 'ANYMAIL', {}).items()))",
)


def test_any_email_provider_is_one_setting_through_anymail():
    result = run(
        *SHOW_EMAIL,
        SECRET_KEY=secrets.token_urlsafe(50),
        ANYMAIL_ESP="postmark",
        ANYMAIL_POSTMARK_SERVER_TOKEN="server-token",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "anymail.backends.postmark.EmailBackend [('POSTMARK_SERVER_TOKEN', 'server-token')]"
    )


def test_without_a_provider_email_follows_email_url():
    result = run(*SHOW_EMAIL, SECRET_KEY=secrets.token_urlsafe(50), EMAIL_URL="consolemail://")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.mail.backends.console.EmailBackend []"


def test_a_provider_name_that_is_no_module_name_refuses_to_start():
    result = run(*READ_SETTINGS, SECRET_KEY=secrets.token_urlsafe(50), ANYMAIL_ESP="../evil")
    assert result.returncode != 0
    assert "ANYMAIL_ESP='../evil' is not a provider's module name" in last_line(result)
