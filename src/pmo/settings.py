"""Django settings for PMO, read from the environment.

| variable            | meaning                                                            |
| ------------------- | ------------------------------------------------------------------ |
| DATABASE_URL        | database; default an SQLite file in PMO_DATA_DIR                   |
| PMO_DATA_DIR        | folder for the default database and secret key (default ./data)    |
| PMO_SECRET_KEY      | secret key; default: generated once and kept in PMO_DATA_DIR        |
| PMO_DEBUG           | 1/true for Django's debug mode (never in production)               |
| PMO_ALLOWED_HOSTS   | comma-separated host names (default 127.0.0.1,localhost)            |
| PMO_BASE_URL        | the address users open, for links in e-mail (default http://127.0.0.1:8000) |
| PMO_EMAIL_URL       | smtp://user:password@host:587 to send e-mail; default: printed to the console |
| PMO_EMAIL_FROM      | sender of PMO e-mail (default pmo@localhost)                        |
| PMO_SECURE_COOKIES  | 1 when users reach PMO over HTTPS: secure cookies, HSTS, HTTP → HTTPS redirect |
| PMO_BEHIND_PROXY    | 1 when a proxy in front terminates TLS and sets X-Forwarded-Proto   |
| PMO_CSRF_TRUSTED_ORIGINS | comma-separated origins (https://pmo.example.nl) allowed to post forms |
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, SELF
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("PMO_DATA_DIR", Path.cwd() / "data")).resolve()


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    if os.environ.get("PMO_SECRET_KEY"):
        return os.environ["PMO_SECRET_KEY"]
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if not url:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{DATA_DIR / 'pmo.sqlite3'}"
    config = dj_database_url.parse(url, conn_max_age=60 if url.startswith("postgres") else 0)
    # a kept connection is checked before a request uses it: after a database restart the next request
    # reconnects instead of failing on a dead connection (no restart of the app needed)
    config["CONN_HEALTH_CHECKS"] = True
    if config["ENGINE"].endswith("sqlite3"):
        # WAL lets the web server and the worker read while the other writes.
        config.setdefault("OPTIONS", {})["init_command"] = (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        )
        config["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    return config


SECRET_KEY = _secret_key()
DEBUG = _flag("PMO_DEBUG")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("PMO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("PMO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "pmo.core",
    "pmo.projects",
    "pmo.strategy",
    "pmo.schedule",
    "pmo.raid",
    "pmo.progress",
    "pmo.resources",
    "pmo.coe",
    "pmo.portfolio",
    "pmo.reports",
    "pmo.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pmo.urls"
WSGI_APPLICATION = "pmo.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pmo.core.context_processors.shell",
                "pmo.projects.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

BASE_URL = os.environ.get("PMO_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("PMO_EMAIL_FROM", "pmo@localhost")
_email = os.environ.get("PMO_EMAIL_URL", "")
if _email:  # smtp://user:password@host:port (smtps:// for TLS on connect)
    from urllib.parse import unquote, urlparse

    _parts = urlparse(_email)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST, EMAIL_PORT = _parts.hostname or "localhost", _parts.port or 587
    EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = unquote(_parts.username or ""), unquote(_parts.password or "")
    EMAIL_USE_SSL = _parts.scheme == "smtps"
    EMAIL_USE_TLS = not EMAIL_USE_SSL
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False  # grouping only where asked (money), never in ids
FORMAT_MODULE_PATH = ["pmo.formats"]

STATIC_URL = "static/"
STATIC_ROOT = os.environ.get("PMO_STATIC_ROOT") or None  # only for `pmo collectstatic` behind a web server
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # serve straight from the package: no collectstatic step needed
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = _flag("PMO_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# served over HTTPS (PMO_SECURE_COOKIES): browsers are told to come back over HTTPS only, for a year
SECURE_HSTS_SECONDS = 31_536_000 if SESSION_COOKIE_SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = SESSION_COOKIE_SECURE
if _flag("PMO_BEHIND_PROXY"):  # the proxy says whether the user's request came in over HTTPS
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# passwords: scrypt (memory-hard, in Python's standard library); older PBKDF2 hashes still work and are
# rehashed with scrypt at the next sign-in
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": ["'none'"],
        "form-action": [SELF],
        "base-uri": [SELF],
    }
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# the largest document or template file a user may upload (bytes)
PMO_UPLOAD_MAX_BYTES = 10 * 1024 * 1024

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "pmo.core.api_defaults.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "pmo.core.api_defaults.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "PMO API",
    "DESCRIPTION": "Portfolio, programmes, projects and strategy of the Project Management Office.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"LifecycleEnum": "pmo.projects.lifecycle.Lifecycle"},
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# every `pmo worker` beats this often (seconds); a running job whose worker missed three beats is put back in
# the queue, and failed after PMO_JOB_ATTEMPTS tries (see pmo.core.jobs)
PMO_WORKER_HEARTBEAT = float(os.environ.get("PMO_WORKER_HEARTBEAT", "10"))
PMO_JOB_ATTEMPTS = int(os.environ.get("PMO_JOB_ATTEMPTS", "2"))

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PMO_LOG_LEVEL", "WARNING")},
}
