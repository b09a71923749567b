"""Settings safe for production: every secret and host comes from the environment.

dev.py and test.py relax what they must; nothing here assumes a developer's machine.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from wagtail.embeds import oembed_providers

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -----------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSECURE_KEY_PREFIX = "django-insecure"


def _refuse_insecure_secret_key(key: str, debug: bool) -> None:
    # A guessable key lets anyone forge sessions and password-reset links.
    if debug:
        return
    if not key or key.startswith(INSECURE_KEY_PREFIX) or len(key) < 50 or len(set(key)) < 5:
        raise ImproperlyConfigured(
            "SECRET_KEY is missing or insecure. Set SECRET_KEY to a random string of 50+ "
            "characters (python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development."
        )


INSTALLED_APPS = [
    # Our apps, in import order: cms <- courses <- quizzes <- certificates.
    "accounts",
    "cms",
    "schools",
    "courses",
    "commerce",
    "live",
    "quizzes",
    "certificates",
    "authoring",
    "completion",
    "records",
    "teaching",
    "notifications",
    "demo",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # allauth
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Tasks
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # Outside the page cache, so replayed pages carry the policy too (cms/csp.py).
    "cms.csp.ContentSecurityPolicyMiddleware",
    # A load balancer's probe is answered before anything that could wait on the database.
    "cms.health.HealthzMiddleware",
    # Then an anonymous visitor's cached page is answered before anything else runs.
    "cms.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.site_cache.CachedSiteMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the user remembered for USER_CACHE_SECONDS (accounts/session_user.py).
    "accounts.session_user.RememberedUserAuthenticationMiddleware",
    # Django's, with the storage opened only by a request that uses it (cms/lazy_messages.py).
    "cms.lazy_messages.LazyMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "schools.mfa_guard.SecondFactorRequiredMiddleware",
    "schools.admin_guard.SchoolAdminGuardMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.chrome",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default; DATABASE_URL switches to PostgreSQL (psycopg 3).
SUPPORTED_DATABASE_SCHEMES = ("sqlite", "postgres", "postgresql", "pgsql")
POSTGRES_ENGINE = "config.postgres"
DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")


def postgres_timeouts() -> dict:
    """libpq options that bound every wait on PostgreSQL: without them a network partition
    holds a worker for psycopg's 130 s connect wait or the kernel's 2-hour keepalive, and a
    runaway query for ever. A DATABASE_URL query string (?connect_timeout=...) overrides them."""
    statement_ms = env.int("DB_STATEMENT_TIMEOUT_MS", default=30_000)  # 0: no limit (migrations)
    return {
        "connect_timeout": env.int("DB_CONNECT_TIMEOUT", default=5),
        "options": f"-c statement_timeout={statement_ms}",
        "keepalives": 1,
        "keepalives_idle": env.int("DB_KEEPALIVES_IDLE", default=30),
        "keepalives_interval": env.int("DB_KEEPALIVES_INTERVAL", default=10),
        "keepalives_count": env.int("DB_KEEPALIVES_COUNT", default=3),
        # Data sent but unacknowledged this long (a partition mid-query): the connection drops.
        "tcp_user_timeout": env.int("DB_TCP_USER_TIMEOUT_MS", default=30_000),
    }


def database_from_url(url: str) -> dict:
    scheme = urlsplit(url).scheme
    if scheme not in SUPPORTED_DATABASE_SCHEMES:
        raise ImproperlyConfigured(
            f"DATABASE_URL has an unsupported scheme {scheme!r}: use "
            "postgres://user:password@host:5432/name or sqlite:////absolute/path.sqlite3"
        )
    try:
        config = environ.Env.db_url_config(url)
    except Exception as exc:  # environ raises several types for a malformed URL
        raise ImproperlyConfigured(f"DATABASE_URL could not be parsed: {exc}") from exc
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    if config["ENGINE"] == "django.db.backends.postgresql":
        config["OPTIONS"] = {**postgres_timeouts(), **config.get("OPTIONS", {})}
        # Django's, skipping the per-request health check when the connection just proved itself.
        config["ENGINE"] = POSTGRES_ENGINE
    # A connection kept between requests saves opening the file (SQLite) or a TCP and auth
    # round trip (PostgreSQL) on every request.
    config["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    if config["ENGINE"] != "django.db.backends.sqlite3":
        config["CONN_HEALTH_CHECKS"] = True
    config["ATOMIC_REQUESTS"] = False
    return config


DATABASES = {"default": database_from_url(DATABASE_URL)}
# PostgreSQL: the hot paths' hand-written queries are prepared once per connection
# (config/postgres). Set 0 behind a pooler that cannot keep prepared statements (PgBouncer in
# transaction mode before 1.21).
DB_PREPARED_STATEMENTS = env.bool("DB_PREPARED_STATEMENTS", default=True)
# /healthz opens its own connection with this connect and statement timeout (psycopg's least
# connect timeout is 2 s), so a probe answers 503 in that time when the database does not.
HEALTHZ_DB_TIMEOUT = env.int("HEALTHZ_DB_TIMEOUT", default=2)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ---------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's, with one Redis client per pool rather than one per operation.
            "BACKEND": "cms.redis_cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="nmt"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Pages, outlines and sessions share it. Each worker has its own: 1,000 entries (a
            # cached page is 20-60 KB) keep a worker within its memory budget.
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Each worker remembers a signed-in user's row this many seconds (accounts/session_user.py): a
# deactivation or a password change made elsewhere applies within it. 0 loads it every request.
USER_CACHE_SECONDS = env.int("USER_CACHE_SECONDS", default=5)
# Anonymous visitors' pages (cms/page_cache.py): kept this long at most, and dropped on any
# publish. 0 turns the page cache off. The stamp file carries the generation between the
# workers of one machine when the cache is local memory.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
PAGE_CACHE_ALIAS = "default"
# With a shared cache (Redis) each worker reads the generations at most this often (seconds):
# a publish made in another worker shows within it, in this worker at once (cms/page_cache.py).
PAGE_GENERATION_CHECK_SECONDS = env.float("PAGE_GENERATION_CHECK_SECONDS", default=1.0)
# Each worker also keeps anonymous pages in its own memory, this many bytes of them (4 MB: a
# page is 5-60 KB, and a worker stays under its 200 MB budget).
PAGE_MEMO_BYTES = env.int("PAGE_MEMO_BYTES", default=4 * 1024 * 1024)
# Outlines, routes and rendered lesson bodies (cms/content_cache.py), dropped on any publish too.
CONTENT_CACHE_SECONDS = env.int("CONTENT_CACHE_SECONDS", default=3600)
# Each worker also keeps the content values it has used, in its own memory, until the next publish:
# at most this many (a rendered lesson body is 5-50 KB), the least recently used dropped first.
CONTENT_MEMO_ENTRIES = env.int("CONTENT_MEMO_ENTRIES", default=500)
PAGE_CACHE_STAMP_FILE = env.path(
    "PAGE_CACHE_STAMP_FILE", default=BASE_DIR / "var" / "page-cache.stamp"
)
# Repeat lesson visits are counted per worker and written this often (seconds; 0: at once) or
# every this many rows (courses/services/visit_counts.py). First visits are written at once.
LESSON_VISIT_FLUSH_SECONDS = env.float("LESSON_VISIT_FLUSH_SECONDS", default=5.0)
LESSON_VISIT_FLUSH_ROWS = env.int("LESSON_VISIT_FLUSH_ROWS", default=200)

# --- Background tasks -----------------------------------------------------------------------
# "database" (django-tasks-db, run `manage.py db_worker`) is the default; "rq" needs REDIS_URL
# and `manage.py rqworker`; "immediate" runs tasks in-process (tests).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
TASKS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in TASKS_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND={TASKS_BACKEND!r}: choose one of {', '.join(TASKS_BACKENDS)}"
    )
if TASKS_BACKEND == "rq":
    if not REDIS_URL:
        raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    # django-tasks' job class: RQ's own tries to call the Task object and fails every job.
    RQ = {"JOB_CLASS": "django_tasks_rq.Job"}
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}

# --- Auth and allauth -----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# The only backend: allauth's, refusing accounts whose address is not verified (when
# verification is mandatory) on every path, the admins' and the test client's included.
AUTHENTICATION_BACKENDS = ["accounts.auth_backends.VerifiedEmailBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
# The confirmation link logs the learner in, but only in the browser session that signed up
# (allauth checks); a link opened anywhere else just verifies the address.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# ACCOUNT_RATE_LIMITS is left unset on purpose: allauth's defaults throttle login failures,
# signups and password resets.
# --- Two-factor authentication (allauth.mfa) ------------------------------------------------
# An authenticator app (TOTP) with recovery codes, and passkeys / security keys (WebAuthn), all
# managed at /accounts/2fa/. Whoever has one is asked for it after the password, on the site's
# and the admins' one login. allauth's "login_failed" limit (per address, through our client_ip,
# and per user, in the default cache) also counts wrong codes.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "NMT Academy"
MFA_PASSKEY_LOGIN_ENABLED = False
# Browsers allow WebAuthn on http://localhost; the origin check must then accept http. Only
# with DEBUG (or in tests): a production site is served over HTTPS.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env.bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", default=DEBUG)
# True: platform staff and school admins without a second factor are sent to set one up before
# the admin or any school-admin page (schools/mfa_guard.py). On by default in production.py.
MFA_REQUIRED_FOR_STAFF = env.bool("MFA_REQUIRED_FOR_STAFF", default=False)
# Reverse proxies in front of the site (README, "Reverse proxy"): the client's address is the
# entry this many places from the right of X-Forwarded-For. 0 trusts no header: REMOTE_ADDR.
# allauth's and our rate limits count per that address (accounts/client_ip.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# --- Email ----------------------------------------------------------------------------------
# EMAIL_URL picks the backend: consolemail:// (the default: printed, for development),
# smtp+tls://user:password@host:587, memorymail:// (tests). ANYMAIL_ESP sends through a
# provider's API with django-anymail instead (amazon_ses, brevo, mailgun, mailjet, postmark,
# resend, sendgrid, sparkpost...): its settings are the ANYMAIL_* variables without the
# prefix, e.g. ANYMAIL_ESP=postmark with ANYMAIL_POSTMARK_SERVER_TOKEN=...
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
ANYMAIL_ESP = env.str("ANYMAIL_ESP", default="")
if ANYMAIL_ESP:
    if not ANYMAIL_ESP.replace("_", "").isalnum():
        raise ImproperlyConfigured(f"ANYMAIL_ESP={ANYMAIL_ESP!r} is not a provider's module name")
    EMAIL_BACKEND = f"anymail.backends.{ANYMAIL_ESP}.EmailBackend"
    ANYMAIL = {
        name.removeprefix("ANYMAIL_"): value
        for name, value in os.environ.items()
        if name.startswith("ANYMAIL_") and name != "ANYMAIL_ESP"
    }
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="NMT Academy <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Reminders (notifications/, queued by `manage.py send_reminders` once a day): a learner idle
# this many days on a course they started; a renewal cycle ending in these many days with hours
# missing; completions due to a tracking system (CE Broker) in these many days; provider and
# course approvals expiring in these many days.
NOTIFY_INACTIVITY_DAYS = env.int("NOTIFY_INACTIVITY_DAYS", default=14)
NOTIFY_RENEWAL_DAYS = tuple(env.list("NOTIFY_RENEWAL_DAYS", cast=int, default=[90, 30]))
NOTIFY_REPORT_DAYS = tuple(env.list("NOTIFY_REPORT_DAYS", cast=int, default=[7, 2]))
NOTIFY_APPROVAL_DAYS = tuple(env.list("NOTIFY_APPROVAL_DAYS", cast=int, default=[60, 14]))

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
# locale/en: the site's wording for allauth's English text ("Log in", "Sign up").
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and times by name (DATETIME_FORMAT, TIME_FORMAT) from config/formats/<language>/.
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# MEDIA_STORAGE=s3 keeps uploads and certificate PDFs on S3-compatible storage (AWS, MinIO,
# Ceph, R2) through django-storages, so every web server and task worker sees the same files.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            # Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the instance's role.
            "default_acl": None,
            "file_overwrite": False,
            # Media links are signed and expire: a handout is not public because its URL leaked.
            "querystring_auth": True,
            "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", default=3600),
        },
    }
    # Learners' own certificates from other providers: under their own prefix, read only
    # through views that check who asks (records/external_credit), never by a media link.
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**STORAGES["default"]["OPTIONS"], "location": "private", "custom_domain": None},
    }
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured(f"MEDIA_STORAGE={MEDIA_STORAGE!r}: use filesystem or s3")
else:
    # Outside MEDIA_ROOT, so no media URL (nor runserver's static serving) ever reaches it.
    STORAGES["private"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")},
    }


def _media_sources(options: dict) -> list[str]:
    """Where pages may load images and media from besides the site: the S3 host (cms/csp.py)."""
    if options.get("custom_domain"):
        return [f"https://{options['custom_domain']}"]
    if options.get("endpoint_url"):
        endpoint = urlsplit(options["endpoint_url"])
        return [f"{endpoint.scheme}://{endpoint.netloc}"]
    # boto3 signs links for the global or the regional host, depending on region and version.
    bucket, region = options["bucket_name"], options.get("region_name")
    hosts = [f"https://{bucket}.s3.amazonaws.com"]
    return [*hosts, f"https://{bucket}.s3.{region}.amazonaws.com"] if region else hosts


CSP_MEDIA_SOURCES = _media_sources(STORAGES["default"]["OPTIONS"]) if MEDIA_STORAGE == "s3" else []

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "NMT Academy"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Only the players the video block names and the CSP frames: an embed's HTML is rendered as the
# provider sends it, so no other oEmbed provider gets to put markup on a lesson.
WAGTAILEMBEDS_FINDERS = [
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [oembed_providers.youtube, oembed_providers.vimeo],
    }
]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "csv", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no network calls from the admin
# Wagtail's admin and front-end logins lead to allauth's, and passwords are changed and reset
# there too: Wagtail's own forms would skip allauth's throttles and e-mail verification.
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# No avatars from gravatar.com: they would leak editors' e-mail hashes, and the CSP refuses them.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Security -------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's preview views set SAMEORIGIN on their own responses, so the rest can be DENY.
X_FRAME_OPTIONS = "DENY"

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every rendering step at INFO ("Step 2 - Fetching and parsing CSS").
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Stripe (payments issue) ----------------------------------------------------------------
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
# Stripe Tax on Checkout Sessions (needs tax registrations in the Stripe dashboard).
STRIPE_AUTOMATIC_TAX = env.bool("STRIPE_AUTOMATIC_TAX", default=False)
# The platform's share of a payment to a school with a Stripe payout account, in percent.
STRIPE_PLATFORM_FEE_PERCENT = env.float("STRIPE_PLATFORM_FEE_PERCENT", default=0.0)

# --- Payment gateway (commerce/gateways/) ---------------------------------------------------
# "stripe", or "local": an embedded checkout that takes no money, so development and the demo
# can sell a course without Stripe keys. Local by default only in development without a Stripe
# key; production.py refuses it. STRIPE_TEST_CHECKOUT=1 (or 0) is its deprecated old name.
PAYMENT_GATEWAYS = ("stripe", "local")
_local_by_default = env.bool("STRIPE_TEST_CHECKOUT", default=DEBUG and not STRIPE_SECRET_KEY)
PAYMENT_GATEWAY = env.str("PAYMENT_GATEWAY", default="local" if _local_by_default else "stripe")
if PAYMENT_GATEWAY not in PAYMENT_GATEWAYS:
    raise ImproperlyConfigured(
        f"PAYMENT_GATEWAY={PAYMENT_GATEWAY!r}: choose one of {', '.join(PAYMENT_GATEWAYS)}"
    )

# --- Credentials (Open Badges 3.0) ----------------------------------------------------------
# The Ed25519 private key (PEM) that signs every certificate's credential: the PEM itself
# (newlines may be written as \n) or a file holding it. Required when DEBUG is off
# (production.py refuses to start without it); with DEBUG on, a key is generated into the
# git-ignored var/ folder on first use.
CREDENTIAL_SIGNING_KEY = env.str("CREDENTIAL_SIGNING_KEY", default="", multiline=True)
CREDENTIAL_SIGNING_KEY_FILE = env.str("CREDENTIAL_SIGNING_KEY_FILE", default="")
CREDENTIAL_DEV_KEY_FILE = BASE_DIR / "var" / "credential-signing-key.pem" if DEBUG else None
# Public keys (a PEM file, one or more keys) of signing keys no longer in use: still published,
# so credentials signed before a key change keep verifying.
CREDENTIAL_RETIRED_PUBLIC_KEYS_FILE = env.str("CREDENTIAL_RETIRED_PUBLIC_KEYS_FILE", default="")

# --- CE records -----------------------------------------------------------------------------
# Certificates, rosters, attempts, attendance and evaluations cannot be deleted until this many
# years after their last date (NCBTMB asks providers to keep records 6 years).
CE_RECORD_RETENTION_YEARS = env.int("CE_RECORD_RETENTION_YEARS", default=6)
# Seat time (courses/reading_time.py): the lesson page reports every HEARTBEAT seconds while the
# tab is visible and used; a gap over IDLE seconds, or a claim over HEARTBEAT + SLACK, is not
# credited.
SEAT_TIME_HEARTBEAT_SECONDS = env.int("SEAT_TIME_HEARTBEAT_SECONDS", default=20)
SEAT_TIME_IDLE_SECONDS = env.int("SEAT_TIME_IDLE_SECONDS", default=120)
SEAT_TIME_SLACK_SECONDS = env.int("SEAT_TIME_SLACK_SECONDS", default=10)
# A factor on each lesson's minimum reading time derived from its words and media: 1 is the
# real time; LESSON_MIN_SECONDS_SCALE=0.05 walks the demo in minutes. production.py forces 1.
LESSON_MIN_SECONDS_SCALE = env.float("LESSON_MIN_SECONDS_SCALE", default=1.0)
# Live sessions: the check-in QR code changes every ROTATE seconds and is accepted until the
# next one is replaced; missing up to GRACE minutes of a session still counts as full attendance.
LIVE_QR_ROTATE_SECONDS = env.int("LIVE_QR_ROTATE_SECONDS", default=30)
LIVE_ATTENDANCE_GRACE_MINUTES = env.int("LIVE_ATTENDANCE_GRACE_MINUTES", default=10)

# --- Reporting to tracking systems (records/tracking/) ------------------------------------
# Tracking-system passwords and keys are stored encrypted with FIELD_ENCRYPTION_KEY (a Fernet
# key; several comma-separated, newest first, to rotate). Required when DEBUG is off; with
# DEBUG on, a key is derived from SECRET_KEY.
FIELD_ENCRYPTION_KEY = env.str("FIELD_ENCRYPTION_KEY", default="")
# Each tracking system a body names (AccreditingBody.tracking_system): its default transport,
# web-service address and timeout. The deadline is each body's reporting_days. A system not
# listed here gets the roster spreadsheet.
CEBROKER_URL = env.str("CEBROKER_URL", default="")
CEBROKER_VALIDATION_URL = env.str("CEBROKER_VALIDATION_URL", default="")
TRACKING_SYSTEMS = {
    "CE Broker": {
        "transport": "cebroker_xml",
        "url": CEBROKER_URL,
        "validation_url": CEBROKER_VALIDATION_URL,
        "timeout": env.float("CEBROKER_TIMEOUT", default=30.0),
    },
}
# Records per message or roster file; a worker holds a batch this long before another may
# resend it; failures are retried after BASE, 2 x BASE, 4 x BASE... seconds, at most MAX.
TRACKING_BATCH_SIZE = env.int("TRACKING_BATCH_SIZE", default=500)
TRACKING_LEASE_SECONDS = env.int("TRACKING_LEASE_SECONDS", default=900)
TRACKING_RETRY_BASE_SECONDS = env.int("TRACKING_RETRY_BASE_SECONDS", default=300)
TRACKING_RETRY_MAX_SECONDS = env.int("TRACKING_RETRY_MAX_SECONDS", default=6 * 3600)
# The licence check the profile form calls (accounts sits below records, so it is named here);
# answers from the validation service are cached this long.
LICENCE_CHECK = "records.licences.profile_licence_check"
# What holds back the reports of an issued certificate (a licence that failed the check at
# issue), shown on the learner's certificate page (certificates sits below records).
CERTIFICATE_LICENCE_PROBLEMS = "records.licence_recheck.certificate_licence_problems"
LICENCE_CHECK_CACHE_SECONDS = env.int("LICENCE_CHECK_CACHE_SECONDS", default=7 * 24 * 3600)

# --- Question imports -----------------------------------------------------------------------
# A GIFT or Moodle XML file is refused above MAX_BYTES or MAX_QUESTIONS; one of more than
# BACKGROUND_ABOVE questions is imported by the task worker while the editor watches its progress.
QUESTION_IMPORT_MAX_BYTES = env.int("QUESTION_IMPORT_MAX_BYTES", default=2 * 1024 * 1024)
QUESTION_IMPORT_MAX_QUESTIONS = env.int("QUESTION_IMPORT_MAX_QUESTIONS", default=500)
QUESTION_IMPORT_BACKGROUND_ABOVE = env.int("QUESTION_IMPORT_BACKGROUND_ABOVE", default=50)
# A job the worker has not moved for this long is given up: its worker died.
QUESTION_IMPORT_STALL_SECONDS = env.int("QUESTION_IMPORT_STALL_SECONDS", default=300)

_refuse_insecure_secret_key(SECRET_KEY, DEBUG)
