"""Settings read from the environment, with defaults that run on a laptop.

Every knob is an environment variable read through the small helpers below, so a
deployment sets variables and never edits this file (the Healthchecks way).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Thiếu biến môi trường {name} (required setting {name} is missing)")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} phải là 1/0, true/false (got {raw!r})")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} phải là số nguyên (got {raw!r})")


DEBUG = env_bool("DANCHU_DEBUG", False)
# A deployment must set its own key; the default only suits a laptop demo.
SECRET_KEY = env_str("DANCHU_SECRET_KEY", "danchu-demo-key-not-for-production")
ALLOWED_HOSTS = [h for h in env_str("DANCHU_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env_str("DANCHU_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

VAR_DIR = Path(env_str("DANCHU_VAR_DIR", str(PROJECT_DIR / "var")))

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'danchu.sqlite3'}"),
        conn_max_age=env_int("DANCHU_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while an import writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compiling costs more than it saves on the aggregation queries (docs/performance.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "danchu.audit",
    "danchu.units",
    "danchu.catalog",
    "danchu.values",
    "danchu.legal",
    "danchu.registers",
    "danchu.registers.petitions",
    "danchu.registers.reception",
    "danchu.analytics",
    "danchu.accounts",
    "danchu.collection",
    "danchu.reports",
    "danchu.demo",
    "danchu.web",
    "danchu.api",
    "ninja",  # serves Swagger UI from its own static files instead of a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "danchu.audit.middleware.RequestIdMiddleware",
]

ROOT_URLCONF = "danchu.urls"
WSGI_APPLICATION = "danchu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Vietnamese first; English through Django's i18n.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("DANCHU_TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# WhiteNoise serves static files from the app and node_modules folders directly, so the demo
# and a small server need no separate web server or collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Front-end libraries come from npm at set-up (node_modules), never from a CDN.
STATICFILES_DIRS = [("vendor/htmx", PROJECT_DIR / "node_modules" / "htmx.org" / "dist")]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Reporting periods end on this day of the month (Nghị định 09/2019/NĐ-CP: the year runs
# 15/12 to 14/12). 0 means calendar periods.
DANCHU_PERIOD_CUTOFF_DAY = env_int("DANCHU_PERIOD_CUTOFF_DAY", 14)
# Largest file an import accepts.
DANCHU_MAX_UPLOAD_BYTES = env_int("DANCHU_MAX_UPLOAD_MB", 10) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = DANCHU_MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = DANCHU_MAX_UPLOAD_BYTES

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DANCHU_LOG_LEVEL", "WARNING")},
    "filters": {"quiet_refusals": {"()": "danchu.web.logs.QuietRefusals"}},
    "loggers": {"django.request": {"filters": ["quiet_refusals"]}},
}
