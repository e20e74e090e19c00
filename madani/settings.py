"""Madani settings: one module, driven by environment variables (DESIGN.md §3).

Zero configuration gives a working SQLite development set-up. With ``MADANI_PRODUCTION=1`` the
platform refuses to start without its secrets.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no setting. Anything but the usual words stops start-up: "ture" must not mean off."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a yes/no value: use one of {', '.join(sorted(TRUE_WORDS | FALSE_WORDS))}."
    )


def env_int(name: str, default: int) -> int:
    """A whole-number setting; anything else stops start-up with the setting's name."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_choice(name: str, default: str, choices) -> str:
    """One of a few words; anything else stops start-up with the words allowed."""
    value = os.environ.get(name, "").strip() or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} is not one of: {', '.join(choices)}.")
    return value


# Every variable Madani reads is MADANI_-prefixed, except those named as Django or a library names them
# (SECRET_KEY, DEBUG, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL…); each is in the README's table, which a
# test compares with this file (madani/core/tests/test_settings.py). A variable that was renamed stops
# start-up rather than being silently ignored.
RENAMED = {"DATABASE_CONN_MAX_AGE": "MADANI_DATABASE_CONN_MAX_AGE", "LOG_LEVEL": "MADANI_LOG_LEVEL"}
for old_name, new_name in RENAMED.items():
    if old_name in os.environ:
        raise ImproperlyConfigured(f"{old_name} is now called {new_name}: rename it in the environment.")

PRODUCTION = env_bool("MADANI_PRODUCTION")


def env_secret(name: str, dev_default: str) -> str:
    """A secret: required in production, a fixed development value otherwise."""
    value = os.environ.get(name, "")
    if value:
        return value
    if PRODUCTION:
        raise ImproperlyConfigured(f"{name} must be set when MADANI_PRODUCTION is on.")
    return dev_default


SECRET_KEY = env_secret("SECRET_KEY", "madani-development-only-key-not-for-production-use-0123456789")
DEBUG = env_bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when MADANI_PRODUCTION is on.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Demo mode: two-factor authentication is not required, and the login page says so.
DEMO = env_bool("MADANI_DEMO")
REQUIRE_2FA = env_bool("MADANI_REQUIRE_2FA", default=not DEMO)

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "madani.core.apps.MadaniAdminConfig",  # django.contrib.admin, its login through allauth
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "template_partials",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "simple_history",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Madani apps
    "madani.core",
    "madani.branches",
    "madani.accounts",
    "madani.places",
    "madani.organizations",
    "madani.people",
    "madani.activities",
    "madani.consultations",
    "madani.assessments",
    "madani.collect",
    "madani.certificates",
    "madani.indicators",
    "madani.dashboard",
    "madani.reports",
    "madani.news",
    "madani.library",
    "madani.directory",
    "madani.coworking",
    "madani.grants",
    # The forum before the networks: its addresses (/networks/<slug>/forum/…) are matched before a
    # network site's catch-all ones.
    "madani.forum",
    "madani.networks",
    "madani.elections",
    "madani.public",
    "madani.api",
]

MIDDLEWARE = [
    "madani.core.request_id.RequestIdMiddleware",  # first: every log line of the request carries its id
    "django.middleware.security.SecurityMiddleware",
    "madani.core.middleware.PermissionsPolicyMiddleware",  # before WhiteNoise: static files carry it too
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "madani.api.middleware.ApiMiddleware",  # /api/: Accept-Language (it has no /en/ prefix), JSON 404s
    "madani.core.middleware.RefuseNulCharactersMiddleware",  # after the language is chosen: its refusal is in it
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "madani.core.middleware.PrivateCacheMiddleware",
    "madani.core.middleware.RequireTwoFactorMiddleware",
]

ROOT_URLCONF = "madani.urls"
WSGI_APPLICATION = "madani.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "madani" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "madani.core.context_processors.madani",
            ],
        },
    }
]

# Database: DATABASE_URL (postgres://user@host:5432/name) or the SQLite file.
SQLITE_PATH = Path(env_str("MADANI_SQLITE_PATH", str(BASE_DIR / "var" / "madani.sqlite3")))
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{SQLITE_PATH}",
        conn_max_age=env_int("MADANI_DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)  # zero configuration: var/ is made on first use
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds what every worker process must count together: login and public-form rate limits
# (allauth, django-ratelimit) and API throttles (DRF). It is shared by all processes: Redis when
# REDIS_URL is set, otherwise a table in the database (created by `migrate`, core/apps.py) — never a
# per-process memory cache, which would give each gunicorn worker its own count. allauth always uses the
# "default" alias, so the three share it; Madani caches nothing else there.
CACHE_TABLE = "madani_cache"
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}}
RATELIMIT_USE_CACHE = "default"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard:index"

# allauth: login by email, no usernames, no public sign-up (accounts are created by staff).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "madani.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
# Guessing limits, counted in the shared cache (CACHES) so that every worker counts together. Only
# failures count; a success takes its own attempt back. The address is the client's (core/net.py).
ACCOUNT_RATE_LIMITS = {
    # Every login form sent, per address.
    "login": "30/m/ip",
    # Failed passwords — and, in allauth's second step, failed TOTP or recovery codes (keyed there on
    # the user, whom only someone holding the password reaches): 10 a minute and 60 an hour per
    # address; 5 per 5 minutes per account *from one address* (accounts/adapter.py adds the address to
    # the key), so a stranger elsewhere never uses up the owner's attempts.
    "login_failed": "10/m/ip,60/h/ip,5/5m/key",
    # Failed passwords per account from all addresses together (a guesser with many addresses), 30 an
    # hour: not counted for a browser that has signed in to the account before (its known-device
    # cookie, accounts/adapter.py), so the owner is not locked out by it.
    "login_failed_account": "30/h/key",
    # Password asked again before sensitive changes (setting up TOTP…), per signed-in user.
    "reauthenticate": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Madani"
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "madani@localhost")

# Internationalisation: Arabic first (at /), English under /en/.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "ar"
MODELTRANSLATION_LANGUAGES = ("ar", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ar", "en")


def _localized_verbose_name(verbose_name, lang):
    """A translated field's label: "description (Arabic)", «الوصف (بالعربية)» — not "description [ar]"."""
    from django.utils.translation import gettext

    if lang == "ar":
        return gettext("%(field)s (Arabic)") % {"field": verbose_name}
    if lang == "en":
        return gettext("%(field)s (English)") % {"field": verbose_name}
    return f"{verbose_name} ({lang})"


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _localized_verbose_name
FORMAT_MODULE_PATH = ["madani.formats"]
LOCALE_PATHS = [BASE_DIR / "madani" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Damascus"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "madani" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Uploaded files go through Django's storage API: local disk by default, an S3-compatible store
# (django-storages) when MADANI_S3_BUCKET is set. Files are never served from MEDIA_URL: every download
# goes through a view that checks permissions first.
S3_BUCKET = env_str("MADANI_S3_BUCKET")
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("MADANI_S3_ENDPOINT_URL") or None,
            "region_name": env_str("MADANI_S3_REGION") or None,
            "access_key": env_secret("MADANI_S3_ACCESS_KEY", ""),
            "secret_key": env_secret("MADANI_S3_SECRET_KEY", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Static files as production serves them: hashed names (cached for a year) and brotli/gzip copies made
# by `collectstatic`, which must have run (production, `make demo`). Off for development and tests.
STATIC_COMPRESSED = env_bool("MADANI_STATIC_COMPRESSED", default=PRODUCTION)
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_COMPRESSED
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "madani.api.authentication.TokenAuthentication",  # the tokens users make on their profile page
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["madani.api.permissions.RulePermission"],
    "DEFAULT_FILTER_BACKENDS": ["madani.api.filters.StrictFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "madani.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "madani.api.schema.ApiSchema",
    # Counted in the shared cache, per client address for anonymous requests (failed token guesses
    # included: api/exceptions.py) and per user otherwise.
    "DEFAULT_THROTTLE_CLASSES": [
        "madani.api.throttling.AnonRateThrottle",
        "madani.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "1200/min"},
    "EXCEPTION_HANDLER": "madani.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Madani API",
    "DESCRIPTION": "The registry and ledger of a civil-society support center.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # One name for a choice set that several models use (an organization's stage, a call's minimum stage).
    "ENUM_NAME_OVERRIDES": {"IncubationStageEnum": "madani.organizations.models.IncubationStage"},
}

# Security (DESIGN.md §5). Content-Security-Policy without 'unsafe-inline'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Public forms are rate-limited per client IP (django-ratelimit, on the shared cache above). Behind a proxy
# that sets it, name the header holding the client's address, e.g. HTTP_X_REAL_IP.
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY") or None
# The rates of the public pages (core/public_forms.py), as django-ratelimit writes them ("5/h": five an
# hour): the public forms (registration for open trainings, consultation requests, training suggestions),
# and certificate checks (a guessed code costs a try).
MADANI_PUBLIC_FORM_RATE = env_str("MADANI_PUBLIC_FORM_RATE", "5/h")
MADANI_CERTIFICATE_VERIFY_RATE = env_str("MADANI_CERTIFICATE_VERIFY_RATE", "30/m")

# The public never sees a group smaller than this (DESIGN.md §5).
MADANI_MIN_CELL_SIZE = env_int("MADANI_MIN_CELL_SIZE", 5)
# A needs-assessment domain scoring under this percentage is a capacity gap (assessments/reports.py).
MADANI_ASSESSMENT_GAP_THRESHOLD = env_int("MADANI_ASSESSMENT_GAP_THRESHOLD", 60)
# The center's IATI organisation identifier (https://org-id.guide); its name comes from the center's
# profile (public.CenterProfile). Development uses an identifier that says so; in production nothing is
# assumed, and the IATI files are refused until both are set (reports/iati.py).
MADANI_IATI_ORG_REF = env_str("MADANI_IATI_ORG_REF", "" if PRODUCTION else "ZZ-MADANI-DEV")
# Age bands of the indicators' age-group breakdown (indicators/engine.py): "low-high" or "low+".
MADANI_AGE_BANDS = env_str("MADANI_AGE_BANDS", "0-17,18-24,25-34,35-59,60+")

# The library's largest file per kind of resource, in megabytes (a proxy in front must accept as much).
MADANI_LIBRARY_MAX_DOCUMENT_MB = env_int("MADANI_LIBRARY_MAX_DOCUMENT_MB", 20)
MADANI_LIBRARY_MAX_AUDIO_MB = env_int("MADANI_LIBRARY_MAX_AUDIO_MB", 100)
MADANI_LIBRARY_MAX_VIDEO_MB = env_int("MADANI_LIBRARY_MAX_VIDEO_MB", 500)

# Network forums (madani/forum): a new author's posts wait for a moderator until this many of theirs in
# the forum have been approved; this many distinct flags hide a post pending review.
MADANI_FORUM_TRUSTED_AFTER = env_int("MADANI_FORUM_TRUSTED_AFTER", 3)
MADANI_FORUM_FLAGS_TO_HIDE = env_int("MADANI_FORUM_FLAGS_TO_HIDE", 3)

# Uploaded spreadsheets are bounded before they are parsed (core/uploads.py): the unpacked size of an
# .xlsx (zip bomb), the rows of each sheet of an XLSForm, the rows of an attendance / Kobo import sheet.
MADANI_XLSX_MAX_UNPACKED_MB = env_int("MADANI_XLSX_MAX_UNPACKED_MB", 50)
MADANI_XLSFORM_MAX_ROWS = env_int("MADANI_XLSFORM_MAX_ROWS", 5000)
MADANI_IMPORT_MAX_ROWS = env_int("MADANI_IMPORT_MAX_ROWS", 20000)

# The co-working space takes bookings between these hours (local time, TIME_ZONE), except on the closed
# days (English day names, comma-separated).
COWORKING_OPENING_HOUR = env_int("MADANI_COWORKING_OPENING_HOUR", 8)
COWORKING_CLOSING_HOUR = env_int("MADANI_COWORKING_CLOSING_HOUR", 18)
COWORKING_CLOSED_DAYS = env_list("MADANI_COWORKING_CLOSED_DAYS", "friday")

# Background jobs (django-tasks), run by `manage.py worker` (`make demo` starts one): on Redis through RQ
# (django-tasks-rq) when REDIS_URL is set — the queue several app servers and workers share, as the cache
# and the sessions are — otherwise in the database (django-tasks-db). MADANI_TASKS_BACKEND chooses
# explicitly; `immediate` runs jobs inside the request (tests use it).
TASKS_BACKENDS = {
    "redis": "django_tasks_rq.RQBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = env_choice("MADANI_TASKS_BACKEND", "redis" if REDIS_URL else "database", TASKS_BACKENDS)
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND]}}
if TASKS_BACKEND == "redis":
    if not REDIS_URL:
        raise ImproperlyConfigured("MADANI_TASKS_BACKEND=redis needs REDIS_URL.")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS["default"]["QUEUES"] = ["default"]
    # RQ stops a job after DEFAULT_TIMEOUT seconds; a report on a large program takes minutes, not an hour.
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": env_int("MADANI_JOB_TIMEOUT_SECONDS", 3600)}}
# A running job's worker renews its lease at every step and every quarter of this; a job whose lease
# expired was lost with its worker and is queued again once, then failed (madani/core/jobs.py).
MADANI_JOB_LEASE_SECONDS = env_int("MADANI_JOB_LEASE_SECONDS", 60)
if MADANI_JOB_LEASE_SECONDS < 1:
    raise ImproperlyConfigured("MADANI_JOB_LEASE_SECONDS must be at least 1.")

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# One line per record, each with the request's id (core/request_id.py; "-" outside a request).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "madani.core.request_id.RequestIdFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "line"}},
    "root": {"handlers": ["console"], "level": env_choice("MADANI_LOG_LEVEL", "WARNING", LOG_LEVELS)},
}

# Worker heartbeat (manage.py worker) and when /healthz calls it stale (core/health.py).
MADANI_WORKER_HEARTBEAT_SECONDS = env_int("MADANI_WORKER_HEARTBEAT_SECONDS", 15)
MADANI_WORKER_HEARTBEAT_STALE_SECONDS = env_int("MADANI_WORKER_HEARTBEAT_STALE_SECONDS", 60)

# Error reporting: with a DSN, unhandled errors go to Sentry (or a Sentry-compatible service such as
# GlitchTip) with the request id; no personal data is sent (send_default_pii off).
MADANI_SENTRY_DSN = env_str("MADANI_SENTRY_DSN")
if MADANI_SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=MADANI_SENTRY_DSN,
        send_default_pii=False,
        environment=env_str("MADANI_SENTRY_ENVIRONMENT") or ("production" if PRODUCTION else "development"),
        traces_sample_rate=0.0,
    )
